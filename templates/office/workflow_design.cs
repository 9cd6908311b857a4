<?cs # The workflow designer of a procedure (cgi-bin/office/workflow.c):
     bpmn-js's modeler (/static/vendor/bpmn-js, copied from npm by
     tools/vendor.sh; /static/js/workflow-designer.js starts it) edits the
     diagram the text box holds, which is what is posted; a selected task's
     name, role, agency and hours are edited in the panel below it.
     Without JavaScript the table of steps (/can-bo/quan-tri/quy-trinh) is
     the editor. Data.Procedure.0.{code,name}; Data.LegalHours,
     Data.LegalMinutes; Data.Agencies.N.{code,name}; Data.Versions
     (office/workflow_versions.cs); Form.bpmn; Data.Errors.N.{text,element}
     (the problems of a refused diagram). ?><?cs
with:p = Data.Procedure.0 ?>
<link rel="stylesheet" href="/static/css/office.css">
<link rel="stylesheet" href="/static/vendor/bpmn-js/diagram-js.css">
<link rel="stylesheet" href="/static/vendor/bpmn-js/bpmn-js.css">
<link rel="stylesheet" href="/static/vendor/bpmn-js/bpmn-font/css/bpmn.css">
<p class="eyebrow"><a href="/can-bo/quan-tri/thu-tuc/<?cs var:url_escape(p.code) ?>"><?cs var:Lang.ProcEdit.EditTitle ?> <?cs var:p.code ?></a></p>
<h1><?cs var:Lang.WorkflowDesign.Title ?> <?cs var:p.code ?></h1>
<p class="lead" lang="vi"><?cs var:p.name ?></p>
<p class="meta" id="legal-time"><?cs var:Lang.Workflow.Legal ?> <?cs var:fmt_number(Data.LegalHours) ?> <?cs var:Lang.Dossier.WorkingHours ?>.</p>
<?cs if:subcount(Data.Errors) ?><div class="error-summary" role="alert" tabindex="-1" id="error-summary">
<h2><?cs var:Lang.WorkflowDesign.Problem ?></h2>
<ul><?cs each:e = Data.Errors ?><li><a href="#f-bpmn"<?cs if:e.element ?> data-element="<?cs var:e.element ?>"<?cs /if ?>><?cs var:e.text ?></a></li><?cs /each ?></ul>
<p><?cs var:Lang.WorkflowDesign.NothingLost ?></p>
</div><?cs /if ?>
<form method="post" action="/can-bo/quan-tri/thu-tuc/<?cs var:url_escape(p.code) ?>/quy-trinh" class="form" id="design-form" novalidate>
<input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
<p class="hint" id="editor-hint"><?cs var:Lang.WorkflowDesign.Hint ?></p>
<p class="hint"><a href="/can-bo/quan-tri/quy-trinh?procedure=<?cs var:url_escape(p.code) ?>" id="table-link"><?cs var:Lang.WorkflowDesign.TableLink ?></a></p>
<div id="bpmn-editor" class="bpmn-designer" hidden data-legal="<?cs var:Data.LegalMinutes ?>"></div>
<fieldset id="task-props" class="task-props" hidden>
<legend><span id="t-title" data-flow="<?cs var:Lang.WorkflowDesign.FlowTitle ?>"><?cs var:Lang.WorkflowDesign.TaskTitle ?></span> <span id="t-id" class="muted"></span></legend>
<p class="hint" id="t-none"><?cs var:Lang.WorkflowDesign.PickTask ?></p>
<div class="task-fields" id="t-fields" hidden>
<div class="form-group"><label for="t-name"><?cs var:Lang.Workflow.StepName ?></label>
<input id="t-name" maxlength="255"></div>
<div class="form-group"><label for="t-role"><?cs var:Lang.Workflow.Role ?></label>
<select id="t-role"><option value=""><?cs var:Lang.WorkflowDesign.RoleChoose ?></option>
<option value="receiver"><?cs var:Lang.Role.receiver ?></option>
<option value="specialist"><?cs var:Lang.Role.specialist ?></option>
<option value="leader"><?cs var:Lang.Role.leader ?></option></select></div>
<div class="form-group"><label for="t-agency"><?cs var:Lang.Workflow.Agency ?></label>
<input id="t-agency" list="agencies" maxlength="32" placeholder="000.00.01.H29" autocomplete="off"></div>
<div class="form-group"><label for="t-hours"><?cs var:Lang.Workflow.Hours ?></label>
<input id="t-hours" inputmode="decimal" size="8"></div>
</div>
<div class="task-fields" id="f-fields" hidden>
<div class="form-group"><label for="f-cond"><?cs var:Lang.WorkflowDesign.Condition ?></label>
<span class="hint" id="f-cond-hint"><?cs var:Lang.WorkflowDesign.ConditionHint ?></span>
<input id="f-cond" class="code" maxlength="500" spellcheck="false" aria-describedby="f-cond-hint"></div>
<div class="form-group"><label><input type="checkbox" id="f-default"> <?cs var:Lang.WorkflowDesign.Default ?></label></div>
</div>
<p class="meta" id="hours-total" aria-live="polite" data-text="<?cs var:Lang.WorkflowDesign.Total ?>"></p>
</fieldset>
<datalist id="agencies"><?cs each:a = Data.Agencies ?><option value="<?cs var:a.code ?>"><?cs var:a.name ?></option><?cs /each ?></datalist>
<div class="form-group" id="bpmn-group"><label for="f-bpmn"><?cs var:Lang.WorkflowDesign.Xml ?></label>
<span class="hint"><?cs var:Lang.WorkflowDesign.XmlHint ?></span>
<textarea id="f-bpmn" name="bpmn" rows="14" class="code" spellcheck="false"><?cs var:Form.bpmn ?></textarea></div>
<div class="button-row">
<button type="submit" class="btn" id="save"><?cs var:Lang.Workflow.Save ?></button>
</div>
</form>
<?cs include:"office/workflow_versions.cs" ?>
<script src="/static/vendor/bpmn-js/bpmn-modeler.production.min.js" defer></script>
<script src="/static/js/workflow-designer.js" defer></script>
<?cs /with ?>
