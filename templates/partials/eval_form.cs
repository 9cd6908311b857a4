<?cs # The rating questionnaire (issue 10). Reads Data.Eval.Action, .Qv,
     .Version, .Owner (the agency whose version; empty: the city's), .Q.N.{text,name,kind,sel,Error,O.K.{text,score,key}},
     Form.reason, Form.Errors.reason. ?>
<form method="post" action="<?cs var:Data.Eval.Action ?>" class="form eval-form">
<input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
<input type="hidden" name="qv" value="<?cs var:Data.Eval.Qv ?>">
<?cs if:Data.Eval.Code ?><input type="hidden" name="ma" value="<?cs var:Data.Eval.Code ?>"><?cs /if ?>
<?cs set:shown_index = 0 ?><?cs set:shown_extra = 0 ?>
<?cs each:q = Data.Eval.Q ?>
<?cs if:q.kind == "index" && !shown_index ?><?cs set:shown_index = 1 ?><h3 class="eval-part"><?cs var:Lang.Eval.IndexPart ?></h3><p class="hint"><?cs var:Lang.Eval.IndexHint ?></p><?cs /if ?>
<?cs if:q.kind == "extra" && !shown_extra ?><?cs set:shown_extra = 1 ?><h3 class="eval-part"><?cs var:Lang.Eval.ExtraPart ?></h3><?cs /if ?>
<fieldset class="eval-q<?cs if:q.Error ?> has-error<?cs /if ?>" data-kind="<?cs var:q.kind ?>">
<legend><?cs var:q.text ?><?cs if:q.kind == "satisfaction" ?> <span class="muted">(<?cs var:Lang.Eval.Required ?>)</span><?cs /if ?></legend>
<?cs if:q.Error ?><span class="error-message"><?cs var:Lang.Eval.ErrMissing ?></span><?cs /if ?>
<div class="eval-options">
<?cs each:o = q.O ?><label class="eval-option eval-score-<?cs var:o.score ?>"><input type="radio" name="<?cs var:q.name ?>" value="<?cs var:o.score ?>"<?cs if:q.sel == o.key ?> checked<?cs /if ?><?cs if:q.kind == "satisfaction" ?> required<?cs /if ?>><span><?cs var:o.text ?></span></label>
<?cs /each ?>
</div>
</fieldset>
<?cs /each ?>
<div class="form-group<?cs if:Form.Errors.reason ?> has-error<?cs /if ?>">
<label for="eval-reason"><?cs var:Lang.Eval.Reason ?></label>
<span class="hint" id="eval-reason-hint"><?cs var:Lang.Eval.ReasonHint ?></span>
<?cs if:Form.Errors.reason ?><span class="error-message" id="eval-reason-error"><?cs var:Lang.Eval.ErrReason ?></span><?cs /if ?>
<textarea id="eval-reason" name="reason" rows="3" aria-describedby="eval-reason-hint<?cs if:Form.Errors.reason ?> eval-reason-error<?cs /if ?>"<?cs if:Form.Errors.reason ?> aria-invalid="true"<?cs /if ?>><?cs var:Form.reason ?></textarea>
</div>
<button type="submit" class="btn eval-submit"><?cs var:Lang.Eval.Submit ?></button>
<p class="small muted"><?cs var:Lang.Eval.VersionNote ?> <?cs var:Data.Eval.Version ?><?cs if:Data.Eval.Owner ?> <span id="eval-owner">(<?cs var:Data.Eval.Owner ?>)</span><?cs /if ?></p>
</form>
