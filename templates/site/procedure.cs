<?cs # One procedure: Data.Procedure.{Code,Name,Field,FieldSlug,Province,
     Commune,Type,Subjects,Implementing,Competent,DecisionNo,Online,
     ServiceLevel (full, partial, none),SourceUrl,Updated,ViOnly,
     Agency.{Name,Code,Address,Phone},Steps.N,Conditions.N,Result.N,
     Results.N.{Name,Code}} (text split into lines by the C code),
     Data.Channels.N.{Channel,Time or Amount+Unit,Fee or FeeKey or FeeVnd,
     FeeDescription}, Data.Documents.N.{GroupStart,Group,Name,Originals,
     Copies,Template,Note}, Data.Legal.N.{Number,Title}, Data.Related.N
     (procedure items), Data.Faqs.N.{Id,Question,ViOnly},
     Data.Events.N.{Slug,Name}. Catalogue text is Vietnamese: on English
     pages it is marked lang="vi". ?><?cs
with:proc = Data.Procedure ?>
<article class="procedure">
<h1 lang="vi"><?cs var:proc.Name ?></h1>
<p class="tags"><span class="tag"><?cs var:proc.Code ?></span> <span class="tag"><?cs call:level(proc) ?></span> <?cs call:online_tag(proc) ?> <span class="tag tag-level-<?cs var:proc.ServiceLevel ?>"><?cs alt:Lang.ServiceLevel[proc.ServiceLevel] ?><?cs var:proc.ServiceLevel ?><?cs /alt ?></span></p>
<?cs if:proc.ViOnly ?><?cs call:vi_only() ?><?cs /if ?>
<?cs if:proc.Online ?><div class="card card-action">
<p><?cs var:Lang.Procedure.SubmitText ?></p>
<p><a class="btn btn-start" href="/dich-vu/nop-ho-so/<?cs var:proc.Code ?><?cs if:Page.Lang == "en" ?>?lang=en<?cs /if ?>"><?cs var:Lang.Procedure.Submit ?></a></p>
</div>
<?cs else ?><div class="card card-info"><p><?cs var:Lang.Procedure.OfflineText ?></p></div>
<?cs /if ?>
<dl class="summary-list">
<div><dt><?cs var:Lang.Procedure.Code ?></dt><dd><?cs var:proc.Code ?></dd></div>
<div><dt><?cs var:Lang.Procedure.Field ?></dt><dd><a href="<?cs var:Lang.Site.Root ?>/linh-vuc/<?cs var:proc.FieldSlug ?>.html"><?cs var:proc.Field ?></a></dd></div>
<div><dt><?cs var:Lang.Procedure.Level ?></dt><dd><?cs call:level(proc) ?></dd></div>
<div><dt><?cs var:Lang.Procedure.ServiceLevel ?></dt><dd><a href="<?cs var:Lang.Site.Root ?>/muc-do/<?cs if:proc.ServiceLevel == "full" ?>toan-trinh<?cs elif:proc.ServiceLevel == "partial" ?>mot-phan<?cs else ?>chua-phan-loai<?cs /if ?>.html"><?cs alt:Lang.ServiceLevel[proc.ServiceLevel] ?><?cs var:proc.ServiceLevel ?><?cs /alt ?></a><br><span class="small muted"><?cs alt:Lang.ServiceLevel.Hint[proc.ServiceLevel] ?><?cs /alt ?></span></dd></div>
<?cs if:proc.Type ?><div><dt><?cs var:Lang.Procedure.Type ?></dt><dd lang="vi"><?cs var:proc.Type ?></dd></div>
<?cs /if ?><?cs if:proc.Subjects ?><div><dt><?cs var:Lang.Procedure.Subjects ?></dt><dd lang="vi"><?cs var:proc.Subjects ?></dd></div>
<?cs /if ?><div><dt><?cs var:Lang.Procedure.Receiving ?></dt><dd><?cs
if:proc.Province && proc.Agency.Name ?><p><?cs if:proc.Agency.Code ?><a href="<?cs var:Lang.Site.Root ?>/co-quan/<?cs var:proc.Agency.Code ?>.html"><?cs var:proc.Agency.Name ?></a><?cs else ?><?cs var:proc.Agency.Name ?><?cs /if ?><?cs
  if:proc.Agency.Address ?><br><?cs var:proc.Agency.Address ?><?cs /if ?><?cs
  if:proc.Agency.Phone ?><br><?cs var:Lang.Procedure.Phone ?>: <?cs var:proc.Agency.Phone ?><?cs /if ?></p><?cs
