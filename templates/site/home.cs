<?cs # The home page: Data.Count.{Procedures,Online,Fields,Agencies}
     (formatted), Data.Popular.N (procedure items), Data.Events.N.{Slug,
     Name,Summary}, Data.Fields.N.{Name,Slug,Count} (the largest),
     Data.News.N.{Id,Title,Summary,Date,Kind,ViOnly},
     Data.Faqs.N.{Id,Question,ViOnly}. ?>
<section class="hero">
<h1><?cs var:Lang.Home.Heading ?></h1>
<p class="lead"><?cs var:Lang.Home.Intro ?></p>
<?cs include:"partials/search_form.cs" ?>
</section>
<?cs include:"partials/assistant_panel.cs" ?>

<?cs if:subcount(Data.Popular) ?>
<section aria-labelledby="popular-h">
<h2 id="popular-h"><?cs var:Lang.Home.Popular ?><?cs if:Data.PopularField ?>: <?cs var:Data.PopularField ?><?cs /if ?></h2>
<ul class="link-list link-cols">
<?cs each:p = Data.Popular ?><li><a href="<?cs var:Lang.Site.Root ?>/thu-tuc/<?cs var:p.Code ?>.html" lang="vi"><?cs var:p.Name ?></a></li>
<?cs /each ?></ul>
</section>
<?cs /if ?>
<?cs if:subcount(Data.Events) ?>
<section aria-labelledby="events-h">
<h2 id="events-h"><?cs var:Lang.Home.Events ?></h2>
<ul class="card-grid">
<?cs each:e = Data.Events ?><li class="card card-link"><h3><a href="<?cs var:Lang.Site.Root ?>/su-kien/<?cs var:e.Slug ?>.html"><?cs var:e.Name ?></a></h3><?cs if:e.Summary ?><p><?cs var:e.Summary ?></p><?cs /if ?></li>
<?cs /each ?></ul>
</section>
<?cs /if ?>
<section class="tasks" aria-labelledby="tasks-h">
<h2 id="tasks-h"><?cs var:Lang.Home.Tasks ?></h2>
<ul class="card-grid">
<li class="card"><h3><a href="<?cs var:Lang.Site.Root ?>/thu-tuc/"><?cs var:Lang.Home.TaskSubmit ?></a></h3><p><?cs var:Lang.Home.TaskSubmitText ?></p></li>
<li class="card"><h3><a href="/dich-vu/ho-so<?cs if:Page.Lang == "en" ?>?lang=en<?cs /if ?>"><?cs var:Lang.Home.TaskTrack ?></a></h3><p><?cs var:Lang.Home.TaskTrackText ?></p></li>
<li class="card"><h3><a href="/dich-vu/tra-cuu<?cs if:Page.Lang == "en" ?>?lang=en<?cs /if ?>"><?cs var:Lang.Home.TaskLookup ?></a></h3><p><?cs var:Lang.Home.TaskLookupText ?></p></li>
<li class="card"><h3><a href="/dich-vu/thong-bao<?cs if:Page.Lang == "en" ?>?lang=en<?cs /if ?>"><?cs var:Lang.Home.TaskNotifications ?></a></h3><p><?cs var:Lang.Home.TaskNotificationsText ?></p></li>
<li class="card"><h3><a href="/dich-vu/dang-ky<?cs if:Page.Lang == "en" ?>?lang=en<?cs /if ?>"><?cs var:Lang.Home.TaskRegister ?></a></h3><p><?cs var:Lang.Home.TaskRegisterText ?></p></li>
</ul>
</section>

<section class="stats" aria-labelledby="stats-h">
<h2 id="stats-h" class="visually-hidden"><?cs var:Lang.Home.Stats ?></h2>
<ul class="stat-list">
<li><span class="stat-number"><?cs var:Data.Count.Procedures ?></span> <span class="stat-label"><?cs var:Lang.Home.StatProcedures ?></span></li>
<li><span class="stat-number"><?cs var:Data.Count.Online ?></span> <span class="stat-label"><?cs var:Lang.Home.StatOnline ?></span></li>
<li><span class="stat-number"><?cs var:Data.Count.Fields ?></span> <span class="stat-label"><?cs var:Lang.Home.StatFields ?></span></li>
</ul>
</section>

<section aria-labelledby="fields-h">
<h2 id="fields-h"><?cs var:Lang.Home.Fields ?></h2>
<ul class="field-list">
<?cs each:f = Data.Fields ?><li><a href="<?cs var:Lang.Site.Root ?>/linh-vuc/<?cs var:f.Slug ?>.html"><?cs var:f.Name ?></a> <span class="count"><?cs var:f.Count ?></span></li>
<?cs /each ?></ul>
<p><a class="btn btn-secondary" href="<?cs var:Lang.Site.Root ?>/thu-tuc/"><?cs var:Lang.Home.AllFields ?></a></p>
</section>

<div class="columns">
<section aria-labelledby="news-h">
<h2 id="news-h"><?cs var:Lang.Home.News ?></h2>
<?cs if:subcount(Data.News) ?><ul class="news-list">
<?cs each:n = Data.News ?><li><span class="meta"><?cs alt:Lang.News.Kind[n.Kind] ?><?cs var:n.Kind ?><?cs /alt ?><?cs if:n.Date ?> · <?cs var:n.Date ?><?cs /if ?></span>
<a href="<?cs var:Lang.Site.Root ?>/tin-tuc/<?cs var:n.Id ?>.html"<?cs if:n.ViOnly ?> lang="vi"<?cs /if ?>><?cs var:n.Title ?></a></li>
<?cs /each ?></ul>
<?cs else ?><p><?cs var:Lang.News.Empty ?></p>
<?cs /if ?><p><a href="<?cs var:Lang.Site.Root ?>/tin-tuc/"><?cs var:Lang.Home.AllNews ?></a></p>
</section>
<section aria-labelledby="faq-h">
<h2 id="faq-h"><?cs var:Lang.Home.Faqs ?></h2>
<ul class="link-list">
<?cs each:q = Data.Faqs ?><li><a href="<?cs var:Lang.Site.Root ?>/hoi-dap/<?cs var:q.Id ?>.html"<?cs if:q.ViOnly ?> lang="vi"<?cs /if ?>><?cs var:q.Question ?></a></li>
<?cs /each ?></ul>
<p><a href="<?cs var:Lang.Site.Root ?>/hoi-dap/"><?cs var:Lang.Home.AllFaqs ?></a></p>
</section>
</div>

<section aria-labelledby="more-h">
<h2 id="more-h"><?cs var:Lang.Home.More ?></h2>
<ul class="card-grid">
<li class="card"><h3><a href="<?cs var:Lang.Site.Root ?>/co-quan/"><?cs var:Lang.Home.Agencies ?></a></h3><p><?cs var:Lang.Home.AgenciesText ?></p></li>
<li class="card"><h3><a href="<?cs var:Lang.Site.Root ?>/thong-ke/"><?cs var:Lang.Home.Stats ?></a></h3><p><?cs var:Lang.Home.StatsText ?></p></li>
</ul>
</section>
