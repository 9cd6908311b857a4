<?cs # The directory of agencies: Data.Departments.N.{Code,Name,Address,
     Phone,Count} (the city and its departments), Data.Wards.N.{Code,Name,
     Address,Phone}, Data.Count.Commune, Data.Hours. ?>
<h1><?cs var:Lang.Agencies.Title ?></h1>
<p class="lead"><?cs var:Lang.Agencies.Intro ?></p>
<p><strong><?cs var:Lang.Agencies.Hours ?>:</strong> <?cs var:Lang.Agencies.Days ?>, <?cs var:Data.Hours ?>. <span class="muted"><?cs var:Lang.Agencies.HoursNote ?></span></p>
<section aria-labelledby="dept-h">
<h2 id="dept-h"><?cs var:Lang.Agencies.Departments ?></h2>
<table class="table table-stack">
<thead><tr><th scope="col"><?cs var:Lang.Agencies.Title ?></th><th scope="col"><?cs var:Lang.Agencies.Address ?></th><th scope="col" class="num"><?cs var:Lang.Agencies.Procedures ?></th></tr></thead>
<tbody>
<?cs each:a = Data.Departments ?><tr><td><a href="<?cs var:Lang.Site.Root ?>/co-quan/<?cs var:a.Code ?>.html"><?cs var:a.Name ?></a></td><td data-label="<?cs var:Lang.Agencies.Address ?>"><?cs if:a.Address ?><?cs var:a.Address ?><?cs else ?><span class="muted"><?cs var:Lang.Agencies.NoAddress ?></span><?cs /if ?><?cs if:a.Phone ?><br><?cs var:Lang.Agencies.Phone ?>: <?cs var:a.Phone ?><?cs /if ?></td><td class="num" data-label="<?cs var:Lang.Agencies.Procedures ?>"><?cs var:a.Count ?></td></tr>
<?cs /each ?></tbody>
</table>
</section>
<section id="phuong-xa" aria-labelledby="wards-h">
<h2 id="wards-h"><?cs var:Lang.Agencies.Wards ?> <span class="count"><?cs var:subcount(Data.Wards) ?></span></h2>
<p><?cs var:Lang.Agencies.WardsIntro ?> <a href="<?cs var:Lang.Site.Root ?>/cap/xa.html"><?cs var:Data.Count.Commune ?> <?cs var:Lang.Agencies.WardsIntro2 ?></a></p>
<ul class="ward-list">
<?cs each:a = Data.Wards ?><li><a href="<?cs var:Lang.Site.Root ?>/co-quan/<?cs var:a.Code ?>.html"><?cs var:a.Name ?></a></li>
<?cs /each ?></ul>
</section>
