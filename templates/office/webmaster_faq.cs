<?cs # One FAQ's form: Form.0.{id,field_id,procedure_code,question,answer,
     question_en,answer_en,example,published,seq,asked}, Form.Errors.{question,
     answer,procedure,english}, Form.Invalid, Data.Fields.N.{id,name}. ?><?cs with:f = Form.0 ?>
<p class="eyebrow"><a href="/can-bo/quan-tri-trang/hoi-dap"><?cs var:Lang.Webmaster.Faq.Title ?></a></p>
<h1><?cs var:Lang.Webmaster.Faq.Edit ?><?cs if:f.id ?> #<?cs var:f.id ?><?cs /if ?></h1>
<?cs if:Form.Invalid ?><div class="error-summary" role="alert"><p><?cs var:Lang.Webmaster.Invalid ?></p></div><?cs /if ?>
<?cs if:f.example ?><p class="lang-note"><?cs var:Lang.Webmaster.Example ?></p><?cs /if ?>
<form method="post" action="/can-bo/quan-tri-trang/hoi-dap/<?cs if:f.id ?><?cs var:f.id ?><?cs else ?>moi<?cs /if ?>">
<input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
<?cs if:f.asked ?><input type="hidden" name="asked" value="<?cs var:f.asked ?>"><input type="hidden" name="asked_lang" value="<?cs if:f.asked_lang == "en" ?>en<?cs else ?>vi<?cs /if ?>"><p class="lang-note" id="from-asked"><?cs var:Lang.Webmaster.Faq.FromAsked ?> <q lang="<?cs if:f.asked_lang == "en" ?>en<?cs else ?>vi<?cs /if ?>"><?cs var:f.asked ?></q></p><?cs /if ?>
<div class="form-group<?cs if:Form.Errors.question ?> has-error<?cs /if ?>"><label for="question"><?cs var:Lang.Webmaster.Faq.Question ?> (<?cs var:Lang.Webmaster.Required ?>)</label>
<?cs if:Form.Errors.question ?><span class="error-message" id="question-err"><?cs var:Lang.Webmaster.Faq.QuestionError ?></span><?cs /if ?>
<?cs call:refused("question") ?><input id="question" name="question" value="<?cs var:f.question ?>" maxlength="1000"<?cs if:Form.Errors.question ?> aria-describedby="question-err"<?cs /if ?>></div>
<div class="form-group<?cs if:Form.Errors.answer ?> has-error<?cs /if ?>"><label for="answer"><?cs var:Lang.Webmaster.Faq.Answer ?> (<?cs var:Lang.Webmaster.Required ?>)</label>
<span class="hint" id="answer-hint"><?cs var:Lang.Webmaster.Faq.AnswerHint ?></span>
<?cs if:Form.Errors.answer ?><span class="error-message"><?cs var:Lang.Webmaster.Faq.AnswerError ?></span><?cs /if ?>
<?cs call:refused("answer") ?><textarea id="answer" name="answer" rows="8" aria-describedby="answer-hint"><?cs var:f.answer ?></textarea></div>
<div class="form-group"><label for="field"><?cs var:Lang.Webmaster.Faq.Field ?></label>
<select id="field" name="field"><option value=""><?cs var:Lang.Webmaster.Faq.General ?></option>
<?cs each:x = Data.Fields ?><option value="<?cs var:x.id ?>"<?cs if:x.id == f.field_id ?> selected<?cs /if ?>><?cs var:x.name ?></option>
<?cs /each ?></select></div>
<div class="form-group<?cs if:Form.Errors.procedure ?> has-error<?cs /if ?>"><label for="procedure"><?cs var:Lang.Webmaster.Faq.Procedure ?></label>
<span class="hint" id="procedure-hint"><?cs var:Lang.Webmaster.Faq.ProcedureHint ?></span>
<?cs if:Form.Errors.procedure ?><span class="error-message"><?cs var:Lang.Webmaster.Faq.ProcedureError ?></span><?cs /if ?>
<?cs call:refused("procedure") ?><input id="procedure" name="procedure" value="<?cs var:f.procedure_code ?>" maxlength="40" aria-describedby="procedure-hint"></div>
<fieldset class="<?cs if:Form.Errors.english ?>has-error<?cs /if ?>"><legend><?cs var:Lang.Webmaster.English ?></legend>
<p class="hint"><?cs var:Lang.Webmaster.EnglishHint ?></p>
<?cs if:Form.Errors.english ?><span class="error-message"><?cs var:Lang.Webmaster.EnglishError ?></span><?cs /if ?>
<div class="form-group"><label for="question_en"><?cs var:Lang.Webmaster.Faq.Question ?></label>
<?cs call:refused("question_en") ?><input id="question_en" name="question_en" lang="en" value="<?cs var:f.question_en ?>" maxlength="1000"></div>
<div class="form-group"><label for="answer_en"><?cs var:Lang.Webmaster.Faq.Answer ?></label>
<?cs call:refused("answer_en") ?><textarea id="answer_en" name="answer_en" lang="en" rows="6"><?cs var:f.answer_en ?></textarea></div>
</fieldset>
<div class="form-group"><label for="seq"><?cs var:Lang.Webmaster.Order ?></label>
<?cs call:refused("seq") ?><input id="seq" name="seq" value="<?cs var:f.seq ?>" inputmode="numeric" maxlength="5"></div>
<div class="form-group"><input type="checkbox" id="published" name="published" value="1"<?cs if:f.published ?> checked<?cs /if ?>><label for="published" class="inline"><?cs var:Lang.Webmaster.Published ?></label></div>
<p><button type="submit" name="action" value="save" class="btn"><?cs var:Lang.Webmaster.Save ?></button>
<?cs if:f.id ?> <button type="submit" name="action" value="delete" class="btn btn-warning"><?cs var:Lang.Webmaster.Delete ?></button><?cs /if ?></p>
</form>
<?cs /with ?>
