<?cs
# The whole HTML document of every page, static and dynamic. The C code
# sets Page.Lang, Page.Title, Page.Template and, when it has them,
# Page.Description, Page.Path (canonical), Page.AltHref (the same page in
# the other language; dynamic pages default to Page.Path?lang=..),
# Page.OgType (article), Page.Nav (home, procedures, agencies, faq, news,
# dossiers, office: the current navigation item), Page.Breadcrumb.N.Title
# and .Href, Page.Flash and Page.FlashKind (error, success), Page.Csrf,
# User.Name, Page.Device (a kiosk's or counter tablet's screen: the header
# without navigation, account links or footer, so that nobody taps away). Page.Template is included at parse time (see mc_view.c).
?><!DOCTYPE html><?cs include:"partials/macros.cs" ?><html lang="<?cs var:Page.Lang ?>">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><?cs if:Page.Title ?><?cs var:Page.Title ?><?cs elif:Page.Status ?><?cs alt:Lang.Error.Title[Page.Status] ?><?cs var:Page.Status ?><?cs /alt ?><?cs /if ?> – <?cs var:Lang.Site.Name ?></title>
<?cs if:Page.Description ?><meta name="description" content="<?cs var:Page.Description ?>">
<?cs /if ?><?cs if:Page.Path ?><link rel="canonical" href="<?cs var:Site.BaseUrl ?><?cs var:Page.Path ?>">
<?cs if:Page.AltHref ?><link rel="alternate" hreflang="<?cs var:Page.Lang ?>" href="<?cs var:Site.BaseUrl ?><?cs var:Page.Path ?>">
<link rel="alternate" hreflang="<?cs var:Lang.Site.OtherLang ?>" href="<?cs var:Site.BaseUrl ?><?cs var:Page.AltHref ?>">
<?cs /if ?><meta property="og:url" content="<?cs var:Site.BaseUrl ?><?cs var:Page.Path ?>">
<?cs /if ?><meta property="og:site_name" content="<?cs var:Lang.Site.Name ?>">
<meta property="og:title" content="<?cs if:Page.Title ?><?cs var:Page.Title ?><?cs else ?><?cs var:Lang.Site.Name ?><?cs /if ?>">
<?cs if:Page.Description ?><meta property="og:description" content="<?cs var:Page.Description ?>">
<?cs /if ?><meta property="og:type" content="<?cs alt:Page.OgType ?>website<?cs /alt ?>">
<meta property="og:locale" content="<?cs var:Lang.Site.Locale ?>">
<meta property="og:image" content="<?cs var:Site.BaseUrl ?>/static/images/og.png">
<link rel="stylesheet" href="/static/css/site.css">
<link rel="icon" href="/static/images/logo.svg" type="image/svg+xml">
<script src="/static/js/search.js" defer></script>
<?cs if:Page.Refresh ?><noscript><meta http-equiv="refresh" content="<?cs var:Page.Refresh ?>"></noscript>
<?cs /if ?></head>
<body>
<a class="skip-link" href="#main"><?cs var:Lang.Site.SkipLink ?></a>
<?cs include:"partials/header.cs" ?><?cs if:Page.Flash ?><div class="container">
<div class="flash<?cs if:Page.FlashKind == "error" ?> flash-error<?cs elif:Page.FlashKind == "success" ?> flash-success<?cs /if ?>" role="<?cs if:Page.FlashKind == "error" ?>alert<?cs else ?>status<?cs /if ?>"><?cs var:Page.Flash ?></div>
</div>
<?cs /if ?><main id="main" class="container" tabindex="-1">
<?cs if:Form.Refused.Message ?><div class="error-summary" role="alert" tabindex="-1" id="refused-summary">
<h2><?cs var:Lang.Error.Field.Problem ?></h2>
<ul><li><a href="#<?cs var:Form.Refused.Field ?>"><?cs var:Form.Refused.Message ?></a></li></ul>
</div>
<?cs /if ?><?cs if:subcount(Page.Breadcrumb) ?><?cs include:"partials/breadcrumb.cs" ?><?cs /if ?><?cs include:Page.Template ?>
</main>
<?cs if:!Page.Device ?><?cs include:"partials/footer.cs" ?><?cs /if ?></body>
</html>
