<?cs # Administrators' account page (cgi-bin/office/accounts.c): find an
     account by e-mail (Form.email); Data.Account.{id,name,email,totp,must,
     roles.N.{role,agency,city}} (city: the admin role at the root agency, shown
     as the city administrator); Data.NotFound; the reset of the second factor;
     roles granted and withdrawn, the account disabled; a new officer
     (Form.new_email, name, phone, role, agency; Form.Errors.*); who holds
     which role where (Data.Roles); Data.Agencies for the selects. ?>
<?cs def:agency_name(id) ?><?cs each:ag = Data.Agencies ?><?cs if:ag.id == id ?><?cs var:ag.name ?><?cs /if ?><?cs /each ?><?cs /def ?>
<?cs def:role_select(id, chosen) ?><select id="<?cs var:id ?>" name="role"><?cs each:r = Lang.Accounts.RoleChoices ?><option value="<?cs name:r ?>"<?cs if:chosen == name(r) ?> selected<?cs /if ?>><?cs var:r ?></option><?cs /each ?></select><?cs /def ?>
<?cs def:agency_select(id, chosen) ?><select id="<?cs var:id ?>" name="agency"><?cs each:ag = Data.Agencies ?><option value="<?cs var:ag.id ?>"<?cs if:chosen == ag.id ?> selected<?cs /if ?>><?cs var:ag.name ?></option><?cs /each ?></select><?cs /def ?>
<h1><?cs var:Lang.Accounts.Title ?></h1>
<?cs include:"partials/admin_scope.cs" ?>
<p class="lead"><?cs var:Lang.Accounts.Intro ?></p>
<form method="get" action="/can-bo/quan-tri/tai-khoan" class="form" id="account-find" novalidate>
<div class="form-group<?cs if:Form.Errors.email ?> has-error<?cs /if ?>">
<label for="email"><?cs var:Lang.Form.Email ?></label>
<?cs if:Form.Errors.email ?><span class="error-message" id="email-error"><?cs var:Lang.Form.EmailError ?></span><?cs /if ?>
<?cs call:refused("email") ?><input id="email" name="email" type="email" required value="<?cs var:Form.email ?>"<?cs if:Form.Errors.email ?> aria-invalid="true" aria-describedby="email-error"<?cs /if ?>>
</div>
<button type="submit" class="btn"><?cs var:Lang.Accounts.Find ?></button>
</form>
<?cs if:Data.NotFound ?><p class="flash flash-error" role="alert" id="account-none"><?cs var:Lang.Accounts.NotFound ?></p><?cs /if ?>
<?cs if:Data.Account.id ?><section class="card" id="account" aria-labelledby="account-name">
<h2 id="account-name"><?cs var:Data.Account.name ?></h2>
<dl class="facts">
<dt><?cs var:Lang.Form.Email ?></dt><dd><?cs var:Data.Account.email ?></dd>
<?cs if:Data.Account.tax_code ?><dt><?cs var:Lang.Org.Name ?></dt><dd id="account-org"><?cs var:Data.Account.org_name ?></dd>
<dt><?cs var:Lang.Org.TaxCode ?></dt><dd id="account-tax"><?cs var:Data.Account.tax_code ?> (<?cs if:Data.Account.tax_verified == "1" ?><?cs var:Lang.Org.TaxVerified ?><?cs else ?><?cs var:Lang.Org.TaxDeclared ?><?cs /if ?>)
<?cs if:Form.Errors.tax ?><p class="error-message" role="alert" id="tax-refused"><?cs var:Lang.Org.VerifyRefused ?></p><?cs /if ?>
<?cs if:Data.Account.tax_verified != "1" ?><form method="post" action="/can-bo/quan-tri/tai-khoan/<?cs var:Data.Account.id ?>/ma-so-thue" class="form" id="tax-verify" novalidate>
<input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>"><input type="hidden" name="email" value="<?cs var:Data.Account.email ?>"><input type="hidden" name="tax_code" value="<?cs var:Data.Account.tax_code ?>">
<p class="hint"><?cs var:Lang.Org.VerifyHint ?></p>
<div class="form-group<?cs if:Form.Errors.seen ?> has-error<?cs /if ?>"><?cs if:Form.Errors.seen ?><span class="error-message" id="seen-error"><?cs var:Lang.Org.SeenError ?></span><?cs /if ?>
<label class="check" for="seen"><input id="seen" name="seen" type="checkbox" value="1"> <?cs var:Lang.Org.Seen ?></label></div>
<button type="submit" class="btn btn-secondary btn-small"><?cs var:Lang.Org.Verify ?></button></form><?cs /if ?></dd><?cs /if ?>
<dt><?cs var:Lang.Accounts.Roles ?></dt><dd><ul class="account-roles" id="account-roles"><?cs each:g = Data.Account.roles ?><?cs if:g.role != "citizen" ?><li><span class="role"><?cs if:g.city ?><?cs var:Lang.Accounts.CityAdmin ?><?cs else ?><?cs alt:Lang.Role[g.role] ?><?cs var:g.role ?><?cs /alt ?><?cs /if ?></span> · <?cs call:agency_name(g.agency) ?>
<form method="post" action="/can-bo/quan-tri/tai-khoan/<?cs var:Data.Account.id ?>/thu-hoi" class="inline-form">
<input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>"><input type="hidden" name="email" value="<?cs var:Data.Account.email ?>">
<input type="hidden" name="role" value="<?cs var:g.role ?>"><input type="hidden" name="agency" value="<?cs var:g.agency ?>">
<button type="submit" class="btn btn-secondary btn-small"><?cs var:Lang.Accounts.Revoke ?></button></form></li><?cs /if ?><?cs /each ?></ul></dd>
<dt><?cs var:Lang.Mfa.Title ?></dt><dd id="account-totp"><?cs if:Data.Account.totp == "on" ?><?cs var:Lang.Accounts.TotpOn ?><?cs elif:Data.Account.must ?><?cs var:Lang.Accounts.TotpMust ?><?cs else ?><?cs var:Lang.Accounts.TotpOff ?><?cs /if ?></dd>
</dl>
<?cs if:Data.Account.totp != "none" || !Data.Account.must ?><form method="post" action="/can-bo/quan-tri/tai-khoan/<?cs var:Data.Account.id ?>/xac-thuc-hai-buoc" id="totp-reset">
<input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
<input type="hidden" name="email" value="<?cs var:Data.Account.email ?>">
<p class="hint"><?cs var:Lang.Accounts.ResetHint ?></p>
<button type="submit" class="btn btn-secondary"><?cs var:Lang.Accounts.Reset ?></button>
</form><?cs /if ?>
<form method="post" action="/can-bo/quan-tri/tai-khoan/<?cs var:Data.Account.id ?>/vai-tro" class="form" id="role-grant">
<h3><?cs var:Lang.Accounts.Grant ?></h3>
<input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>"><input type="hidden" name="email" value="<?cs var:Data.Account.email ?>">
<div class="form-group"><label for="grant-role"><?cs var:Lang.Accounts.Role ?></label><?cs call:role_select("grant-role", "") ?></div>
<div class="form-group"><label for="grant-agency"><?cs var:Lang.Accounts.Agency ?></label><?cs call:agency_select("grant-agency", "") ?></div>
<button type="submit" class="btn"><?cs var:Lang.Accounts.Grant ?></button>
</form>
<form method="post" action="/can-bo/quan-tri/tai-khoan/<?cs var:Data.Account.id ?>/khoa" id="account-disable">
<input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
<p class="hint"><?cs var:Lang.Accounts.DisableHint ?></p>
<button type="submit" class="btn btn-warning"><?cs var:Lang.Accounts.Disable ?></button>
</form>
</section><?cs /if ?>
<section class="card" id="account-new" aria-labelledby="new-h">
<h2 id="new-h"><?cs var:Lang.Accounts.New ?></h2>
<p><?cs var:Lang.Accounts.NewIntro ?></p>
<?cs if:Form.Errors.create ?><p class="flash flash-error" role="alert"><?cs var:Lang.Accounts.NewError ?></p><?cs /if ?>
<form method="post" action="/can-bo/quan-tri/tai-khoan/moi" class="form" novalidate>
<input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
<div class="form-group<?cs if:Form.Errors.new_email ?> has-error<?cs /if ?>"><label for="new-email"><?cs var:Lang.Form.Email ?></label>
<?cs if:Form.Errors.new_email == "taken" ?><span class="error-message" id="new-email-error"><?cs var:Lang.Accounts.EmailTaken ?></span><?cs elif:Form.Errors.new_email ?><span class="error-message" id="new-email-error"><?cs var:Lang.Form.EmailError ?></span><?cs /if ?>
<?cs call:refused("email") ?><input id="new-email" name="email" type="email" value="<?cs var:Form.new_email ?>"<?cs if:Form.Errors.new_email ?> aria-invalid="true" aria-describedby="new-email-error"<?cs /if ?>></div>
<div class="form-group<?cs if:Form.Errors.name ?> has-error<?cs /if ?>"><label for="new-name"><?cs var:Lang.Accounts.Name ?></label>
<?cs if:Form.Errors.name ?><span class="error-message" id="new-name-error"><?cs var:Lang.Accounts.NameError ?></span><?cs /if ?>
<?cs call:refused("name") ?><input id="new-name" name="name" value="<?cs var:Form.name ?>"<?cs if:Form.Errors.name ?> aria-invalid="true" aria-describedby="new-name-error"<?cs /if ?>></div>
<div class="form-group<?cs if:Form.Errors.phone ?> has-error<?cs /if ?>"><label for="new-phone"><?cs var:Lang.Accounts.Phone ?></label>
<?cs call:refused("phone") ?><input id="new-phone" name="phone" type="tel" value="<?cs var:Form.phone ?>"></div>
<div class="form-group<?cs if:Form.Errors.password ?> has-error<?cs /if ?>"><label for="new-password"><?cs var:Lang.Accounts.Password ?></label>
<span class="hint"><?cs var:Lang.Password.Rules ?></span>
<?cs if:Form.Errors.password ?><span class="error-message" id="new-password-error"><?cs alt:Lang.Password[Form.Errors.password] ?><?cs var:Lang.Accounts.PasswordError ?><?cs /alt ?></span><?cs /if ?>
<input id="new-password" name="password" type="password" autocomplete="new-password"<?cs if:Form.Errors.password ?> aria-invalid="true" aria-describedby="new-password-error"<?cs /if ?>></div>
<div class="form-group"><label for="new-role"><?cs var:Lang.Accounts.Role ?></label><?cs call:role_select("new-role", Form.role) ?></div>
<div class="form-group"><label for="new-agency"><?cs var:Lang.Accounts.Agency ?></label><?cs call:agency_select("new-agency", Form.agency) ?></div>
<button type="submit" class="btn"><?cs var:Lang.Accounts.Create ?></button>
</form>
</section>
<section class="card" id="role-holders" aria-labelledby="holders-h">
<h2 id="holders-h"><?cs var:Lang.Accounts.Holders ?></h2>
<?cs if:subcount(Data.Roles) ?><div class="table-wrap"><table class="table table-stack" id="holders">
<thead><tr><th scope="col"><?cs var:Lang.Accounts.Agency ?></th><th scope="col"><?cs var:Lang.Accounts.Role ?></th><th scope="col"><?cs var:Lang.Accounts.Name ?></th><th scope="col"><?cs var:Lang.Form.Email ?></th></tr></thead>
<tbody><?cs each:h = Data.Roles ?><tr<?cs if:h.disabled == "1" ?> class="disabled"<?cs /if ?>>
<td data-label="<?cs var:Lang.Accounts.Agency ?>"><?cs var:h.name ?></td>
<td data-label="<?cs var:Lang.Accounts.Role ?>"><?cs if:h.city ?><?cs var:Lang.Accounts.CityAdmin ?><?cs else ?><?cs alt:Lang.Role[h.role] ?><?cs var:h.role ?><?cs /alt ?><?cs /if ?></td>
<td data-label="<?cs var:Lang.Accounts.Name ?>"><?cs var:h.full_name ?><?cs if:h.disabled == "1" ?> (<?cs var:Lang.Accounts.IsDisabled ?>)<?cs /if ?></td>
<td data-label="<?cs var:Lang.Form.Email ?>"><a href="/can-bo/quan-tri/tai-khoan?email=<?cs var:url_escape(h.email) ?>"><?cs var:h.email ?></a></td>
</tr><?cs /each ?></tbody></table></div><?cs /if ?>
</section>
