<?cs # A dossier for an officer: facts, attachments, history, actions now allowed. ?>
<p class="eyebrow"><?cs var:Lang.Office.Eyebrow ?></p>
<h1><?cs var:Lang.Dossier.Code ?> <?cs var:Data.Dossier.0.code ?></h1>
<?cs if:Data.Actions.accept ?>
<form method="post" action="/can-bo/ho-so/<?cs var:url_escape(Data.Dossier.0.code) ?>/xu-ly" class="card actions">
<input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
<input type="hidden" name="version" value="<?cs var:Data.Dossier.0.version ?>">
<div class="form-group">
<label for="note"><?cs var:Lang.Office.Note ?></label>
<textarea id="note" name="note" rows="2"></textarea>
</div>
<button type="submit" name="action" value="accept" class="btn"><?cs var:Lang.Office.Accept ?></button>
</form>
<?cs /if ?>
<?cs include:"partials/dossier_detail.cs" ?>
<p><a href="/can-bo/"><?cs var:Lang.Office.Back ?></a></p>
