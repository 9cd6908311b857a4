<?cs # "Check your answers" before a dossier is sent: the applicant, the
     place, each answer and each document with a change link, the fee and
     time, and the button that files it (the draft Form.draft). ?>
<?cs with:p = Data.Procedure.0 ?>
<p class="eyebrow"><?cs var:p.name ?></p>
<h1><?cs var:Lang.EForm.CheckTitle ?></h1>
<p class="lead"><?cs var:Lang.EForm.CheckLead ?></p>
<h2><?cs var:Lang.File.Applicant ?></h2>
<dl class="summary-list" id="check-applicant">
<div><dt><?cs var:Lang.File.FiledFor ?></dt><dd id="check-on-behalf"><?cs if:Form.on_behalf == "1" ?><?cs var:Lang.File.OnBehalf ?> — <?cs var:Lang.File.OnBehalfCheck ?><?cs else ?><?cs var:Lang.File.ForMyself ?><?cs if:Data.Own.verified ?> (<?cs var:Lang.File.IdVerified ?>)<?cs /if ?><?cs /if ?></dd><dd><a href="<?cs var:Data.Change ?>#on_behalf"><?cs var:Lang.EForm.Change ?><span class="visually-hidden"> <?cs var:Lang.File.FiledFor ?></span></a></dd></div>
<div><dt><?cs var:Lang.Form.Name ?></dt><dd><?cs var:Form.name ?></dd><dd><a href="<?cs var:Data.Change ?>#name"><?cs var:Lang.EForm.Change ?><span class="visually-hidden"> <?cs var:Lang.Form.Name ?></span></a></dd></div>
<div><dt><?cs var:Lang.Form.IdNumber ?></dt><dd><?cs var:Form.id_number ?></dd><dd><a href="<?cs var:Data.Change ?>#id_number"><?cs var:Lang.EForm.Change ?><span class="visually-hidden"> <?cs var:Lang.Form.IdNumber ?></span></a></dd></div>
<div><dt><?cs var:Lang.Form.Phone ?></dt><dd><?cs var:Form.phone ?></dd><dd><a href="<?cs var:Data.Change ?>#phone"><?cs var:Lang.EForm.Change ?><span class="visually-hidden"> <?cs var:Lang.Form.Phone ?></span></a></dd></div>
<div><dt><?cs var:Lang.Form.Email ?></dt><dd><?cs var:Form.email ?></dd><dd><a href="<?cs var:Data.Change ?>#email"><?cs var:Lang.EForm.Change ?><span class="visually-hidden"> <?cs var:Lang.Form.Email ?></span></a></dd></div>
<div><dt><?cs var:Lang.File.Agency ?></dt><dd id="check-agency"><?cs var:Form.agency_name ?></dd><dd><a href="<?cs var:Data.Change ?>#agency"><?cs var:Lang.EForm.Change ?><span class="visually-hidden"> <?cs var:Lang.File.Agency ?></span></a></dd></div>
</dl>
<h2><?cs var:Lang.File.Request ?></h2>
<dl class="summary-list" id="check-answers">
<?cs each:a = Data.Answers ?><div<?cs if:a.section ?> class="summary-section"<?cs /if ?>><dt><?cs var:a.label ?></dt><dd><?cs if:a.value ?><?cs var:a.value ?><?cs else ?><?cs if:!a.section ?><span class="muted"><?cs var:Lang.EForm.NotGiven ?></span><?cs /if ?><?cs /if ?></dd><dd><?cs if:a.href ?><a href="<?cs var:a.href ?>"><?cs var:Lang.EForm.Change ?><span class="visually-hidden"> <?cs var:a.label ?></span></a><?cs /if ?></dd></div>
<?cs /each ?></dl>
<?cs if:subcount(Data.Answers.Docs) ?><h2><?cs var:Lang.EForm.DocsTitle ?></h2>
<dl class="summary-list" id="check-docs">
<?cs each:d = Data.Answers.Docs ?><div><dt><?cs var:d.name ?></dt><dd><?cs if:subcount(d.Files) ?><?cs each:f = d.Files ?><?cs var:f.name ?><?cs if:f.wallet ?> <span class="muted">(<?cs var:Lang.Wallet.FromWallet ?>)</span><?cs /if ?><br><?cs /each ?><?cs else ?><span class="muted"><?cs var:Lang.EForm.NoFile ?></span><?cs /if ?></dd><dd><a href="<?cs var:d.href ?>"><?cs var:Lang.EForm.Change ?><span class="visually-hidden"> <?cs var:d.name ?></span></a></dd></div>
<?cs /each ?></dl><?cs /if ?>
<h2><?cs var:Lang.EForm.BeforeTitle ?></h2>
<dl class="facts" id="check-fees">
<?cs each:c = Data.Channels ?><dt><?cs if:Lang.Channel[c.channel] ?><?cs var:Lang.Channel[c.channel] ?><?cs else ?><?cs var:c.channel ?><?cs /if ?></dt><dd><?cs var:Lang.EForm.Time ?>: <?cs if:c.time_text ?><?cs var:c.time_text ?><?cs else ?>—<?cs /if ?>. <?cs var:Lang.EForm.Fee ?>: <?cs if:c.fee_text ?><?cs var:c.fee_text ?><?cs else ?><?cs var:Lang.EForm.NoFee ?><?cs /if ?></dd>
<?cs /each ?><dt><?cs var:Lang.File.Agency ?></dt><dd><?cs var:Form.agency_name ?></dd>
</dl>
<form method="post" action="/dich-vu/nop-ho-so/<?cs var:url_escape(p.code) ?>/kiem-tra" class="form">
<input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
<input type="hidden" name="nhap" value="<?cs var:Form.draft ?>">
<p><?cs var:Lang.EForm.Declare ?></p>
<button type="submit" class="btn" id="submit-dossier"><?cs var:Lang.File.Submit ?></button>
</form>
<?cs /with ?>
