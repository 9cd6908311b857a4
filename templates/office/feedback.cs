<?cs # One feedback for an officer: Data.Fb.0, Data.Photos, Data.Events,
     Data.CanAnswer and Data.Colour while open, Form.answer, Form.founded,
     Form.Errors.{answer,founded,state}. ?>
<link rel="stylesheet" href="/static/css/office.css">
<?cs with:f = Data.Fb.0 ?>
<p class="eyebrow"><a href="/can-bo/phan-anh"><?cs var:Lang.Feedback.Office.Title ?></a></p>
<h1><?cs var:Lang.Feedback.Code ?> <?cs var:f.code ?></h1>
<p><span class="tag fb-<?cs var:f.status ?>" id="fb-status"><?cs var:Lang.Feedback.Status[f.status] ?></span><?cs if:Data.Colour ?> · <span class="dot dot-<?cs var:Data.Colour ?>"></span> <?cs var:Lang.Colour[Data.Colour] ?> · <?cs var:Lang.Feedback.Due ?> <?cs var:fmt_datetime(f.due_at) ?><?cs /if ?></p>
<dl class="facts">
<dt><?cs var:Lang.Feedback.Category ?></dt><dd><?cs var:Lang.Feedback.Cat[f.category] ?></dd>
<?cs if:f.dossier_code ?><dt><?cs var:Lang.Feedback.Dossier ?></dt><dd><a href="/can-bo/ho-so/<?cs var:url_escape(f.dossier_code) ?>"><?cs var:f.dossier_code ?></a></dd><?cs /if ?>
<?cs if:f.ward_name ?><dt><?cs var:Lang.Feedback.Ward ?></dt><dd><?cs var:f.ward_name ?></dd><?cs /if ?>
<dt><?cs var:Lang.Feedback.Agency ?></dt><dd><?cs var:f.agency_name ?></dd>
<dt><?cs var:Lang.Feedback.Office.Sender ?></dt><dd><?cs var:f.name ?></dd>
<dt><?cs var:Lang.Feedback.Sent ?></dt><dd><?cs var:fmt_datetime(f.created_at) ?></dd>
<?cs if:f.reopened > 0 ?><dt><?cs var:Lang.Feedback.Office.Reopened ?></dt><dd><?cs var:f.reopened ?></dd><?cs /if ?>
<dt><?cs var:Lang.Feedback.Publish ?></dt><dd><?cs if:f.publish == 1 ?><?cs var:Lang.Feedback.Yes ?><?cs else ?><?cs var:Lang.Feedback.No ?><?cs /if ?></dd>
</dl>
<h2><?cs var:Lang.Feedback.Body ?></h2>
<p class="pre-line" id="fb-body"><?cs var:f.body ?></p>
<?cs if:subcount(Data.Photos) ?><ul class="files" id="fb-photos"><?cs each:p = Data.Photos ?><li><a href="/can-bo/phan-anh/<?cs var:url_escape(f.code) ?>/anh/<?cs var:p.seq ?>"><?cs var:Lang.Feedback.Photo ?> <?cs var:p.seq ?>: <?cs var:p.filename ?></a></li><?cs /each ?></ul><?cs /if ?>
<?cs if:f.answer ?><section class="card" aria-labelledby="answer-h" id="fb-answer">
<h2 id="answer-h"><?cs var:Lang.Feedback.Answer ?></h2>
<p class="muted"><?cs var:fmt_datetime(f.answered_at) ?><?cs if:f.founded == "1" ?> · <strong><?cs var:Lang.Feedback.Founded ?></strong><?cs elif:f.founded == "0" ?> · <strong><?cs var:Lang.Feedback.NotFounded ?></strong><?cs /if ?></p>
<p class="pre-line"><?cs var:f.answer ?></p>
</section><?cs /if ?>
<?cs if:Data.CanAnswer ?><section class="card actions" aria-labelledby="reply-h">
<h2 id="reply-h"><?cs var:Lang.Feedback.Office.AnswerTitle ?></h2>
<?cs if:Form.Errors.state ?><div class="flash flash-error" role="alert"><?cs var:Lang.Feedback.Err.state ?></div><?cs /if ?>
<form method="post" action="/can-bo/phan-anh/<?cs var:url_escape(f.code) ?>/tra-loi" class="form" novalidate>
<input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
<div class="form-group<?cs if:Form.Errors.answer ?> has-error<?cs /if ?>"><label for="answer"><?cs var:Lang.Feedback.Office.AnswerText ?></label>
<?cs if:Form.Errors.answer ?><span class="error-message" id="answer-error"><?cs var:Lang.Feedback.Err.answer ?></span><?cs /if ?>
<textarea id="answer" name="answer" rows="6" maxlength="4000"<?cs if:Form.Errors.answer ?> aria-invalid="true" aria-describedby="answer-error"<?cs /if ?>><?cs var:Form.answer ?></textarea></div>
<?cs if:f.dossier_code ?><fieldset class="form-group<?cs if:Form.Errors.founded ?> has-error<?cs /if ?>"><legend><?cs var:Lang.Feedback.Office.FoundedQ ?></legend>
<?cs if:Form.Errors.founded ?><span class="error-message"><?cs var:Lang.Feedback.Err.founded ?></span><?cs /if ?>
<label class="check"><input type="radio" name="founded" value="1"<?cs if:Form.founded == "1" ?> checked<?cs /if ?>> <?cs var:Lang.Feedback.Founded ?></label>
<label class="check"><input type="radio" name="founded" value="0"<?cs if:Form.founded == "0" ?> checked<?cs /if ?>> <?cs var:Lang.Feedback.NotFounded ?></label>
</fieldset><?cs /if ?>
<button type="submit" class="btn"><?cs var:Lang.Feedback.Office.AnswerTitle ?></button>
</form>
</section><?cs /if ?>
<h2><?cs var:Lang.Feedback.History ?></h2>
<ol class="timeline" id="fb-history"><?cs each:e = Data.Events ?><li>
<span class="time"><?cs var:fmt_datetime(e.at) ?></span>
<strong><?cs var:Lang.Feedback.Event[e.action] ?></strong><?cs if:e.actor ?><span class="muted"> · <?cs var:e.actor ?></span><?cs /if ?>
<?cs if:e.note ?><p class="note pre-line"><?cs var:e.note ?></p><?cs /if ?>
</li><?cs /each ?></ol>
<?cs /with ?>
