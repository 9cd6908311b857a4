<?cs # One procedure: Data.Procedure.{Code,Name,Field,FieldSlug,Province,
     Commune,Type,Subjects,Implementing,Competent,DecisionNo,Online,
     ServiceLevel,SourceUrl,Updated,Agency.{Name,Address,Phone},
     Steps.N,Conditions.N,Result.N} (text split into lines by the C code),
     Data.Channels.N.{Channel,Time,Fee,FeeDescription},
     Data.Documents.N.{GroupStart,Group,Name,Originals,Copies,Template},
     Data.Legal.N.{Number,Title}. ?><?cs
with:proc = Data.Procedure ?>
<article class="procedure">
<h1><?cs var:proc.Name ?></h1>
<p class="tags"><span class="tag"><?cs var:proc.Code ?></span> <span class="tag"><?cs call:level(proc) ?></span> <?cs call:online_tag(proc) ?></p>

<?cs if:proc.Online ?><div class="card card-action">
<p><?cs var:Lang.Procedure.SubmitText ?></p>
<p><a class="btn btn-start" href="/dich-vu/nop-ho-so/<?cs var:proc.Code ?>"><?cs var:Lang.Procedure.Submit ?></a></p>
</div>
<?cs else ?><div class="card card-info"><p><?cs var:Lang.Procedure.OfflineText ?></p></div>
<?cs /if ?>
<dl class="summary-list">
<div><dt><?cs var:Lang.Procedure.Code ?></dt><dd><?cs var:proc.Code ?></dd></div>
<div><dt><?cs var:Lang.Procedure.Field ?></dt><dd><a href="/thu-tuc/#<?cs var:proc.FieldSlug ?>"><?cs var:proc.Field ?></a></dd></div>
<div><dt><?cs var:Lang.Procedure.Level ?></dt><dd><?cs call:level(proc) ?></dd></div>
<?cs if:proc.Type ?><div><dt><?cs var:Lang.Procedure.Type ?></dt><dd><?cs var:proc.Type ?></dd></div>
<?cs /if ?><?cs if:proc.Subjects ?><div><dt><?cs var:Lang.Procedure.Subjects ?></dt><dd><?cs var:proc.Subjects ?></dd></div>
<?cs /if ?><div><dt><?cs var:Lang.Procedure.Receiving ?></dt><dd><?cs
if:proc.Province && proc.Agency.Name ?><p><?cs var:proc.Agency.Name ?><?cs
  if:proc.Agency.Address ?><br><?cs var:proc.Agency.Address ?><?cs /if ?><?cs
  if:proc.Agency.Phone ?><br><?cs var:Lang.Procedure.Phone ?>: <?cs var:proc.Agency.Phone ?><?cs /if ?></p><?cs
/if ?><?cs
if:proc.Commune ?><p><?cs var:Lang.Procedure.ReceivingCommune ?></p><?cs /if ?></dd></div>
<?cs if:proc.Implementing ?><div><dt><?cs var:Lang.Procedure.Implementing ?></dt><dd><?cs var:proc.Implementing ?></dd></div>
<?cs /if ?><?cs if:proc.Competent ?><div><dt><?cs var:Lang.Procedure.Competent ?></dt><dd><?cs var:proc.Competent ?></dd></div>
<?cs /if ?><?cs if:proc.ServiceLevel ?><div><dt><?cs var:Lang.Procedure.ServiceLevel ?></dt><dd><?cs alt:Lang.ServiceLevel[proc.ServiceLevel] ?><?cs var:proc.ServiceLevel ?><?cs /alt ?></dd></div>
<?cs /if ?><?cs if:proc.DecisionNo ?><div><dt><?cs var:Lang.Procedure.Decision ?></dt><dd><?cs var:proc.DecisionNo ?></dd></div>
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
<?cs each:c = Data.Channels ?><tr><th scope="row"><?cs alt:Lang.Channel[c.Channel] ?><?cs var:c.Channel ?><?cs /alt ?></th><td data-label="<?cs var:Lang.Procedure.TimeCol ?>"><?cs if:c.Time ?><?cs var:c.Time ?><?cs else ?><?cs var:Lang.Common.None ?><?cs /if ?></td><td data-label="<?cs var:Lang.Procedure.FeeCol ?>"><?cs if:c.Fee ?><?cs var:c.Fee ?><?cs else ?><?cs var:Lang.Common.None ?><?cs /if ?><?cs if:c.FeeDescription ?><p class="pre-line small"><?cs var:c.FeeDescription ?></p><?cs /if ?></td></tr>
<?cs /each ?></tbody>
</table>
<?cs else ?><p><?cs var:Lang.Common.None ?></p>
<?cs /if ?></section>

