<?cs # The questions and answers: Data.Groups.N.{Name,Slug,Faqs.M.{Id,
     Question,Answer.K,ViOnly}} (general questions first, then by field). ?>
<h1><?cs var:Lang.Faq.Heading ?></h1>
<p class="lead"><?cs var:Lang.Faq.Intro ?></p>
<?cs if:!subcount(Data.Groups) ?><p><?cs var:Lang.Faq.Empty ?></p><?cs /if ?>
<?cs each:g = Data.Groups ?><section class="faq-group" aria-labelledby="fg-<?cs name:g ?>">
<h2 id="fg-<?cs name:g ?>"><?cs var:g.Name ?></h2>
<?cs each:q = g.Faqs ?><details class="faq" id="cau-<?cs var:q.Id ?>"<?cs if:q.ViOnly ?> lang="vi"<?cs /if ?>>
<summary><?cs var:q.Question ?></summary>
<div class="faq-answer"><?cs each:line = q.Answer ?><p><?cs var:line ?></p>
<?cs /each ?><p class="small"><a href="<?cs var:Lang.Site.Root ?>/hoi-dap/<?cs var:q.Id ?>.html"><?cs var:Lang.Common.More ?></a></p></div>
</details>
<?cs /each ?></section>
<?cs /each ?><?cs if:Page.Lang == "en" ?><p class="small muted"><?cs var:Lang.Common.ViOnly ?></p><?cs /if ?>
