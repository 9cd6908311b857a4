<?cs # Counter intake: a walk-in applicant's paper dossier, accepted at once. ?>
<link rel="stylesheet" href="/static/css/office.css">
<h1><?cs var:Lang.Counter.Title ?></h1>
<p><?cs var:Lang.Counter.Intro ?></p>
<form method="get" action="/can-bo/tiep-nhan" class="filters" role="search">
<input type="hidden" name="agency" value="<?cs var:Data.AgencyId ?>">
<div class="form-group"><label for="find"><?cs var:Lang.Counter.Find ?></label>
<input id="find" name="id_number" inputmode="numeric" maxlength="12" value="<?cs var:Form.id_number ?>"></div>
<button type="submit" class="btn btn-secondary"><?cs var:Lang.Counter.FindButton ?></button>
</form>
<?cs if:Form.Known ?><p class="flash flash-success" role="status"><?cs var:Lang.Counter.Known ?></p><?cs /if ?>
<form method="post" action="/can-bo/tiep-nhan" enctype="multipart/form-data" class="form" novalidate>
<input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
<input type="hidden" name="agency" value="<?cs var:Data.AgencyId ?>">
<div class="form-group<?cs if:Form.Errors.procedure ?> has-error<?cs /if ?>"><label for="procedure"><?cs var:Lang.Counter.Procedure ?></label>
<span class="hint"><?cs var:Lang.Counter.ProcedureHint ?></span>
<?cs if:Form.Errors.procedure ?><span class="error-message"><?cs var:Lang.Counter.ProcedureError ?></span><?cs /if ?>
<input id="procedure" name="procedure" required value="<?cs var:Form.procedure ?>"></div>
<div class="form-group<?cs if:Form.Errors.name ?> has-error<?cs /if ?>"><label for="name"><?cs var:Lang.Form.Name ?></label>
<?cs if:Form.Errors.name ?><span class="error-message"><?cs var:Lang.Form.NameError ?></span><?cs /if ?>
<input id="name" name="name" required value="<?cs var:Form.name ?>"></div>
<div class="form-group<?cs if:Form.Errors.id_number ?> has-error<?cs /if ?>"><label for="id_number"><?cs var:Lang.Form.IdNumber ?></label>
<?cs if:Form.Errors.id_number ?><span class="error-message"><?cs var:Lang.Form.IdNumberError ?></span><?cs /if ?>
<input id="id_number" name="id_number" inputmode="numeric" maxlength="12" required value="<?cs var:Form.id_number ?>"></div>
<div class="form-group<?cs if:Form.Errors.phone ?> has-error<?cs /if ?>"><label for="phone"><?cs var:Lang.Form.Phone ?></label>
<input id="phone" name="phone" type="tel" value="<?cs var:Form.phone ?>"></div>
<div class="form-group<?cs if:Form.Errors.email ?> has-error<?cs /if ?>"><label for="email"><?cs var:Lang.Form.Email ?></label>
<input id="email" name="email" type="email" value="<?cs var:Form.email ?>"></div>
<div class="form-group"><label for="address"><?cs var:Lang.Form.Address ?></label>
<input id="address" name="address" value="<?cs var:Form.address ?>"></div>
<div class="form-group"><label for="content"><?cs var:Lang.File.Content ?></label>
<textarea id="content" name="content" rows="3"><?cs var:Form.content ?></textarea></div>
<fieldset><legend><?cs var:Lang.Counter.Scans ?></legend>
<?cs if:Form.Errors.scan ?><span class="error-message"><?cs var:Lang[Form.Errors.scan] ?></span><?cs /if ?>
<?cs loop:i = 1, 3, 1 ?><div class="form-group"><label for="scan<?cs var:i ?>"><?cs var:Lang.Counter.Scan ?> <?cs var:i ?></label>
<input id="scan<?cs var:i ?>" name="scan<?cs var:i ?>" type="file" accept="application/pdf,image/jpeg,image/png"></div><?cs /loop ?>
</fieldset>
<button type="submit" class="btn"><?cs var:Lang.Counter.Submit ?></button>
</form>