<section id="thanh-phan">
<h2><?cs var:Lang.Procedure.Documents ?></h2>
<?cs if:subcount(Data.Documents) ?><table class="table table-stack">
<thead><tr><th scope="col"><?cs var:Lang.Procedure.DocName ?></th><th scope="col" class="num"><?cs var:Lang.Procedure.Originals ?></th><th scope="col" class="num"><?cs var:Lang.Procedure.Copies ?></th></tr></thead>
<tbody>
<?cs each:d = Data.Documents ?><?cs if:d.GroupStart ?><tr class="group-row"><th colspan="3" scope="colgroup"><?cs var:d.Group ?></th></tr>
<?cs /if ?><tr><td><span class="pre-line"><?cs var:d.Name ?></span><?cs if:d.Template ?> <span class="tag"><?cs var:Lang.Procedure.HasTemplate ?></span><?cs /if ?></td><td class="num" data-label="<?cs var:Lang.Procedure.Originals ?>"><?cs var:d.Originals ?></td><td class="num" data-label="<?cs var:Lang.Procedure.Copies ?>"><?cs var:d.Copies ?></td></tr>
<?cs /each ?></tbody>
</table>
<?cs else ?><p><?cs var:Lang.Common.None ?></p>
<?cs /if ?></section>

<section id="trinh-tu">
<h2><?cs var:Lang.Procedure.Steps ?></h2>
<div class="prose"><?cs each:line = proc.Steps ?><p><?cs var:line ?></p>
<?cs /each ?><?cs if:!subcount(proc.Steps) ?><p><?cs var:Lang.Common.None ?></p><?cs /if ?></div>
</section>

<section id="dieu-kien">
<h2><?cs var:Lang.Procedure.Conditions ?></h2>
<div class="prose"><?cs each:line = proc.Conditions ?><p><?cs var:line ?></p>
<?cs /each ?><?cs if:!subcount(proc.Conditions) ?><p><?cs var:Lang.Common.None ?></p><?cs /if ?></div>
</section>

<section id="ket-qua">
<h2><?cs var:Lang.Procedure.Result ?></h2>
<div class="prose"><?cs each:line = proc.Result ?><p><?cs var:line ?></p>
<?cs /each ?><?cs if:!subcount(proc.Result) ?><p><?cs var:Lang.Common.None ?></p><?cs /if ?></div>
</section>

<section id="can-cu">
<h2><?cs var:Lang.Procedure.Legal ?></h2>
<?cs if:subcount(Data.Legal) ?><ul class="legal-list">
<?cs each:l = Data.Legal ?><li><?cs var:l.Title ?><?cs if:l.Number ?> <span class="doc-number">(<?cs var:l.Number ?>)</span><?cs /if ?></li>
<?cs /each ?></ul>
<?cs else ?><p><?cs var:Lang.Common.None ?></p>
<?cs /if ?></section>

<p class="page-meta"><?cs if:proc.SourceUrl ?><a href="<?cs var:url_validate(proc.SourceUrl) ?>" rel="external"><?cs var:Lang.Procedure.Source ?></a><?cs /if ?><?cs if:proc.Updated ?> · <?cs var:Lang.Procedure.Updated ?> <?cs var:proc.Updated ?><?cs /if ?></p>
</article>
<?cs /with ?>
