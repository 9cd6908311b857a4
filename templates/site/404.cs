<?cs # The static not-found page (site_dir/404.html, en/404.html). Apache
     serves the Vietnamese one for every missing page, so it also points
     to the English site in English. ?>
<div class="error-page">
<h1><?cs var:Lang.NotFound.Heading ?></h1>
<p class="lead"><?cs var:Lang.NotFound.Text ?></p>
<p><?cs var:Lang.NotFound.TrySearch ?></p>
<?cs include:"partials/search_form.cs" ?>
<ul class="link-list">
<li><a href="<?cs var:Lang.Site.Root ?>/thu-tuc/"><?cs var:Lang.NotFound.Catalogue ?></a></li>
<li><a href="<?cs var:Lang.Site.Root ?>/"><?cs var:Lang.Common.Home ?></a></li>
</ul>
<?cs if:Page.Lang != "en" ?><p lang="en"><?cs var:Lang.NotFound.English ?> <a href="/en/" hreflang="en"><?cs var:Lang.NotFound.EnglishLink ?></a></p><?cs /if ?>
</div>
