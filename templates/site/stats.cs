<?cs # Catalogue figures: Data.Count.{Procedures,Online,Offline,Province,
     Commune}, Data.Levels.N.{Key,Path,Count}, Data.Fields.N.{Name,Slug,
     Count,Online}. ?>
<h1><?cs var:Lang.Stats.Title ?></h1>
<p class="lead"><?cs var:Lang.Stats.Intro ?></p>
<p><a href="<?cs var:Lang.Site.Root ?>/thong-ke/ho-so/"><?cs var:Lang.PubStats.Link ?></a></p>
<ul class="stat-list">
<li><span class="stat-number"><?cs var:Data.Count.Procedures ?></span> <span class="stat-label"><?cs var:Lang.Stats.Total ?></span></li>
<li><span class="stat-number"><?cs var:Data.Count.Online ?></span> <span class="stat-label"><?cs var:Lang.Stats.Online ?></span></li>
<li><span class="stat-number"><?cs var:Data.Count.Offline ?></span> <span class="stat-label"><?cs var:Lang.Stats.Offline ?></span></li>
</ul>
<div class="columns">
<section aria-labelledby="bylevel-h">
<h2 id="bylevel-h"><?cs var:Lang.Stats.ByLevel ?></h2>
<ul class="link-list">
<li><a href="<?cs var:Lang.Site.Root ?>/cap/tinh.html"><?cs var:Lang.Level.Province ?></a> <span class="count"><?cs var:Data.Count.Province ?></span></li>
<li><a href="<?cs var:Lang.Site.Root ?>/cap/xa.html"><?cs var:Lang.Level.Commune ?></a> <span class="count"><?cs var:Data.Count.Commune ?></span></li>
</ul>
</section>
<section aria-labelledby="byservice-h">
<h2 id="byservice-h"><?cs var:Lang.Stats.ByService ?></h2>
<ul class="link-list">
<?cs each:l = Data.Levels ?><li><a href="<?cs var:Lang.Site.Root ?>/muc-do/<?cs var:l.Path ?>.html"><?cs alt:Lang.ServiceLevel[l.Key] ?><?cs var:l.Key ?><?cs /alt ?></a> <span class="count"><?cs var:l.Count ?></span></li>
<?cs /each ?></ul>
</section>
</div>
<section aria-labelledby="byfield-h">
<h2 id="byfield-h"><?cs var:Lang.Stats.ByField ?></h2>
<table class="table table-stack">
<caption class="visually-hidden"><?cs var:Lang.Stats.Caption ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.Stats.ColField ?></th><th scope="col" class="num"><?cs var:Lang.Stats.ColCount ?></th><th scope="col" class="num"><?cs var:Lang.Stats.ColOnline ?></th></tr></thead>
<tbody>
<?cs each:f = Data.Fields ?><tr><td><a href="<?cs var:Lang.Site.Root ?>/linh-vuc/<?cs var:f.Slug ?>.html"><?cs var:f.Name ?></a></td><td class="num" data-label="<?cs var:Lang.Stats.ColCount ?>"><?cs var:f.Count ?></td><td class="num" data-label="<?cs var:Lang.Stats.ColOnline ?>"><?cs var:f.Online ?></td></tr>
<?cs /each ?></tbody>
</table>
</section>
