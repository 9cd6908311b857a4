<?cs # A citizen's own dossiers, newest first. ?>
<h1><?cs var:Lang.Dossiers.Title ?></h1>
<?cs if:subcount(Data.Dossiers) ?>
<div class="table-wrap">
<table class="table">
<thead><tr><th scope="col"><?cs var:Lang.Dossier.Code ?></th><th scope="col"><?cs var:Lang.Dossier.Procedure ?></th><th scope="col"><?cs var:Lang.Dossier.Submitted ?></th><th scope="col"><?cs var:Lang.Dossier.Status ?></th></tr></thead>
<tbody>
<?cs each:d = Data.Dossiers ?><tr>
<td><a href="/dich-vu/ho-so/<?cs var:url_escape(d.code) ?>"><?cs var:d.code ?></a></td>
<td><?cs var:d.procedure_name ?><br><span class="muted"><?cs var:d.agency_name ?></span></td>
<td><?cs var:fmt_datetime(d.submitted_at) ?></td>
<td><?cs call:status_badge(d.status) ?></td>
</tr>
<?cs /each ?></tbody>
</table>
</div>
<?cs else ?>
<p><?cs var:Lang.Dossiers.None ?> <a href="/thu-tuc/"><?cs var:Lang.Dossiers.Browse ?></a></p>
<?cs /if ?>
