<?cs # One of the citizen's dossiers: status, facts, attachments, history. ?>
<p class="eyebrow"><?cs var:Lang.Dossier.Eyebrow ?></p>
<h1><?cs var:Lang.Dossier.Code ?> <?cs var:Data.Dossier.0.code ?></h1>
<?cs include:"partials/dossier_detail.cs" ?>
<p><a href="/dich-vu/ho-so"><?cs var:Lang.Dossier.Back ?></a></p>
