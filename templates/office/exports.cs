<?cs # "My exports" (Tệp xuất của tôi, issue 11): the reader's files asked
     for on the registers' pages, newest first, each with its state
     (waiting, building with its rows so far, ready with its download,
     failed with the reason, expired); Data.Queued is the job just asked
     for. ?>
<link rel="stylesheet" href="/static/css/office.css">
<link rel="stylesheet" href="/static/css/reports.css">
<h1><?cs var:Page.Title ?></h1>
<p class="muted"><?cs var:Lang.Exports.Intro ?></p>
<?cs if:Data.Pending ?><p id="exports-pending"><?cs var:Lang.Exports.Pending ?> <a id="exports-refresh" href="/can-bo/tep-xuat"><?cs var:Lang.Exports.Refresh ?></a></p><?cs /if ?>
<?cs if:subcount(Data.Jobs) ?>
<div class="table-wrap"><table class="table table-stack" id="exports">
<caption><?cs var:Page.Title ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.Exports.File ?></th><th scope="col"><?cs var:Lang.Exports.Requested ?></th><th scope="col"><?cs var:Lang.Exports.State ?></th><th scope="col"><?cs var:Lang.Exports.Rows ?></th><th scope="col"><?cs var:Lang.Exports.Download ?></th></tr></thead>
<tbody><?cs each:j = Data.Jobs ?><tr data-job="<?cs var:j.id ?>" data-state="<?cs var:j.state_name ?>"<?cs if:j.id == Data.Queued ?> class="row-new"<?cs /if ?>>
<td data-label="<?cs var:Lang.Exports.File ?>"><?cs var:j.name ?>.<?cs var:j.format ?></td>
<td data-label="<?cs var:Lang.Exports.Requested ?>"><?cs var:j.requested_at ?></td>
<td data-label="<?cs var:Lang.Exports.State ?>"><span class="export-state state-<?cs var:j.state_name ?>" data-col="state"><?cs var:Lang.Exports.States[j.state_name] ?></span><?cs if:j.state_name == "failed" ?>: <span data-col="reason"><?cs if:Lang.Exports.Reasons[j.reason] ?><?cs var:Lang.Exports.Reasons[j.reason] ?><?cs else ?><?cs var:Lang.Exports.Reasons.error ?><?cs /if ?></span><?cs /if ?></td>
<td data-label="<?cs var:Lang.Exports.Rows ?>" data-col="rows"><?cs var:j.rows_done ?></td>
<td data-label="<?cs var:Lang.Exports.Download ?>"><?cs if:j.state_name == "ready" ?><a class="export-download" href="/can-bo/tep-xuat/<?cs var:j.id ?>"><?cs var:Lang.Exports.Download ?></a><?cs /if ?></td>
</tr><?cs /each ?></tbody></table></div>
<?cs else ?><p id="exports-empty"><?cs var:Lang.Exports.Empty ?></p><?cs /if ?>
