<header class="site-header">
<div class="container header-inner">
<a class="site-name" href="/" aria-label="<?cs var:Lang.Site.HomeLink ?>"><img class="site-logo" src="/static/images/logo.svg" alt="" width="40" height="40"><span><span class="site-name-main"><?cs var:Lang.Site.Name ?></span> <span class="site-name-sep">–</span> <span class="site-name-sub"><?cs var:Lang.Site.Tagline ?></span></span></a>
<div class="user-area">
<?cs if:User.Name ?><span class="user-name"><?cs var:Lang.Site.User.Greeting ?> <strong><?cs var:User.Name ?></strong></span>
<form class="logout-form" method="post" action="/dich-vu/dang-xuat"><input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>"><button type="submit" class="btn btn-small btn-inverse"><?cs var:Lang.Site.User.Logout ?></button></form>
<?cs else ?><a class="user-link" href="/dich-vu/dang-nhap"><?cs var:Lang.Site.User.Login ?></a>
<a class="user-link" href="/dich-vu/dang-ky"><?cs var:Lang.Site.User.Register ?></a>
<?cs /if ?></div>
</div>
<nav class="site-nav" aria-label="<?cs var:Lang.Site.Nav.Label ?>">
<div class="container">
<ul>
<li><a href="/"<?cs if:Page.Nav == "home" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.Site.Nav.Home ?></a></li>
<li><a href="/thu-tuc/"<?cs if:Page.Nav == "procedures" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.Site.Nav.Procedures ?></a></li>
<li><a href="/dich-vu/ho-so"<?cs if:Page.Nav == "dossiers" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.Site.Nav.Dossiers ?></a></li>
<li><a href="/can-bo/"<?cs if:Page.Nav == "office" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.Site.Nav.Office ?></a></li>
</ul>
</div>
</nav>
</header>
