<?cs # Two-step verification: enrol an authenticator (QR code, the secret
     to type by hand, a first code), or its state once on. ?>
<div class="narrow">
<h1><?cs var:Lang.Mfa.Title ?></h1>
<?cs if:Data.On ?><p class="flash flash-success" role="status" id="mfa-on"><?cs var:Lang.Mfa.IsOn ?></p>
<p id="recovery-left"><?cs var:Lang.Mfa.RecoveryLeft ?> <strong><?cs var:Data.RecoveryLeft ?></strong></p>
<p><?cs var:Lang.Mfa.LostHelp ?></p>
<p><a href="/dich-vu/tai-khoan"><?cs var:Lang.Account.Title ?></a></p>
<?cs else ?><?cs if:Data.Must ?><div class="flash flash-error" role="alert" id="mfa-must"><?cs var:Lang.Mfa.Must ?></div><?cs /if ?>
<p><?cs var:Lang.Mfa.Intro ?></p>
<ol class="steps-list">
<li><?cs var:Lang.Mfa.Step1 ?></li>
<li><?cs var:Lang.Mfa.Step2 ?>
<p class="qr"><img id="totp-qr" src="/dich-vu/tai-khoan/xac-thuc-hai-buoc/qr.svg" alt="<?cs var:Lang.Mfa.QrAlt ?>" width="222" height="222"></p>
<p><?cs var:Lang.Mfa.ByHand ?> <code id="totp-secret" class="secret"><?cs var:Data.Secret ?></code></p></li>
<li><?cs var:Lang.Mfa.Step3 ?></li>
</ol>
<form method="post" action="/dich-vu/tai-khoan/xac-thuc-hai-buoc" class="form" novalidate>
<input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
<?cs if:Form.next ?><input type="hidden" name="next" value="<?cs var:Form.next ?>"><?cs /if ?>
<div class="form-group<?cs if:Form.Errors.code ?> has-error<?cs /if ?>">
<label for="code"><?cs var:Lang.Mfa.Code ?></label>
<?cs if:Form.Errors.code ?><span class="error-message" id="code-error"><?cs var:Lang.Mfa.Wrong ?></span><?cs /if ?>
<input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="6" required<?cs if:Form.Errors.code ?> aria-invalid="true" aria-describedby="code-error"<?cs /if ?>>
</div>
<button type="submit" class="btn"><?cs var:Lang.Mfa.Confirm ?></button>
</form><?cs /if ?>
</div>
