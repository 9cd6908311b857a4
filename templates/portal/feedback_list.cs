<?cs # A citizen's feedback, newest first: Data.Feedback (code, status,
     category, created_at, due_at, dossier_code, agency, answered_at). ?>
<h1><?cs var:Lang.Feedback.MineTitle ?></h1>
<p><a class="btn" href="/dich-vu/phan-anh/gui<?cs if:Page.Lang == "en" ?>?lang=en<?cs /if ?>"><?cs var:Lang.Feedback.NewTitle ?></a></p>
<?cs if:subcount(Data.Feedback) ?>
<div class="table-wrap">
<table class="table table-stack" id="my-feedback">
<thead><tr><th scope="col"><?cs var:Lang.Feedback.Code ?></th><th scope="col"><?cs var:Lang.Feedback.Category ?></th><th scope="col"><?cs var:Lang.Feedback.Agency ?></th><th scope="col"><?cs var:Lang.Feedback.Sent ?></th><th scope="col"><?cs var:Lang.Feedback.StatusLabel ?></th></tr></thead>
<tbody>
<?cs each:f = Data.Feedback ?><tr>
<td data-label="<?cs var:Lang.Feedback.Code ?>"><a href="/dich-vu/phan-anh/<?cs var:url_escape(f.code) ?><?cs if:Page.Lang == "en" ?>?lang=en<?cs /if ?>"><?cs var:f.code ?></a><?cs if:f.dossier_code ?><br><span class="muted"><?cs var:Lang.Feedback.About ?> <?cs var:f.dossier_code ?></span><?cs /if ?></td>
<td data-label="<?cs var:Lang.Feedback.Category ?>"><?cs var:Lang.Feedback.Cat[f.category] ?></td>
<td data-label="<?cs var:Lang.Feedback.Agency ?>"><?cs var:f.agency ?></td>
<td data-label="<?cs var:Lang.Feedback.Sent ?>"><?cs var:fmt_datetime(f.created_at) ?></td>
<td data-label="<?cs var:Lang.Feedback.StatusLabel ?>"><span class="tag fb-<?cs var:f.status ?>"><?cs var:Lang.Feedback.Status[f.status] ?></span></td>
</tr>
<?cs /each ?></tbody>
</table>
</div>
<?cs else ?>
<p><?cs var:Lang.Feedback.NoneMine ?></p>
<?cs /if ?>
