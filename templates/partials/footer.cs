<footer class="site-footer">
<div class="container">
<p class="footer-name"><strong><?cs var:Lang.Site.Name ?></strong> – <?cs var:Lang.Site.Tagline ?></p>
<ul class="footer-links">
<li><a href="<?cs var:Lang.Site.Root ?>/hoi-dap/"><?cs var:Lang.Site.Footer.Faq ?></a></li>
<li><a href="<?cs var:Lang.Site.Root ?>/tin-tuc/"><?cs var:Lang.Site.Footer.News ?></a></li>
<li><a href="<?cs var:Lang.Site.Root ?>/co-quan/"><?cs var:Lang.Site.Footer.Agencies ?></a></li>
<li><a href="<?cs var:Lang.Site.Root ?>/thong-ke/"><?cs var:Lang.Site.Footer.Stats ?></a></li>
<li><a href="<?cs var:Lang.Site.Root ?>/thong-ke/ho-so/"><?cs var:Lang.PubStats.Title ?></a></li>
<li><a href="<?cs var:Lang.Site.Root ?>/xep-hang/"><?cs var:Lang.Site.Footer.League ?></a></li>
<li><a href="<?cs var:Lang.Site.Root ?>/phan-anh/"><?cs var:Lang.Feedback.Eyebrow ?></a></li>
<li><a id="footer-feedback-send" href="/dich-vu/phan-anh/gui<?cs if:Page.Lang == "en" ?>?lang=en<?cs /if ?>"><?cs var:Lang.Feedback.NewTitle ?></a></li>
</ul>
<p><?cs var:Lang.Site.Footer.Owner ?></p>
<p><?cs var:Lang.Site.Footer.Hotline ?></p>
<p class="footer-note"><?cs var:Lang.Site.Footer.Note ?></p>
</div>
</footer>
