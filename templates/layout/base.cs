<?cs
# The whole HTML document of every page, static and dynamic. The C code
# sets Page.Lang, Page.Title, Page.Template and, when it has them,
# Page.Description, Page.Path (canonical), Page.Nav (home, procedures,
# dossiers, office: the current navigation item), Page.Breadcrumb.N.Title
# and .Href, Page.Flash and Page.FlashKind (error, success), Page.Csrf,
# User.Name. Page.Template is included at parse time (see mc_view.c).
?><!DOCTYPE html><?cs include:"partials/macros.cs" ?><html lang="<?cs var:Page.Lang ?>">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><?cs if:Page.Title ?><?cs var:Page.Title ?><?cs elif:Page.Status ?><?cs alt:Lang.Error.Title[Page.Status] ?><?cs var:Page.Status ?><?cs /alt ?><?cs /if ?> – <?cs var:Lang.Site.Name ?></title>
<?cs if:Page.Description ?><meta name="description" content="<?cs var:Page.Description ?>">
<?cs /if ?><?cs if:Page.Path ?><link rel="canonical" href="<?cs var:Site.BaseUrl ?><?cs var:Page.Path ?>">
<?cs /if ?><link rel="stylesheet" href="/static/css/site.css">
<link rel="icon" href="/static/images/logo.svg" type="image/svg+xml">
</head>
<body>
<a class="skip-link" href="#main"><?cs var:Lang.Site.SkipLink ?></a>
<?cs include:"partials/header.cs" ?><?cs if:Page.Flash ?><div class="container">
<div class="flash<?cs if:Page.FlashKind == "error" ?> flash-error<?cs elif:Page.FlashKind == "success" ?> flash-success<?cs /if ?>" role="<?cs if:Page.FlashKind == "error" ?>alert<?cs else ?>status<?cs /if ?>"><?cs var:Page.Flash ?></div>
</div>
<?cs /if ?><main id="main" class="container" tabindex="-1">
<?cs if:subcount(Page.Breadcrumb) ?><?cs include:"partials/breadcrumb.cs" ?><?cs /if ?><?cs include:Page.Template ?>
</main>
<?cs include:"partials/footer.cs" ?></body>
</html>
