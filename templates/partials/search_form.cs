<?cs # The procedure search box; the portal echoes the query in Form.q. ?>
<form class="search-form" role="search" method="get" action="/dich-vu/tim-kiem">
<label class="label" for="search-q"><?cs var:Lang.Common.SearchLabel ?></label>
<p class="hint" id="search-hint"><?cs var:Lang.Common.SearchHint ?></p>
<div class="search-row">
<input class="input" type="search" id="search-q" name="q" maxlength="200" aria-describedby="search-hint" value="<?cs var:Form.q ?>">
<button type="submit" class="btn"><?cs var:Lang.Common.Search ?></button>
</div>
</form>
