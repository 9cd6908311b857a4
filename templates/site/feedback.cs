<?cs # Published answers to feedback (issue 10): Data.Feedback.N.{code,
     category, agency, ward, body, answer, created, answered}, newest
     answer first; Data.Single: the page of the one answer Data.Feedback.0
     (phan-anh/<code>.html). The senders' words are theirs: lang="vi" in
     English. ?>
<p class="eyebrow"><?cs var:Lang.Feedback.Eyebrow ?></p>
<?cs if:Data.Single ?><h1><?cs var:Lang.Feedback.Public.ItemTitle ?> <?cs var:Data.Feedback.0.code ?></h1>
<p><a href="<?cs var:Lang.Site.Root ?>/phan-anh/"><?cs var:Lang.Feedback.Public.AllAnswers ?></a></p>
<?cs else ?><h1><?cs var:Lang.Feedback.Public.Title ?></h1>
<p class="lead"><?cs var:Lang.Feedback.Public.Intro ?></p><?cs /if ?>
<p><a class="btn" href="/dich-vu/phan-anh/gui<?cs if:Page.Lang == "en" ?>?lang=en<?cs /if ?>"><?cs var:Lang.Feedback.Public.SendLink ?></a></p>
<?cs if:subcount(Data.Feedback) ?><ul class="news-list" id="published-feedback">
<?cs each:f = Data.Feedback ?><li id="<?cs var:f.code ?>">
<span class="meta"><?cs if:Data.Single ?><?cs var:f.code ?><?cs else ?><a href="<?cs var:Lang.Site.Root ?>/phan-anh/<?cs var:url_escape(f.code) ?>.html"><?cs var:f.code ?></a><?cs /if ?> · <?cs var:Lang.Feedback.Cat[f.category] ?><?cs if:f.ward ?> · <?cs var:f.ward ?><?cs /if ?> · <?cs var:fmt_date(f.created) ?></span>
<h2 class="news-title"><?cs var:Lang.Feedback.Body ?></h2>
<p class="pre-line"<?cs if:Page.Lang == "en" ?> lang="vi"<?cs /if ?>><?cs var:f.body ?></p>
<h3><?cs var:Lang.Feedback.Answer ?></h3>
<p class="meta"><?cs var:Lang.Feedback.Public.AnsweredBy ?>: <?cs var:f.agency ?> · <?cs var:Lang.Feedback.Public.AnsweredAt ?> <?cs var:fmt_date(f.answered) ?></p>
<p class="pre-line"<?cs if:Page.Lang == "en" ?> lang="vi"<?cs /if ?>><?cs var:f.answer ?></p>
</li>
<?cs /each ?></ul>
<?cs else ?><p><?cs var:Lang.Feedback.Public.None ?></p>
<?cs /if ?>
