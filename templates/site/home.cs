<?cs # The home page: Data.Count.{Procedures,Online,Fields} (formatted),
     Data.Fields.N.{Name,Slug,Count}, Data.Popular.N.{Code,Name}. ?>
<section class="hero">
<h1><?cs var:Lang.Home.Heading ?></h1>
<p class="lead"><?cs var:Lang.Home.Intro ?></p>
<?cs include:"partials/search_form.cs" ?>
</section>

<section class="stats" aria-label="<?cs var:Lang.Home.Stats ?>">
<ul class="stat-list">
<li><span class="stat-number"><?cs var:Data.Count.Procedures ?></span> <span class="stat-label"><?cs var:Lang.Home.StatProcedures ?></span></li>
<li><span class="stat-number"><?cs var:Data.Count.Online ?></span> <span class="stat-label"><?cs var:Lang.Home.StatOnline ?></span></li>
<li><span class="stat-number"><?cs var:Data.Count.Fields ?></span> <span class="stat-label"><?cs var:Lang.Home.StatFields ?></span></li>
</ul>
</section>

<section class="tasks" aria-labelledby="tasks-h">
<h2 id="tasks-h"><?cs var:Lang.Home.Tasks ?></h2>
<ul class="card-grid">
<li class="card"><h3><a href="/thu-tuc/"><?cs var:Lang.Home.TaskSubmit ?></a></h3><p><?cs var:Lang.Home.TaskSubmitText ?></p></li>
<li class="card"><h3><a href="/dich-vu/ho-so"><?cs var:Lang.Home.TaskTrack ?></a></h3><p><?cs var:Lang.Home.TaskTrackText ?></p></li>
<li class="card"><h3><a href="/dich-vu/dang-ky"><?cs var:Lang.Home.TaskRegister ?></a></h3><p><?cs var:Lang.Home.TaskRegisterText ?></p></li>
</ul>
</section>
<?cs if:subcount(Data.Popular) ?>
<section aria-labelledby="popular-h">
<h2 id="popular-h"><?cs var:Lang.Home.Popular ?><?cs if:Data.PopularField ?>: <?cs var:Data.PopularField ?><?cs /if ?></h2>
<ul class="link-list">
<?cs each:p = Data.Popular ?><li><a href="/thu-tuc/<?cs var:p.Code ?>.html"><?cs var:p.Name ?></a></li>
<?cs /each ?></ul>
</section>
<?cs /if ?>
<section aria-labelledby="fields-h">
<h2 id="fields-h"><?cs var:Lang.Home.Fields ?></h2>
<ul class="field-list">
<?cs each:f = Data.Fields ?><li><a href="/thu-tuc/#<?cs var:f.Slug ?>"><?cs var:f.Name ?></a> <span class="count"><?cs var:f.Count ?></span></li>
<?cs /each ?></ul>
<p><a class="btn btn-secondary" href="/thu-tuc/"><?cs var:Lang.Home.AllProcedures ?></a></p>
</section>
