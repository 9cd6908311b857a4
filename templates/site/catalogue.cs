<?cs # The catalogue's index of indexes: Data.Count.{Procedures,Fields,
     Province,Commune} (formatted), Data.Levels.N.{Key,Path,Count},
     Data.Fields.N.{Name,Slug,Count}, Data.Events.N.{Slug,Name}. ?>
<h1><?cs var:Lang.Catalogue.Heading ?></h1>
<p class="lead"><strong><?cs var:Data.Count.Procedures ?></strong> <?cs var:Lang.Catalogue.Intro ?> <strong><?cs var:Data.Count.Fields ?></strong> <?cs var:Lang.Catalogue.IntroFields ?></p>
<?cs include:"partials/search_form.cs" ?>

<div class="columns">
<section aria-labelledby="levels-h">
<h2 id="levels-h"><?cs var:Lang.Catalogue.Levels ?></h2>
<ul class="link-list">
<li><a href="<?cs var:Lang.Site.Root ?>/cap/tinh.html"><?cs var:Lang.List.Province ?></a> <span class="count"><?cs var:Data.Count.Province ?></span></li>
<li><a href="<?cs var:Lang.Site.Root ?>/cap/xa.html"><?cs var:Lang.List.Commune ?></a> <span class="count"><?cs var:Data.Count.Commune ?></span></li>
</ul>
</section>
<section aria-labelledby="service-h">
<h2 id="service-h"><?cs var:Lang.Catalogue.Service ?></h2>
<ul class="link-list">
<?cs each:l = Data.Levels ?><li><a href="<?cs var:Lang.Site.Root ?>/muc-do/<?cs var:l.Path ?>.html"><?cs alt:Lang.ServiceLevel[l.Key] ?><?cs var:l.Key ?><?cs /alt ?></a> <span class="count"><?cs var:l.Count ?></span></li>
<?cs /each ?></ul>
</section>
</div>
<?cs if:subcount(Data.Events) ?>
<section aria-labelledby="events-h">
<h2 id="events-h"><?cs var:Lang.Catalogue.Events ?></h2>
<ul class="pill-list">
<?cs each:e = Data.Events ?><li><a href="<?cs var:Lang.Site.Root ?>/su-kien/<?cs var:e.Slug ?>.html"><?cs var:e.Name ?></a></li>
<?cs /each ?></ul>
</section>
<?cs /if ?>
<section aria-labelledby="agencies-h">
<h2 id="agencies-h"><?cs var:Lang.Catalogue.Agencies ?></h2>
<p><a href="<?cs var:Lang.Site.Root ?>/co-quan/"><?cs var:Lang.Catalogue.AgenciesLink ?></a></p>
</section>
<section aria-labelledby="fields-h">
<h2 id="fields-h"><?cs var:Lang.Catalogue.Fields ?></h2>
<ul class="field-list">
<?cs each:f = Data.Fields ?><li><a href="<?cs var:Lang.Site.Root ?>/linh-vuc/<?cs var:f.Slug ?>.html"><?cs var:f.Name ?></a> <span class="count"><?cs var:f.Count ?></span></li>
<?cs /each ?></ul>
</section>
