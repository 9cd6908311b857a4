<?cs # A forgotten password: the e-mail a reset link goes to. The answer is
     the same whether or not an account has that e-mail. ?>
<div class="narrow">
<h1><?cs var:Lang.Reset.Title ?></h1>
<?cs if:Data.Sent ?><div class="flash flash-success" role="status" id="reset-sent"><?cs var:Lang.Reset.Sent ?></div>
<p><a href="/dich-vu/dang-nhap"><?cs var:Lang.Reset.BackToLogin ?></a></p>
<?cs else ?><p><?cs var:Lang.Reset.Intro ?></p>
<form method="post" action="/dich-vu/quen-mat-khau" class="form" novalidate>
<input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
<div class="form-group<?cs if:Form.Errors.email ?> has-error<?cs /if ?>">
<label for="email"><?cs var:Lang.Form.Email ?></label>
<?cs if:Form.Errors.email ?><span class="error-message" id="email-error"><?cs var:Lang.Form.EmailError ?></span><?cs /if ?>
<?cs call:refused("email") ?><input id="email" name="email" type="email" autocomplete="email" required value="<?cs var:Form.email ?>"<?cs if:Form.Errors.email ?> aria-invalid="true" aria-describedby="email-error"<?cs /if ?>>
</div>
<button type="submit" class="btn"><?cs var:Lang.Reset.Send ?></button>
</form><?cs /if ?>
</div>
