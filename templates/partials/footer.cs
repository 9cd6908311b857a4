<footer class="site-footer">
<div class="container">
<p class="footer-name"><strong><?cs var:Lang.Site.Name ?></strong> – <?cs var:Lang.Site.Tagline ?></p>
<p><?cs var:Lang.Site.Footer.Owner ?></p>
<p><?cs var:Lang.Site.Footer.Hotline ?></p>
<p class="footer-note"><?cs var:Lang.Site.Footer.Note ?></p>
</div>
</footer>
