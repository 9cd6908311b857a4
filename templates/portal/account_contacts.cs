<?cs # The account's e-mail and phone, each confirmed or waiting for its
     link or code (Data.Contacts.*), and the forms that change them; errors
     at the field and in the summary (Data.Errors). ?>
<?cs def:contact_status(ok) ?><?cs if:ok ?><span class="tag tag-online"><?cs var:Lang.Verify.Verified ?></span><?cs else ?><span class="tag fb-open"><?cs var:Lang.Verify.NotVerified ?></span><?cs /if ?><?cs /def ?>
<?cs def:field_err(f) ?><?cs if:Form.Errors[f] ?><span class="error-message" id="<?cs var:f ?>-error"><?cs var:Lang.Verify.Err[Form.Errors[f]] ?><?cs if:Form.Errors[f] == "code" && Data.CodeLeft ?> <?cs var:Lang.Verify.CodeLeft ?> <?cs var:Data.CodeLeft ?>.<?cs /if ?></span><?cs /if ?><?cs /def ?>
<?cs def:err_attr(f) ?><?cs if:Form.Errors[f] ?> aria-invalid="true" aria-describedby="<?cs var:f ?>-error"<?cs /if ?><?cs /def ?>
<section id="contacts" aria-labelledby="contacts-title">
<h2 id="contacts-title"><?cs var:Lang.Verify.Contacts ?></h2>
<?cs if:Data.NErrors > 0 ?><div class="error-summary" role="alert" tabindex="-1" id="error-summary">
<h2><?cs var:Lang.Verify.Problem ?></h2>
<ul><?cs each:e = Data.Errors ?><li><a href="<?cs var:e.href ?>"><?cs var:e.text ?></a></li><?cs /each ?></ul>
</div><?cs /if ?>
<p><?cs var:Lang.Verify.ContactsIntro ?></p>
<dl class="facts contact-facts">
<dt><?cs var:Lang.Verify.Email ?></dt>
<dd id="email-status"><?cs if:Data.Contacts.Email ?><span id="email-verified"><?cs var:Data.Contacts.Email ?></span> <?cs call:contact_status(1) ?><?cs elif:!Data.Contacts.EmailNew ?><?cs var:Lang.Verify.None ?><?cs /if ?>
<?cs if:Data.Contacts.EmailNew ?><div class="contact-pending" id="email-pending"><?cs if:Data.Contacts.Email ?><?cs var:Lang.Verify.Pending ?>: <?cs /if ?><span id="email-new"><?cs var:Data.Contacts.EmailNew ?></span> <?cs call:contact_status(0) ?>
<p class="hint"><?cs var:Lang.Verify.EmailPendingHint ?></p>
<?cs call:field_err("email_again") ?><form method="post" action="/dich-vu/tai-khoan/email/gui-lai" class="inline-form" id="email_again"><input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>"><button type="submit" class="btn btn-secondary btn-small"><?cs var:Lang.Verify.SendAgain ?></button></form>
</div><?cs /if ?></dd>
<dt><?cs var:Lang.Verify.Phone ?></dt>
<dd id="phone-status"><?cs if:Data.Contacts.Phone ?><span id="phone-verified"><?cs var:Data.Contacts.Phone ?></span> <?cs call:contact_status(1) ?><?cs elif:!Data.Contacts.PhoneNew ?><?cs var:Lang.Verify.None ?><?cs /if ?>
<?cs if:Data.Contacts.PhoneNew ?><div class="contact-pending" id="phone-pending"><?cs if:Data.Contacts.Phone ?><?cs var:Lang.Verify.Pending ?>: <?cs /if ?><span id="phone-new"><?cs var:Data.Contacts.PhoneNew ?></span> <?cs call:contact_status(0) ?>
<?cs if:Data.Contacts.PhoneSent ?><form method="post" action="/dich-vu/tai-khoan/dien-thoai/ma" class="form" id="code-form" novalidate>
<input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
<div class="form-group<?cs if:Form.Errors.code ?> has-error<?cs /if ?>">
<label for="code"><?cs var:Lang.Verify.CodeLabel ?></label>
<?cs call:field_err("code") ?><input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="6" required<?cs call:err_attr("code") ?>>
</div>
<button type="submit" class="btn"><?cs var:Lang.Verify.CodeSubmit ?></button>
</form><?cs else ?><p class="hint"><?cs var:Lang.Verify.PhonePendingHint ?></p><?cs /if ?>
<?cs call:field_err("phone_send") ?><form method="post" action="/dich-vu/tai-khoan/dien-thoai/gui-ma" class="inline-form" id="phone_send"><input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>"><button type="submit" class="btn btn-secondary btn-small"><?cs if:Data.Contacts.PhoneSent ?><?cs var:Lang.Verify.SendCodeAgain ?><?cs else ?><?cs var:Lang.Verify.SendCode ?><?cs /if ?></button></form>
</div><?cs /if ?></dd>
</dl>
<details class="card" id="email-change"<?cs if:Form.Open == "email" ?> open<?cs /if ?>>
<summary><?cs if:Data.Contacts.Email ?><?cs var:Lang.Verify.ChangeEmail ?><?cs else ?><?cs var:Lang.Verify.AddEmail ?><?cs /if ?></summary>
<form method="post" action="/dich-vu/tai-khoan/email" class="form" id="email-form" novalidate>
<input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
<div class="form-group<?cs if:Form.Errors.new_email ?> has-error<?cs /if ?>">
<label for="new_email"><?cs var:Lang.Verify.NewEmail ?></label>
<?cs call:field_err("new_email") ?><?cs call:refused("email") ?><input id="new_email" name="email" type="email" autocomplete="email" required value="<?cs var:Form.new_email ?>"<?cs call:err_attr("new_email") ?>>
</div>
<?cs if:Data.Contacts.HasPassword ?><div class="form-group<?cs if:Form.Errors.email_current ?> has-error<?cs /if ?>">
<label for="email_current"><?cs var:Lang.Verify.Current ?></label>
<?cs call:field_err("email_current") ?><input id="email_current" name="current" type="password" autocomplete="current-password" required<?cs call:err_attr("email_current") ?>>
</div><?cs /if ?>
<button type="submit" class="btn"><?cs var:Lang.Verify.EmailSubmit ?></button>
</form>
</details>
<details class="card" id="phone-change"<?cs if:Form.Open == "phone" ?> open<?cs /if ?>>
<summary><?cs if:Data.Contacts.Phone ?><?cs var:Lang.Verify.ChangePhone ?><?cs else ?><?cs var:Lang.Verify.AddPhone ?><?cs /if ?></summary>
<form method="post" action="/dich-vu/tai-khoan/dien-thoai" class="form" id="phone-form" novalidate>
<input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
<div class="form-group<?cs if:Form.Errors.new_phone ?> has-error<?cs /if ?>">
<label for="new_phone"><?cs var:Lang.Verify.NewPhone ?></label>
<?cs call:field_err("new_phone") ?><?cs call:refused("phone") ?><input id="new_phone" name="phone" type="tel" autocomplete="tel" required value="<?cs var:Form.new_phone ?>"<?cs call:err_attr("new_phone") ?>>
</div>
<?cs if:Data.Contacts.HasPassword ?><div class="form-group<?cs if:Form.Errors.phone_current ?> has-error<?cs /if ?>">
<label for="phone_current"><?cs var:Lang.Verify.Current ?></label>
<?cs call:field_err("phone_current") ?><input id="phone_current" name="current" type="password" autocomplete="current-password" required<?cs call:err_attr("phone_current") ?>>
</div><?cs /if ?>
<button type="submit" class="btn"><?cs var:Lang.Verify.PhoneSubmit ?></button>
</form>
</details>
</section>
