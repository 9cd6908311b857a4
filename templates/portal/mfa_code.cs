<?cs # The second step of an officer's login: the six-digit code of the
     authenticator app, or a recovery code. ?>
<div class="narrow">
<h1><?cs var:Lang.Mfa.Title ?></h1>
<?cs if:Form.Errors.code ?><div class="flash flash-error" role="alert" id="code-error"><?cs var:Lang.Mfa.Wrong ?></div><?cs /if ?>
<?cs if:Form.Errors.expired ?><div class="flash flash-error" role="alert" id="code-expired"><?cs var:Lang.Mfa.Expired ?> <a href="/dich-vu/dang-nhap"><?cs var:Lang.Login.Title ?></a></div><?cs /if ?>
<?cs if:Form.WaitMinutes ?><div class="flash flash-error" role="alert" id="code-throttled"><?cs var:Lang.Login.Throttled ?> <?cs var:Form.WaitMinutes ?> <?cs var:Lang.Login.Minutes ?>.</div><?cs /if ?>
<p><?cs var:Lang.Mfa.Ask ?></p>
<form method="post" action="/dich-vu/dang-nhap/ma-xac-thuc" class="form" novalidate>
<input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
<div class="form-group<?cs if:Form.Errors.code ?> has-error<?cs /if ?>">
<label for="code"><?cs var:Lang.Mfa.Code ?></label>
<span class="hint" id="code-hint"><?cs var:Lang.Mfa.CodeHint ?></span>
<input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="16" required autofocus aria-describedby="code-hint">
</div>
<button type="submit" class="btn"><?cs var:Lang.Mfa.Verify ?></button>
</form>
</div>
