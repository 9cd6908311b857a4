<?cs # A procedure's workflow versions (Data.Versions, the one in force
     first), shown by the table of steps and the designer. ?>
<?cs if:subcount(Data.Versions) ?>
<h2 id="versions-h"><?cs var:Lang.Workflow.Versions ?></h2>
<div class="table-wrap"><table class="table table-stack" id="versions" aria-labelledby="versions-h">
<thead><tr><th scope="col"><?cs var:Lang.Workflow.Version ?></th><th scope="col"><?cs var:Lang.Workflow.By ?></th><th scope="col"><?cs var:Lang.Workflow.At ?></th><th scope="col"><?cs var:Lang.Workflow.Steps ?></th><th scope="col"><?cs var:Lang.Workflow.Dossiers ?></th></tr></thead>
<tbody><?cs each:v = Data.Versions ?><tr<?cs if:first(v) ?> class="in-force"<?cs /if ?>>
<td data-label="<?cs var:Lang.Workflow.Version ?>"><?cs if:v.is_default == 1 ?><?cs var:Lang.Workflow.Default ?>, <?cs /if ?><?cs var:v.version ?><?cs if:first(v) ?> <strong class="badge"><?cs var:Lang.Workflow.InForce ?></strong><?cs /if ?></td>
<td data-label="<?cs var:Lang.Workflow.By ?>"><?cs alt:v.created_by ?><?cs var:Lang.Workflow.System ?><?cs /alt ?></td>
<td data-label="<?cs var:Lang.Workflow.At ?>"><?cs var:fmt_datetime(v.created_at) ?></td>
<td data-label="<?cs var:Lang.Workflow.Steps ?>"><?cs var:v.nsteps ?>: <?cs var:v.steps ?></td>
<td data-label="<?cs var:Lang.Workflow.Dossiers ?>"><?cs var:v.dossiers ?></td>
</tr><?cs /each ?></tbody></table></div>
<?cs /if ?>
