<?cs # One news item: Data.Item.{Id,Kind,Title,Summary,Date,Body.N,
     ViOnly}. ?><?cs with:n = Data.Item ?>
<article class="news-page">
<p class="eyebrow"><?cs alt:Lang.News.Kind[n.Kind] ?><?cs var:n.Kind ?><?cs /alt ?><?cs if:n.Date ?> · <?cs var:Lang.News.Published ?> <?cs var:n.Date ?><?cs /if ?></p>
<?cs if:n.ViOnly ?><?cs call:vi_only() ?><?cs /if ?>
<div<?cs if:n.ViOnly ?> lang="vi"<?cs /if ?>>
<h1><?cs var:n.Title ?></h1>
<?cs if:n.Summary ?><p class="lead"><?cs var:n.Summary ?></p><?cs /if ?>
<div class="prose"><?cs each:line = n.Body ?><p><?cs var:line ?></p>
<?cs /each ?></div>
</div>
<p><a href="<?cs var:Lang.Site.Root ?>/tin-tuc/"><?cs var:Lang.News.Back ?></a></p>
</article>
<?cs /with ?>
