<?cs # Rating a dossier through the link sent with its result (or the form
     re-shown after an error). Reads Data.Eval.* (partials/eval_form.cs),
     Data.Eval.Code, Data.Eval.Thanks. ?>
<div class="narrow eval-page">
<h1><?cs var:Lang.Eval.Title ?></h1>
<?cs if:Data.Eval.Thanks ?>
<div class="card card-info eval-thanks" role="status"><p class="lead"><?cs var:Lang.Eval.Thanks ?></p></div>
<?cs else ?>
<?cs if:Data.Eval.Code ?><p class="lead"><?cs var:Lang.Eval.ForDossier ?> <strong><?cs var:Data.Eval.Code ?></strong></p><?cs /if ?>
<p><?cs var:Lang.Eval.Intro ?></p>
<?cs include:"partials/eval_form.cs" ?>
<?cs /if ?>
</div>
