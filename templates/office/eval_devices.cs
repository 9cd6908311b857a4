<?cs # Rating devices of an agency (cgi-bin/office/eval.c): Data.MyAgencies.N.
     {id,name}, Data.AgencyId, Data.AgencyName, Data.Officers.N.{id,
     full_name}, Data.Devices.N.{id,kind,name,counter,paired_at,
     officer_name,pair_expires_at,revoked_at}; after a registration
     Data.NewCode, Data.NewName, Data.NewHours; the form echoes Form.{kind,
     name,counter,officer} with Form.Errors.{kind,name,counter,officer}. ?>
<p class="eyebrow"><a href="/can-bo/"><?cs var:Lang.Inbox.Title ?></a> · <a href="/can-bo/danh-gia/quay"><?cs var:Lang.Eval.Counter.Title ?></a></p>
<h1><?cs var:Lang.Eval.Devices.Title ?></h1>
<p class="lead"><?cs var:Lang.Eval.Devices.Intro ?></p>
<?cs if:subcount(Data.MyAgencies) > 1 ?><form method="get" action="/can-bo/danh-gia/thiet-bi" class="filters">
<label for="agency"><?cs var:Lang.Eval.Devices.Agency ?></label>
<select id="agency" name="agency"><?cs each:a = Data.MyAgencies ?><option value="<?cs var:a.id ?>"<?cs if:a.id == Data.AgencyId ?> selected<?cs /if ?>><?cs var:a.name ?></option><?cs /each ?></select>
<button type="submit" class="btn btn-secondary btn-small"><?cs var:Lang.Eval.Devices.Show ?></button></form>
<?cs else ?><p><?cs var:Lang.Eval.Devices.Agency ?>: <strong><?cs var:Data.AgencyName ?></strong></p><?cs /if ?>
<?cs if:Data.NewCode ?><div class="card card-info" role="status" id="pair-code">
<p><?cs var:Lang.Eval.Devices.CodeFor ?> <strong><?cs var:Data.NewName ?></strong>:</p>
<p class="pair-code"><strong id="pair-code-value"><?cs var:Data.NewCode ?></strong></p>
<p class="small"><?cs var:Lang.Eval.Devices.CodeHint ?> <?cs var:Data.NewHours ?> <?cs var:Lang.Eval.Devices.Hours ?></p>
</div><?cs /if ?>
<form method="post" action="/can-bo/danh-gia/thiet-bi" class="card form" id="device-add" novalidate>
<h2 class="h3"><?cs var:Lang.Eval.Devices.Add ?></h2>
<?cs if:Form.Invalid ?><div class="alert alert-error" role="alert"><?cs var:Lang.Eval.Devices.Invalid ?></div><?cs /if ?>
<input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
<input type="hidden" name="agency" value="<?cs var:Data.AgencyId ?>">
<fieldset class="form-group<?cs if:Form.Errors.kind ?> has-error<?cs /if ?>"><legend><?cs var:Lang.Eval.Devices.Kind ?></legend>
<?cs if:Form.Errors.kind ?><span class="error-message"><?cs var:Lang.Eval.Devices.KindError ?></span><?cs /if ?>
<label class="radio"><input type="radio" name="kind" value="tablet"<?cs if:Form.kind != "kiosk" ?> checked<?cs /if ?>> <?cs var:Lang.Eval.Devices.Tablet ?></label>
<label class="radio"><input type="radio" name="kind" value="kiosk"<?cs if:Form.kind == "kiosk" ?> checked<?cs /if ?>> <?cs var:Lang.Eval.Devices.Kiosk ?></label>
</fieldset>
<div class="form-group<?cs if:Form.Errors.name ?> has-error<?cs /if ?>"><label for="name"><?cs var:Lang.Eval.Devices.Name ?></label>
<?cs if:Form.Errors.name ?><span class="error-message" id="name-err"><?cs var:Lang.Eval.Devices.NameError ?></span><?cs /if ?>
<input class="input" id="name" name="name" maxlength="120" required value="<?cs var:Form.name ?>"<?cs if:Form.Errors.name ?> aria-invalid="true" aria-describedby="name-err"<?cs /if ?>></div>
<div class="form-group<?cs if:Form.Errors.counter ?> has-error<?cs /if ?>"><label for="counter"><?cs var:Lang.Eval.Devices.Counter ?></label>
<p class="hint" id="counter-hint"><?cs var:Lang.Eval.Devices.CounterHint ?></p>
<input class="input" id="counter" name="counter" maxlength="60" value="<?cs var:Form.counter ?>" aria-describedby="counter-hint"></div>
<div class="form-group<?cs if:Form.Errors.officer ?> has-error<?cs /if ?>"><label for="officer"><?cs var:Lang.Eval.Devices.Officer ?></label>
<p class="hint" id="officer-hint"><?cs var:Lang.Eval.Devices.OfficerHint ?></p>
<?cs if:Form.Errors.officer ?><span class="error-message" id="officer-err"><?cs var:Lang.Eval.Devices.OfficerError ?></span><?cs /if ?>
<select id="officer" name="officer" aria-describedby="officer-hint<?cs if:Form.Errors.officer ?> officer-err<?cs /if ?>"><option value=""><?cs var:Lang.Eval.Devices.NoOfficer ?></option>
<?cs each:o = Data.Officers ?><option value="<?cs var:o.id ?>"<?cs if:Form.officer == o.id ?> selected<?cs /if ?>><?cs var:o.full_name ?></option><?cs /each ?></select></div>
<p><button type="submit" class="btn"><?cs var:Lang.Eval.Devices.AddButton ?></button></p>
</form>
<h2 id="devices-h"><?cs var:Lang.Eval.Devices.List ?></h2>
<?cs if:subcount(Data.Devices) ?><div class="table-wrap"><table class="table table-stack" id="devices" aria-labelledby="devices-h">
<thead><tr><th scope="col"><?cs var:Lang.Eval.Devices.Name ?></th><th scope="col"><?cs var:Lang.Eval.Devices.Kind ?></th><th scope="col"><?cs var:Lang.Eval.Devices.Counter ?></th><th scope="col"><?cs var:Lang.Eval.Devices.Officer ?></th><th scope="col"><?cs var:Lang.Eval.Devices.State ?></th><th scope="col"><span class="visually-hidden"><?cs var:Lang.Eval.Devices.Revoke ?></span></th></tr></thead>
<tbody><?cs each:d = Data.Devices ?><tr data-device="<?cs var:d.id ?>"<?cs if:d.revoked_at ?> class="muted"<?cs /if ?>>
<td data-label="<?cs var:Lang.Eval.Devices.Name ?>"><?cs var:d.name ?></td>
<td data-label="<?cs var:Lang.Eval.Devices.Kind ?>"><?cs if:d.kind == "tablet" ?><?cs var:Lang.Eval.Devices.Tablet ?><?cs else ?><?cs var:Lang.Eval.Devices.Kiosk ?><?cs /if ?></td>
<td data-label="<?cs var:Lang.Eval.Devices.Counter ?>"><?cs var:d.counter ?></td>
<td data-label="<?cs var:Lang.Eval.Devices.Officer ?>"><?cs var:d.officer_name ?></td>
<td data-label="<?cs var:Lang.Eval.Devices.State ?>" class="device-state"><?cs if:d.revoked_at ?><?cs var:Lang.Eval.Devices.StateRevoked ?> <?cs var:d.revoked_at ?><?cs elif:d.paired_at ?><?cs var:Lang.Eval.Devices.StatePaired ?> <?cs var:d.paired_at ?><?cs elif:d.pair_expires_at ?><?cs var:Lang.Eval.Devices.StateWaiting ?> <?cs var:d.pair_expires_at ?><?cs else ?><?cs var:Lang.Eval.Devices.StateExpired ?><?cs /if ?></td>
<td><?cs if:!d.revoked_at ?><form method="post" action="/can-bo/danh-gia/thiet-bi/<?cs var:d.id ?>/thu-hoi?agency=<?cs var:Data.AgencyId ?>"><input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>"><button type="submit" class="btn btn-small btn-warning" aria-label="<?cs var:Lang.Eval.Devices.Revoke ?>: <?cs var:d.name ?>"><?cs var:Lang.Eval.Devices.Revoke ?></button></form><?cs /if ?></td>
</tr><?cs /each ?></tbody></table></div>
<p><a id="devices-csv" href="/can-bo/danh-gia/thiet-bi.csv?agency=<?cs var:url_escape(Data.AgencyId) ?>" download><?cs var:Lang.Eval.Scores.Csv ?></a></p>
<?cs else ?><p><?cs var:Lang.Eval.Devices.None ?></p><?cs /if ?>