/if ?><?cs
if:proc.Commune ?><p><a href="<?cs var:Lang.Site.Root ?>/co-quan/#phuong-xa"><?cs var:Lang.Procedure.ReceivingCommune ?></a></p><?cs /if ?></dd></div>
<?cs if:proc.Implementing ?><div><dt><?cs var:Lang.Procedure.Implementing ?></dt><dd lang="vi"><?cs var:proc.Implementing ?></dd></div>
<?cs /if ?><?cs if:proc.Competent ?><div><dt><?cs var:Lang.Procedure.Competent ?></dt><dd lang="vi"><?cs var:proc.Competent ?></dd></div>
<?cs /if ?><?cs if:proc.DecisionNo ?><div><dt><?cs var:Lang.Procedure.Decision ?></dt><dd lang="vi"><?cs var:proc.DecisionNo ?></dd></div>
<?cs /if ?><?cs if:subcount(Data.Events) ?><div><dt><?cs var:Lang.Procedure.Events ?></dt><dd><?cs each:e = Data.Events ?><a href="<?cs var:Lang.Site.Root ?>/su-kien/<?cs var:e.Slug ?>.html"><?cs var:e.Name ?></a><?cs if:!last(e) ?>, <?cs /if ?><?cs /each ?></dd></div>
<?cs /if ?></dl>

<nav class="on-this-page" aria-labelledby="otp-h">
<h2 id="otp-h"><?cs var:Lang.Procedure.OnThisPage ?></h2>
<ul>
<li><a href="#cach-thuc"><?cs var:Lang.Procedure.Channels ?></a></li>
<li><a href="#thanh-phan"><?cs var:Lang.Procedure.Documents ?></a></li>
<li><a href="#trinh-tu"><?cs var:Lang.Procedure.Steps ?></a></li>
<li><a href="#dieu-kien"><?cs var:Lang.Procedure.Conditions ?></a></li>
<li><a href="#ket-qua"><?cs var:Lang.Procedure.Result ?></a></li>
<li><a href="#can-cu"><?cs var:Lang.Procedure.Legal ?></a></li>
</ul>
</nav>

<section id="cach-thuc">
<h2><?cs var:Lang.Procedure.Channels ?></h2>
<?cs if:subcount(Data.Channels) ?><table class="table table-stack">
<thead><tr><th scope="col"><?cs var:Lang.Procedure.ChannelCol ?></th><th scope="col"><?cs var:Lang.Procedure.TimeCol ?></th><th scope="col"><?cs var:Lang.Procedure.FeeCol ?></th></tr></thead>
<tbody>
<?cs each:c = Data.Channels ?><tr><th scope="row"><?cs alt:Lang.Channel[c.Channel] ?><?cs var:c.Channel ?><?cs /alt ?></th><td data-label="<?cs var:Lang.Procedure.TimeCol ?>"><?cs if:c.Amount && c.Unit == "workdays" ?><?cs var:fmt_workdays(c.Amount) ?><?cs elif:c.Amount ?><?cs var:fmt_number(c.Amount) ?> <?cs if:c.Amount == "1" && Lang.UnitOne[c.Unit] ?><?cs var:Lang.UnitOne[c.Unit] ?><?cs else ?><?cs alt:Lang.Unit[c.Unit] ?><?cs var:c.Unit ?><?cs /alt ?><?cs /if ?><?cs elif:c.Time ?><span lang="vi"><?cs var:c.Time ?></span><?cs else ?><?cs var:Lang.Common.None ?><?cs /if ?></td><td data-label="<?cs var:Lang.Procedure.FeeCol ?>"><?cs if:c.FeeKey ?><?cs alt:Lang.Fee[c.FeeKey] ?><?cs var:c.FeeKey ?><?cs /alt ?><?cs elif:c.FeeVnd ?><?cs var:c.FeeVnd ?> <?cs var:Lang.Fee.Vnd ?><?cs elif:c.Fee ?><span lang="vi"><?cs var:c.Fee ?></span><?cs else ?><?cs var:Lang.Common.None ?><?cs /if ?><?cs if:c.FeeDescription ?><p class="pre-line small" lang="vi"><?cs var:c.FeeDescription ?></p><?cs /if ?></td></tr>
<?cs /each ?></tbody>
</table>
<?cs else ?><p><?cs var:Lang.Common.None ?></p>
<?cs /if ?></section>

