<?cs # An officer's inbox: dossiers of one agency in one status. ?>
<h1><?cs var:Lang.Inbox.Title ?></h1>
<form method="get" action="/can-bo/" class="filters">
<?cs if:subcount(Data.MyAgencies) > 1 ?><label for="agency"><?cs var:Lang.Inbox.Agency ?></label>
<select id="agency" name="agency"><?cs each:a = Data.MyAgencies ?><option value="<?cs var:a.id ?>"<?cs if:a.id == Data.AgencyId ?> selected<?cs /if ?>><?cs var:a.name ?></option><?cs /each ?></select>
<?cs else ?><p><?cs var:Data.MyAgencies.0.name ?></p><input type="hidden" name="agency" value="<?cs var:Data.AgencyId ?>"><?cs /if ?>
<label for="status"><?cs var:Lang.Dossier.Status ?></label>
<select id="status" name="status"><?cs loop:s = 1, 10, 1 ?><option value="<?cs var:s ?>"<?cs if:s == Data.Status ?> selected<?cs /if ?>><?cs var:Lang.Status[s] ?></option><?cs /loop ?></select>
<button type="submit" class="btn btn-secondary"><?cs var:Lang.Inbox.Filter ?></button>
</form>
<?cs if:subcount(Data.Dossiers) ?>
<div class="table-wrap">
<table class="table">
<thead><tr><th scope="col"><?cs var:Lang.Dossier.Code ?></th><th scope="col"><?cs var:Lang.Dossier.Applicant ?></th><th scope="col"><?cs var:Lang.Dossier.Procedure ?></th><th scope="col"><?cs var:Lang.Dossier.Submitted ?></th><th scope="col"><?cs var:Lang.Dossier.Status ?></th></tr></thead>
<tbody>
<?cs each:d = Data.Dossiers ?><tr>
<td><a href="/can-bo/ho-so/<?cs var:url_escape(d.code) ?>"><?cs var:d.code ?></a></td>
<td><?cs var:d.applicant_name ?><br><span class="muted"><?cs var:d.applicant_id_number ?></span></td>
<td><?cs var:d.procedure_name ?></td>
<td><?cs var:d.submitted_at ?></td>
<td><?cs call:status_badge(d.status) ?></td>
</tr>
<?cs /each ?></tbody>
</table>
</div>
<?cs else ?>
<p><?cs var:Lang.Inbox.Empty ?></p>
<?cs /if ?>
