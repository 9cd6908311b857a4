<?cs # An administrator defines a procedure's workflow: ordered steps, each
     with a role, an agency (empty: the receiving one) and working hours. ?>
<link rel="stylesheet" href="/static/css/office.css">
<h1><?cs var:Lang.Workflow.Title ?></h1>
<form method="get" action="/can-bo/quan-tri/quy-trinh" class="filters" role="search">
<div class="form-group"><label for="procedure"><?cs var:Lang.Workflow.Procedure ?></label>
<input id="procedure" name="procedure" value="<?cs var:Data.Procedure.0.code ?>" placeholder="1.001193"></div>
<button type="submit" class="btn btn-secondary"><?cs var:Lang.Workflow.Open ?></button>
</form>
<?cs if:Data.Procedure.0.code ?>
<h2><?cs var:Data.Procedure.0.name ?></h2>
<p><a href="/can-bo/quan-tri/thu-tuc/<?cs var:url_escape(Data.Procedure.0.code) ?>/quy-trinh" id="designer-link"><?cs var:Lang.WorkflowDesign.Open ?></a></p>
<p><?cs var:Lang.Workflow.Legal ?> <?cs var:fmt_number(Data.LegalHours) ?> <?cs var:Lang.Dossier.WorkingHours ?>.</p>
<?cs if:Form.Errors.total ?><p class="flash flash-error" role="alert"><?cs var:Lang.Workflow.TooLong ?></p><?cs /if ?>
<?cs if:Form.Errors.steps ?><p class="flash flash-error" role="alert"><?cs var:Lang.Workflow.TooFew ?></p><?cs /if ?>
<form method="post" action="/can-bo/quan-tri/quy-trinh" class="form">
<input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
<input type="hidden" name="procedure" value="<?cs var:Data.Procedure.0.code ?>">
<div class="table-wrap"><table class="table workflow-edit">
<thead><tr><th scope="col">#</th><th scope="col"><?cs var:Lang.Workflow.StepName ?></th><th scope="col"><?cs var:Lang.Workflow.Role ?></th><th scope="col"><?cs var:Lang.Workflow.Agency ?></th><th scope="col"><?cs var:Lang.Workflow.Hours ?></th></tr></thead>
<tbody><?cs each:i = Data.Rows ?><tr>
<td><?cs var:i + 1 ?></td>
<td><input aria-label="<?cs var:Lang.Workflow.StepName ?> <?cs var:i + 1 ?>" name="name<?cs var:i ?>" value="<?cs var:Form["name" + i] ?>"></td>
<td><select aria-label="<?cs var:Lang.Workflow.Role ?> <?cs var:i + 1 ?>" name="role<?cs var:i ?>"<?cs if:Form.Errors["role" + i] ?> aria-invalid="true"<?cs /if ?>><?cs each:role = Lang.Role ?><option value="<?cs name:role ?>"<?cs if:Form["role" + i] == name(role) ?> selected<?cs /if ?>><?cs var:role ?></option><?cs /each ?></select></td>
<td><input aria-label="<?cs var:Lang.Workflow.Agency ?> <?cs var:i + 1 ?>" name="agency<?cs var:i ?>" value="<?cs var:Form["agency" + i] ?>" placeholder="000.00.01.H29"<?cs if:Form.Errors["agency" + i] ?> aria-invalid="true"<?cs /if ?>></td>
<td><input aria-label="<?cs var:Lang.Workflow.Hours ?> <?cs var:i + 1 ?>" name="hours<?cs var:i ?>" inputmode="decimal" size="6" value="<?cs var:fmt_number(Form["hours" + i]) ?>"<?cs if:Form.Errors["hours" + i] ?> aria-invalid="true"<?cs /if ?>></td>
</tr><?cs /each ?></tbody></table></div>
<p class="hint"><?cs var:Lang.Workflow.Hint ?></p>
<button type="submit" class="btn"><?cs var:Lang.Workflow.Save ?></button>
</form>
<?cs /if ?>
<?cs include:"office/workflow_versions.cs" ?>
