<?cs # A registered kiosk or counter tablet. Reads Data.Device.{Name,Kind,
     Agency,Counter,Officer,Title,Photo,Visit,Idle}, Data.Eval.* (the form
     when a rating is under way), Data.Eval.Thanks. Goes back to its start
     screen after Data.Device.Idle seconds without a touch (device.js; a
     meta refresh without JavaScript). ?>
<div class="device-page device-<?cs var:Data.Device.Kind ?>" id="device"<?cs if:Data.Eval.Open || Data.Eval.Thanks ?> data-idle="<?cs var:Data.Device.Idle ?>" data-home="/dich-vu/thiet-bi-danh-gia"<?cs /if ?>>
<?cs if:Data.Eval.Open || Data.Eval.Thanks ?><noscript><meta http-equiv="refresh" content="<?cs var:Data.Device.Idle ?>;url=/dich-vu/thiet-bi-danh-gia"></noscript><script src="/static/js/device.js" defer></script><?cs /if ?>
<p class="eyebrow"><?cs var:Data.Device.Agency ?> · <?cs var:Data.Device.Name ?></p>
<?cs if:Data.Device.Officer ?>
<div class="officer-card" id="officer-card">
<?cs if:Data.Device.Photo ?><img class="officer-photo" src="/dich-vu/thiet-bi-danh-gia/anh?v=<?cs var:url_escape(Data.Device.Photo) ?>" alt="<?cs var:Data.Device.Officer ?>" width="120" height="150"><?cs else ?><div class="officer-photo officer-photo-none" aria-hidden="true"></div><?cs /if ?>
<div><p class="officer-name"><?cs var:Data.Device.Officer ?></p><?cs if:Data.Device.Title ?><p class="officer-title"><?cs var:Data.Device.Title ?></p><?cs /if ?><?cs if:Data.Device.Counter ?><p class="officer-counter"><?cs var:Lang.Eval.CounterLabel ?>: <strong><?cs var:Data.Device.Counter ?></strong></p><?cs /if ?></div>
</div>
<?cs /if ?>
<?cs if:Data.Eval.Thanks ?>
<div class="card card-info eval-thanks" role="status"><p class="lead"><?cs var:Lang.Eval.Thanks ?></p></div>
<a class="btn btn-secondary device-big" href="/dich-vu/thiet-bi-danh-gia"><?cs var:Lang.Eval.Back ?></a>
<?cs elif:Data.Eval.Open ?>
<h1><?cs if:Data.Device.Officer ?><?cs var:Lang.Eval.TabletReady ?><?cs else ?><?cs var:Lang.Eval.Title ?><?cs /if ?></h1>
<?cs if:Data.Eval.Code ?><p><?cs var:Lang.Eval.ForDossier ?> <strong><?cs var:Data.Eval.Code ?></strong></p><?cs /if ?>
<p class="small muted"><?cs var:Lang.Eval.IdleNote ?></p>
<?cs include:"partials/eval_form.cs" ?>
<?cs elif:Data.Device.Kind == "tablet" ?>
<h1 class="device-idle"><?cs if:Data.Device.Visit ?><?cs var:Lang.Eval.TabletReady ?><?cs else ?><?cs var:Lang.Eval.TabletIdle ?><?cs /if ?></h1>
<?cs if:Data.Device.Visit ?><a class="btn device-big" id="device-start" href="/dich-vu/thiet-bi-danh-gia?bat-dau=1"><?cs var:Lang.Eval.Start ?></a><?cs else ?><meta http-equiv="refresh" content="5"><?cs /if ?>
<?cs else ?>
<h1 class="device-idle"><?cs var:Lang.Eval.KioskIdle ?></h1>
<form method="get" action="/dich-vu/thiet-bi-danh-gia" class="form">
<div class="form-group"><label for="ma"><?cs var:Lang.Eval.KioskCode ?></label><input id="ma" name="ma" type="text" required autocomplete="off"></div>
<button type="submit" class="btn device-big"><?cs var:Lang.Eval.Start ?></button>
</form>
<?cs /if ?>
</div>