<section id="thanh-phan">
<h2><?cs var:Lang.Procedure.Documents ?></h2>
<?cs if:subcount(Data.Documents) ?><table class="table table-stack" lang="vi">
<thead><tr><th scope="col" lang="<?cs var:Page.Lang ?>"><?cs var:Lang.Procedure.DocName ?></th><th scope="col" class="num" lang="<?cs var:Page.Lang ?>"><?cs var:Lang.Procedure.Originals ?></th><th scope="col" class="num" lang="<?cs var:Page.Lang ?>"><?cs var:Lang.Procedure.Copies ?></th></tr></thead>
<tbody>
<?cs each:d = Data.Documents ?><?cs if:d.GroupStart ?><tr class="group-row"><th colspan="3" scope="colgroup"><?cs var:d.Group ?></th></tr>
<?cs /if ?><tr><td><span class="pre-line"><?cs var:d.Name ?></span><?cs if:d.Template ?> <span class="tag" lang="<?cs var:Page.Lang ?>"><?cs var:Lang.Procedure.HasTemplate ?></span><?cs /if ?><?cs if:d.Note ?><p class="small pre-line doc-note"><?cs var:d.Note ?></p><?cs /if ?></td><td class="num" data-label="<?cs var:Lang.Procedure.Originals ?>"><?cs var:d.Originals ?></td><td class="num" data-label="<?cs var:Lang.Procedure.Copies ?>"><?cs var:d.Copies ?></td></tr>
<?cs /each ?></tbody>
</table>
<?cs else ?><p><?cs var:Lang.Common.None ?></p>
<?cs /if ?></section>

<section id="trinh-tu">
<h2><?cs var:Lang.Procedure.Steps ?></h2>
<div class="prose" lang="vi"><?cs each:line = proc.Steps ?><p><?cs var:line ?></p>
<?cs /each ?><?cs if:!subcount(proc.Steps) ?><p lang="<?cs var:Page.Lang ?>"><?cs var:Lang.Common.None ?></p><?cs /if ?></div>
</section>

<section id="dieu-kien">
<h2><?cs var:Lang.Procedure.Conditions ?></h2>
<div class="prose" lang="vi"><?cs each:line = proc.Conditions ?><p><?cs var:line ?></p>
<?cs /each ?><?cs if:!subcount(proc.Conditions) ?><p lang="<?cs var:Page.Lang ?>"><?cs var:Lang.Common.None ?></p><?cs /if ?></div>
</section>

<section id="ket-qua">
<h2><?cs var:Lang.Procedure.Result ?></h2>
<div class="prose" lang="vi"><?cs if:subcount(proc.Results) ?><ul>
<?cs each:r = proc.Results ?><li><?cs var:r.Name ?> <span class="muted small">(<span lang="<?cs var:Page.Lang ?>"><?cs var:Lang.Procedure.ResultCode ?></span> <?cs var:r.Code ?>)</span></li>
<?cs /each ?></ul><?cs else ?><?cs each:line = proc.Result ?><p><?cs var:line ?></p>
<?cs /each ?><?cs if:!subcount(proc.Result) ?><p lang="<?cs var:Page.Lang ?>"><?cs var:Lang.Common.None ?></p><?cs /if ?><?cs /if ?></div>
</section>

<section id="can-cu">
<h2><?cs var:Lang.Procedure.Legal ?></h2>
<?cs if:subcount(Data.Legal) ?><ul class="legal-list" lang="vi">
<?cs each:l = Data.Legal ?><li><?cs var:l.Title ?><?cs if:l.Number ?> <span class="doc-number">(<?cs var:l.Number ?>)</span><?cs /if ?></li>
<?cs /each ?></ul>
<?cs else ?><p><?cs var:Lang.Common.None ?></p>
<?cs /if ?></section>
<?cs if:subcount(Data.Faqs) ?>
<section id="hoi-dap">
<h2><?cs var:Lang.Procedure.Faqs ?></h2>
<ul class="link-list">
<?cs each:q = Data.Faqs ?><li><a href="<?cs var:Lang.Site.Root ?>/hoi-dap/<?cs var:q.Id ?>.html"<?cs if:q.ViOnly ?> lang="vi"<?cs /if ?>><?cs var:q.Question ?></a></li>
<?cs /each ?></ul>
</section>
<?cs /if ?><?cs if:subcount(Data.Related) ?>
<section id="lien-quan">
<h2><?cs var:Lang.Procedure.Related ?></h2>
<ul class="proc-list">
<?cs each:p = Data.Related ?><?cs call:proc_item(p) ?>
<?cs /each ?></ul>
<p><a href="<?cs var:Lang.Site.Root ?>/linh-vuc/<?cs var:proc.FieldSlug ?>.html"><?cs var:Lang.Procedure.AllOfField ?></a></p>
</section>
<?cs /if ?>
<p class="page-meta"><?cs if:proc.SourceUrl ?><a href="<?cs var:url_validate(proc.SourceUrl) ?>" rel="external"><?cs var:Lang.Procedure.Source ?></a><?cs /if ?><?cs if:proc.Updated ?> · <?cs var:Lang.Procedure.Updated ?> <?cs var:proc.Updated ?><?cs /if ?></p>
</article>
<?cs /with ?>
<?cs include:"partials/assistant_panel.cs" ?>
