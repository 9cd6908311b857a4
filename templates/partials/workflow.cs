<?cs # The workflow picture: every step with done, current and remaining ones
     told apart by shape, colour and text (Data.Steps.N.state); below it,
     the same steps as a picture (Data.Picture, SVG, aria-hidden): the
     designer's diagram with each task in its step's state, or, with no
     diagram or steps changed since, the steps as a chain. It is output raw
     (uvar), the one exception here: mc_bpmn_svg and mc_dossier_chain_svg
     write the markup themselves and escape every name they take. ?>
<?cs if:subcount(Data.Steps) ?>
<ol class="workflow" aria-label="<?cs var:Lang.Workflow.Picture ?>">
<?cs each:s = Data.Steps ?><li class="wf-step wf-<?cs var:s.state ?><?cs if:s.state == "current" ?> wf-<?cs var:Data.Colour ?><?cs /if ?>"<?cs if:s.state == "current" ?> aria-current="step"<?cs /if ?>>
<span class="wf-num"><?cs var:s.seq ?></span>
<span class="wf-name"><?cs if:s.name_key ?><?cs alt:Lang.StepName[s.name_key] ?><?cs var:s.name ?><?cs /alt ?><?cs else ?><?cs var:s.name ?><?cs /if ?></span>
<span class="wf-meta"><?cs var:s.agency_name ?> · <?cs var:Lang.Role[s.role] ?></span>
<span class="wf-state"><?cs var:Lang.Workflow.State[s.state] ?><?cs if:s.outcome ?> · <?cs var:Lang.Outcome[s.outcome] ?><?cs /if ?></span>
<?cs if:s.state == "current" && s.holder_name ?><span class="wf-holder"><?cs var:Lang.Inbox.Holder ?> <?cs var:s.holder_name ?></span><?cs /if ?>
<?cs if:s.due_at ?><span class="wf-due"><?cs var:Lang.Workflow.Due ?> <?cs var:fmt_datetime(s.due_at) ?></span><?cs /if ?>
</li>
<?cs /each ?></ol>
<?cs if:Data.Picture ?><figure class="wf-picture" id="wf-picture" aria-labelledby="wf-picture-cap"><div class="wf-scroll" tabindex="0" aria-labelledby="wf-picture-cap"><?cs uvar:Data.Picture ?></div>
<figcaption class="small muted" id="wf-picture-cap"><?cs var:Lang.Workflow.Diagram ?></figcaption></figure><?cs /if ?>
<?cs /if ?>
