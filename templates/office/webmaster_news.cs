<?cs # The news list: Data.News.N.{id,kind,title,example,published,
     published_at}. ?>
<p class="eyebrow"><a href="/can-bo/quan-tri-trang/"><?cs var:Lang.Webmaster.Title ?></a></p>
<h1><?cs var:Lang.Webmaster.News.Title ?></h1>
<p><a class="btn" href="/can-bo/quan-tri-trang/tin-tuc/moi"><?cs var:Lang.Webmaster.New ?></a></p>
<?cs if:subcount(Data.News) ?><table class="table table-stack">
<thead><tr><th scope="col"><?cs var:Lang.Webmaster.News.Heading ?></th><th scope="col"><?cs var:Lang.Webmaster.News.Kind ?></th><th scope="col"><?cs var:Lang.Webmaster.News.Date ?></th><th scope="col"><?cs var:Lang.Webmaster.Published ?></th></tr></thead>
<tbody>
<?cs each:n = Data.News ?><tr><td><a href="/can-bo/quan-tri-trang/tin-tuc/<?cs var:n.id ?>"><?cs var:n.title ?></a><?cs if:n.example ?> <span class="tag"><?cs var:Lang.Webmaster.Example ?></span><?cs /if ?></td><td data-label="<?cs var:Lang.Webmaster.News.Kind ?>"><?cs alt:Lang.News.Kind[n.kind] ?><?cs var:n.kind ?><?cs /alt ?></td><td data-label="<?cs var:Lang.Webmaster.News.Date ?>"><?cs var:fmt_date(n.published_at) ?></td><td data-label="<?cs var:Lang.Webmaster.Published ?>"><?cs if:n.published ?><?cs var:Lang.Webmaster.Published ?><?cs else ?><?cs var:Lang.Webmaster.Draft ?><?cs /if ?></td></tr>
<?cs /each ?></tbody>
</table>
<?cs else ?><p><?cs var:Lang.Webmaster.News.None ?></p>
<?cs /if ?>
