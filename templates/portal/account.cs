<?cs # One's account: who, and the password change (the other sessions end). ?>
<?cs include:"partials/password_field.cs" ?>
<div class="narrow">
<h1><?cs var:Lang.Account.Title ?></h1>
<dl class="facts account-facts">
<dt><?cs var:Lang.Org.AccountKind ?></dt><dd id="account-kind"><?cs if:Data.Account.TaxCode ?><?cs var:Lang.Org.Org ?><?cs else ?><?cs var:Lang.Org.Person ?><?cs /if ?></dd>
<?cs if:Data.Account.TaxCode ?><dt><?cs var:Lang.Org.Name ?></dt><dd id="account-org"><?cs var:Data.Account.OrgName ?></dd>
<dt><?cs var:Lang.Org.TaxCode ?></dt><dd id="account-tax"><?cs var:Data.Account.TaxCode ?> (<?cs if:Data.Account.TaxVerified ?><?cs var:Lang.Org.TaxVerified ?><?cs else ?><?cs var:Lang.Org.TaxDeclared ?><?cs /if ?>)</dd><?cs /if ?>
<dt><?cs if:Data.Account.TaxCode ?><?cs var:Lang.Org.Representative ?> <?cs /if ?><?cs var:Lang.Form.Name ?></dt><dd><?cs var:Data.Account.Name ?></dd>
<?cs if:Data.Account.IdNumber ?><dt><?cs var:Lang.Form.IdNumber ?></dt><dd><?cs var:Data.Account.IdNumber ?></dd><?cs /if ?>
</dl>
<p><a href="/dich-vu/kho-giay-to<?cs if:Page.Lang == "en" ?>?lang=en<?cs /if ?>" id="wallet-link"><?cs var:Lang.Wallet.Title ?></a></p>
<?cs include:"portal/account_contacts.cs" ?>
<section id="password-change" aria-labelledby="password-change-title">
<h2 id="password-change-title"><?cs var:Lang.Account.ChangePassword ?></h2>
<p><?cs var:Lang.Account.ChangePasswordIntro ?></p>
<?cs if:Form.WaitMinutes ?><div class="flash flash-error" role="alert" id="password-throttled"><?cs var:Lang.Login.Throttled ?> <?cs var:Form.WaitMinutes ?> <?cs var:Lang.Login.Minutes ?>.</div><?cs /if ?>
<form method="post" action="/dich-vu/tai-khoan/mat-khau" class="form" id="password-form" novalidate>
<input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
<div class="form-group<?cs if:Form.Errors.current ?> has-error<?cs /if ?>">
<label for="current"><?cs var:Lang.Account.Current ?></label>
<?cs if:Form.Errors.current ?><span class="error-message" id="current-error"><?cs var:Lang.Account.CurrentError ?></span><?cs /if ?>
<input id="current" name="current" type="password" autocomplete="current-password" required<?cs if:Form.Errors.current ?> aria-invalid="true" aria-describedby="current-error"<?cs /if ?>>
</div>
<?cs call:password_new(Lang.Account.NewPassword, Lang.Register.Password2) ?>
<button type="submit" class="btn"><?cs var:Lang.Account.ChangeSubmit ?></button>
</form>
</section>
<section id="sessions" aria-labelledby="sessions-title">
<h2 id="sessions-title"><?cs var:Lang.Sessions.Title ?></h2>
<p><?cs var:Lang.Sessions.Intro ?> <?cs var:Lang.Sessions.Idle ?> <span id="idle-minutes"><?cs var:Data.IdleMinutes ?></span> <?cs var:Lang.Login.Minutes ?>.</p>
<ul class="session-list" id="session-list"><?cs each:s = Data.Sessions ?>
<li class="session<?cs if:s.current ?> session-current<?cs /if ?>" id="session-<?cs var:s.id ?>">
<strong class="session-device"><?cs if:s.device ?><?cs var:s.device ?><?cs else ?><?cs var:Lang.Sessions.UnknownDevice ?><?cs /if ?></strong><?cs if:s.current ?> <span class="badge"><?cs var:Lang.Sessions.ThisDevice ?></span><?cs /if ?>
<span class="session-facts"><?cs if:s.address ?><?cs var:Lang.Sessions.Address ?> <?cs var:s.address ?> · <?cs /if ?><?cs var:Lang.Sessions.Since ?> <?cs var:fmt_datetime(s.created) ?> · <?cs var:Lang.Sessions.Seen ?> <span class="session-seen"><?cs var:fmt_datetime(s.seen) ?></span></span>
<?cs if:!s.current ?><form method="post" action="/dich-vu/tai-khoan/phien/<?cs var:s.id ?>/dang-xuat" class="session-end"><input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>"><button type="submit" class="btn btn-small btn-secondary"><?cs var:Lang.Sessions.End ?></button></form><?cs /if ?>
</li><?cs /each ?></ul>
<?cs if:Data.SessionCount > 1 ?><form method="post" action="/dich-vu/tai-khoan/dang-xuat-noi-khac" id="sessions-end-all"><input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>"><button type="submit" class="btn btn-secondary"><?cs var:Lang.Sessions.EndAll ?></button></form><?cs /if ?>
</section>
<section id="mfa" aria-labelledby="mfa-title">
<h2 id="mfa-title"><?cs var:Lang.Mfa.Title ?></h2>
<p><?cs var:Lang.Mfa.AccountIntro ?></p>
<p><a class="btn btn-secondary" id="mfa-link" href="/dich-vu/tai-khoan/xac-thuc-hai-buoc"><?cs var:Lang.Mfa.Manage ?></a></p>
</section>
</div>
