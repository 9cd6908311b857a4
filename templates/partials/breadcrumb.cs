<nav class="breadcrumb" aria-label="<?cs var:Lang.Site.Breadcrumb ?>">
<ol><?cs each:crumb = Page.Breadcrumb ?><li><?cs if:crumb.Href ?><a href="<?cs var:crumb.Href ?>"><?cs var:crumb.Title ?></a><?cs else ?><span aria-current="page"><?cs var:crumb.Title ?></span><?cs /if ?></li><?cs /each ?></ol>
</nav>
