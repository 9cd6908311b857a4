<?cs # The catalogue index: Data.Count.{Procedures,Fields} (formatted) and
     Data.Fields.N.{Name,Slug,Count,Procs.M.{Code,Name,Province,Commune,
     Online}}. Each field is a section whose id is its slug. ?>
<h1><?cs var:Lang.Catalogue.Heading ?></h1>
<p class="lead"><strong><?cs var:Data.Count.Procedures ?></strong> <?cs var:Lang.Catalogue.Intro ?> <strong><?cs var:Data.Count.Fields ?></strong> <?cs var:Lang.Catalogue.IntroFields ?></p>
<?cs include:"partials/search_form.cs" ?>

<nav class="toc" aria-labelledby="toc-h">
<h2 id="toc-h"><?cs var:Lang.Catalogue.Fields ?></h2>
<ul class="field-list">
<?cs each:f = Data.Fields ?><li><a href="#<?cs var:f.Slug ?>"><?cs var:f.Name ?></a> <span class="count"><?cs var:f.Count ?></span></li>
<?cs /each ?></ul>
</nav>
<?cs each:f = Data.Fields ?>
<section class="field-section" id="<?cs var:f.Slug ?>" aria-labelledby="h-<?cs var:f.Slug ?>">
<h2 id="h-<?cs var:f.Slug ?>"><?cs var:f.Name ?> <span class="count"><?cs var:f.Count ?></span></h2>
<table class="table table-stack">
<thead><tr><th scope="col"><?cs var:Lang.Catalogue.ColName ?></th><th scope="col"><?cs var:Lang.Catalogue.ColCode ?></th><th scope="col" class="col-level"><?cs var:Lang.Catalogue.ColLevel ?></th><th scope="col"><?cs var:Lang.Catalogue.ColOnline ?></th></tr></thead>
<tbody>
<?cs each:p = f.Procs ?><tr><td><a href="/thu-tuc/<?cs var:p.Code ?>.html"><?cs var:p.Name ?></a></td><td class="nowrap" data-label="<?cs var:Lang.Catalogue.ColCode ?>"><?cs var:p.Code ?></td><td data-label="<?cs var:Lang.Catalogue.ColLevel ?>"><?cs call:level(p) ?></td><td class="nowrap" data-label="<?cs var:Lang.Catalogue.ColOnline ?>"><?cs call:online_tag(p) ?></td></tr>
<?cs /each ?></tbody>
</table>
<p class="back-to-top"><a href="#main"><?cs var:Lang.Common.BackToTop ?></a></p>
</section>
<?cs /each ?>
