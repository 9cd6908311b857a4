<?cs # One part of a long form on a page of its own (partials/eform.cs with
     the part's questions); saved into the draft, then back to the task
     list. ?>
<?cs with:p = Data.Procedure.0 ?>
<?cs if:Data.EForm.NErrors > 0 ?><div class="error-summary" role="alert" tabindex="-1" id="error-summary">
<h2><?cs var:Lang.EForm.Problem ?></h2>
<ul><?cs each:e = Data.EForm.Errors ?><li><a href="<?cs var:e.href ?>"><?cs var:e.text ?></a></li><?cs /each ?></ul>
</div><?cs /if ?>
<p class="eyebrow"><?cs var:p.name ?></p>
<h1><?cs var:Data.Part.label ?></h1>
<form method="post" action="/dich-vu/nop-ho-so/<?cs var:url_escape(p.code) ?>/phan/<?cs var:Data.Part.number ?>" class="form" novalidate>
<input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
<input type="hidden" name="nhap" value="<?cs var:Form.draft ?>">
<?cs include:"partials/eform.cs" ?>
<div class="button-row">
<button type="submit" class="btn" id="part-save"><?cs var:Lang.EForm.Tasks.SaveContinue ?></button>
</div>
</form>
<p><a href="/dich-vu/nop-ho-so/<?cs var:url_escape(p.code) ?>/cac-phan?nhap=<?cs var:Form.draft ?>" id="back-to-tasks"><?cs var:Lang.EForm.Tasks.Back ?></a></p>
<script src="/static/js/eform.js" defer></script>
<?cs /with ?>
