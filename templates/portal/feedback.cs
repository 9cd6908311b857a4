<?cs # One of the citizen's feedback: Data.Fb.0 (the row), Data.Photos,
     Data.Events; Data.CanConfirm when answered (resolve or reopen);
     Data.Base: the page's own address (the follow link without a login,
     Data.Follow). ?>
<?cs with:f = Data.Fb.0 ?>
<p class="eyebrow"><?cs var:Lang.Feedback.Eyebrow ?></p>
<h1><?cs var:Lang.Feedback.Code ?> <?cs var:f.code ?></h1>
<p><span class="tag fb-<?cs var:f.status ?>" id="fb-status"><?cs var:Lang.Feedback.Status[f.status] ?></span></p>
<?cs if:Form.Errors.state ?><div class="flash flash-error" role="alert" id="fb-state-error"><?cs var:Lang.Feedback.Err.state ?></div><?cs /if ?>
<dl class="facts">
<dt><?cs var:Lang.Feedback.Category ?></dt><dd><?cs var:Lang.Feedback.Cat[f.category] ?></dd>
<?cs if:f.dossier_code ?><dt><?cs var:Lang.Feedback.Dossier ?></dt><dd><a href="/dich-vu/ho-so/<?cs var:url_escape(f.dossier_code) ?>"><?cs var:f.dossier_code ?></a></dd><?cs /if ?>
<?cs if:f.ward_name ?><dt><?cs var:Lang.Feedback.Ward ?></dt><dd><?cs var:f.ward_name ?></dd><?cs /if ?>
<dt><?cs var:Lang.Feedback.Agency ?></dt><dd><?cs var:f.agency_name ?></dd>
<dt><?cs var:Lang.Feedback.Sent ?></dt><dd><?cs var:fmt_datetime(f.created_at) ?></dd>
<?cs if:f.status == "open" ?><dt><?cs var:Lang.Feedback.Due ?></dt><dd><?cs var:fmt_datetime(f.due_at) ?></dd><?cs /if ?>
<dt><?cs var:Lang.Feedback.Publish ?></dt><dd><?cs if:f.publish == 1 ?><?cs var:Lang.Feedback.Yes ?><?cs else ?><?cs var:Lang.Feedback.No ?><?cs /if ?></dd>
</dl>
<h2><?cs var:Lang.Feedback.Body ?></h2>
<p class="pre-line" id="fb-body"><?cs var:f.body ?></p>
<?cs if:subcount(Data.Photos) ?><ul class="files"><?cs each:p = Data.Photos ?><li><a href="<?cs var:Data.Base ?>/anh/<?cs var:p.seq ?>"><?cs var:Lang.Feedback.Photo ?> <?cs var:p.seq ?>: <?cs var:p.filename ?></a></li><?cs /each ?></ul><?cs /if ?>
<?cs if:f.answer ?><section class="card" aria-labelledby="answer-h" id="fb-answer">
<h2 id="answer-h"><?cs var:Lang.Feedback.Answer ?></h2>
<p class="muted"><?cs var:f.agency_name ?> · <?cs var:fmt_datetime(f.answered_at) ?><?cs if:f.founded == "1" ?> · <strong><?cs var:Lang.Feedback.Founded ?></strong><?cs elif:f.founded == "0" ?> · <strong><?cs var:Lang.Feedback.NotFounded ?></strong><?cs /if ?></p>
<p class="pre-line"><?cs var:f.answer ?></p>
</section><?cs /if ?>
<?cs if:Data.CanConfirm ?><section class="card" aria-labelledby="confirm-h">
<h2 id="confirm-h"><?cs var:Lang.Feedback.ConfirmTitle ?></h2>
<?cs if:Form.Errors.action ?><div class="flash flash-error" role="alert"><?cs var:Lang.Feedback.Err.action ?></div><?cs /if ?>
<form method="post" action="<?cs var:Data.Base ?>/xac-nhan" class="form">
<input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
<div class="form-group<?cs if:Form.Errors.note ?> has-error<?cs /if ?>"><label for="note"><?cs var:Lang.Feedback.ConfirmNote ?></label>
<?cs if:Form.Errors.note ?><span class="error-message"><?cs var:Lang.Feedback.Err.note ?></span><?cs /if ?>
<textarea id="note" name="note" rows="3" maxlength="2000"><?cs var:Form.note ?></textarea></div>
<button type="submit" class="btn" name="action" value="resolve"><?cs var:Lang.Feedback.Resolve ?></button>
<button type="submit" class="btn btn-secondary" name="action" value="reopen"><?cs var:Lang.Feedback.Reopen ?></button>
</form>
</section><?cs /if ?>
<h2><?cs var:Lang.Feedback.History ?></h2>
<ol class="timeline" id="fb-history"><?cs each:e = Data.Events ?><li>
<span class="time"><?cs var:fmt_datetime(e.at) ?></span>
<strong><?cs var:Lang.Feedback.Event[e.action] ?></strong>
<?cs if:e.note ?><p class="note pre-line"><?cs var:e.note ?></p><?cs /if ?>
</li><?cs /each ?></ol>
<?cs if:Data.Follow ?><p class="small muted" id="follow-note"><?cs var:Lang.Feedback.FollowNote ?></p><?cs else ?><p><a href="/dich-vu/phan-anh"><?cs var:Lang.Feedback.MineTitle ?></a></p><?cs /if ?>
<?cs /with ?>
