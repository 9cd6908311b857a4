<?cs # The dossier's document checklist at intake (cgi-bin/office/eform.c
     fills Data.Checklist): one row per upload slot with the files attached,
     ticked complete / missing / invalid with a note when the officer may
     tick it now (Data.Checklist.Editable), else what was ticked. Expects
     Data.Dossier.0 and Page.Csrf. ?>
<?cs if:Data.Checklist.Count ?><section class="card checklist" aria-labelledby="checklist-h" id="checklist">
<h2 id="checklist-h"><?cs var:Lang.Checklist.Title ?></h2>
<?cs if:Data.Checklist.Failed ?><div class="error-summary" role="alert" tabindex="-1" id="error-summary">
<h2><?cs var:Lang.EForm.Problem ?></h2>
<ul><?cs each:c = Data.Checklist.Items ?><?cs if:c.error ?><li><a href="#check-<?cs var:c.i ?>"><?cs var:c.name ?>: <?cs var:Lang.Checklist.Error[c.error] ?></a></li><?cs /if ?><?cs /each ?></ul>
</div><?cs /if ?>
<?cs if:Data.Checklist.Editable ?><p class="hint"><?cs var:Lang.Checklist.Hint ?></p>
<form method="post" action="/can-bo/ho-so/<?cs var:url_escape(Data.Dossier.0.code) ?>/giay-to" class="checklist-form">
<input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
<?cs each:c = Data.Checklist.Items ?><fieldset class="check-row<?cs if:c.error ?> has-error<?cs /if ?>" id="check-<?cs var:c.i ?>" tabindex="-1"<?cs if:c.error ?> aria-describedby="check-<?cs var:c.i ?>-error"<?cs /if ?>>
<legend><?cs var:c.i ?>. <?cs var:c.name ?><?cs if:c.required ?> <span class="muted">(<?cs var:Lang.Checklist.Required ?>)</span><?cs /if ?></legend>
<p class="check-files muted"><?cs if:subcount(c.Files) ?><?cs each:f = c.Files ?><?cs var:f ?><?cs if:!last(f) ?>, <?cs /if ?><?cs /each ?><?cs else ?><?cs var:Lang.EForm.NoFile ?><?cs /if ?></p>
<?cs if:c.error ?><span class="error-message" id="check-<?cs var:c.i ?>-error"><?cs var:Lang.Checklist.Error[c.error] ?></span><?cs /if ?>
<div class="check-verdicts"><?cs each:v = Lang.Checklist.Verdict ?><div class="check"><input type="radio" id="v<?cs var:c.i ?>-<?cs name:v ?>" name="v<?cs var:c.i ?>" value="<?cs name:v ?>"<?cs if:c.verdict == name(v) ?> checked<?cs /if ?>>
<label for="v<?cs var:c.i ?>-<?cs name:v ?>"><?cs var:v ?></label></div><?cs /each ?></div>
<label for="n<?cs var:c.i ?>" class="check-note"><?cs var:Lang.Checklist.Note ?></label>
<input type="text" id="n<?cs var:c.i ?>" name="n<?cs var:c.i ?>" maxlength="500" value="<?cs var:c.note ?>">
</fieldset>
<?cs /each ?><button class="btn" type="submit" id="checklist-save"><?cs var:Lang.Checklist.Save ?></button>
</form><?cs elif:Data.Checklist.Saved ?>
<dl class="summary-list" id="checklist-result"><?cs each:c = Data.Checklist.Items ?><div><dt><?cs var:c.name ?></dt><dd><span class="tag check-<?cs var:c.verdict ?>"><?cs var:Lang.Checklist.Verdict[c.verdict] ?><?cs if:c.verdict == "none" ?><?cs var:Lang.Checklist.NotTicked ?><?cs /if ?></span><?cs if:c.note ?> — <?cs var:c.note ?><?cs /if ?></dd></div>
<?cs /each ?></dl><?cs else ?><p class="muted"><?cs var:Lang.Checklist.NotYet ?></p><?cs /if ?>
<?cs if:Data.Checklist.Saved ?><?cs with:c = Data.Checklist.Items.0 ?><?cs if:c.at ?><p class="muted small" id="checklist-by"><?cs var:Lang.Checklist.By ?> <?cs var:c.by ?> · <?cs var:fmt_datetime(c.at) ?></p><?cs /if ?><?cs /with ?><?cs /if ?>
</section><?cs /if ?>
