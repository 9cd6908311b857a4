<?cs # Catalogue search without JavaScript: results ranked, paged. ?>
<h1><?cs var:Lang.Search.Title ?></h1>
<form method="get" action="/dich-vu/tim-kiem" class="search-form" role="search">
<label for="q" class="visually-hidden"><?cs var:Lang.Common.SearchLabel ?></label>
<input id="q" name="q" type="search" value="<?cs var:Form.q ?>" placeholder="<?cs var:Lang.Common.SearchHint ?>">
<button type="submit" class="btn"><?cs var:Lang.Common.Search ?></button>
</form>
<?cs if:Form.q ?>
<p role="status"><?cs var:Data.Total ?> <?cs var:Lang.Search.Results ?> “<?cs var:Form.q ?>”</p>
<?cs if:subcount(Data.Results) ?><ol class="results">
<?cs each:p = Data.Results ?><li><a href="/thu-tuc/<?cs var:url_escape(p.code) ?>.html"><?cs var:p.name ?></a>
<span class="muted"><?cs var:p.code ?> · <?cs var:p.field_name ?></span></li>
<?cs /each ?></ol><?cs /if ?>
<nav class="pager"><?cs if:Data.PrevPage ?><a href="/dich-vu/tim-kiem?q=<?cs var:url_escape(Form.q) ?>&amp;page=<?cs var:Data.PrevPage ?>"><?cs var:Lang.Search.Prev ?></a> <?cs /if ?><?cs if:Data.NextPage ?><a href="/dich-vu/tim-kiem?q=<?cs var:url_escape(Form.q) ?>&amp;page=<?cs var:Data.NextPage ?>"><?cs var:Lang.Search.Next ?></a><?cs /if ?></nav>
<?cs /if ?>
