<?cs # One question: Data.Faq.{Id,Question,Answer.N,ViOnly,Group,FieldSlug,
     Procedure.{Code,Name}}. ?><?cs with:q = Data.Faq ?>
<article class="faq-page">
<p class="eyebrow"><?cs if:q.FieldSlug ?><a href="<?cs var:Lang.Site.Root ?>/linh-vuc/<?cs var:q.FieldSlug ?>.html"><?cs var:q.Group ?></a><?cs else ?><?cs var:q.Group ?><?cs /if ?></p>
<?cs if:q.ViOnly ?><?cs call:vi_only() ?><?cs /if ?>
<div<?cs if:q.ViOnly ?> lang="vi"<?cs /if ?>>
<h1><?cs var:q.Question ?></h1>
<div class="prose"><?cs each:line = q.Answer ?><p><?cs var:line ?></p>
<?cs /each ?></div>
</div>
<?cs if:q.Procedure.Code ?><h2><?cs var:Lang.Faq.Procedure ?></h2>
<ul class="proc-list"><li><a href="<?cs var:Lang.Site.Root ?>/thu-tuc/<?cs var:q.Procedure.Code ?>.html" lang="vi"><?cs var:q.Procedure.Name ?></a> <span class="meta"><?cs var:q.Procedure.Code ?></span></li></ul>
<?cs /if ?><p><a href="<?cs var:Lang.Site.Root ?>/hoi-dap/"><?cs var:Lang.Faq.Back ?></a></p>
</article>
<?cs /with ?>
