<?cs # The procedure search box; the portal echoes the query in Form.q.
     Without JavaScript it GETs /dich-vu/tim-kiem; htdocs/js/search.js
     shows results as you type from /tim-kiem.json into .suggest. ?>
<form class="search-form" role="search" method="get" action="/dich-vu/tim-kiem" data-index="/tim-kiem.json" data-root="<?cs var:Lang.Site.Root ?>" data-results="<?cs var:Lang.Suggest.Results ?>" data-none="<?cs var:Lang.Suggest.None ?>" data-all="<?cs var:Lang.Suggest.All ?>" data-fixed="<?cs var:Lang.Find.ShowingFor ?>" data-exact="<?cs var:Lang.Find.Exact ?>" data-some="<?cs var:Lang.Find.SomeWords ?>" data-ignored="<?cs var:Lang.Find.Ignored ?>">
<label class="label" for="search-q"><?cs var:Lang.Common.SearchLabel ?></label>
<p class="hint" id="search-hint"><?cs var:Lang.Common.SearchHint ?></p>
<div class="search-row">
<input class="input" type="search" id="search-q" name="q" maxlength="200" autocomplete="off" aria-describedby="search-hint" value="<?cs var:Form.q ?>">
<?cs if:Page.Lang == "en" ?><input type="hidden" name="lang" value="en">
<?cs /if ?><button type="submit" class="btn"><?cs var:Lang.Common.Search ?></button>
</div>
<div class="suggest" aria-live="polite"></div>
</form>
