<?cs # The webmasters' home: the update buttons, the last builds
     (Data.Builds.N.{id,state,full_rebuild,requested_at,finished_at,
     written,ms,full_name}) and links to FAQs, news and service levels. ?>
<h1><?cs var:Lang.Webmaster.Title ?></h1>
<p class="lead"><?cs var:Lang.Webmaster.Intro ?></p>
<ul class="card-grid">
<li class="card"><h2 class="h3"><a href="/can-bo/quan-tri-trang/hoi-dap"><?cs var:Lang.Webmaster.Faq.Title ?></a></h2></li>
<li class="card"><h2 class="h3"><a href="/can-bo/quan-tri-trang/tin-tuc"><?cs var:Lang.Webmaster.News.Title ?></a></h2></li>
<li class="card"><h2 class="h3"><a href="/can-bo/quan-tri-trang/muc-do"><?cs var:Lang.Webmaster.Levels.Title ?></a></h2></li>
<li class="card"><h2 class="h3"><a href="/can-bo/quan-tri-trang/tu-dong-nghia"><?cs var:Lang.Synonyms.Title ?></a></h2></li>
</ul>
<section aria-labelledby="build-h">
<h2 id="build-h"><?cs var:Lang.Webmaster.Build.Title ?></h2>
<div class="columns">
<form method="post" action="/can-bo/quan-tri-trang/cap-nhat" class="card">
<input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
<p><?cs var:Lang.Webmaster.Build.ChangesHint ?></p>
<p><button type="submit" class="btn"><?cs var:Lang.Webmaster.Build.Changes ?></button></p>
</form>
<form method="post" action="/can-bo/quan-tri-trang/cap-nhat" class="card card-info">
<input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
<input type="hidden" name="full" value="1">
<p><?cs var:Lang.Webmaster.Build.FullHint ?></p>
<p><button type="submit" class="btn btn-secondary"><?cs var:Lang.Webmaster.Build.Full ?></button></p>
</form>
</div>
<h3><?cs var:Lang.Webmaster.Build.Recent ?></h3>
<?cs if:subcount(Data.Builds) ?><table class="table table-stack">
<thead><tr><th scope="col"><?cs var:Lang.Webmaster.Build.Requested ?></th><th scope="col"><?cs var:Lang.Webmaster.Build.Kind ?></th><th scope="col"><?cs var:Lang.Webmaster.Build.By ?></th><th scope="col"><?cs var:Lang.Webmaster.Build.Progress ?></th></tr></thead>
<tbody>
<?cs each:b = Data.Builds ?><tr><td><a href="/can-bo/quan-tri-trang/cap-nhat/<?cs var:b.id ?>"><?cs var:fmt_datetime(b.requested_at) ?></a></td><td data-label="<?cs var:Lang.Webmaster.Build.Kind ?>"><?cs if:b.full_rebuild ?><?cs var:Lang.Webmaster.Build.KindFull ?><?cs else ?><?cs var:Lang.Webmaster.Build.KindChanges ?><?cs /if ?></td><td data-label="<?cs var:Lang.Webmaster.Build.By ?>"><?cs var:b.full_name ?></td><td data-label="<?cs var:Lang.Webmaster.Build.Progress ?>"><?cs alt:Lang.Webmaster.Build.State[b.state] ?><?cs var:b.state ?><?cs /alt ?><?cs if:b.state == "done" ?>: <?cs var:b.written ?> <?cs var:Lang.Webmaster.Build.Written ?>, <?cs var:b.ms ?> <?cs var:Lang.Webmaster.Build.Seconds ?><?cs /if ?></td></tr>
<?cs /each ?></tbody>
</table>
<?cs else ?><p><?cs var:Lang.Webmaster.Build.None ?></p>
<?cs /if ?></section>
