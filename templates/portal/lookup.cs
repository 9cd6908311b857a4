<?cs # Public status lookup: dossier code and the applicant's ID number. ?>
<h1><?cs var:Lang.Lookup.Title ?></h1>
<p><?cs var:Lang.Lookup.Intro ?></p>
<form method="get" action="/dich-vu/tra-cuu" class="form narrow">
<div class="form-group"><label for="ma"><?cs var:Lang.Lookup.Code ?></label>
<input id="ma" name="ma" required value="<?cs var:Form.ma ?>"></div>
<div class="form-group"><label for="id_number"><?cs var:Lang.Form.IdNumber ?></label>
<span class="hint" id="lookup-tax-hint"><?cs var:Lang.Org.LookupHint ?></span>
<input id="id_number" name="id_number" maxlength="14" required value="<?cs var:Form.id_number ?>"></div>
<button type="submit" class="btn"><?cs var:Lang.Lookup.Submit ?></button>
</form>
<?cs if:Data.WaitMinutes ?><p class="flash flash-error" role="alert" id="lookup-throttled"><?cs var:Lang.Lookup.Throttled ?> <?cs var:Data.WaitMinutes ?> <?cs var:Lang.Lookup.Minutes ?>.</p><?cs /if ?>
<?cs if:Data.NotFound ?><p class="flash flash-error" role="alert"><?cs var:Lang.Lookup.NotFound ?></p><?cs /if ?>
<?cs if:Data.Found ?>
<h2><?cs var:Lang.Dossier.Code ?> <?cs var:Data.Dossier.0.code ?></h2>
<?cs include:"partials/workflow.cs" ?>
<dl class="facts">
<dt><?cs var:Lang.Dossier.Status ?></dt><dd><?cs call:status_badge(Data.Dossier.0.status) ?></dd>
<dt><?cs var:Lang.Dossier.Procedure ?></dt><dd><?cs var:Data.Dossier.0.procedure_name ?></dd>
<dt><?cs var:Lang.Dossier.Agency ?></dt><dd><?cs var:Data.Dossier.0.agency_name ?></dd>
<dt><?cs var:Lang.Dossier.Submitted ?></dt><dd><?cs var:fmt_datetime(Data.Dossier.0.submitted_at) ?></dd>
<?cs if:Data.Dossier.0.due_at ?><dt><?cs var:Lang.Dossier.Due ?></dt><dd><?cs var:fmt_datetime(Data.Dossier.0.due_at) ?></dd><?cs /if ?>
</dl>
<h3><?cs var:Lang.Dossier.History ?></h3>
<ol class="timeline"><?cs each:e = Data.Events ?><li><span class="time"><?cs var:fmt_datetime(e.at) ?></span> <strong><?cs alt:Lang.Action[e.action] ?><?cs var:e.action ?><?cs /alt ?></strong> → <?cs call:status_badge(e.to_status) ?></li><?cs /each ?></ol>
<?cs /if ?>
