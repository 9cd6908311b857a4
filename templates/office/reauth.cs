<?cs # Re-authentication before a sensitive action (cgi-bin/office/accounts.c):
     the password typed again; the action's fields carried along
     (Data.Reauth.action, Data.Reauth.carry.N.{name,value}); Form.Errors.reauth
     (1 wrong password, code_missing / code_wrong the authenticator's code,
     "wait" too many wrong ones: Data.Reauth.wait_minutes); Data.Reauth.totp
     set, the account has an authenticator: its code is asked for too
     (field reauth_code). ?>
<h1><?cs var:Lang.Reauth.Title ?></h1>
<p class="lead"><?cs var:Lang.Reauth.Intro ?></p>
<form method="post" action="<?cs var:Data.Reauth.action ?>" class="form" id="reauth" novalidate>
<input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
<?cs each:c = Data.Reauth.carry ?><input type="hidden" name="<?cs var:c.name ?>" value="<?cs var:c.value ?>">
<?cs /each ?><div class="form-group<?cs if:Form.Errors.reauth ?> has-error<?cs /if ?>"><label for="reauth-password"><?cs var:Lang.Reauth.Password ?></label>
<?cs if:Form.Errors.reauth ?><span class="error-message" id="reauth-error"><?cs if:Form.Errors.reauth == "wait" ?><?cs var:Lang.Reauth.Wait ?> <?cs var:Data.Reauth.wait_minutes ?> <?cs var:Lang.Reauth.Minutes ?><?cs elif:Form.Errors.reauth == "code_missing" ?><?cs var:Lang.Reauth.CodeMissing ?><?cs elif:Form.Errors.reauth == "code_wrong" ?><?cs var:Lang.Reauth.CodeWrong ?><?cs else ?><?cs var:Lang.Reauth.Wrong ?><?cs /if ?></span><?cs /if ?>
<input id="reauth-password" name="reauth" type="password" autocomplete="current-password" required<?cs if:Form.Errors.reauth ?> aria-invalid="true" aria-describedby="reauth-error"<?cs /if ?>></div>
<?cs if:Data.Reauth.totp ?><div class="form-group"><label for="reauth-code"><?cs var:Lang.Reauth.Code ?></label>
<span class="hint" id="reauth-code-hint"><?cs var:Lang.Reauth.CodeHint ?></span>
<input id="reauth-code" name="reauth_code" type="text" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autocomplete="one-time-code" required aria-describedby="reauth-code-hint"></div>
<?cs /if ?><button type="submit" class="btn"><?cs var:Lang.Reauth.Submit ?></button>
</form>
