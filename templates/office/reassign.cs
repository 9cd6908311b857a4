<?cs # An administrator moves a dossier's current step to an agency (and
     officer) that can take it: first the agency (a plain GET form), then
     who there, the reason, and the move. ?>
<link rel="stylesheet" href="/static/css/office.css">
<p class="eyebrow"><?cs var:Lang.Office.Eyebrow ?></p>
<h1><?cs var:Lang.Routing.Title ?> · <?cs var:Data.Dossier.0.code ?></h1>
<p><?cs var:Lang.Routing.Intro ?></p>
<dl class="facts">
<dt><?cs var:Lang.Dossier.Procedure ?></dt><dd><?cs var:Data.Dossier.0.procedure_name ?></dd>
<dt><?cs var:Lang.Routing.Current ?></dt><dd id="current-step"><?cs var:Lang.Routing.Step ?> <?cs var:Data.Cur.seq ?>: <?cs if:Data.Cur.name_key ?><?cs alt:Lang.StepName[Data.Cur.name_key] ?><?cs var:Data.Cur.name ?><?cs /alt ?><?cs else ?><?cs var:Data.Cur.name ?><?cs /if ?> (<?cs var:Lang.Role[Data.Cur.role] ?>)</dd>
<dt><?cs var:Lang.Routing.Present ?></dt><dd id="present-agency"><?cs var:Data.Cur.agency_name ?></dd>
</dl>
<?cs if:subcount(Data.Gaps) ?><div class="flash flash-error" role="alert"><p><?cs var:Lang.Routing.GapsAfter ?></p><ul><?cs each:g = Data.Gaps ?><li><?cs var:Lang.Routing.Step ?> <?cs var:g.seq ?>: <?cs if:g.name_key ?><?cs alt:Lang.StepName[g.name_key] ?><?cs var:g.name ?><?cs /alt ?><?cs else ?><?cs var:g.name ?><?cs /if ?> (<?cs var:Lang.Role[g.role] ?>) <?cs var:Lang.Routing.At ?> <?cs var:g.agency_name ?></li><?cs /each ?></ul></div><?cs /if ?>
<form method="get" action="/can-bo/quan-tri/chuyen-buoc/<?cs var:url_escape(Data.Dossier.0.code) ?>" class="filters">
<div class="form-group"><label for="agency"><?cs var:Lang.Routing.Target ?></label>
<select id="agency" name="agency"><?cs each:a = Data.Agencies ?><option value="<?cs var:a.id ?>"<?cs if:a.id == Data.Target ?> selected<?cs /if ?>><?cs var:a.name ?></option><?cs /each ?></select></div>
<button type="submit" class="btn btn-secondary"><?cs var:Lang.Routing.Show ?></button>
</form>
<?cs if:Data.Target ?><?cs if:subcount(Data.Officers) ?>
<form method="post" action="/can-bo/quan-tri/chuyen-buoc/<?cs var:url_escape(Data.Dossier.0.code) ?>" class="form" id="reassign-form">
<input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
<input type="hidden" name="version" value="<?cs var:Data.Dossier.0.version ?>">
<input type="hidden" name="agency" value="<?cs var:Data.Target ?>">
<div class="form-group"><label for="officer"><?cs var:Lang.Routing.Officer ?></label>
<select id="officer" name="officer"><option value=""><?cs var:Lang.Routing.Anyone ?></option><?cs each:o = Data.Officers ?><option value="<?cs var:o.id ?>"><?cs var:o.full_name ?> (<?cs var:Lang.Role[o.role] ?>)</option><?cs /each ?></select></div>
<div class="form-group"><label for="note"><?cs var:Lang.Routing.Note ?></label>
<?cs call:refused("note") ?><textarea id="note" name="note" rows="2"><?cs var:Form.note ?></textarea></div>
<button type="submit" class="btn"><?cs var:Lang.Routing.Submit ?></button>
</form>
<?cs else ?><p class="flash flash-error" role="alert"><?cs var:Lang.Routing.NoOfficer ?></p><?cs /if ?><?cs /if ?>
<p><a href="/can-bo/ho-so/<?cs var:url_escape(Data.Dossier.0.code) ?>"><?cs var:Lang.Dossier.Code ?> <?cs var:Data.Dossier.0.code ?></a></p>
