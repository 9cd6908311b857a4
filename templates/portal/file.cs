<?cs # Filing a dossier online for one procedure (Data.Procedure.0). ?>
<?cs with:p = Data.Procedure.0 ?>
<p class="eyebrow"><?cs var:Lang.File.Eyebrow ?></p>
<h1><?cs var:p.name ?></h1>
<p class="muted"><?cs var:Lang.File.Code ?> <?cs var:p.code ?> · <?cs var:p.field_name ?></p>
<?cs if:Form.Invalid ?><div class="flash flash-error" role="alert"><?cs var:Lang.File.Invalid ?></div><?cs /if ?>
<?cs if:subcount(Data.Documents) ?>
<details class="card">
<summary><?cs var:Lang.File.Documents ?></summary>
<ol><?cs each:d = Data.Documents ?><li><?cs var:d.name ?></li><?cs /each ?></ol>
</details>
<?cs /if ?>
<form method="post" action="/dich-vu/nop-ho-so/<?cs var:url_escape(p.code) ?>" enctype="multipart/form-data" class="form" novalidate>
<input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
<fieldset>
<legend><?cs var:Lang.File.Applicant ?></legend>
<div class="form-group<?cs if:Form.Errors.name ?> has-error<?cs /if ?>">
<label for="name"><?cs var:Lang.Form.Name ?></label>
<?cs if:Form.Errors.name ?><span class="error-message"><?cs var:Lang.Form.NameError ?></span><?cs /if ?>
<input id="name" name="name" type="text" autocomplete="name" required value="<?cs var:Form.name ?>">
</div>
<div class="form-group<?cs if:Form.Errors.id_number ?> has-error<?cs /if ?>">
<label for="id_number"><?cs var:Lang.Form.IdNumber ?></label>
<?cs if:Form.Errors.id_number ?><span class="error-message"><?cs var:Lang.Form.IdNumberError ?></span><?cs /if ?>
<input id="id_number" name="id_number" type="text" inputmode="numeric" maxlength="12" required value="<?cs var:Form.id_number ?>">
</div>
<div class="form-group<?cs if:Form.Errors.phone ?> has-error<?cs /if ?>">
<label for="phone"><?cs var:Lang.Form.Phone ?></label>
<?cs if:Form.Errors.phone ?><span class="error-message"><?cs var:Lang.Form.PhoneError ?></span><?cs /if ?>
<input id="phone" name="phone" type="tel" autocomplete="tel" value="<?cs var:Form.phone ?>">
</div>
<div class="form-group<?cs if:Form.Errors.email ?> has-error<?cs /if ?>">
<label for="email"><?cs var:Lang.Form.Email ?></label>
<?cs if:Form.Errors.email ?><span class="error-message"><?cs var:Lang.Form.EmailError ?></span><?cs /if ?>
<input id="email" name="email" type="email" autocomplete="email" value="<?cs var:Form.email ?>">
</div>
<div class="form-group">
<label for="address"><?cs var:Lang.Form.Address ?></label>
<input id="address" name="address" type="text" autocomplete="street-address" value="<?cs var:Form.address ?>">
</div>
</fieldset>
<fieldset>
<legend><?cs var:Lang.File.Request ?></legend>
<div class="form-group<?cs if:Form.Errors.agency ?> has-error<?cs /if ?>">
<label for="agency"><?cs var:Lang.File.Agency ?></label>
<?cs if:Form.Errors.agency ?><span class="error-message"><?cs var:Lang.File.AgencyError ?></span><?cs /if ?>
<select id="agency" name="agency" required>
<?cs each:a = Data.Agencies ?><option value="<?cs var:a.code ?>"<?cs if:a.code == Form.agency ?> selected<?cs /if ?>><?cs var:a.name ?></option>
<?cs /each ?></select>
</div>
<div class="form-group">
<label for="content"><?cs var:Lang.File.Content ?></label>
<span class="hint"><?cs var:Lang.File.ContentHint ?></span>
<textarea id="content" name="content" rows="5"><?cs var:Form.content ?></textarea>
</div>
<div class="form-group<?cs if:Form.Errors.file ?> has-error<?cs /if ?>">
<label for="file"><?cs var:Lang.File.Attachment ?></label>
<span class="hint"><?cs var:Lang.File.AttachmentHint ?></span>
<?cs if:Form.Errors.file ?><span class="error-message"><?cs alt:Lang[Form.Errors.file] ?><?cs var:Lang.Error.FileMissing ?><?cs /alt ?></span><?cs /if ?>
<input id="file" name="file" type="file" accept="application/pdf,image/jpeg,image/png" required>
</div>
</fieldset>
<button type="submit" class="btn"><?cs var:Lang.File.Submit ?></button>
</form>
<?cs /with ?>
