<?cs # Registration: a person (name, ID number) or an organisation (its name,
 tax code, and its representative's name and ID number); contact, password. ?>
<?cs include:"partials/password_field.cs" ?>
<div class="narrow">
<h1><?cs var:Lang.Register.Title ?></h1>
<p><?cs var:Lang.Register.Intro ?></p>
<p id="register-verify"><?cs var:Lang.Verify.RegisterNote ?></p>
<form method="post" action="/dich-vu/dang-ky" class="form register-form" novalidate>
<input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
<fieldset class="form-group" id="kind">
<legend><?cs var:Lang.Org.Kind ?></legend>
<label class="check" for="kind-person"><input id="kind-person" name="kind" type="radio" value="person"<?cs if:Form.kind != "org" ?> checked<?cs /if ?>> <?cs var:Lang.Org.Person ?></label>
<label class="check" for="kind-org"><input id="kind-org" name="kind" type="radio" value="org"<?cs if:Form.kind == "org" ?> checked<?cs /if ?>> <?cs var:Lang.Org.Org ?></label>
</fieldset>
<div class="org-only">
<p class="hint" id="org-intro"><?cs var:Lang.Org.Intro ?></p>
<div class="form-group<?cs if:Form.Errors.org_name ?> has-error<?cs /if ?>">
<label for="org_name"><?cs var:Lang.Org.Name ?></label>
<?cs if:Form.Errors.org_name ?><span class="error-message" id="org_name-error"><?cs var:Lang.Org.NameError ?></span><?cs /if ?>
<?cs call:refused("org_name") ?><input id="org_name" name="org_name" type="text" autocomplete="organization" maxlength="255" value="<?cs var:Form.org_name ?>"<?cs if:Form.Errors.org_name ?> aria-invalid="true" aria-describedby="org_name-error"<?cs /if ?>>
</div>
<div class="form-group<?cs if:Form.Errors.tax_code ?> has-error<?cs /if ?>">
<label for="tax_code"><?cs var:Lang.Org.TaxCode ?></label>
<span class="hint"><?cs var:Lang.Org.TaxCodeHint ?></span>
<?cs if:Form.Errors.tax_code ?><span class="error-message" id="tax_code-error"><?cs if:Form.Errors.tax_code == "check" ?><?cs var:Lang.Org.TaxCheck ?><?cs elif:Form.Errors.tax_code == "taken" ?><?cs var:Lang.Org.TaxTaken ?><?cs else ?><?cs var:Lang.Org.TaxFormat ?><?cs /if ?></span><?cs /if ?>
<?cs call:refused("tax_code") ?><input id="tax_code" name="tax_code" type="text" maxlength="14" value="<?cs var:Form.tax_code ?>"<?cs if:Form.Errors.tax_code ?> aria-invalid="true" aria-describedby="tax_code-error"<?cs /if ?>>
</div>
<p class="hint" id="org-representative"><?cs var:Lang.Org.Representative ?></p>
</div>
<div class="form-group<?cs if:Form.Errors.name ?> has-error<?cs /if ?>">
<label for="name"><?cs var:Lang.Form.Name ?></label>
<?cs if:Form.Errors.name ?><span class="error-message" id="name-error"><?cs var:Lang.Form.NameError ?></span><?cs /if ?>
<?cs call:refused("name") ?><input id="name" name="name" type="text" autocomplete="name" required value="<?cs var:Form.name ?>"<?cs if:Form.Errors.name ?> aria-invalid="true" aria-describedby="name-error"<?cs /if ?>>
</div>
<div class="form-group<?cs if:Form.Errors.id_number ?> has-error<?cs /if ?>">
<label for="id_number"><?cs var:Lang.Form.IdNumber ?></label>
<span class="hint"><?cs var:Lang.Form.IdNumberHint ?></span>
<?cs if:Form.Errors.id_number ?><span class="error-message" id="id-error"><?cs var:Lang.Form.IdNumberError ?></span><?cs /if ?>
<?cs call:refused("id_number") ?><input id="id_number" name="id_number" type="text" inputmode="numeric" maxlength="12" required value="<?cs var:Form.id_number ?>"<?cs if:Form.Errors.id_number ?> aria-invalid="true" aria-describedby="id-error"<?cs /if ?>>
</div>
<div class="form-group<?cs if:Form.Errors.email ?> has-error<?cs /if ?>">
<label for="email"><?cs var:Lang.Form.Email ?></label>
<?cs if:Form.Errors.email ?><span class="error-message"><?cs var:Lang.Form.EmailError ?></span><?cs /if ?>
<?cs call:refused("email") ?><input id="email" name="email" type="email" autocomplete="email" value="<?cs var:Form.email ?>">
</div>
<div class="form-group<?cs if:Form.Errors.phone ?> has-error<?cs /if ?>">
<label for="phone"><?cs var:Lang.Form.Phone ?></label>
<?cs if:Form.Errors.phone ?><span class="error-message"><?cs var:Lang.Form.PhoneError ?></span><?cs /if ?>
<?cs call:refused("phone") ?><input id="phone" name="phone" type="tel" autocomplete="tel" value="<?cs var:Form.phone ?>">
</div>
<?cs call:password_new(Lang.Login.Password, Lang.Register.Password2) ?>
<button type="submit" class="btn"><?cs var:Lang.Register.Submit ?></button>
</form>
</div>
