<?cs # Feedback statistics for leaders: Data.Stats (agency id and name,
     category, cat (its name), received, answered, on time, late,
     reopened as columns 3-7), Data.Total.0-4, Form.tu, Form.den. ?>
<link rel="stylesheet" href="/static/css/office.css">
<div class="office-head">
<h1><?cs var:Lang.Feedback.Office.Stats ?></h1>
<p class="office-links"><a href="/can-bo/phan-anh?agency=<?cs var:Data.AgencyId ?>"><?cs var:Lang.Feedback.Office.Title ?></a></p>
</div>
<p><?cs var:Lang.Feedback.Office.StatsIntro ?></p>
<form method="get" action="/can-bo/phan-anh/thong-ke" class="filters">
<input type="hidden" name="agency" value="<?cs var:Data.AgencyId ?>">
<div class="form-group"><label for="tu"><?cs var:Lang.Feedback.Office.From ?></label><input id="tu" name="tu" type="date" value="<?cs var:Form.tu ?>"></div>
<div class="form-group"><label for="den"><?cs var:Lang.Feedback.Office.To ?></label><input id="den" name="den" type="date" value="<?cs var:Form.den ?>"></div>
<button type="submit" class="btn btn-secondary"><?cs var:Lang.Feedback.Office.Apply ?></button>
</form>
<p><a id="stats-csv" href="/can-bo/phan-anh/thong-ke.csv?agency=<?cs var:Data.AgencyId ?>&amp;tu=<?cs var:url_escape(Form.tu) ?>&amp;den=<?cs var:url_escape(Form.den) ?>"><?cs var:Lang.Feedback.Office.Csv ?></a></p>
<div class="table-wrap">
<table class="table table-stack" id="feedback-stats">
<thead><tr><th scope="col"><?cs var:Lang.Feedback.Agency ?></th><th scope="col"><?cs var:Lang.Feedback.Category ?></th><th scope="col" class="num"><?cs var:Lang.Feedback.Office.Received ?></th><th scope="col" class="num"><?cs var:Lang.Feedback.Office.AnsweredN ?></th><th scope="col" class="num"><?cs var:Lang.Feedback.Office.OnTime ?></th><th scope="col" class="num"><?cs var:Lang.Feedback.Office.Late ?></th><th scope="col" class="num"><?cs var:Lang.Feedback.Office.ReopenedN ?></th></tr></thead>
<tbody>
<?cs each:s = Data.Stats ?><tr>
<td data-label="<?cs var:Lang.Feedback.Agency ?>"><?cs var:s.name ?></td>
<td data-label="<?cs var:Lang.Feedback.Category ?>"><?cs var:s.cat ?></td>
<td class="num" data-label="<?cs var:Lang.Feedback.Office.Received ?>"><?cs var:s.received ?></td>
<td class="num" data-label="<?cs var:Lang.Feedback.Office.AnsweredN ?>"><?cs var:s.answered ?></td>
<td class="num" data-label="<?cs var:Lang.Feedback.Office.OnTime ?>"><?cs var:s.ontime ?></td>
<td class="num" data-label="<?cs var:Lang.Feedback.Office.Late ?>"><?cs var:s.late ?></td>
<td class="num" data-label="<?cs var:Lang.Feedback.Office.ReopenedN ?>"><?cs var:s.reopened ?></td>
</tr><?cs /each ?></tbody>
<tfoot><tr><th scope="row" colspan="2"><?cs var:Lang.Feedback.Office.Total ?></th><td class="num"><?cs var:Data.Total.0 ?></td><td class="num"><?cs var:Data.Total.1 ?></td><td class="num"><?cs var:Data.Total.2 ?></td><td class="num"><?cs var:Data.Total.3 ?></td><td class="num"><?cs var:Data.Total.4 ?></td></tr></tfoot>
</table>
</div>
