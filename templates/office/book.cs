<?cs # The tracking book (form 06): dossiers received by the agency in a
     period, optionally of one field; also as PDF. ?>
<link rel="stylesheet" href="/static/css/office.css">
<h1><?cs var:Lang.Book.Title ?></h1>
<form method="get" action="/can-bo/so-theo-doi" class="filters">
<input type="hidden" name="agency" value="<?cs var:Data.AgencyId ?>">
<div class="form-group"><label for="field"><?cs var:Lang.Inbox.Field ?></label>
<select id="field" name="field"><option value="0"><?cs var:Lang.Inbox.Any ?></option><?cs each:f = Data.Fields ?><option value="<?cs var:f.id ?>"<?cs if:f.id == Data.Field ?> selected<?cs /if ?>><?cs var:f.name ?></option><?cs /each ?></select></div>
<div class="form-group"><label for="from"><?cs var:Lang.Book.From ?></label><input id="from" name="from" type="date" value="<?cs var:Form.from ?>"></div>
<div class="form-group"><label for="to"><?cs var:Lang.Book.To ?></label><input id="to" name="to" type="date" value="<?cs var:Form.to ?>"></div>
<button type="submit" class="btn btn-secondary"><?cs var:Lang.Inbox.Filter ?></button>
<button type="submit" name="pdf" value="1" class="btn"><?cs var:Lang.Book.Pdf ?></button>
</form>
<?cs if:subcount(Data.Book) ?>
<div class="table-wrap"><table class="table table-stack">
<thead><tr><th scope="col">#</th><th scope="col"><?cs var:Lang.Dossier.Code ?></th><th scope="col"><?cs var:Lang.Dossier.Procedure ?></th><th scope="col"><?cs var:Lang.Dossier.Applicant ?></th><th scope="col"><?cs var:Lang.Dossier.Received ?></th><th scope="col"><?cs var:Lang.Dossier.Due ?></th><th scope="col"><?cs var:Lang.Dossier.Returned ?></th></tr></thead>
<tbody><?cs each:b = Data.Book ?><tr>
<td data-label="#"><?cs name:b ?></td>
<td data-label="<?cs var:Lang.Dossier.Code ?>"><a href="/can-bo/ho-so/<?cs var:url_escape(b.code) ?>"><?cs var:b.code ?></a></td>
<td data-label="<?cs var:Lang.Dossier.Procedure ?>"><?cs var:b.procedure_name ?></td>
<td data-label="<?cs var:Lang.Dossier.Applicant ?>"><?cs var:b.applicant_name ?></td>
<td data-label="<?cs var:Lang.Dossier.Received ?>"><?cs var:fmt_datetime(b.received_at) ?></td>
<td data-label="<?cs var:Lang.Dossier.Due ?>"><?cs var:fmt_datetime(b.due_at) ?></td>
<td data-label="<?cs var:Lang.Dossier.Returned ?>"><?cs if:b.returned_at ?><?cs var:fmt_datetime(b.returned_at) ?> · <?cs var:Lang.Channel[b.return_method] ?><?cs /if ?></td>
</tr><?cs /each ?></tbody></table></div>
<?cs else ?><p><?cs var:Lang.Book.Empty ?></p><?cs /if ?>
