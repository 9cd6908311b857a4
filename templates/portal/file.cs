<?cs # Filing a dossier online for one procedure (Data.Procedure.0) with its
     own form (partials/eform.cs), its upload slots (Data.Slots.Docs) and a
     draft saved at each step (Form.draft). ?>
<?cs with:p = Data.Procedure.0 ?>
<?cs if:Data.EForm.NErrors > 0 ?><div class="error-summary" role="alert" tabindex="-1" id="error-summary">
<h2><?cs var:Lang.EForm.Problem ?></h2>
<ul><?cs each:e = Data.EForm.Errors ?><li><a href="<?cs var:e.href ?>"><?cs var:e.text ?></a></li><?cs /each ?></ul>
</div><?cs /if ?>
<p class="eyebrow"><?cs var:Lang.File.Eyebrow ?></p>
<h1><?cs var:p.name ?></h1>
<p class="muted"><?cs var:Lang.File.Code ?> <?cs var:p.code ?> · <?cs if:Page.Lang == "en" && p.field_name_en ?><?cs var:p.field_name_en ?><?cs else ?><?cs var:p.field_name ?><?cs /if ?><?cs if:Data.EForm.Version ?> · <?cs var:Lang.EForm.FormVersion ?> <?cs var:Data.EForm.Version ?><?cs /if ?></p>
<div class="card card-info" id="before-you-send">
<h2 class="h3"><?cs var:Lang.EForm.BeforeTitle ?></h2>
<dl class="facts">
<?cs each:c = Data.Channels ?><dt><?cs if:Lang.Channel[c.channel] ?><?cs var:Lang.Channel[c.channel] ?><?cs else ?><?cs var:c.channel ?><?cs /if ?></dt><dd><?cs var:Lang.EForm.Time ?>: <?cs if:c.time_text ?><?cs var:c.time_text ?><?cs else ?>—<?cs /if ?>. <?cs var:Lang.EForm.Fee ?>: <?cs if:c.fee_text ?><?cs var:c.fee_text ?><?cs else ?><?cs var:Lang.EForm.NoFee ?><?cs /if ?></dd>
<?cs /each ?><dt><?cs var:Lang.File.Agency ?></dt><dd><?cs var:Lang.EForm.AgencyBelow ?></dd>
</dl>
<?cs if:Form.draft ?><p class="small" id="draft-note"><?cs var:Lang.EForm.DraftNote ?> <?cs var:fmt_date(Data.Draft.expires) ?>.</p><?cs /if ?>
</div>
<form method="post" action="/dich-vu/nop-ho-so/<?cs var:url_escape(p.code) ?>" enctype="multipart/form-data" class="form" novalidate>
<input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
<?cs if:Form.draft ?><input type="hidden" name="nhap" value="<?cs var:Form.draft ?>"><?cs /if ?>
<?cs if:Data.LongForm ?><div class="card card-info" id="long-form">
<p><?cs var:Lang.EForm.Tasks.LongHint ?></p>
<button type="submit" name="action" value="tasks" class="btn btn-secondary" id="to-tasks" formnovalidate><?cs var:Lang.EForm.Tasks.Open ?></button>
</div><?cs /if ?>
<fieldset id="applicant">
<legend><?cs var:Lang.File.Applicant ?></legend>
<p class="hint"><?cs var:Lang.EForm.Prefilled ?></p>
<?cs if:Data.Own.org ?><p class="hint" id="own-note"><?cs var:Lang.Org.OwnNote ?> <strong><?cs var:Data.Own.name ?> · <?cs var:Lang.Org.TaxCode ?> <?cs var:Data.Own.id_number ?></strong> (<span id="own-tax-state"><?cs if:Data.Own.verified ?><?cs var:Lang.Org.TaxVerified ?><?cs else ?><?cs var:Lang.Org.TaxDeclared ?><?cs /if ?></span>)</p><?cs elif:Data.Own.id_number ?><p class="hint" id="own-note"><?cs var:Lang.File.OwnNote ?> <strong><?cs var:Data.Own.name ?> · <?cs var:Data.Own.id_number ?></strong><?cs if:Data.Own.verified ?> (<?cs var:Lang.File.IdVerified ?>)<?cs else ?> (<?cs var:Lang.File.IdDeclared ?>)<?cs /if ?></p><?cs /if ?>
<div class="form-group"><label class="check" for="on_behalf"><input id="on_behalf" name="on_behalf" type="checkbox" value="1" aria-describedby="on-behalf-hint"<?cs if:Form.on_behalf == "1" ?> checked<?cs /if ?>> <?cs var:Lang.File.OnBehalf ?></label>
<span class="hint" id="on-behalf-hint"><?cs var:Lang.File.OnBehalfHint ?></span></div>
<div class="form-group<?cs if:Form.Errors.name ?> has-error<?cs /if ?>">
<label for="name"><?cs var:Lang.Form.Name ?></label>
<?cs if:Form.Errors.name ?><span class="error-message"><?cs var:Lang.Form.NameError ?></span><?cs /if ?>
<?cs call:refused("name") ?><input id="name" name="name" type="text" autocomplete="name" required value="<?cs var:Form.name ?>">
</div>
<div class="form-group<?cs if:Form.Errors.id_number ?> has-error<?cs /if ?>">
<label for="id_number"><?cs var:Lang.Form.IdNumber ?></label>
<?cs if:Form.Errors.id_number ?><span class="error-message"><?cs var:Lang.Form.IdNumberError ?></span><?cs /if ?>
<?cs call:refused("id_number") ?><input id="id_number" name="id_number" type="text" maxlength="14" required value="<?cs var:Form.id_number ?>">
</div>
<div class="form-group<?cs if:Form.Errors.phone ?> has-error<?cs /if ?>">
<label for="phone"><?cs var:Lang.Form.Phone ?></label>
<?cs if:Form.Errors.phone ?><span class="error-message"><?cs var:Lang.Form.PhoneError ?></span><?cs /if ?>
<?cs call:refused("phone") ?><input id="phone" name="phone" type="tel" autocomplete="tel" value="<?cs var:Form.phone ?>">
</div>
<div class="form-group<?cs if:Form.Errors.email ?> has-error<?cs /if ?>">
<label for="email"><?cs var:Lang.Form.Email ?></label>
<?cs if:Form.Errors.email ?><span class="error-message"><?cs var:Lang.Form.EmailError ?></span><?cs /if ?>
<?cs call:refused("email") ?><input id="email" name="email" type="email" autocomplete="email" value="<?cs var:Form.email ?>">
</div>
<div class="form-group">
<label for="address"><?cs var:Lang.Form.Address ?></label>
<?cs call:refused("address") ?><input id="address" name="address" type="text" autocomplete="street-address" value="<?cs var:Form.address ?>">
</div>
</fieldset>
<fieldset>
<legend><?cs var:Lang.File.Request ?></legend>
<div class="form-group agency-pick<?cs if:Form.Errors.agency ?> has-error<?cs /if ?>">
<label for="agency"><?cs var:Lang.File.Agency ?></label>
<span class="hint" id="agency-hint"><?cs var:Lang.File.AgencyHint ?></span>
<?cs if:Form.Errors.agency ?><span class="error-message" id="agency-error"><?cs var:Lang.File.AgencyError ?></span><?cs /if ?>
<div class="pick-filter">
<label for="agency_q"><?cs var:Lang.File.AgencySearch ?></label>
<div class="search-row">
<?cs call:refused("agency_q") ?><input id="agency_q" name="agency_q" type="search" class="input" autocomplete="off" value="<?cs var:Form.agency_q ?>" data-filter-for="agency" data-count-text="<?cs var:Lang.File.AgencyCount ?>" data-none-text="<?cs var:Lang.File.AgencyNone ?>">
<button type="submit" name="filter" value="1" class="btn btn-secondary" formnovalidate><?cs var:Lang.File.AgencyFilter ?></button>
</div>
</div>
<p class="hint pick-count" id="agency-count" aria-live="polite"><?cs if:Data.NoMatch ?><?cs var:Lang.File.AgencyNone ?><?cs elif:Form.Filtered ?><?cs var:Data.AgencyCount ?> <?cs var:Lang.File.AgencyCountAfter ?><?cs /if ?></p>
<select id="agency" name="agency" required aria-describedby="agency-hint<?cs if:Form.Errors.agency ?> agency-error<?cs /if ?> agency-count">
<option value=""<?cs if:!Form.agency ?> selected<?cs /if ?>><?cs var:Lang.File.AgencyChoose ?></option>
<?cs if:Data.AgencyOthers > 0 ?><optgroup label="<?cs var:Lang.File.AgencyDepartments ?>">
<?cs each:a = Data.Agencies ?><?cs if:a.kind != "ward" ?><option value="<?cs var:a.code ?>"<?cs if:a.code == Form.agency ?> selected<?cs /if ?>><?cs var:a.name ?></option>
<?cs /if ?><?cs /each ?></optgroup>
<?cs /if ?><?cs if:Data.AgencyWards > 0 ?><optgroup label="<?cs var:Lang.File.AgencyWards ?>">
<?cs each:a = Data.Agencies ?><?cs if:a.kind == "ward" ?><option value="<?cs var:a.code ?>"<?cs if:a.code == Form.agency ?> selected<?cs /if ?>><?cs var:a.name ?></option>
<?cs /if ?><?cs /each ?></optgroup>
<?cs /if ?></select>
</div>
</fieldset>
<?cs if:Data.Prefilled ?><p class="hint" id="prefilled"><?cs var:Lang.EForm.PrefilledForm ?></p><?cs /if ?>
<?cs # "Fill in from my documents": the wallet's documents carrying their
     dossier's answers (Data.FillDocs); a server round trip, with or
     without JavaScript. Data.Fill: what the last one filled and kept. ?>
