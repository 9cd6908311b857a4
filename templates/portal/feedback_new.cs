<?cs # Sending feedback (phản ánh, kiến nghị): Form.* (dossier, category, ward,
     body, publish), Form.Errors.*, Data.Errors (summary), Data.Categories,
     Data.Wards (code, name), Data.Kept (photos kept from a refused post);
     without a login (Data.Anon) Form.phone, and once a code was sent
     Data.Ticket (the code's ticket) and Data.CodeLeft after a wrong one. ?>
<div class="narrow">
<p class="eyebrow"><?cs var:Lang.Feedback.Eyebrow ?></p>
<h1><?cs var:Lang.Feedback.NewTitle ?></h1>
<p><?cs var:Lang.Feedback.Intro ?></p>
<?cs if:Data.Anon ?><p class="small muted" id="anon-note"><?cs var:Lang.Feedback.AnonNote ?> <a href="/dich-vu/dang-nhap?next=/dich-vu/phan-anh/gui"><?cs var:Lang.Site.User.Login ?></a></p><?cs /if ?>
<?cs if:Data.NErrors > 0 ?><div class="error-summary" role="alert" tabindex="-1" id="error-summary">
<h2><?cs var:Lang.Feedback.Problem ?></h2>
<ul><?cs each:e = Data.Errors ?><li><a href="<?cs var:e.href ?>"><?cs var:e.text ?></a></li><?cs /each ?></ul>
</div><?cs /if ?>
<form method="post" action="/dich-vu/phan-anh/gui<?cs if:Page.Lang == "en" ?>?lang=en<?cs /if ?>" enctype="multipart/form-data" class="form" novalidate>
<input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
<div class="form-group<?cs if:Form.Errors.category ?> has-error<?cs /if ?>">
<label for="category"><?cs var:Lang.Feedback.Category ?></label>
<?cs if:Form.Errors.category ?><span class="error-message" id="category-error"><?cs var:Lang.Feedback.Err.category ?></span><?cs /if ?>
<select id="category" name="category"<?cs if:Form.Errors.category ?> aria-invalid="true" aria-describedby="category-error"<?cs /if ?>><option value=""><?cs var:Lang.Feedback.Choose ?></option>
<?cs each:c = Data.Categories ?><option value="<?cs var:c ?>"<?cs if:Form.category == c ?> selected<?cs /if ?>><?cs var:Lang.Feedback.Cat[c] ?></option><?cs /each ?>
</select>
</div>
<?cs if:!Data.Anon ?><div class="form-group<?cs if:Form.Errors.dossier ?> has-error<?cs /if ?>">
<label for="dossier"><?cs var:Lang.Feedback.Dossier ?></label>
<span class="hint" id="dossier-hint"><?cs var:Lang.Feedback.DossierHint ?></span>
<?cs if:Form.Errors.dossier ?><span class="error-message" id="dossier-error"><?cs var:Lang.Feedback.Err.dossier ?></span><?cs /if ?>
<input id="dossier" name="dossier" type="text" autocomplete="off" value="<?cs var:Form.dossier ?>" aria-describedby="dossier-hint<?cs if:Form.Errors.dossier ?> dossier-error<?cs /if ?>"<?cs if:Form.Errors.dossier ?> aria-invalid="true"<?cs /if ?>>
</div><?cs /if ?>
<div class="form-group<?cs if:Form.Errors.ward ?> has-error<?cs /if ?>">
<label for="ward"><?cs var:Lang.Feedback.Ward ?></label>
<span class="hint" id="ward-hint"><?cs var:Lang.Feedback.WardHint ?></span>
<?cs if:Form.Errors.ward ?><span class="error-message" id="ward-error"><?cs var:Lang.Feedback.Err.ward ?></span><?cs /if ?>
<select id="ward" name="ward" aria-describedby="ward-hint<?cs if:Form.Errors.ward ?> ward-error<?cs /if ?>"><option value=""><?cs var:Lang.Feedback.WardNone ?></option>
<?cs each:w = Data.Wards ?><option value="<?cs var:w.code ?>"<?cs if:Form.ward == w.code ?> selected<?cs /if ?>><?cs var:w.name ?></option><?cs /each ?>
</select>
</div>
<div class="form-group<?cs if:Form.Errors.body ?> has-error<?cs /if ?>">
<label for="body"><?cs var:Lang.Feedback.Body ?></label>
<span class="hint" id="body-hint"><?cs var:Lang.Feedback.BodyHint ?></span>
<?cs if:Form.Errors.body ?><span class="error-message" id="body-error"><?cs var:Lang.Feedback.Err[Form.Errors.body] ?></span><?cs /if ?>
<textarea id="body" name="body" rows="6" maxlength="4000" aria-describedby="body-hint<?cs if:Form.Errors.body ?> body-error<?cs /if ?>"<?cs if:Form.Errors.body ?> aria-invalid="true"<?cs /if ?>><?cs var:Form.body ?></textarea>
</div>
<div class="form-group<?cs if:Form.Errors.photo1 ?> has-error<?cs /if ?>">
<label for="photo1"><?cs var:Lang.Feedback.Photos ?></label>
<span class="hint" id="photo-hint"><?cs var:Lang.Feedback.PhotosHint ?></span>
<?cs if:Form.Errors.photo1 ?><span class="error-message" id="photo-error"><?cs var:Lang.Feedback.Err[Form.Errors.photo1] ?></span><?cs /if ?>
<?cs if:subcount(Data.Kept) ?><ul class="files" id="kept-photos"><?cs each:k = Data.Kept ?><li><?cs var:Lang.Feedback.Kept ?>: <?cs var:k.name ?><input type="hidden" name="kept<?cs var:k.n ?>" value="<?cs var:k.value ?>"></li><?cs /each ?></ul><?cs /if ?>
<input id="photo1" name="photo1" type="file" accept="image/jpeg,image/png" aria-describedby="photo-hint<?cs if:Form.Errors.photo1 ?> photo-error<?cs /if ?>">
<label for="photo2" class="visually-hidden"><?cs var:Lang.Feedback.Photo ?> 2</label><input id="photo2" name="photo2" type="file" accept="image/jpeg,image/png">
<label for="photo3" class="visually-hidden"><?cs var:Lang.Feedback.Photo ?> 3</label><input id="photo3" name="photo3" type="file" accept="image/jpeg,image/png">
</div>
<div class="form-group"><label class="check" for="publish"><input id="publish" name="publish" type="checkbox" value="1"<?cs if:Form.publish == "1" ?> checked<?cs /if ?>> <?cs var:Lang.Feedback.Publish ?></label></div>
<?cs if:Data.Anon ?><div class="form-group<?cs if:Form.Errors.phone ?> has-error<?cs /if ?>">
<label for="phone"><?cs var:Lang.Feedback.Phone ?></label>
<span class="hint" id="phone-hint"><?cs var:Lang.Feedback.PhoneHint ?></span>
<?cs if:Form.Errors.phone ?><span class="error-message" id="phone-error"><?cs var:Lang.Feedback.Err[Form.Errors.phone] ?></span><?cs /if ?>
<input id="phone" name="phone" type="tel" inputmode="tel" autocomplete="tel" maxlength="16" value="<?cs var:Form.phone ?>" aria-describedby="phone-hint<?cs if:Form.Errors.phone ?> phone-error<?cs /if ?>"<?cs if:Form.Errors.phone ?> aria-invalid="true"<?cs /if ?>>
</div>
<?cs if:Data.Ticket ?><input type="hidden" name="ticket" value="<?cs var:Data.Ticket ?>">
<div class="form-group<?cs if:Form.Errors.code ?> has-error<?cs /if ?>">
<label for="code"><?cs var:Lang.Feedback.CodeLabel ?></label>
<span class="hint" id="code-hint"><?cs var:Lang.Feedback.CodeHint ?></span>
<?cs if:Form.Errors.code ?><span class="error-message" id="code-error"><?cs var:Lang.Feedback.Err[Form.Errors.code] ?><?cs if:Data.CodeLeft ?> <?cs var:Lang.Feedback.AttemptsLeft ?> <?cs var:Data.CodeLeft ?>.<?cs /if ?></span><?cs /if ?>
<input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="6" class="input-short" value="" aria-describedby="code-hint<?cs if:Form.Errors.code ?> code-error<?cs /if ?>"<?cs if:Form.Errors.code ?> aria-invalid="true"<?cs /if ?>>
</div>
<button type="submit" class="btn"><?cs var:Lang.Feedback.Send ?></button>
<button type="submit" class="btn btn-secondary" name="resend" value="1" id="resend"><?cs var:Lang.Feedback.Resend ?></button>
<?cs else ?><button type="submit" class="btn"><?cs var:Lang.Feedback.GetCode ?></button><?cs /if ?>
<?cs else ?><button type="submit" class="btn"><?cs var:Lang.Feedback.Send ?></button><?cs /if ?>
</form>
<?cs if:!Data.Anon ?><p><a href="/dich-vu/phan-anh<?cs if:Page.Lang == "en" ?>?lang=en<?cs /if ?>"><?cs var:Lang.Feedback.MineTitle ?></a></p><?cs /if ?>
</div>
