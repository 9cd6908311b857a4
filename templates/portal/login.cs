<?cs # Login for citizens and officers: e-mail or ID number, and password. ?>
<div class="narrow">
<h1><?cs var:Lang.Login.Title ?></h1>
<?cs if:Form.Errors.login ?><div class="flash flash-error" role="alert"><?cs var:Lang.Login.Failed ?></div><?cs /if ?>
<?cs if:Form.Errors.sso ?><div class="flash flash-error" role="alert" id="sso-failed"><?cs var:Lang.Login.SsoFailed ?></div><?cs /if ?>
<?cs if:Form.WaitMinutes ?><div class="flash flash-error" role="alert" id="login-throttled"><?cs var:Lang.Login.Throttled ?> <?cs var:Form.WaitMinutes ?> <?cs var:Lang.Login.Minutes ?>.</div><?cs /if ?>
<form method="post" action="/dich-vu/dang-nhap" class="form">
<input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
<?cs if:Form.next ?><input type="hidden" name="next" value="<?cs var:Form.next ?>"><?cs /if ?>
<div class="form-group">
<label for="login"><?cs var:Lang.Login.Login ?></label>
<span class="hint" id="login-hint"><?cs var:Lang.Login.LoginHint ?></span>
<input id="login" name="login" type="text" autocomplete="username" required aria-describedby="login-hint" value="<?cs var:Form.login ?>">
</div>
<div class="form-group">
<label for="password"><?cs var:Lang.Login.Password ?></label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
</div>
<p class="forgot"><a href="/dich-vu/quen-mat-khau" id="forgot-link"><?cs var:Lang.Reset.Forgot ?></a></p>
<button type="submit" class="btn"><?cs var:Lang.Login.Submit ?></button>
</form>
<?cs if:Data.Sso ?><div class="sso">
<p class="sso-or"><?cs var:Lang.Login.Or ?></p>
<a class="btn btn-secondary btn-sso" id="sso-login" href="/dich-vu/dang-nhap/sso<?cs if:Data.SsoNext ?>?next=<?cs var:url_escape(Data.SsoNext) ?><?cs /if ?>"><?cs var:Lang.Login.Sso ?></a>
<p class="hint"><?cs var:Lang.Login.SsoHint ?></p>
</div><?cs /if ?>
<p><?cs var:Lang.Login.NoAccount ?> <a href="/dich-vu/dang-ky"><?cs var:Lang.Login.Register ?></a></p>
</div>
