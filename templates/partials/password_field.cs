<?cs # A new password and its repetition, with the rule said before typing
     (lib/domain/mc_password) and the reason a typed one was refused
     (Form.Errors.password: short, long, common, personal, weak, same).
     Used by registration, the password change and the reset. ?>
<?cs def:password_new(label, label2) ?><div class="form-group<?cs if:Form.Errors.password ?> has-error<?cs /if ?>">
<label for="password"><?cs var:label ?></label>
<span class="hint" id="password-hint"><?cs var:Lang.Password.Rules ?></span>
<?cs if:Form.Errors.password ?><span class="error-message" id="password-error"><?cs if:Form.Errors.password == "common" ?><?cs var:Lang.Password.Common ?><?cs elif:Form.Errors.password == "personal" ?><?cs var:Lang.Password.Personal ?><?cs elif:Form.Errors.password == "weak" ?><?cs var:Lang.Password.Weak ?><?cs elif:Form.Errors.password == "long" ?><?cs var:Lang.Password.Long ?><?cs elif:Form.Errors.password == "same" ?><?cs var:Lang.Password.Same ?><?cs else ?><?cs var:Lang.Register.PasswordError ?><?cs /if ?></span><?cs /if ?>
<input id="password" name="password" type="password" autocomplete="new-password" required aria-describedby="password-hint<?cs if:Form.Errors.password ?> password-error<?cs /if ?>"<?cs if:Form.Errors.password ?> aria-invalid="true"<?cs /if ?>>
</div>
<div class="form-group<?cs if:Form.Errors.password2 ?> has-error<?cs /if ?>">
<label for="password2"><?cs var:label2 ?></label>
<?cs if:Form.Errors.password2 ?><span class="error-message" id="password2-error"><?cs var:Lang.Register.Password2Error ?></span><?cs /if ?>
<input id="password2" name="password2" type="password" autocomplete="new-password" required<?cs if:Form.Errors.password2 ?> aria-invalid="true" aria-describedby="password2-error"<?cs /if ?>>
</div><?cs /def ?>
