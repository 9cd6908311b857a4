<?cs # An agency's feedback (and its units'): Data.Feedback (code, status,
     category, created_at, due_at, dossier_code, agency, reopened, name,
     answered_at, round_at: the current round's start, colour: of the
     deadline in that round), Data.Status, Data.MyAgencies, Data.AgencyId, Data.IsLeader. ?>
<link rel="stylesheet" href="/static/css/office.css">
<div class="office-head">
<h1><?cs var:Lang.Feedback.Office.Title ?></h1>
<p class="office-links"><a href="/can-bo/?agency=<?cs var:Data.AgencyId ?>"><?cs var:Lang.Inbox.Title ?></a><?cs if:Data.IsLeader ?> <a href="/can-bo/phan-anh/thong-ke?agency=<?cs var:Data.AgencyId ?>"><?cs var:Lang.Feedback.Office.Stats ?></a><?cs /if ?></p>
</div>
<p><?cs var:Lang.Feedback.Office.Intro ?></p>
<form method="get" action="/can-bo/phan-anh" class="filters">
<?cs if:subcount(Data.MyAgencies) > 1 ?><div class="form-group"><label for="agency"><?cs var:Lang.Inbox.Agency ?></label>
<select id="agency" name="agency"><?cs each:a = Data.MyAgencies ?><option value="<?cs var:a.id ?>"<?cs if:a.id == Data.AgencyId ?> selected<?cs /if ?>><?cs var:a.name ?></option><?cs /each ?></select></div>
<?cs else ?><p class="agency-name"><?cs var:Data.MyAgencies.0.name ?></p><input type="hidden" name="agency" value="<?cs var:Data.AgencyId ?>"><?cs /if ?>
<div class="form-group"><label for="status"><?cs var:Lang.Feedback.Office.Filter ?></label>
<select id="status" name="status"><option value=""><?cs var:Lang.Feedback.Office.All ?></option>
<?cs each:s = Lang.Feedback.Status ?><option value="<?cs name:s ?>"<?cs if:Data.Status == name(s) ?> selected<?cs /if ?>><?cs var:s ?></option><?cs /each ?></select></div>
<button type="submit" class="btn btn-secondary"><?cs var:Lang.Feedback.Office.Apply ?></button>
</form>
<?cs if:subcount(Data.Feedback) ?>
<div class="table-wrap">
<table class="table inbox table-stack" id="feedback-list">
<thead><tr><th scope="col"><?cs var:Lang.Feedback.Office.Time ?></th><th scope="col"><?cs var:Lang.Feedback.Code ?></th><th scope="col"><?cs var:Lang.Feedback.Category ?></th><th scope="col"><?cs var:Lang.Feedback.Office.Sender ?></th><th scope="col"><?cs var:Lang.Feedback.Agency ?></th><th scope="col"><?cs var:Lang.Feedback.StatusLabel ?></th></tr></thead>
<tbody>
<?cs each:f = Data.Feedback ?><tr class="row-<?cs var:f.colour ?>">
<td data-label="<?cs var:Lang.Feedback.Office.Time ?>"><?cs if:f.colour != "none" ?><span class="dot dot-<?cs var:f.colour ?>"></span><span class="colour-text"><?cs var:Lang.Colour[f.colour] ?></span><br><?cs /if ?><?cs var:fmt_datetime(f.due_at) ?></td>
<td data-label="<?cs var:Lang.Feedback.Code ?>"><a href="/can-bo/phan-anh/<?cs var:url_escape(f.code) ?>"><?cs var:f.code ?></a><?cs if:f.dossier_code ?><br><span class="muted"><?cs var:Lang.Feedback.About ?> <?cs var:f.dossier_code ?></span><?cs /if ?></td>
<td data-label="<?cs var:Lang.Feedback.Category ?>"><?cs var:Lang.Feedback.Cat[f.category] ?></td>
<td data-label="<?cs var:Lang.Feedback.Office.Sender ?>"><?cs var:f.name ?><br><span class="muted"><?cs var:fmt_datetime(f.created_at) ?></span></td>
<td data-label="<?cs var:Lang.Feedback.Agency ?>"><?cs var:f.agency ?></td>
<td data-label="<?cs var:Lang.Feedback.StatusLabel ?>"><span class="tag fb-<?cs var:f.status ?>"><?cs var:Lang.Feedback.Status[f.status] ?></span><?cs if:f.reopened > 0 ?><br><span class="muted fb-round"><?cs var:Lang.Feedback.Office.Reopened ?>: <?cs var:f.reopened ?> · <?cs var:Lang.Feedback.Office.ReopenedAt ?> <?cs var:fmt_datetime(f.round_at) ?></span><?cs /if ?></td>
</tr>
<?cs /each ?></tbody>
</table>
</div>
<?cs else ?>
<p><?cs var:Lang.Feedback.Office.None ?></p>
<?cs /if ?>
