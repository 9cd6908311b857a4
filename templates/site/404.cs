<?cs # The static not-found page (site_dir/404.html). ?>
<div class="error-page">
<h1><?cs var:Lang.NotFound.Heading ?></h1>
<p class="lead"><?cs var:Lang.NotFound.Text ?></p>
<p><?cs var:Lang.NotFound.TrySearch ?></p>
<?cs include:"partials/search_form.cs" ?>
<ul class="link-list">
<li><a href="/thu-tuc/"><?cs var:Lang.NotFound.Catalogue ?></a></li>
<li><a href="/"><?cs var:Lang.Common.Home ?></a></li>
</ul>
</div>
