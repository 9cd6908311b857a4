<?cs # A long form's task list (GOV.UK's pattern): who files and where, each
     part of the form with its progress, the documents; "check and send"
     once all are done. Data.Tasks from cgi-bin/portal/filing.c. ?>
<?cs with:p = Data.Procedure.0 ?>
<p class="eyebrow"><?cs var:Lang.File.Eyebrow ?></p>
<h1><?cs var:p.name ?></h1>
<h2 class="h3" id="tasks-h"><?cs var:Lang.EForm.Tasks.Title ?></h2>
<p id="tasks-done"><?cs var:Lang.EForm.Tasks.Done ?> <?cs var:Data.TasksDone ?> / <?cs var:Data.TasksAll ?> <?cs var:Lang.EForm.Tasks.Parts ?>.</p>
<ul class="task-list" aria-labelledby="tasks-h" id="tasks">
<?cs each:t = Data.Tasks ?><li class="task-list-item">
<a class="task-name" href="<?cs var:t.href ?>" aria-describedby="task-<?cs name:t ?>-status"><?cs var:t.label ?></a>
<strong class="tag task-<?cs var:t.state ?>" id="task-<?cs name:t ?>-status"><?cs var:Lang.EForm.Tasks.State[t.state] ?></strong>
</li>
<?cs /each ?><li class="task-list-item">
<?cs if:Data.CheckHref ?><a class="task-name" href="<?cs var:Data.CheckHref ?>" id="task-check" aria-describedby="task-check-status"><?cs var:Lang.EForm.Tasks.Check ?></a>
<strong class="tag task-not_started" id="task-check-status"><?cs var:Lang.EForm.Tasks.State.not_started ?></strong><?cs else ?><span class="task-name" id="task-check"><?cs var:Lang.EForm.Tasks.Check ?></span>
<strong class="tag task-cannot" id="task-check-status"><?cs var:Lang.EForm.Tasks.Cannot ?></strong><?cs /if ?>
</li>
</ul>
<p class="small"><?cs var:Lang.EForm.Tasks.Saved ?></p>
<p><a href="/dich-vu/nop-ho-so/<?cs var:url_escape(p.code) ?>?nhap=<?cs var:Form.draft ?>"><?cs var:Lang.EForm.Tasks.Whole ?></a></p>
<?cs /with ?>
