<?cs # Counter intake: pick the procedure (search, no JavaScript needed; as
     # you type with /static/js/counter.js), tick the documents received,
     # file a walk-in applicant's paper dossier, accepted at once. ?>
<link rel="stylesheet" href="/static/css/office.css">
<script src="/static/js/counter.js" defer></script>
<script src="/static/js/eform.js" defer></script>
<?cs if:Data.EForm.NErrors > 0 ?><div class="error-summary" role="alert" tabindex="-1" id="error-summary">
<h2><?cs var:Lang.EForm.Problem ?></h2>
<ul><?cs each:e = Data.EForm.Errors ?><li><a href="<?cs var:e.href ?>"><?cs var:e.text ?></a></li><?cs /each ?></ul>
</div><?cs /if ?>
<h1><?cs var:Lang.Counter.Title ?></h1>
<p><?cs var:Lang.Counter.Intro ?></p>
<section class="counter-picker" aria-labelledby="pick-title">
<h2 id="pick-title"><?cs var:Lang.Counter.Pick ?></h2>
<?cs if:Data.Procedure.code ?><p class="picked" id="picked"><?cs var:Lang.Counter.Picked ?>: <strong><?cs var:Data.Procedure.name ?></strong> (<?cs var:Data.Procedure.code ?>)
· <a href="/can-bo/tiep-nhan?agency=<?cs var:url_escape(Data.AgencyId) ?><?cs if:Form.id_number ?>&amp;id_number=<?cs var:url_escape(Form.id_number) ?><?cs /if ?>"><?cs var:Lang.Counter.Change ?></a></p>
<?cs else ?><form method="get" action="/can-bo/tiep-nhan" class="filters" role="search" id="procedure-search-form">
<input type="hidden" name="agency" value="<?cs var:Data.AgencyId ?>">
<?cs if:Form.id_number ?><input type="hidden" name="id_number" value="<?cs var:Form.id_number ?>"><?cs /if ?>
<div class="form-group<?cs if:Form.Errors.procedure ?> has-error<?cs /if ?>"><label for="procedure-search"><?cs var:Lang.Counter.Search ?></label>
<span class="hint" id="procedure-search-hint"><?cs var:Lang.Counter.SearchHint ?></span>
<?cs if:Form.Errors.procedure ?><span class="error-message"><?cs var:Lang.Counter.ProcedureError ?></span><?cs /if ?>
<input id="procedure-search" name="q" type="search" autocomplete="off" maxlength="200" aria-describedby="procedure-search-hint" aria-controls="procedure-matches" value="<?cs var:Form.q ?>"></div>
<button type="submit" class="btn btn-secondary"><?cs var:Lang.Counter.SearchButton ?></button>
</form>
<div id="procedure-matches" aria-live="polite"><?cs if:Form.q ?><?cs if:subcount(Data.Matches) ?>
<p class="muted"><?cs var:Lang.Counter.Matches ?>: <?cs var:Data.MatchCount ?></p>
<ul class="match-list"><?cs each:m = Data.Matches ?>
<li><a href="/can-bo/tiep-nhan?agency=<?cs var:url_escape(Data.AgencyId) ?>&amp;procedure=<?cs var:url_escape(m.code) ?><?cs if:Form.id_number ?>&amp;id_number=<?cs var:url_escape(Form.id_number) ?><?cs /if ?>" data-code="<?cs var:m.code ?>"><?cs var:m.name ?></a> <span class="muted">(<?cs var:m.code ?>)</span></li><?cs /each ?>
</ul><?cs else ?><p><?cs var:Lang.Counter.NoMatch ?></p><?cs /if ?><?cs /if ?></div>
<?cs /if ?></section>
<form method="get" action="/can-bo/tiep-nhan" class="filters" role="search">
<input type="hidden" name="agency" value="<?cs var:Data.AgencyId ?>">
<?cs if:Data.Procedure.code ?><input type="hidden" name="procedure" value="<?cs var:Data.Procedure.code ?>"><?cs /if ?>
<div class="form-group"><label for="find"><?cs var:Lang.Counter.Find ?></label>
<?cs call:refused("id_number") ?><input id="find" name="id_number" inputmode="numeric" maxlength="12" value="<?cs var:Form.id_number ?>"></div>
<button type="submit" class="btn btn-secondary"><?cs var:Lang.Counter.FindButton ?></button>
</form>
<?cs if:Form.Known ?><p class="flash flash-success" role="status"><?cs var:Lang.Counter.Known ?></p><?cs /if ?>
<form method="post" action="/can-bo/tiep-nhan" enctype="multipart/form-data" class="form" novalidate>
<input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
<input type="hidden" name="agency" value="<?cs var:Data.AgencyId ?>">
<?cs if:Data.Procedure.code ?><input type="hidden" name="procedure" value="<?cs var:Data.Procedure.code ?>">
<fieldset class="checklist"><legend><?cs var:Lang.Counter.Documents ?></legend>
<p class="hint"><?cs var:Lang.Counter.DocumentsHint ?></p>
<?cs if:subcount(Data.Checklist) ?><ol class="doc-checklist"><?cs each:d = Data.Checklist ?><?cs set:n = d.n ?>
<li><div class="checkbox"><input type="checkbox" id="doc<?cs var:n ?>" name="doc<?cs var:n ?>" value="1"<?cs if:Form["doc" + n] ?> checked<?cs /if ?>>
<label for="doc<?cs var:n ?>"><?cs var:d.name ?></label></div>
<div class="doc-counts"><label for="orig<?cs var:n ?>"><?cs var:Lang.Counter.Originals ?></label>
<input id="orig<?cs var:n ?>" name="orig<?cs var:n ?>" type="number" min="0" max="99" inputmode="numeric" value="<?cs if:Form["orig" + n] ?><?cs var:Form["orig" + n] ?><?cs else ?><?cs var:d.originals ?><?cs /if ?>">
<label for="copies<?cs var:n ?>"><?cs var:Lang.Counter.Copies ?></label>
<input id="copies<?cs var:n ?>" name="copies<?cs var:n ?>" type="number" min="0" max="99" inputmode="numeric" value="<?cs if:Form["copies" + n] ?><?cs var:Form["copies" + n] ?><?cs else ?><?cs var:d.copies ?><?cs /if ?>"></div></li><?cs /each ?>
</ol><?cs else ?><p><?cs var:Lang.Counter.NoDocuments ?></p><?cs /if ?>
</fieldset>
<?cs else ?><p class="hint<?cs if:Form.Errors.procedure ?> error-message<?cs /if ?>" id="pick-first"><?cs var:Lang.Counter.PickFirst ?></p><?cs /if ?>
<fieldset class="form-group" id="applicant-kind"><legend><?cs var:Lang.Counter.Kind ?></legend>
<label class="check" for="kind-person"><input id="kind-person" name="kind" type="radio" value="person"<?cs if:Form.kind != "org" ?> checked<?cs /if ?>> <?cs var:Lang.Counter.KindPerson ?></label>
<label class="check" for="kind-org"><input id="kind-org" name="kind" type="radio" value="org"<?cs if:Form.kind == "org" ?> checked<?cs /if ?>> <?cs var:Lang.Counter.KindOrg ?></label>
</fieldset>
<fieldset class="org-applicant" id="org-applicant"><legend><?cs var:Lang.Counter.OrgTitle ?></legend>
<p class="hint"><?cs var:Lang.Counter.OrgHint ?></p>
<div class="form-group<?cs if:Form.Errors.org_name ?> has-error<?cs /if ?>"><label for="org_name"><?cs var:Lang.Org.Name ?></label>
<?cs if:Form.Errors.org_name ?><span class="error-message" id="org_name-error"><?cs var:Lang.Org.NameError ?></span><?cs /if ?>
<?cs call:refused("org_name") ?><input id="org_name" name="org_name" maxlength="255" value="<?cs var:Form.org_name ?>"></div>
<div class="form-group<?cs if:Form.Errors.tax_code ?> has-error<?cs /if ?>"><label for="tax_code"><?cs var:Lang.Org.TaxCode ?></label>
<span class="hint" id="tax_code-hint"><?cs var:Lang.Org.TaxCodeHint ?></span>
<?cs if:Form.Errors.tax_code == "check" ?><span class="error-message" id="tax_code-error"><?cs var:Lang.Org.TaxCheck ?></span><?cs elif:Form.Errors.tax_code ?><span class="error-message" id="tax_code-error"><?cs var:Lang.Org.TaxFormat ?></span><?cs /if ?>
<?cs call:refused("tax_code") ?><input id="tax_code" name="tax_code" maxlength="14" autocomplete="off" aria-describedby="tax_code-hint" value="<?cs var:Form.tax_code ?>"></div>
<div class="form-group<?cs if:Form.Errors.org_holder ?> has-error<?cs /if ?>"><label for="org_holder"><?cs var:Lang.Counter.OrgHolder ?></label>
<span class="hint" id="org_holder-hint"><?cs var:Lang.Counter.OrgHolderHint ?></span>
<?cs if:Form.Errors.org_holder ?><span class="error-message" id="org_holder-error"><?cs var:Lang.Counter.OrgHolderError ?></span><?cs /if ?>
<?cs call:refused("org_holder") ?><input id="org_holder" name="org_holder" maxlength="254" autocomplete="off" aria-describedby="org_holder-hint" value="<?cs var:Form.org_holder ?>"></div>
<div class="checkbox<?cs if:Form.Errors.cert_seen ?> has-error<?cs /if ?>"><?cs if:Form.Errors.cert_seen ?><span class="error-message" id="cert_seen-error"><?cs var:Lang.Counter.CertSeenError ?></span><?cs /if ?>
<input type="checkbox" id="cert_seen" name="cert_seen" value="1"<?cs if:Form.cert_seen ?> checked<?cs /if ?>>
<label for="cert_seen"><?cs var:Lang.Counter.CertSeen ?></label></div>
</fieldset>
<div class="person-applicant" id="person-applicant">
<div class="form-group<?cs if:Form.Errors.name ?> has-error<?cs /if ?>"><label for="name"><?cs var:Lang.Form.Name ?></label>
<?cs if:Form.Errors.name ?><span class="error-message"><?cs var:Lang.Form.NameError ?></span><?cs /if ?>
<?cs call:refused("name") ?><input id="name" name="name" required value="<?cs var:Form.name ?>"></div>
<div class="form-group<?cs if:Form.Errors.id_number ?> has-error<?cs /if ?>"><label for="id_number"><?cs var:Lang.Form.IdNumber ?></label>
<?cs if:Form.Errors.id_number ?><span class="error-message"><?cs var:Lang.Form.IdNumberError ?></span><?cs /if ?>
<?cs call:refused("id_number") ?><input id="id_number" name="id_number" inputmode="numeric" maxlength="12" required value="<?cs var:Form.id_number ?>"></div>
<?cs if:Data.Claims && !Form.Known ?><fieldset class="claims" id="claims"><legend><?cs var:Lang.Counter.ClaimsTitle ?></legend>
<p class="hint"><?cs var:Lang.Counter.Claims ?> (<?cs var:Data.Claims ?>)</p>
<div class="form-group<?cs if:Form.Errors.holder ?> has-error<?cs /if ?>"><label for="holder"><?cs var:Lang.Counter.Holder ?></label>
<span class="hint" id="holder-hint"><?cs var:Lang.Counter.HolderHint ?></span>
<?cs if:Form.Errors.holder ?><span class="error-message"><?cs var:Lang.Counter.HolderError ?></span><?cs /if ?>
<?cs call:refused("holder") ?><input id="holder" name="holder" maxlength="254" autocomplete="off" aria-describedby="holder-hint" value="<?cs var:Form.holder ?>"></div>
<div class="checkbox<?cs if:Form.Errors.card_seen ?> has-error<?cs /if ?>"><?cs if:Form.Errors.card_seen ?><span class="error-message"><?cs var:Lang.Counter.CardSeenError ?></span><?cs /if ?>
<input type="checkbox" id="card_seen" name="card_seen" value="1"<?cs if:Form.card_seen ?> checked<?cs /if ?>>
<label for="card_seen"><?cs var:Lang.Counter.CardSeen ?></label></div>
</fieldset><?cs /if ?>
</div>
<div class="form-group<?cs if:Form.Errors.phone ?> has-error<?cs /if ?>"><label for="phone"><?cs var:Lang.Form.Phone ?></label>
<?cs call:refused("phone") ?><input id="phone" name="phone" type="tel" value="<?cs var:Form.phone ?>"></div>
<div class="form-group<?cs if:Form.Errors.email ?> has-error<?cs /if ?>"><label for="email"><?cs var:Lang.Form.Email ?></label>
<?cs call:refused("email") ?><input id="email" name="email" type="email" value="<?cs var:Form.email ?>"></div>
<div class="form-group"><label for="address"><?cs var:Lang.Form.Address ?></label>
<?cs call:refused("address") ?><input id="address" name="address" value="<?cs var:Form.address ?>"></div>
<?cs if:Data.Procedure.code ?><div class="counter-eform" id="counter-eform">
<h2 class="h3"><?cs var:Lang.Counter.FormTitle ?><?cs if:Data.EForm.Version ?> <span class="muted">(<?cs var:Lang.EForm.FormVersion ?> <?cs var:Data.EForm.Version ?>)</span><?cs /if ?></h2>
<p class="hint"><?cs var:Lang.Counter.FormHint ?></p>
<?cs include:"partials/eform.cs" ?>
</div><?cs /if ?>
<fieldset><legend><?cs var:Lang.Counter.Scans ?></legend>
<?cs if:Form.Errors.scan ?><span class="error-message"><?cs var:Lang[Form.Errors.scan] ?></span><?cs /if ?>
<?cs loop:i = 1, 3, 1 ?><div class="form-group"><label for="scan<?cs var:i ?>"><?cs var:Lang.Counter.Scan ?> <?cs var:i ?></label>
<input id="scan<?cs var:i ?>" name="scan<?cs var:i ?>" type="file" accept="application/pdf,image/jpeg,image/png"></div><?cs /loop ?>
</fieldset>
<button type="submit" class="btn" id="counter-submit"><?cs var:Lang.Counter.Submit ?></button>
</form>
