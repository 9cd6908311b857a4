<?cs # News and announcements: Data.News.N.{Id,Kind,Title,Summary,Date,
     ViOnly}, newest first. ?>
<h1><?cs var:Lang.News.Title ?></h1>
<?cs if:subcount(Data.News) ?><ul class="news-list">
<?cs each:n = Data.News ?><li><span class="meta"><?cs alt:Lang.News.Kind[n.Kind] ?><?cs var:n.Kind ?><?cs /alt ?><?cs if:n.Date ?> · <?cs var:n.Date ?><?cs /if ?></span>
<h2 class="news-title"<?cs if:n.ViOnly ?> lang="vi"<?cs /if ?>><a href="<?cs var:Lang.Site.Root ?>/tin-tuc/<?cs var:n.Id ?>.html"><?cs var:n.Title ?></a></h2>
<?cs if:n.Summary ?><p<?cs if:n.ViOnly ?> lang="vi"<?cs /if ?>><?cs var:n.Summary ?></p><?cs /if ?></li>
<?cs /each ?></ul>
<?cs else ?><p><?cs var:Lang.News.Empty ?></p>
<?cs /if ?>
