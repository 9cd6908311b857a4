<?cs # A dossier's facts, attachments and history, for citizens and officers.
     Expects Data.Dossier.0, Data.Files, Data.Events. ?>
<?cs with:d = Data.Dossier.0 ?>
<dl class="facts">
<dt><?cs var:Lang.Dossier.Status ?></dt><dd><?cs call:status_badge(d.status) ?></dd>
<dt><?cs var:Lang.Dossier.Procedure ?></dt><dd><?cs var:d.procedure_name ?> (<?cs var:d.procedure_code ?>)</dd>
<dt><?cs var:Lang.Dossier.Agency ?></dt><dd><?cs var:d.agency_name ?></dd>
<dt><?cs var:Lang.Dossier.Applicant ?></dt><dd><?cs var:d.applicant_name ?> · <?cs var:d.applicant_id_number ?></dd>
<dt><?cs var:Lang.Dossier.Submitted ?></dt><dd><?cs var:d.submitted_at ?></dd>
<?cs if:d.received_at ?><dt><?cs var:Lang.Dossier.Received ?></dt><dd><?cs var:d.received_at ?></dd><?cs /if ?>
<?cs if:d.due_at ?><dt><?cs var:Lang.Dossier.Due ?></dt><dd><?cs var:d.due_at ?></dd><?cs /if ?>
</dl>
<?cs if:subcount(Data.Files) ?>
<h2><?cs var:Lang.Dossier.Files ?></h2>
<ul class="files"><?cs each:f = Data.Files ?><li><a href="/dich-vu/ho-so/<?cs var:url_escape(d.code) ?>/tep/<?cs var:f.id ?>"><?cs var:f.filename ?></a> <span class="muted">(<?cs var:f.mime ?>, <?cs var:f.size ?> B)</span></li>
<?cs /each ?></ul>
<?cs /if ?>
<h2><?cs var:Lang.Dossier.History ?></h2>
<ol class="timeline"><?cs each:e = Data.Events ?><li>
<span class="time"><?cs var:e.at ?></span>
<strong><?cs alt:Lang.Action[e.action] ?><?cs var:e.action ?><?cs /alt ?></strong>
→ <?cs call:status_badge(e.to_status) ?>
<?cs if:e.actor ?><span class="muted"> · <?cs var:e.actor ?></span><?cs /if ?>
<?cs if:e.note ?><p class="note"><?cs var:e.note ?></p><?cs /if ?>
</li>
<?cs /each ?></ol>
<?cs /with ?>
