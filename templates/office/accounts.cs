<?cs # Administrators' account page (cgi-bin/office/accounts.c): find an
     account by e-mail (Form.email); Data.Account.{id,name,email,totp,must,
     roles.N.{role,agency}}; Data.NotFound; the reset of the second factor. ?>
<h1><?cs var:Lang.Accounts.Title ?></h1>
<p class="lead"><?cs var:Lang.Accounts.Intro ?></p>
<form method="get" action="/can-bo/quan-tri/tai-khoan" class="form" id="account-find" novalidate>
<div class="form-group<?cs if:Form.Errors.email ?> has-error<?cs /if ?>">
<label for="email"><?cs var:Lang.Form.Email ?></label>
<?cs if:Form.Errors.email ?><span class="error-message" id="email-error"><?cs var:Lang.Form.EmailError ?></span><?cs /if ?>
<input id="email" name="email" type="email" required value="<?cs var:Form.email ?>"<?cs if:Form.Errors.email ?> aria-invalid="true" aria-describedby="email-error"<?cs /if ?>>
</div>
<button type="submit" class="btn"><?cs var:Lang.Accounts.Find ?></button>
</form>
<?cs if:Data.NotFound ?><p class="flash flash-error" role="alert" id="account-none"><?cs var:Lang.Accounts.NotFound ?></p><?cs /if ?>
<?cs if:Data.Account.id ?><section class="card" id="account" aria-labelledby="account-name">
<h2 id="account-name"><?cs var:Data.Account.name ?></h2>
<dl class="facts">
<dt><?cs var:Lang.Form.Email ?></dt><dd><?cs var:Data.Account.email ?></dd>
<dt><?cs var:Lang.Accounts.Roles ?></dt><dd><?cs each:g = Data.Account.roles ?><span class="role"><?cs alt:Lang.Role[g.role] ?><?cs var:g.role ?><?cs /alt ?></span> <?cs /each ?></dd>
<dt><?cs var:Lang.Mfa.Title ?></dt><dd id="account-totp"><?cs if:Data.Account.totp == "on" ?><?cs var:Lang.Accounts.TotpOn ?><?cs elif:Data.Account.must ?><?cs var:Lang.Accounts.TotpMust ?><?cs else ?><?cs var:Lang.Accounts.TotpOff ?><?cs /if ?></dd>
</dl>
<?cs if:Data.Account.totp != "none" || !Data.Account.must ?><form method="post" action="/can-bo/quan-tri/tai-khoan/<?cs var:Data.Account.id ?>/xac-thuc-hai-buoc" id="totp-reset">
<input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
<input type="hidden" name="email" value="<?cs var:Data.Account.email ?>">
<p class="hint"><?cs var:Lang.Accounts.ResetHint ?></p>
<button type="submit" class="btn btn-secondary"><?cs var:Lang.Accounts.Reset ?></button>
</form><?cs /if ?>
</section><?cs /if ?>
