<?cs # Pairing a kiosk or tablet with the administrator's one-time code.
     Reads Form.Errors.code. ?>
<div class="narrow">
<h1><?cs var:Lang.Eval.Pair ?></h1>
<p><?cs var:Lang.Eval.PairIntro ?></p>
<form method="post" action="/dich-vu/thiet-bi-danh-gia/ghep" class="form">
<input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
<div class="form-group<?cs if:Form.Errors.code ?> has-error<?cs /if ?>">
<label for="code"><?cs var:Lang.Eval.PairCode ?></label>
<?cs if:Form.Errors.code ?><span class="error-message" id="code-error"><?cs var:Lang.Eval.ErrPair ?></span><?cs /if ?>
<input id="code" name="code" type="text" inputmode="numeric" autocomplete="off" required<?cs if:Form.Errors.code ?> aria-invalid="true" aria-describedby="code-error"<?cs /if ?>>
</div>
<button type="submit" class="btn"><?cs var:Lang.Eval.PairSubmit ?></button>
</form>
</div>
