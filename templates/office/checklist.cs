<?cs # The document checklist refused (422): the rows as ticked, each error
     at its row and in the summary; saving again goes back to the dossier. ?>
<link rel="stylesheet" href="/static/css/office.css">
<p class="eyebrow"><?cs var:Lang.Office.Eyebrow ?></p>
<h1><?cs var:Lang.Dossier.Code ?> <?cs var:Data.Dossier.0.code ?></h1>
<?cs include:"partials/checklist.cs" ?>
<p><a href="/can-bo/ho-so/<?cs var:url_escape(Data.Dossier.0.code) ?>"><?cs var:Lang.Checklist.Back ?></a></p>
