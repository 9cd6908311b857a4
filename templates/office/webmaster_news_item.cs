<?cs # One news item's form: Form.0.{id,kind,title,summary,body,title_en,
     summary_en,body_en,example,published}, Form.Errors.{title,summary,
     body,english}, Form.Invalid. ?><?cs with:f = Form.0 ?>
<p class="eyebrow"><a href="/can-bo/quan-tri-trang/tin-tuc"><?cs var:Lang.Webmaster.News.Title ?></a></p>
<h1><?cs var:Lang.Webmaster.News.Edit ?><?cs if:f.id ?> #<?cs var:f.id ?><?cs /if ?></h1>
<?cs if:Form.Invalid ?><div class="error-summary" role="alert"><p><?cs var:Lang.Webmaster.Invalid ?></p></div><?cs /if ?>
<?cs if:f.example ?><p class="lang-note"><?cs var:Lang.Webmaster.Example ?></p><?cs /if ?>
<form method="post" action="/can-bo/quan-tri-trang/tin-tuc/<?cs if:f.id ?><?cs var:f.id ?><?cs else ?>moi<?cs /if ?>">
<input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
<div class="form-group"><label for="kind"><?cs var:Lang.Webmaster.News.Kind ?></label>
<select id="kind" name="kind"><option value="news"<?cs if:f.kind == "news" ?> selected<?cs /if ?>><?cs var:Lang.News.Kind.news ?></option><option value="announcement"<?cs if:f.kind == "announcement" ?> selected<?cs /if ?>><?cs var:Lang.News.Kind.announcement ?></option></select></div>
<div class="form-group<?cs if:Form.Errors.title ?> has-error<?cs /if ?>"><label for="title"><?cs var:Lang.Webmaster.News.Heading ?> (<?cs var:Lang.Webmaster.Required ?>)</label>
<?cs if:Form.Errors.title ?><span class="error-message"><?cs var:Lang.Webmaster.News.TitleError ?></span><?cs /if ?>
<?cs call:refused("title") ?><input id="title" name="title" value="<?cs var:f.title ?>" maxlength="500"></div>
<div class="form-group<?cs if:Form.Errors.summary ?> has-error<?cs /if ?>"><label for="summary"><?cs var:Lang.Webmaster.News.Summary ?></label>
<?cs if:Form.Errors.summary ?><span class="error-message"><?cs var:Lang.Webmaster.News.SummaryError ?></span><?cs /if ?>
<?cs call:refused("summary") ?><input id="summary" name="summary" value="<?cs var:f.summary ?>" maxlength="1000"></div>
<div class="form-group<?cs if:Form.Errors.body ?> has-error<?cs /if ?>"><label for="body"><?cs var:Lang.Webmaster.News.Body ?> (<?cs var:Lang.Webmaster.Required ?>)</label>
<span class="hint" id="body-hint"><?cs var:Lang.Webmaster.News.BodyHint ?></span>
<?cs if:Form.Errors.body ?><span class="error-message"><?cs var:Lang.Webmaster.News.BodyError ?></span><?cs /if ?>
<?cs call:refused("body") ?><textarea id="body" name="body" rows="10" aria-describedby="body-hint"><?cs var:f.body ?></textarea></div>
<fieldset class="<?cs if:Form.Errors.english ?>has-error<?cs /if ?>"><legend><?cs var:Lang.Webmaster.English ?></legend>
<p class="hint"><?cs var:Lang.Webmaster.EnglishHint ?></p>
<?cs if:Form.Errors.english ?><span class="error-message"><?cs var:Lang.Webmaster.EnglishError ?></span><?cs /if ?>
<div class="form-group"><label for="title_en"><?cs var:Lang.Webmaster.News.Heading ?></label>
<?cs call:refused("title_en") ?><input id="title_en" name="title_en" lang="en" value="<?cs var:f.title_en ?>" maxlength="500"></div>
<div class="form-group"><label for="summary_en"><?cs var:Lang.Webmaster.News.Summary ?></label>
<?cs call:refused("summary_en") ?><input id="summary_en" name="summary_en" lang="en" value="<?cs var:f.summary_en ?>" maxlength="1000"></div>
<div class="form-group"><label for="body_en"><?cs var:Lang.Webmaster.News.Body ?></label>
<?cs call:refused("body_en") ?><textarea id="body_en" name="body_en" lang="en" rows="6"><?cs var:f.body_en ?></textarea></div>
</fieldset>
<div class="form-group"><input type="checkbox" id="published" name="published" value="1"<?cs if:f.published ?> checked<?cs /if ?>><label for="published" class="inline"><?cs var:Lang.Webmaster.Published ?></label></div>
<p><button type="submit" name="action" value="save" class="btn"><?cs var:Lang.Webmaster.Save ?></button>
<?cs if:f.id ?> <button type="submit" name="action" value="delete" class="btn btn-warning"><?cs var:Lang.Webmaster.Delete ?></button><?cs /if ?></p>
</form>
<?cs /with ?>
