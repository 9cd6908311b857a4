<?cs # An e-mail's confirmation link (Data.Token): the address and a button
     (mail scanners that open links do not press it); Data.Done when
     confirmed, Data.Gone when used, expired or replaced, Data.Taken when
     another account confirmed the address first. ?>
<div class="narrow">
<h1><?cs var:Lang.Verify.Title ?></h1>
<?cs if:Data.Gone ?><div class="flash flash-error" role="alert" id="verify-gone"><?cs var:Lang.Verify.Gone ?></div>
<?cs elif:Data.Taken ?><div class="flash flash-error" role="alert" id="verify-taken"><?cs var:Lang.Verify.Taken ?></div>
<?cs elif:Data.Done ?><div class="flash flash-success" role="status" id="verify-done"><?cs var:Lang.Verify.Done ?></div>
<p><strong id="verify-email"><?cs var:Data.Email ?></strong></p>
<?cs else ?><p><?cs var:Lang.Verify.ConfirmIntro ?></p>
<p><strong id="verify-email"><?cs var:Data.Email ?></strong></p>
<form method="post" action="/dich-vu/xac-nhan-email/<?cs var:url_escape(Data.Token) ?>" class="form" id="verify-form">
<input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
<button type="submit" class="btn"><?cs var:Lang.Verify.Confirm ?></button>
</form><?cs /if ?>
<p><a href="/dich-vu/tai-khoan#contacts"><?cs var:Lang.Verify.ToAccount ?></a></p>
</div>
