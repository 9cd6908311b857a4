<?cs # Filing a dossier online for one procedure (Data.Procedure.0). ?>
<?cs with:p = Data.Procedure.0 ?>
<p class="eyebrow"><?cs var:Lang.File.Eyebrow ?></p>
<h1><?cs var:p.name ?></h1>
<p class="muted"><?cs var:Lang.File.Code ?> <?cs var:p.code ?> · <?cs if:Page.Lang == "en" && p.field_name_en ?><?cs var:p.field_name_en ?><?cs else ?><?cs var:p.field_name ?><?cs /if ?></p>
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
<div class="form-group agency-pick<?cs if:Form.Errors.agency ?> has-error<?cs /if ?>">
<label for="agency"><?cs var:Lang.File.Agency ?></label>
<span class="hint" id="agency-hint"><?cs var:Lang.File.AgencyHint ?></span>
<?cs if:Form.Errors.agency ?><span class="error-message" id="agency-error"><?cs var:Lang.File.AgencyError ?></span><?cs /if ?>
<div class="pick-filter">
<label for="agency_q"><?cs var:Lang.File.AgencySearch ?></label>
<div class="search-row">
<input id="agency_q" name="agency_q" type="search" class="input" autocomplete="off" value="<?cs var:Form.agency_q ?>" data-filter-for="agency" data-count-text="<?cs var:Lang.File.AgencyCount ?>" data-none-text="<?cs var:Lang.File.AgencyNone ?>">
<button type="submit" name="filter" value="1" class="btn btn-secondary" formnovalidate><?cs var:Lang.File.AgencyFilter ?></button>
</div>
</div>
<p class="hint pick-count" id="agency-count" aria-live="polite"><?cs if:Data.NoMatch ?><?cs var:Lang.File.AgencyNone ?><?cs elif:Form.Filtered ?><?cs var:Data.AgencyCount ?> <?cs var:Lang.File.AgencyCountAfter ?><?cs /if ?></p>
<select id="agency" name="agency" required aria-describedby="agency-hint<?cs if:Form.Errors.agency ?> agency-error<?cs /if ?> agency-count">
<option value=""<?cs if:!Form.agency ?> selected<?cs /if ?>><?cs var:Lang.File.AgencyChoose ?></option>
<?cs if:Data.AgencyOthers > 0 ?><optgroup label="<?cs var:Lang.File.AgencyDepartments ?>">
<?cs each:a = Data.Agencies ?><?cs if:a.kind != "ward" ?><option value="<?cs var:a.code ?>"<?cs if:a.code == Form.agency ?> selected<?cs /if ?>><?cs var:a.name ?></option>
<?cs /if ?><?cs /each ?></optgroup>
<?cs /if ?><?cs if:Data.AgencyWards > 0 ?><optgroup label="<?cs var:Lang.File.AgencyWards ?>">
<?cs each:a = Data.Agencies ?><?cs if:a.kind == "ward" ?><option value="<?cs var:a.code ?>"<?cs if:a.code == Form.agency ?> selected<?cs /if ?>><?cs var:a.name ?></option>
<?cs /if ?><?cs /each ?></optgroup>
<?cs /if ?></select>
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
<?cs if:Form.kept_file ?><p class="kept-file" id="kept-file"><?cs var:Lang.File.Kept ?> <strong><?cs var:Form.kept_name ?></strong>. <?cs var:Lang.File.KeptReplace ?></p>
<input type="hidden" name="kept_file" value="<?cs var:Form.kept_file ?>">
<input type="hidden" name="kept_name" value="<?cs var:Form.kept_name ?>">
<input type="hidden" name="kept_mac" value="<?cs var:Form.kept_mac ?>">
<?cs /if ?><input id="file" name="file" type="file" accept="application/pdf,image/jpeg,image/png"<?cs if:!Form.kept_file ?> required<?cs /if ?>>
</div>
</fieldset>
<button type="submit" class="btn"><?cs var:Lang.File.Submit ?></button>
</form>
<script src="/static/js/pick.js" defer></script>
<?cs /with ?>
