<?cs # A leader's overview of the agency and the agencies under it, by
     today's units (a dissolved unit's line and dossiers counted in its
     successor) or by the units of the time (office_units_view). ?>
<link rel="stylesheet" href="/static/css/office.css">
<h1><?cs var:Lang.Leader.Title ?></h1>
<form method="get" action="/can-bo/lanh-dao" class="filters" id="leader-form"><?cs if:subcount(Data.MyAgencies) > 1 ?><div class="form-group"><label for="agency"><?cs var:Lang.Inbox.Agency ?></label>
<select id="agency" name="agency"><?cs each:a = Data.MyAgencies ?><option value="<?cs var:a.id ?>"<?cs if:a.id == Data.AgencyId ?> selected<?cs /if ?>><?cs var:a.name ?></option><?cs /each ?></select></div><?cs else ?><input type="hidden" name="agency" value="<?cs var:Data.AgencyId ?>"><?cs /if ?>
<?cs include:"office/units_select.cs" ?>
<button type="submit" class="btn btn-secondary"><?cs var:Lang.Inbox.Filter ?></button></form>
<p class="muted" id="leader-units" data-units="<?cs var:Form.units ?>"><strong><?cs var:Lang.Stats.Units.Label ?>:</strong> <?cs var:Data.Units ?>.</p>
<?cs if:subcount(Data.FeedbackDossiers) ?><section class="card" aria-labelledby="fbd-h" id="feedback-dossiers">
<h2 id="fbd-h"><?cs var:Lang.Feedback.Office.LeaderTitle ?></h2>
<ul><?cs each:f = Data.FeedbackDossiers ?><li><a href="/can-bo/ho-so/<?cs var:url_escape(f.code) ?>"><?cs var:f.code ?></a> · <?cs var:f.n ?> <?cs var:Lang.Feedback.Office.Marker ?></li><?cs /each ?></ul>
<p><a href="/can-bo/phan-anh?agency=<?cs var:Data.AgencyId ?>&amp;status=open"><?cs var:Lang.Feedback.Office.Title ?></a></p>
</section><?cs /if ?>
<h2 id="stuck-h"><?cs var:Lang.Routing.StuckTitle ?></h2>
<?cs if:subcount(Data.Agencies) > 1 ?><form method="get" action="/can-bo/lanh-dao" class="filters" aria-label="<?cs var:Lang.Routing.StuckTitle ?>"><input type="hidden" name="agency" value="<?cs var:Data.AgencyId ?>"><input type="hidden" name="units" value="<?cs var:Form.units ?>">
<div class="form-group"><label for="in"><?cs var:Lang.Inbox.Agency ?></label>
<select id="in" name="in"><option value=""><?cs var:Lang.Inbox.Any ?></option><?cs each:a = Data.Agencies ?><option value="<?cs var:a.id ?>"<?cs if:a.id == Data.In ?> selected<?cs /if ?>><?cs var:a.name ?></option><?cs /each ?></select></div>
<button type="submit" class="btn btn-secondary"><?cs var:Lang.Inbox.Filter ?></button></form><?cs /if ?>
<?cs if:subcount(Data.Stuck) ?><div class="table-wrap"><table class="table table-stack inbox" id="stuck" aria-labelledby="stuck-h">
<thead><tr><th scope="col"><?cs var:Lang.Dossier.Code ?></th><th scope="col"><?cs var:Lang.Dossier.Applicant ?></th><th scope="col"><?cs var:Lang.Dossier.Procedure ?></th><th scope="col"><?cs var:Lang.Inbox.Agency ?></th><th scope="col"><?cs var:Lang.Routing.StuckStep ?></th><?cs if:Data.CanReassign ?><th scope="col"><?cs var:Lang.Office.Actions ?></th><?cs /if ?></tr></thead>
<tbody><?cs each:d = Data.Stuck ?><tr data-code="<?cs var:d.code ?>">
<td data-label="<?cs var:Lang.Dossier.Code ?>"><a href="/can-bo/ho-so/<?cs var:url_escape(d.code) ?>"><?cs var:d.code ?></a><?cs if:d.feedback ?><br><span class="tag fb-marker"><?cs var:d.feedback ?> <?cs var:Lang.Feedback.Office.Marker ?></span><?cs /if ?></td>
<td data-label="<?cs var:Lang.Dossier.Applicant ?>"><?cs var:d.applicant_name ?></td>
<td data-label="<?cs var:Lang.Dossier.Procedure ?>"><?cs var:d.procedure_name ?></td>
<td data-label="<?cs var:Lang.Inbox.Agency ?>"><?cs var:d.agency_name ?></td>
<td data-label="<?cs var:Lang.Routing.StuckStep ?>"><?cs if:d.step ?><?cs var:Lang.Routing.Step ?> <?cs var:d.step ?>: <?cs if:d.name_key ?><?cs alt:Lang.StepName[d.name_key] ?><?cs var:d.step_name ?><?cs /alt ?><?cs else ?><?cs var:d.step_name ?><?cs /if ?><?cs else ?><?cs var:Lang.Routing.Receipt ?><?cs /if ?> (<?cs var:Lang.Role[d.role] ?>)</td>
<?cs if:Data.CanReassign ?><td data-label="<?cs var:Lang.Office.Actions ?>"><?cs if:d.step ?><a href="/can-bo/quan-tri/chuyen-buoc/<?cs var:url_escape(d.code) ?>"><?cs var:Lang.Routing.Reassign ?></a><?cs /if ?></td><?cs /if ?>
</tr><?cs /each ?></tbody></table></div><?cs else ?><p><?cs var:Lang.Routing.StuckNone ?></p><?cs /if ?>
<div class="table-wrap"><table class="table table-stack" id="leader-agencies">
<caption><?cs var:Lang.Leader.Agencies ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.Inbox.Agency ?></th><th scope="col"><?cs var:Lang.Leader.Open ?></th><th scope="col"><?cs var:Lang.Colour.yellow ?></th><th scope="col"><?cs var:Lang.Colour.red ?></th></tr></thead>
<tbody><?cs each:a = Data.Agencies ?><tr data-agency="<?cs var:a.id ?>">
<td data-label="<?cs var:Lang.Inbox.Agency ?>" data-col="name"><a href="/can-bo/?agency=<?cs var:a.id ?>"><?cs var:a.name ?></a></td>
<td data-label="<?cs var:Lang.Leader.Open ?>" data-col="open"><?cs var:a.open ?></td>
<td data-label="<?cs var:Lang.Colour.yellow ?>" data-col="yellow"><span class="dot dot-yellow"></span><?cs var:a.yellow ?></td>
<td data-label="<?cs var:Lang.Colour.red ?>" data-col="red"><span class="dot dot-red"></span><?cs var:a.red ?></td>
</tr><?cs /each ?></tbody></table></div>
<?cs def:list(rows, colour, id) ?><?cs if:subcount(rows) ?><div class="table-wrap"><table class="table table-stack inbox" id="<?cs var:id ?>">
<thead><tr><th scope="col"><?cs var:Lang.Dossier.Code ?></th><th scope="col"><?cs var:Lang.Dossier.Applicant ?></th><th scope="col"><?cs var:Lang.Dossier.Procedure ?></th><th scope="col"><?cs var:Lang.Inbox.Agency ?></th><th scope="col"><?cs var:Lang.Inbox.StepDue ?></th></tr></thead>
<tbody><?cs each:d = rows ?><tr class="row-<?cs var:colour ?>" data-code="<?cs var:d.code ?>">
<td data-label="<?cs var:Lang.Dossier.Code ?>"><a href="/can-bo/ho-so/<?cs var:url_escape(d.code) ?>"><?cs var:d.code ?></a></td>
<td data-label="<?cs var:Lang.Dossier.Applicant ?>"><?cs var:d.applicant_name ?></td>
<td data-label="<?cs var:Lang.Dossier.Procedure ?>"><?cs var:d.procedure_name ?></td>
<td data-label="<?cs var:Lang.Inbox.Agency ?>" data-col="agency" data-agency="<?cs var:d.agency_id ?>"><?cs var:d.agency_name ?><?cs if:d.holder_name ?><br><span class="muted"><?cs var:Lang.Inbox.Holder ?> <?cs var:d.holder_name ?></span><?cs /if ?></td>
<td data-label="<?cs var:Lang.Inbox.StepDue ?>"><span class="dot dot-<?cs var:colour ?>"></span><?cs var:fmt_datetime(d.step_due_at) ?></td>
</tr><?cs /each ?></tbody></table></div><?cs else ?><p><?cs var:Lang.Leader.None ?></p><?cs /if ?><?cs /def ?>
<h2 id="risk-h"><?cs var:Lang.Risk.Title ?></h2>
<p class="muted"><?cs var:Lang.Risk.Intro ?></p>
<?cs if:subcount(Data.Risk) ?><div class="table-wrap"><table class="table table-stack inbox" id="risk" aria-labelledby="risk-h">
<thead><tr><th scope="col"><?cs var:Lang.Dossier.Code ?></th><th scope="col"><?cs var:Lang.Dossier.Procedure ?></th><th scope="col"><?cs var:Lang.Risk.Due ?></th><th scope="col"><?cs var:Lang.Risk.Expected ?></th><th scope="col"><?cs var:Lang.Risk.SlowStep ?></th></tr></thead>
<tbody><?cs each:d = Data.Risk ?><tr class="row-yellow" data-code="<?cs var:d.code ?>">
<td data-label="<?cs var:Lang.Dossier.Code ?>"><a href="/can-bo/ho-so/<?cs var:url_escape(d.code) ?>"><?cs var:d.code ?></a><br><span class="muted"><?cs var:d.applicant_name ?></span></td>
<td data-label="<?cs var:Lang.Dossier.Procedure ?>"><?cs var:d.procedure_name ?></td>
<td data-label="<?cs var:Lang.Risk.Due ?>"><?cs var:fmt_datetime(d.due_at) ?></td>
<td data-label="<?cs var:Lang.Risk.Expected ?>" class="risk-expected"><?cs if:d.beyond ?><?cs var:Lang.Risk.Beyond ?><?cs else ?><?cs var:fmt_datetime(d.median) ?><br><span class="muted"><?cs var:Lang.Risk.P90 ?> <?cs var:fmt_datetime(d.p90) ?></span><?cs /if ?><br><span class="muted"><?cs var:Lang.Risk.History ?> <?cs var:d.history ?></span></td>
<td data-label="<?cs var:Lang.Risk.SlowStep ?>" class="risk-step"><?cs var:Lang.Routing.Step ?> <?cs var:d.seq ?>: <?cs if:d.name_key ?><?cs alt:Lang.StepName[d.name_key] ?><?cs var:d.step_name ?><?cs /alt ?><?cs else ?><?cs var:d.step_name ?><?cs /if ?> · <?cs var:d.step_agency ?><?cs if:d.holder_name ?><br><span class="muted"><?cs var:Lang.Inbox.Holder ?> <?cs var:d.holder_name ?></span><?cs /if ?><br><span class="muted"><?cs var:Lang.Risk.Since ?> <?cs var:fmt_datetime(d.step_started) ?><?cs if:d.step_due ?>; <?cs var:Lang.Risk.StepDue ?> <?cs var:fmt_datetime(d.step_due) ?><?cs /if ?></span></td>
</tr><?cs /each ?></tbody></table></div><?cs else ?><p id="risk-none"><?cs var:Lang.Risk.None ?></p><?cs /if ?>
<h2><?cs var:Lang.Leader.Late ?></h2>
<?cs call:list(Data.Late, "red", "leader-late") ?>
<h2><?cs var:Lang.Leader.Soon ?></h2>
<?cs call:list(Data.Soon, "yellow", "leader-soon") ?>
