<?cs # The form designer of a procedure (cgi-bin/office/eform.c): bpmn.io's
     form-js editor (/static/vendor/form-js, copied from npm by
     tools/vendor.sh; /static/js/form-designer.js starts it) edits the
     definition that the text box holds, which is what is posted (without
     JavaScript the text box is the editor). Data.Procedure.{code,name};
     Data.Current (the version in force, 0: the default form);
     Data.Versions.N.{version,effective_from,created_at,saved_by,
     in_force}; Form.definition, Form.effective, Form.copy, Form.template;
     Form.Errors.{definition (a problem name),subject,effective,copy,
     template}; Data.Templates.N.{slug,name,name_en,own,general} (the
     templates of fields of law, mc_eform_templates), Data.FromTemplate;
     Data.CopiedFrom/CopiedName; Data.Preview with Data.EForm (the form as
     the citizen sees it, partials/eform.cs). ?><?cs
with:p = Data.Procedure ?>
<link rel="stylesheet" href="/static/css/office.css">
<link rel="stylesheet" href="/static/vendor/form-js/form-js.css">
<link rel="stylesheet" href="/static/vendor/form-js/form-js-editor.css">
<link rel="stylesheet" href="/static/vendor/form-js/properties-panel.css">
<link rel="stylesheet" href="/static/vendor/form-js/draggle.css">
<p class="eyebrow"><a href="/can-bo/quan-tri/thu-tuc/<?cs var:url_escape(p.code) ?>"><?cs var:Lang.ProcEdit.EditTitle ?> <?cs var:p.code ?></a></p>
<h1><?cs var:Lang.EFormDesign.Title ?> <?cs var:p.code ?></h1>
<p class="lead" lang="vi"><?cs var:p.name ?></p>
<p class="meta" id="in-force"><?cs if:Data.Current > 0 ?><?cs var:Lang.EFormDesign.InForce ?> <?cs var:Data.Current ?><?cs else ?><?cs var:Lang.EFormDesign.DefaultInForce ?><?cs /if ?></p>
<?cs if:Form.Errors.definition || Form.Errors.effective || Form.Errors.copy || Form.Errors.template ?><div class="error-summary" role="alert" tabindex="-1" id="error-summary">
<h2><?cs var:Lang.EFormDesign.Problem ?></h2>
<ul><?cs if:Form.Errors.definition ?><li><a href="#f-definition"><?cs alt:Lang.EFormDesign.Why[Form.Errors.definition] ?><?cs var:Form.Errors.definition ?><?cs /alt ?><?cs if:Form.Errors.subject ?>: <?cs var:Form.Errors.subject ?><?cs /if ?></a></li><?cs /if ?>
<?cs if:Form.Errors.effective ?><li><a href="#f-effective"><?cs var:Lang.EFormDesign.BadDate ?></a></li><?cs /if ?>
<?cs if:Form.Errors.copy ?><li><a href="#f-copy"><?cs var:Lang.EFormDesign.NoSuchProcedure ?></a></li><?cs /if ?>
<?cs if:Form.Errors.template ?><li><a href="#f-template"><?cs var:Lang.EFormDesign.NoSuchTemplate ?></a></li><?cs /if ?></ul></div><?cs /if ?>
<?cs if:Data.CopiedFrom ?><p class="flash" role="status" id="copied"><?cs var:Lang.EFormDesign.Copied ?> <?cs var:Data.CopiedFrom ?> (<span lang="vi"><?cs var:Data.CopiedName ?></span>). <?cs var:Lang.EFormDesign.NotSavedYet ?></p><?cs /if ?>
<form method="get" action="/can-bo/quan-tri/thu-tuc/<?cs var:url_escape(p.code) ?>/bieu-mau" class="form inline-form" id="copy-form">
<div class="form-group<?cs if:Form.Errors.copy ?> has-error<?cs /if ?>"><label for="f-copy"><?cs var:Lang.EFormDesign.CopyLabel ?></label>
<span class="hint"><?cs var:Lang.EFormDesign.CopyHint ?></span>
<input id="f-copy" name="copy" value="<?cs var:Form.copy ?>" maxlength="64"<?cs if:Form.Errors.copy ?> aria-invalid="true"<?cs /if ?>></div>
<button type="submit" class="btn btn-secondary" id="copy"><?cs var:Lang.EFormDesign.Copy ?></button>
</form>
<?cs if:Data.FromTemplate ?><p class="flash" role="status" id="from-template"><?cs var:Lang.EFormDesign.FromTemplate ?> <span lang="vi"><?cs var:Data.FromTemplate ?></span>. <?cs var:Lang.EFormDesign.NotSavedYet ?></p><?cs /if ?>
<?cs if:subcount(Data.Templates) ?><form method="get" action="/can-bo/quan-tri/thu-tuc/<?cs var:url_escape(p.code) ?>/bieu-mau" class="form inline-form" id="template-form">
<div class="form-group<?cs if:Form.Errors.template ?> has-error<?cs /if ?>"><label for="f-template"><?cs var:Lang.EFormDesign.TemplateLabel ?></label>
<span class="hint" id="f-template-hint"><?cs var:Lang.EFormDesign.TemplateHint ?></span>
<?cs if:Form.Errors.template ?><span class="error-message" id="f-template-error"><?cs var:Lang.EFormDesign.NoSuchTemplate ?></span><?cs /if ?>
<select id="f-template" name="template" aria-describedby="f-template-hint<?cs if:Form.Errors.template ?> f-template-error<?cs /if ?>"<?cs if:Form.Errors.template ?> aria-invalid="true"<?cs /if ?>><?cs each:t = Data.Templates ?><option value="<?cs var:t.slug ?>"<?cs if:t.slug == Form.template ?> selected<?cs /if ?>><?cs if:Page.Lang == "en" ?><?cs var:t.name_en ?><?cs else ?><?cs var:t.name ?><?cs /if ?><?cs if:t.own ?> (<?cs var:Lang.EFormDesign.OwnField ?>)<?cs /if ?></option>
<?cs /each ?></select></div>
<button type="submit" class="btn btn-secondary" id="use-template"><?cs var:Lang.EFormDesign.UseTemplate ?></button>
</form><?cs /if ?>
<form method="post" action="/can-bo/quan-tri/thu-tuc/<?cs var:url_escape(p.code) ?>/bieu-mau" class="form" id="design-form" novalidate>
<input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
<h2><?cs var:Lang.EFormDesign.EditorTitle ?></h2>
<p class="hint" id="editor-hint"><?cs var:Lang.EFormDesign.EditorHint ?></p>
<div id="form-editor" class="form-designer" hidden></div>
<div class="form-group<?cs if:Form.Errors.definition ?> has-error<?cs /if ?>" id="definition-group"><label for="f-definition"><?cs var:Lang.EFormDesign.Definition ?></label>
<span class="hint"><?cs var:Lang.EFormDesign.DefinitionHint ?></span>
<?cs if:Form.Errors.definition ?><span class="error-message" id="f-definition-error"><?cs alt:Lang.EFormDesign.Why[Form.Errors.definition] ?><?cs var:Form.Errors.definition ?><?cs /alt ?><?cs if:Form.Errors.subject ?>: <?cs var:Form.Errors.subject ?><?cs /if ?></span><?cs /if ?>
<textarea id="f-definition" name="definition" rows="18" class="code" spellcheck="false"<?cs if:Form.Errors.definition ?> aria-invalid="true" aria-describedby="f-definition-error"<?cs /if ?>><?cs var:Form.definition ?></textarea></div>
<div class="form-group<?cs if:Form.Errors.effective ?> has-error<?cs /if ?>"><label for="f-effective"><?cs var:Lang.EFormDesign.Effective ?></label>
<span class="hint"><?cs var:Lang.EFormDesign.EffectiveHint ?></span>
<?cs if:Form.Errors.effective ?><span class="error-message" id="f-effective-error"><?cs var:Lang.EFormDesign.BadDate ?></span><?cs /if ?>
<input type="date" id="f-effective" name="effective" value="<?cs var:Form.effective ?>"<?cs if:Form.Errors.effective ?> aria-invalid="true" aria-describedby="f-effective-error"<?cs /if ?>></div>
<div class="button-row">
<button type="submit" name="action" value="preview" class="btn btn-secondary" id="preview"><?cs var:Lang.EFormDesign.Preview ?></button>
<button type="submit" name="action" value="save" class="btn" id="publish"><?cs var:Lang.EFormDesign.Publish ?></button>
</div>
</form>
<?cs if:Data.Preview ?><section class="form-preview" id="form-preview" aria-labelledby="preview-h">
<h2 id="preview-h"><?cs var:Lang.EFormDesign.PreviewTitle ?></h2>
<p class="hint"><?cs var:Lang.EFormDesign.PreviewHint ?></p>
<fieldset disabled class="eform-preview"><?cs include:"partials/eform.cs" ?></fieldset>
</section><?cs /if ?>
<h2 id="versions-h"><?cs var:Lang.EFormDesign.Versions ?></h2>
<?cs if:subcount(Data.Versions) ?><div class="table-wrap"><table class="table table-stack" id="form-versions" aria-labelledby="versions-h">
<thead><tr><th scope="col"><?cs var:Lang.EFormDesign.Version ?></th><th scope="col"><?cs var:Lang.EFormDesign.From ?></th><th scope="col"><?cs var:Lang.EFormDesign.By ?></th><th scope="col"><?cs var:Lang.EFormDesign.At ?></th></tr></thead>
<tbody><?cs each:v = Data.Versions ?><tr<?cs if:v.in_force == 1 ?> class="current"<?cs /if ?>>
<td data-label="<?cs var:Lang.EFormDesign.Version ?>"><?cs var:v.version ?><?cs if:v.in_force == 1 ?> <span class="tag"><?cs var:Lang.EFormDesign.Current ?></span><?cs /if ?></td>
<td data-label="<?cs var:Lang.EFormDesign.From ?>"><?cs var:fmt_datetime(v.effective_from) ?></td>
<td data-label="<?cs var:Lang.EFormDesign.By ?>"><?cs var:v.saved_by ?></td>
<td data-label="<?cs var:Lang.EFormDesign.At ?>"><?cs var:fmt_datetime(v.created_at) ?></td>
</tr><?cs /each ?></tbody></table></div><?cs else ?><p id="no-versions"><?cs var:Lang.EFormDesign.NoVersions ?></p><?cs /if ?>
<script src="/static/vendor/form-js/form-editor.umd.js" defer></script>
<script src="/static/js/form-designer.js" defer></script>
<?cs /with ?>
