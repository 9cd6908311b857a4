<?cs # Catalogue search without JavaScript: Form.{q,field,agency,level,
     service,online,Filtered} (echoed), Data.Query (this search as a query
     string), Data.Fields.N.{id,name,name_en,n}, Data.Agencies.N.{code,
     name,name_en,kind}, and after a search Data.Searched, Data.Total,
     Data.Page, Data.Pages, Data.PrevPage, Data.NextPage,
     Data.Results.N.{code,name,field_name,field_name_en,level_province,
     level_commune,online,service_level}; Data.Used (the words searched
     instead of those typed), Data.Any (results hold only some of the
     words), Data.Ignored (words the first result lacks), Data.Ward.{code,
     name,name_en} (the citizen's ward: its procedures first; Form.ward);
     Data.FeedbackHits.N.{code,category,agency,answer} (published answers
     to feedback holding the words). ?>
<?cs # The published answers holding the words: below the procedures,
     above them when no procedure holds every word. ?>
<?cs def:feedback_hits() ?><?cs if:subcount(Data.FeedbackHits) ?><section class="search-feedback" id="search-feedback" aria-labelledby="search-feedback-h">
<h2 id="search-feedback-h"><?cs var:Lang.Feedback.Public.Found ?></h2>
<ol class="results">
<?cs each:f = Data.FeedbackHits ?><li><a href="<?cs var:Lang.Site.Root ?>/phan-anh/<?cs var:url_escape(f.code) ?>.html"><?cs var:Lang.Feedback.Public.ItemTitle ?> <?cs var:f.code ?></a>
<span class="meta"><?cs var:Lang.Feedback.Cat[f.category] ?> · <?cs var:f.agency ?></span>
<p class="pre-line" lang="vi"><?cs var:f.answer ?></p></li>
<?cs /each ?></ol>
<p><a href="<?cs var:Lang.Site.Root ?>/phan-anh/"><?cs var:Lang.Feedback.Public.AllAnswers ?></a></p>
</section><?cs /if ?><?cs /def ?>
<h1><?cs var:Lang.Find.Title ?></h1>
<?cs include:"partials/search_form.cs" ?>
<details class="card filters-box"<?cs if:Form.Filtered ?> open<?cs /if ?>>
<summary><?cs var:Lang.Find.Filters ?></summary>
<form method="get" action="/dich-vu/tim-kiem" class="filters">
<input type="hidden" name="q" value="<?cs var:Form.q ?>">
<?cs if:Page.Lang == "en" ?><input type="hidden" name="lang" value="en">
<?cs /if ?><p><label for="f-field"><?cs var:Lang.Find.Field ?></label>
<select id="f-field" name="field"><option value=""><?cs var:Lang.Find.Any ?></option>
<?cs each:f = Data.Fields ?><option value="<?cs var:f.id ?>"<?cs if:Form.field == f.id ?> selected<?cs /if ?>><?cs if:Page.Lang == "en" && f.name_en ?><?cs var:f.name_en ?><?cs else ?><?cs var:f.name ?><?cs /if ?> (<?cs var:f.n ?>)</option>
<?cs /each ?></select></p>
<p><label for="f-agency"><?cs var:Lang.Find.Agency ?></label>
<select id="f-agency" name="agency"><option value=""><?cs var:Lang.Find.Any ?></option>
<?cs each:a = Data.Agencies ?><option value="<?cs var:a.code ?>"<?cs if:Form.agency == a.code ?> selected<?cs /if ?>><?cs if:Page.Lang == "en" && a.name_en ?><?cs var:a.name_en ?><?cs else ?><?cs var:a.name ?><?cs /if ?></option>
<?cs /each ?></select></p>
<p><label for="f-level"><?cs var:Lang.Find.Level ?></label>
<select id="f-level" name="level"><option value=""><?cs var:Lang.Find.Any ?></option>
<option value="tinh"<?cs if:Form.level == "tinh" ?> selected<?cs /if ?>><?cs var:Lang.Level.Province ?></option>
<option value="xa"<?cs if:Form.level == "xa" ?> selected<?cs /if ?>><?cs var:Lang.Level.Commune ?></option>
</select></p>
<p><label for="f-service"><?cs var:Lang.Find.Service ?></label>
<select id="f-service" name="service"><option value=""><?cs var:Lang.Find.Any ?></option>
<option value="full"<?cs if:Form.service == "full" ?> selected<?cs /if ?>><?cs var:Lang.ServiceLevel.full ?></option>
<option value="partial"<?cs if:Form.service == "partial" ?> selected<?cs /if ?>><?cs var:Lang.ServiceLevel.partial ?></option>
<option value="none"<?cs if:Form.service == "none" ?> selected<?cs /if ?>><?cs var:Lang.ServiceLevel.none ?></option>
</select></p>
<p><label for="f-ward"><?cs var:Lang.Find.Ward ?></label>
<select id="f-ward" name="ward"><option value=""><?cs var:Lang.Find.NoWard ?></option>
<?cs each:a = Data.Agencies ?><?cs if:a.kind == "ward" ?><option value="<?cs var:a.code ?>"<?cs if:Form.ward == a.code ?> selected<?cs /if ?>><?cs if:Page.Lang == "en" && a.name_en ?><?cs var:a.name_en ?><?cs else ?><?cs var:a.name ?><?cs /if ?></option>
<?cs /if ?><?cs /each ?></select></p>
<p class="check"><input type="checkbox" id="f-online" name="online" value="1"<?cs if:Form.online == "1" ?> checked<?cs /if ?>><label for="f-online"><?cs var:Lang.Find.Online ?></label></p>
<p><button type="submit" class="btn"><?cs var:Lang.Find.Apply ?></button><?cs if:Form.Filtered ?> <a class="btn btn-secondary" href="/dich-vu/tim-kiem?q=<?cs var:url_escape(Form.q) ?>"><?cs var:Lang.Find.Clear ?></a><?cs /if ?></p>
</form>
</details>
<?cs if:Data.Searched ?>
<?cs if:Data.Total == 0 || Data.Any ?><?cs call:feedback_hits() ?><?cs /if ?>
<p role="status" class="result-count"><strong><?cs var:Data.Total ?></strong> <?cs var:Lang.Find.Results ?> “<?cs if:Data.Used ?><?cs var:Data.Used ?><?cs else ?><?cs var:Form.q ?><?cs /if ?>”</p>
<?cs if:Data.Used ?><p class="search-fix" id="search-fix"><?cs var:Lang.Find.ShowingFor ?> “<strong><?cs var:Data.Used ?></strong>”. <a href="/dich-vu/tim-kiem?<?cs var:Data.Query ?>&amp;exact=1<?cs if:Page.Lang == "en" ?>&amp;lang=en<?cs /if ?>"><?cs var:Lang.Find.Exact ?> “<?cs var:Form.q ?>”</a></p>
<?cs /if ?><?cs if:Data.Ward.name ?><p class="search-fix" id="search-ward"><?cs var:Lang.Find.WardFirst ?> <strong><?cs if:Page.Lang == "en" && Data.Ward.name_en ?><?cs var:Data.Ward.name_en ?><?cs else ?><?cs var:Data.Ward.name ?><?cs /if ?></strong>.</p>
<?cs /if ?><?cs if:Data.Any ?><p class="search-fix" id="search-any"><?cs var:Lang.Find.SomeWords ?><?cs if:Data.Ignored ?> <?cs var:Lang.Find.Ignored ?> <strong><?cs var:Data.Ignored ?></strong>.<?cs /if ?></p>
<?cs /if ?><?cs if:subcount(Data.Results) ?><ol class="results proc-list" start="<?cs var:(Data.Page - 1) * 20 + 1 ?>">
<?cs each:p = Data.Results ?><li><a href="<?cs var:Lang.Site.Root ?>/thu-tuc/<?cs var:url_escape(p.code) ?>.html" lang="vi"><?cs var:p.name ?></a>
<span class="meta"><?cs var:p.code ?> · <?cs if:Page.Lang == "en" && p.field_name_en ?><?cs var:p.field_name_en ?><?cs else ?><?cs var:p.field_name ?><?cs /if ?> · <?cs if:p.level_province && p.level_commune ?><?cs var:Lang.Level.Both ?><?cs elif:p.level_province ?><?cs var:Lang.Level.Province ?><?cs else ?><?cs var:Lang.Level.Commune ?><?cs /if ?><?cs if:p.online ?> · <?cs var:Lang.Common.Online ?><?cs /if ?></span></li>
<?cs /each ?></ol>
<?cs else ?><p><?cs var:Lang.Find.None ?></p>
<?cs /if ?><?cs if:Data.Pages > 1 ?><nav class="pager" aria-label="<?cs var:Lang.Find.Pages ?>"><?cs if:Data.PrevPage ?><a href="/dich-vu/tim-kiem?<?cs var:Data.Query ?>&amp;page=<?cs var:Data.PrevPage ?>" rel="prev"><?cs var:Lang.Find.Prev ?></a><?cs /if ?>
<span><?cs var:Lang.Find.Page ?> <?cs var:Data.Page ?> <?cs var:Lang.Find.Of ?> <?cs var:Data.Pages ?></span>
<?cs if:Data.NextPage ?><a href="/dich-vu/tim-kiem?<?cs var:Data.Query ?>&amp;page=<?cs var:Data.NextPage ?>" rel="next"><?cs var:Lang.Find.Next ?></a><?cs /if ?></nav><?cs /if ?>
<?cs if:Data.Total > 0 && !Data.Any ?><?cs call:feedback_hits() ?><?cs /if ?>
<?cs /if ?>
