<?cs # An officer's inbox: one agency's open dossiers, most urgent first,
     coloured green / yellow / red, with counts, filters and search. ?>
<link rel="stylesheet" href="/static/css/office.css">
<div class="office-head">
<h1><?cs var:Lang.Inbox.Title ?></h1>
<p class="office-links"><?cs if:Data.CanCounter ?><a class="btn" href="/can-bo/tiep-nhan?agency=<?cs var:Data.AgencyId ?>"><?cs var:Lang.Counter.Title ?></a> <?cs /if ?><a href="/can-bo/so-theo-doi?agency=<?cs var:Data.AgencyId ?>"><?cs var:Lang.Book.Title ?></a>
<a id="link-officers" href="/can-bo/thong-ke/can-bo?agency=<?cs var:Data.AgencyId ?>"><?cs var:Lang.Reports.Link.officers ?></a>
<a id="link-dashboard" href="/can-bo/bang-dieu-khien?agency=<?cs var:Data.AgencyId ?>"><?cs var:Lang.Dash.Title ?></a>
<a href="/can-bo/thong-bao"><?cs var:Lang.Inbox.Notifications ?><?cs if:User.Unread ?> (<?cs var:User.Unread ?>)<?cs /if ?></a>
<a href="/can-bo/danh-gia/quay"><?cs var:Lang.Eval.Counter.Title ?></a> <a href="/can-bo/danh-gia/diem"><?cs var:Lang.Eval.Scores.Title ?></a><?cs if:Data.CanDevices ?> <a id="link-devices" href="/can-bo/danh-gia/thiet-bi"><?cs var:Lang.Eval.Devices.Title ?></a><?cs /if ?>
<a href="/can-bo/phan-anh?agency=<?cs var:Data.AgencyId ?>"><?cs var:Lang.Feedback.Office.Nav ?></a>
<?cs if:Data.IsLeader ?><a href="/can-bo/lanh-dao?agency=<?cs var:Data.AgencyId ?>"><?cs var:Lang.Leader.Title ?></a> <a href="/can-bo/thong-ke"><?cs var:Lang.Stats.Title ?></a><?cs /if ?>
<?cs if:Data.IsAdmin ?><a href="/can-bo/quan-tri/quy-trinh"><?cs var:Lang.Workflow.Title ?></a> <a href="/can-bo/quan-tri/lich"><?cs var:Lang.Inbox.Calendar ?></a> <a href="/can-bo/quan-tri-trang/"><?cs var:Lang.Webmaster.Title ?></a> <a href="/can-bo/quan-tri/thu-tuc"><?cs var:Lang.ProcEdit.Title ?></a> <a href="/can-bo/quan-tri/tai-khoan"><?cs var:Lang.Accounts.Title ?></a> <a href="/can-bo/quan-tri/nhat-ky"><?cs var:Lang.Audit.Title ?></a><?cs /if ?></p>
</div>
<ul class="colour-counts" aria-label="<?cs var:Lang.Inbox.Counts ?>">
<li><a class="count red" href="/can-bo/?agency=<?cs var:Data.AgencyId ?>&amp;due=overdue"><strong><?cs var:Data.Count.red ?></strong> <?cs var:Lang.Colour.red ?></a></li>
<li><span class="count yellow"><strong><?cs var:Data.Count.yellow ?></strong> <?cs var:Lang.Colour.yellow ?></span></li>
<li><span class="count green"><strong><?cs var:Data.Count.green ?></strong> <?cs var:Lang.Colour.green ?></span></li>
</ul>
<form method="get" action="/can-bo/" class="filters">
<?cs if:subcount(Data.MyAgencies) > 1 ?><div class="form-group"><label for="agency"><?cs var:Lang.Inbox.Agency ?></label>
<select id="agency" name="agency"><?cs each:a = Data.MyAgencies ?><option value="<?cs var:a.id ?>"<?cs if:a.id == Data.AgencyId ?> selected<?cs /if ?>><?cs var:a.name ?></option><?cs /each ?></select></div>
<?cs else ?><p class="agency-name"><?cs var:Data.MyAgencies.0.name ?></p><input type="hidden" name="agency" value="<?cs var:Data.AgencyId ?>"><?cs /if ?>
<div class="form-group"><label for="status"><?cs var:Lang.Dossier.Status ?></label>
<select id="status" name="status"><option value=""><?cs var:Lang.Inbox.AllOpen ?></option><?cs loop:s = 1, 10, 1 ?><option value="<?cs var:s ?>"<?cs if:s == Data.Status ?> selected<?cs /if ?>><?cs var:Lang.Status[s] ?></option><?cs /loop ?></select></div>
<?cs # The agency's own procedures, each once; typed words are matched on the server too, so the filter works without a script. ?>
<div class="form-group"><label for="pq"><?cs var:Lang.Dossier.Procedure ?></label>
<span class="hint" id="pq-hint"><?cs var:Lang.Inbox.ProcedureHint ?></span>
<?cs call:refused("pq") ?><input id="pq" name="pq" type="search" list="procedure-list" autocomplete="off" aria-describedby="pq-hint" value="<?cs var:Form.pq ?>">
<datalist id="procedure-list"><?cs each:p = Data.Procedures ?><option value="<?cs var:p.label ?>"></option><?cs /each ?></datalist></div>
<div class="form-group"><label for="field"><?cs var:Lang.Inbox.Field ?></label>
<select id="field" name="field"><option value=""><?cs var:Lang.Inbox.Any ?></option><?cs each:f = Data.Fields ?><option value="<?cs var:f.id ?>"<?cs if:f.id == Data.Field ?> selected<?cs /if ?>><?cs var:f.name ?></option><?cs /each ?></select></div>
<div class="form-group"><label for="due"><?cs var:Lang.Inbox.Time ?></label>
<select id="due" name="due"><option value=""><?cs var:Lang.Inbox.Any ?></option><option value="overdue"<?cs if:Data.Due == "overdue" ?> selected<?cs /if ?>><?cs var:Lang.Inbox.Overdue ?></option></select></div>
<div class="form-group"><label for="q"><?cs var:Lang.Inbox.Search ?></label>
<input id="q" name="q" type="search" value="<?cs var:Form.q ?>"></div>
<div class="form-group"><label class="check"><input type="checkbox" name="mine" value="1"<?cs if:Data.Mine ?> checked<?cs /if ?>> <?cs var:Lang.Inbox.Mine ?></label></div>
<button type="submit" class="btn btn-secondary"><?cs var:Lang.Inbox.Filter ?></button>
</form>
<?cs if:Data.ProcedureNone ?><p class="flash flash-error" role="alert"><?cs var:Lang.Inbox.ProcedureNone ?></p><?cs /if ?>
<?cs if:subcount(Data.ProcedureMatches) ?><div class="flash" role="status"><p><?cs var:Lang.Inbox.ProcedureSeveral ?></p>
<ul class="procedure-matches"><?cs each:m = Data.ProcedureMatches ?><li><a href="/can-bo/?agency=<?cs var:Data.AgencyId ?>&amp;procedure=<?cs var:m.id ?>"><?cs var:m.label ?></a></li><?cs /each ?></ul></div><?cs /if ?>
<?cs if:subcount(Data.Consult) ?><section class="card consult" id="consult" aria-labelledby="consult-h">
<h2 id="consult-h"><?cs var:Lang.Inbox.Consult ?></h2>
<p class="hint"><?cs var:Lang.Inbox.ConsultHint ?></p>
<ul><?cs each:c = Data.Consult ?><li><a href="/can-bo/ho-so/<?cs var:url_escape(c.code) ?>"><?cs var:c.code ?></a> · <?cs var:c.name ?> · <?cs var:c.applicant_name ?> · <?cs var:c.procedure_name ?><?cs if:c.due_at ?> · <?cs var:Lang.Workflow.Due ?> <?cs var:fmt_datetime(c.due_at) ?><?cs /if ?></li><?cs /each ?></ul>
</section><?cs /if ?>
<?cs if:subcount(Data.Dossiers) ?>
<div class="table-wrap">
<table class="table inbox table-stack">
<thead><tr><th scope="col"><?cs var:Lang.Inbox.Time ?></th><th scope="col"><?cs var:Lang.Dossier.Code ?></th><th scope="col"><?cs var:Lang.Dossier.Applicant ?></th><th scope="col"><?cs var:Lang.Dossier.Procedure ?></th><th scope="col"><?cs var:Lang.Inbox.StepDue ?></th><th scope="col"><?cs var:Lang.Dossier.Status ?></th></tr></thead>
<tbody>
<?cs each:d = Data.Dossiers ?><tr class="row-<?cs var:d.colour ?>">
<td data-label="<?cs var:Lang.Inbox.Time ?>"><?cs if:d.colour != "none" || d.status == 5 ?><span class="dot dot-<?cs var:d.colour ?>" title="<?cs var:Lang.Colour[d.colour] ?>"></span><span class="colour-text"><?cs var:Lang.Colour[d.colour] ?></span><?cs else ?>–<?cs /if ?></td>
<td data-label="<?cs var:Lang.Dossier.Code ?>"><a href="/can-bo/ho-so/<?cs var:url_escape(d.code) ?>"><?cs var:d.code ?></a><?cs if:d.feedback ?><br><span class="tag fb-marker"><?cs var:d.feedback ?> <?cs var:Lang.Feedback.Office.Marker ?></span><?cs /if ?></td>
<td data-label="<?cs var:Lang.Dossier.Applicant ?>"><?cs var:d.applicant_name ?><br><span class="muted"><?cs var:d.applicant_id_number ?></span></td>
<td data-label="<?cs var:Lang.Dossier.Procedure ?>"><?cs var:d.procedure_name ?><?cs if:d.holder_name ?><br><span class="muted"><?cs var:Lang.Inbox.Holder ?> <?cs var:d.holder_name ?></span><?cs /if ?></td>
<td data-label="<?cs var:Lang.Inbox.StepDue ?>"><?cs if:d.step_due_at ?><?cs var:fmt_datetime(d.step_due_at) ?><?cs else ?>–<?cs /if ?></td>
<td data-label="<?cs var:Lang.Dossier.Status ?>"><?cs call:status_badge(d.status) ?></td>
</tr>
<?cs /each ?></tbody>
</table>
</div>
<?cs # Previous / next as mail inboxes page: each link carries the key (step due time, id) of the first or last row shown, so a page far down answers as fast as the first. ?>
<nav class="pager" aria-label="<?cs var:Lang.Inbox.Pages ?>"><?cs if:Data.Prev ?><a id="inbox-prev" rel="prev" href="/can-bo/?<?cs var:Data.Query ?>&amp;before=<?cs var:Data.Prev ?>"><?cs var:Lang.Search.Prev ?></a> <?cs elif:Data.PrevStart ?><a id="inbox-prev" rel="prev" href="/can-bo/?<?cs var:Data.Query ?>"><?cs var:Lang.Search.Prev ?></a> <?cs /if ?><?cs if:Data.Next ?><a id="inbox-next" rel="next" href="/can-bo/?<?cs var:Data.Query ?>&amp;after=<?cs var:Data.Next ?>"><?cs var:Lang.Search.Next ?></a><?cs /if ?></nav>
<?cs else ?>
<p><?cs var:Lang.Inbox.Empty ?></p>
<?cs /if ?>
