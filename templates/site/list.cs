<?cs # A list of procedures: Data.List.{Kind,Title,Count,Level,Single,Ward},
     Data.Groups.N.{Name,Slug,Procs.M} (procedure items, grouped by field; for a ward only Count: it receives
     every commune-level procedure),
     for an agency Data.Agency.{Code,Kind,Address,Phone,NameVi} and
     Data.Hours, for a life event Data.Event.Summary. ?>
<h1><?cs var:Data.List.Title ?></h1>
<?cs if:Data.List.Kind == "agency" ?><dl class="summary-list">
<?cs if:Data.Agency.NameVi ?><div><dt><?cs var:Lang.Agencies.Title ?></dt><dd lang="vi"><?cs var:Data.Agency.NameVi ?></dd></div>
<?cs /if ?><div><dt><?cs var:Lang.Agencies.Address ?></dt><dd><?cs if:Data.Agency.Address ?><?cs var:Data.Agency.Address ?><?cs else ?><?cs var:Lang.Agencies.NoAddress ?><?cs /if ?></dd></div>
<?cs if:Data.Agency.Phone ?><div><dt><?cs var:Lang.Agencies.Phone ?></dt><dd><?cs var:Data.Agency.Phone ?></dd></div>
<?cs /if ?><div><dt><?cs var:Lang.Agencies.Hours ?></dt><dd><?cs var:Lang.Agencies.Days ?>: <?cs var:Data.Hours ?><br><span class="small muted"><?cs var:Lang.Agencies.HoursNote ?></span></dd></div>
</dl>
<h2><?cs var:Lang.List.Received ?> <span class="count"><?cs var:Data.List.Count ?></span></h2>
<?cs elif:Data.List.Kind == "event" ?><?cs if:Data.Event.Summary ?><p class="lead"><?cs var:Data.Event.Summary ?></p><?cs /if ?>
<?cs elif:Data.List.Kind == "service" ?><p class="lead"><?cs alt:Lang.ServiceLevel.Hint[Data.List.Level] ?><?cs /alt ?></p>
<?cs /if ?><?cs if:Data.List.Kind != "agency" ?><p><strong><?cs var:Data.List.Count ?></strong> <?cs var:Lang.List.Count ?></p><?cs /if ?>
<?cs if:Page.Lang == "en" && subcount(Data.Groups) ?><?cs call:vi_only() ?><?cs /if ?>
<?cs if:!subcount(Data.Groups) ?><p><?cs var:Lang.List.Empty ?></p><?cs /if ?>
<?cs if:Data.List.Ward ?><p><?cs var:Lang.List.ReceivedWard ?> <a href="<?cs var:Lang.Site.Root ?>/cap/xa.html"><?cs var:Lang.List.Commune ?></a></p>
<ul class="field-list">
<?cs each:g = Data.Groups ?><li><a href="<?cs var:Lang.Site.Root ?>/cap/xa.html#g-<?cs var:g.Slug ?>"><?cs var:g.Name ?></a> <span class="count"><?cs var:g.Count ?></span></li>
<?cs /each ?></ul>
<?cs else ?><?cs each:g = Data.Groups ?><?cs if:!Data.List.Single ?><section class="field-section" aria-labelledby="g-<?cs var:g.Slug ?>">
<h2 id="g-<?cs var:g.Slug ?>"><a href="<?cs var:Lang.Site.Root ?>/linh-vuc/<?cs var:g.Slug ?>.html"><?cs var:g.Name ?></a> <span class="count"><?cs var:subcount(g.Procs) ?></span></h2>
<?cs /if ?><ul class="proc-list">
<?cs each:p = g.Procs ?><?cs call:proc_item(p) ?>
<?cs /each ?></ul>
<?cs if:!Data.List.Single ?></section>
<?cs /if ?><?cs /each ?><?cs /if ?>
