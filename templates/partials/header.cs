<?cs # The site header: name, language switch, user area, navigation.
     Static links carry Lang.Site.Root ("" or "/en"); the language switch
     goes to Page.AltHref, or for a dynamic page to Page.Path?lang=..; on
     a device's screen (Page.Device) the name and the language switch only. ?>
<header class="site-header">
<div class="container header-inner">
<?cs if:Page.Device ?><span class="site-name"><?cs else ?><a class="site-name" href="<?cs var:Lang.Site.Root ?>/"><?cs /if ?><img class="site-logo" src="/static/images/logo.svg" alt="" width="40" height="40"><span><span class="site-name-main"><?cs var:Lang.Site.Name ?></span> <span class="site-name-sep">–</span> <span class="site-name-sub"><?cs var:Lang.Site.Tagline ?></span></span><?cs if:Page.Device ?></span><?cs else ?></a><?cs /if ?>
<div class="user-area">
<a class="lang-switch" lang="<?cs var:Lang.Site.OtherLang ?>" hreflang="<?cs var:Lang.Site.OtherLang ?>" title="<?cs var:Lang.Site.OtherLangLabel ?>" href="<?cs if:Page.AltHref ?><?cs var:Page.AltHref ?><?cs else ?><?cs var:Page.Path ?>?lang=<?cs var:Lang.Site.OtherLang ?><?cs /if ?>"><?cs var:Lang.Site.OtherLangName ?></a>
<?cs if:Page.Device ?><?cs elif:User.Name ?><span class="user-name"><?cs var:Lang.Site.User.Greeting ?> <strong><?cs var:User.Name ?></strong></span>
<a class="account-link" href="/dich-vu/tai-khoan<?cs if:Page.Lang == "en" ?>?lang=en<?cs /if ?>"<?cs if:Page.Nav == "account" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.Site.User.Label ?></a>
<form class="logout-form" method="post" action="/dich-vu/dang-xuat"><input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>"><button type="submit" class="btn btn-small btn-inverse"><?cs var:Lang.Site.User.Logout ?></button></form>
<?cs else ?><a class="user-link" href="/dich-vu/dang-nhap<?cs if:Page.Lang == "en" ?>?lang=en<?cs /if ?>"><?cs var:Lang.Site.User.Login ?></a>
<a class="user-link" href="/dich-vu/dang-ky<?cs if:Page.Lang == "en" ?>?lang=en<?cs /if ?>"><?cs var:Lang.Site.User.Register ?></a>
<?cs /if ?></div>
</div>
<?cs if:!Page.Device ?><nav class="site-nav" aria-label="<?cs var:Lang.Site.Nav.Label ?>">
<div class="container">
<ul>
<li><a href="<?cs var:Lang.Site.Root ?>/"<?cs if:Page.Nav == "home" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.Site.Nav.Home ?></a></li>
<li><a href="<?cs var:Lang.Site.Root ?>/thu-tuc/"<?cs if:Page.Nav == "procedures" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.Site.Nav.Procedures ?></a></li>
<li><a href="<?cs var:Lang.Site.Root ?>/co-quan/"<?cs if:Page.Nav == "agencies" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.Site.Nav.Agencies ?></a></li>
<li><a href="<?cs var:Lang.Site.Root ?>/hoi-dap/"<?cs if:Page.Nav == "faq" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.Site.Nav.Faq ?></a></li>
<li><a href="/dich-vu/tra-cuu<?cs if:Page.Lang == "en" ?>?lang=en<?cs /if ?>"<?cs if:Page.Nav == "lookup" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.Site.Nav.Lookup ?></a></li>
<li><a href="/dich-vu/ho-so<?cs if:Page.Lang == "en" ?>?lang=en<?cs /if ?>"<?cs if:Page.Nav == "dossiers" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.Site.Nav.Dossiers ?></a></li>
<li><a href="/dich-vu/thong-bao<?cs if:Page.Lang == "en" ?>?lang=en<?cs /if ?>"<?cs if:Page.Nav == "notifications" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.Site.Nav.Notifications ?><?cs if:User.Unread ?> <span class="nav-count"><?cs var:User.Unread ?><span class="visually-hidden"> <?cs var:Lang.Site.Nav.Unread ?></span></span><?cs /if ?></a></li>
<li><a href="/can-bo/<?cs if:Page.Lang == "en" ?>?lang=en<?cs /if ?>"<?cs if:Page.Nav == "office" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.Site.Nav.Office ?></a></li>
</ul>
</div>
</nav><?cs /if ?>
</header>
