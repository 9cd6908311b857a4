<?cs # The dossiers behind a number of the statistics report. ?>
<link rel="stylesheet" href="/static/css/office.css">
<h1><?cs var:Lang.Stats.DrillTitle ?>: <?cs var:Lang.Stats.Metric[Data.Metric] ?></h1>
<p class="stats-scope" id="stats-scope"><strong><?cs var:Lang.Stats.Scope ?>:</strong> <?cs var:Data.Scope ?>. <strong><?cs var:Lang.Stats.Period ?>:</strong> <?cs var:Data.Period ?>.</p>
<p><a href="/can-bo/thong-ke?<?cs var:Data.Query ?>&amp;by=procedure"><?cs var:Lang.Stats.Back ?></a></p>
<?cs if:subcount(Data.Dossiers) ?><div class="table-wrap"><table class="table table-stack inbox" id="drill">
<thead><tr><th scope="col"><?cs var:Lang.Dossier.Code ?></th><th scope="col"><?cs var:Lang.Dossier.Applicant ?></th><th scope="col"><?cs var:Lang.Dossier.Procedure ?></th><th scope="col"><?cs var:Lang.Stats.Agency ?></th><th scope="col"><?cs var:Lang.Stats.Submitted ?></th><th scope="col"><?cs var:Lang.Stats.Due ?></th><th scope="col"><?cs var:Lang.Stats.Finished ?></th></tr></thead>
<tbody><?cs each:d = Data.Dossiers ?><tr>
<td data-label="<?cs var:Lang.Dossier.Code ?>"><a href="/can-bo/ho-so/<?cs var:url_escape(d.code) ?>"><?cs var:d.code ?></a></td>
<td data-label="<?cs var:Lang.Dossier.Applicant ?>"><?cs var:d.applicant_name ?></td>
<td data-label="<?cs var:Lang.Dossier.Procedure ?>"><?cs var:d.procedure_name ?></td>
<td data-label="<?cs var:Lang.Stats.Agency ?>"><?cs var:d.agency_name ?></td>
<td data-label="<?cs var:Lang.Stats.Submitted ?>"><?cs var:fmt_datetime(d.submitted_at) ?></td>
<td data-label="<?cs var:Lang.Stats.Due ?>"><?cs if:d.due_at ?><?cs var:fmt_datetime(d.due_at) ?><?cs /if ?></td>
<td data-label="<?cs var:Lang.Stats.Finished ?>"><?cs if:d.finished_at ?><?cs var:fmt_datetime(d.finished_at) ?><?cs /if ?></td>
</tr><?cs /each ?></tbody></table></div>
<?cs if:subcount(Data.Dossiers) >= Data.Limit ?><p class="muted"><?cs var:Lang.Stats.Limited ?></p><?cs /if ?>
<?cs else ?><p><?cs var:Lang.Stats.NoDossiers ?></p><?cs /if ?>
