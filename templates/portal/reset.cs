<?cs # A new password through the e-mailed link (Data.Token); Data.Gone when
     the link was used or expired. ?>
<?cs include:"partials/password_field.cs" ?>
<div class="narrow">
<h1><?cs var:Lang.Reset.Title ?></h1>
<?cs if:Data.Gone ?><div class="flash flash-error" role="alert" id="reset-gone"><?cs var:Lang.Reset.Gone ?></div>
<p><a href="/dich-vu/quen-mat-khau"><?cs var:Lang.Reset.Again ?></a></p>
<?cs else ?><p><?cs var:Lang.Reset.NewIntro ?></p>
<form method="post" action="/dich-vu/dat-lai-mat-khau/<?cs var:url_escape(Data.Token) ?>" class="form" novalidate>
<input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
<?cs call:password_new(Lang.Account.NewPassword, Lang.Register.Password2) ?>
<button type="submit" class="btn"><?cs var:Lang.Reset.Submit ?></button>
</form><?cs /if ?>
</div>