<?cs if:subcount(Data.FillDocs) ?><div class="card card-info fill-from<?cs if:Data.FillError ?> has-error<?cs /if ?>" id="fill-from" role="group" aria-labelledby="fill-title">
<h2 class="h3" id="fill-title"><?cs var:Lang.Wallet.Fill.Title ?></h2>
<p class="hint" id="fill-hint"><?cs var:Lang.Wallet.Fill.Hint ?></p>
<?cs if:Data.Fill.name ?><p class="flash flash-success" role="status" id="fill-done"><?cs var:Lang.Wallet.Fill.Done ?> <span id="fill-count"><?cs var:Data.Fill.filled ?></span> <?cs var:Lang.Wallet.Fill.DoneAfter ?> <?cs var:Data.Fill.name ?> (<?cs var:Data.Fill.code ?>).<?cs if:Data.Fill.kept > 0 ?> <span id="fill-kept"><?cs var:Data.Fill.kept ?> <?cs var:Lang.Wallet.Fill.Kept ?></span><?cs /if ?></p><?cs /if ?>
<div class="form-group">
<label for="tu_giay_to"><?cs var:Lang.Wallet.Fill.Choose ?></label>
<?cs if:Data.FillError ?><span class="error-message" id="fill-error"><?cs var:Data.FillError ?></span><?cs /if ?>
<select id="tu_giay_to" name="tu_giay_to" aria-describedby="fill-hint<?cs if:Data.FillError ?> fill-error<?cs /if ?>">
<option value=""><?cs var:Lang.Wallet.Fill.ChooseNone ?></option>
<?cs each:w = Data.FillDocs ?><option value="<?cs var:w.sha256 ?>"<?cs if:w.sha256 == Form.tu_giay_to ?> selected<?cs /if ?>><?cs var:w.name ?> (<?cs if:w.kind == "result" ?><?cs var:Lang.Wallet.Result ?>, <?cs /if ?><?cs var:w.procedure ?>, <?cs var:w.code ?>, <?cs var:fmt_date(w.at) ?>)</option>
<?cs /each ?></select>
</div>
<div class="button-row">
<button type="submit" name="action" value="fill" class="btn btn-secondary" id="fill" formnovalidate><?cs var:Lang.Wallet.Fill.Button ?></button>
<?cs if:Data.Fill.kept > 0 ?><button type="submit" name="action" value="fill-all" class="btn btn-secondary" id="fill-all" formnovalidate><?cs var:Lang.Wallet.Fill.Replace ?></button><?cs /if ?>
</div>
</div><?cs /if ?>
<?cs include:"partials/eform.cs" ?>
<?cs if:subcount(Data.Slots.Docs) ?><fieldset class="eform-docs" id="docs">
<legend><?cs var:Lang.EForm.DocsTitle ?></legend>
<p class="hint"><?cs var:Lang.EForm.DocsHint ?></p>
<?cs each:d = Data.Slots.Docs ?><div class="form-group eform-slot<?cs if:Data.DocErrors[d.id] ?> has-error<?cs /if ?>" id="doc-<?cs var:d.id ?>-group">
<label for="doc-<?cs var:d.id ?>"><?cs var:d.name ?><?cs if:!d.required ?> <span class="muted">(<?cs var:Lang.EForm.Optional ?>)</span><?cs /if ?></label>
<span class="hint"><?cs if:d.originals > 0 ?><?cs var:d.originals ?> <?cs var:Lang.EForm.Originals ?><?cs /if ?><?cs if:d.originals > 0 && d.copies > 0 ?>, <?cs /if ?><?cs if:d.copies > 0 ?><?cs var:d.copies ?> <?cs var:Lang.EForm.Copies ?><?cs /if ?><?cs if:d.originals > 0 || d.copies > 0 ?>. <?cs /if ?><?cs var:Lang.File.AttachmentHint ?></span>
<?cs if:Data.DocErrors[d.id] ?><span class="error-message"><?cs var:Data.DocErrors[d.id] ?></span><?cs /if ?>
<?cs if:subcount(d.Files) ?><ul class="files"><?cs each:f = d.Files ?><li><?cs var:f.name ?> <span class="muted">(<?cs var:fmt_number(f.size) ?> B<?cs if:f.wallet ?>, <?cs var:Lang.Wallet.FromWallet ?><?cs /if ?>)</span>
<label class="eform-drop"><input type="checkbox" name="drop" value="<?cs var:d.id ?>:<?cs var:f.sha256 ?>"> <?cs var:Lang.EForm.Drop ?></label></li>
<?cs /each ?></ul><?cs /if ?>
<input id="doc-<?cs var:d.id ?>" name="doc.<?cs var:d.id ?>" type="file" accept="application/pdf,image/jpeg,image/png">
<?cs if:subcount(Data.WalletFor[d.id].Same) || subcount(Data.WalletFor[d.id].Other) ?><div class="wallet-choose">
<label for="wallet-<?cs var:d.id ?>"><?cs var:Lang.Wallet.Choose ?></label>
<select id="wallet-<?cs var:d.id ?>" name="wallet.<?cs var:d.id ?>">
<option value=""><?cs var:Lang.Wallet.ChooseNone ?></option>
<?cs if:subcount(Data.WalletFor[d.id].Same) ?><optgroup label="<?cs var:Lang.Wallet.SameKind ?>"><?cs each:w = Data.WalletFor[d.id].Same ?>
<option value="<?cs var:w.sha256 ?>"><?cs var:w.name ?> (<?cs var:w.code ?>, <?cs var:fmt_date(w.at) ?>)</option><?cs /each ?></optgroup>
<?cs /if ?><?cs if:subcount(Data.WalletFor[d.id].Other) ?><optgroup label="<?cs var:Lang.Wallet.OtherKind ?>"><?cs each:w = Data.WalletFor[d.id].Other ?>
<option value="<?cs var:w.sha256 ?>"><?cs var:w.name ?> (<?cs if:w.kind == "result" ?><?cs var:Lang.Wallet.Result ?><?cs elif:w.doc ?><?cs var:w.doc ?><?cs /if ?>, <?cs var:w.code ?>, <?cs var:fmt_date(w.at) ?>)</option><?cs /each ?></optgroup>
<?cs /if ?></select>
</div><?cs /if ?>
</div>
<?cs /each ?></fieldset><?cs /if ?>
<div class="button-row">
<button type="submit" class="btn" id="continue"><?cs var:Lang.EForm.Continue ?></button>
<button type="submit" name="action" value="save" class="btn btn-secondary" id="save-draft" formnovalidate><?cs var:Lang.EForm.SaveDraft ?></button>
</div>
</form>
<script src="/static/js/pick.js" defer></script>
<script src="/static/js/eform.js" defer></script>
<?cs /with ?>
