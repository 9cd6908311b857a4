<?cs # The assistant's panel on the home and procedure pages: a question
     GETs /dich-vu/tro-ly (cgi-bin/portal/assistant.c), with or without
     JavaScript. ?>
<section class="card assistant-panel" aria-labelledby="assist-h">
<h2 id="assist-h" class="h3"><?cs var:Lang.Assistant.Panel ?></h2>
<form method="get" action="/dich-vu/tro-ly" id="assist-form">
<?cs if:Page.Lang == "en" ?><input type="hidden" name="lang" value="en">
<?cs /if ?><label class="label" for="assist-q"><?cs var:Lang.Assistant.Question ?></label>
<p class="hint" id="assist-hint"><?cs var:Lang.Assistant.Hint ?></p>
<div class="search-row"><input class="input" type="text" id="assist-q" name="q" maxlength="300" aria-describedby="assist-hint"><button type="submit" class="btn"><?cs var:Lang.Assistant.Ask ?></button></div>
</form>
</section>
