<?cs # The search's synonyms (cgi-bin/office/synonyms.c): Data.Synonyms.N.
     {id,term,means,source,active,updated_at}, Data.Active, Data.Total;
     the add form echoes Form.{term,means,source} with Form.Errors.{term,
     means,same,source} after a 422; Data.Unanswered.N.{question,lang,
     asked,...} (the assistant's open questions). ?>
<p class="eyebrow"><a href="/can-bo/quan-tri-trang/"><?cs var:Lang.Webmaster.Title ?></a></p>
<h1><?cs var:Lang.Synonyms.Title ?></h1>
<p class="lead"><?cs var:Lang.Synonyms.Intro ?></p>
<form method="post" action="/can-bo/quan-tri-trang/tu-dong-nghia" class="card" id="syn-add" novalidate>
<h2 class="h3"><?cs var:Lang.Synonyms.Add ?></h2>
<?cs if:Form.Invalid ?><div class="alert alert-error" role="alert"><?cs var:Lang.Synonyms.Invalid ?></div>
<?cs /if ?><input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
<div class="form-group<?cs if:Form.Errors.term ?> has-error<?cs /if ?>"><label for="term"><?cs var:Lang.Synonyms.Term ?></label>
<p class="hint" id="term-hint"><?cs var:Lang.Synonyms.TermHint ?></p>
<?cs if:Form.Errors.term ?><span class="error-message" id="term-err"><?cs var:Lang.Synonyms.TermError ?></span>
<?cs /if ?><?cs call:refused("term") ?><input class="input" id="term" name="term" maxlength="200" required value="<?cs var:Form.term ?>" aria-describedby="term-hint<?cs if:Form.Errors.term ?> term-err<?cs /if ?>"<?cs if:Form.Errors.term ?> aria-invalid="true"<?cs /if ?>></div>
<div class="form-group<?cs if:Form.Errors.means || Form.Errors.same ?> has-error<?cs /if ?>"><label for="means"><?cs var:Lang.Synonyms.Means ?></label>
<p class="hint" id="means-hint"><?cs var:Lang.Synonyms.MeansHint ?></p>
<?cs if:Form.Errors.means ?><span class="error-message" id="means-err"><?cs var:Lang.Synonyms.MeansError ?></span>
<?cs elif:Form.Errors.same ?><span class="error-message" id="means-err"><?cs var:Lang.Synonyms.SameError ?></span>
<?cs /if ?><?cs call:refused("means") ?><input class="input" id="means" name="means" maxlength="300" required value="<?cs var:Form.means ?>" aria-describedby="means-hint<?cs if:Form.Errors.means || Form.Errors.same ?> means-err<?cs /if ?>"<?cs if:Form.Errors.means || Form.Errors.same ?> aria-invalid="true"<?cs /if ?>></div>
<div class="form-group<?cs if:Form.Errors.source ?> has-error<?cs /if ?>"><label for="source"><?cs var:Lang.Synonyms.Source ?></label>
<p class="hint" id="source-hint"><?cs var:Lang.Synonyms.SourceHint ?></p>
<?cs if:Form.Errors.source ?><span class="error-message" id="source-err"><?cs var:Lang.Synonyms.SourceError ?></span>
<?cs /if ?><?cs call:refused("source") ?><input class="input" id="source" name="source" maxlength="500" required value="<?cs var:Form.source ?>" aria-describedby="source-hint<?cs if:Form.Errors.source ?> source-err<?cs /if ?>"<?cs if:Form.Errors.source ?> aria-invalid="true"<?cs /if ?>></div>
<p><button type="submit" class="btn"><?cs var:Lang.Synonyms.AddButton ?></button></p>
</form>
<h2><?cs var:Lang.Synonyms.List ?></h2>
<p role="status"><?cs var:Data.Active ?> <?cs var:Lang.Synonyms.ActiveOf ?> <?cs var:Data.Total ?></p>
<div class="table-wrap"><table class="table" id="syn-list">
<thead><tr><th scope="col"><?cs var:Lang.Synonyms.Term ?></th><th scope="col"><?cs var:Lang.Synonyms.Means ?></th><th scope="col"><?cs var:Lang.Synonyms.Source ?></th><th scope="col"><?cs var:Lang.Synonyms.State ?></th></tr></thead>
<tbody>
<?cs each:s = Data.Synonyms ?><tr<?cs if:!s.active ?> class="muted"<?cs /if ?>><td lang="vi"><?cs var:s.term ?></td><td lang="vi"><?cs var:s.means ?></td><td lang="vi"><?cs var:s.source ?></td>
<td><form method="post" action="/can-bo/quan-tri-trang/tu-dong-nghia/<?cs var:s.id ?>"><input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>"><?cs if:s.active ?><input type="hidden" name="active" value="0"><button type="submit" class="btn btn-small btn-secondary" aria-label="<?cs var:Lang.Synonyms.TurnOff ?>: <?cs var:s.term ?>"><?cs var:Lang.Synonyms.TurnOff ?></button><?cs else ?><input type="hidden" name="active" value="1"><span><?cs var:Lang.Synonyms.Off ?></span> <button type="submit" class="btn btn-small" aria-label="<?cs var:Lang.Synonyms.TurnOn ?>: <?cs var:s.term ?>"><?cs var:Lang.Synonyms.TurnOn ?></button><?cs /if ?></form></td></tr>
<?cs /each ?></tbody></table></div>
<h2 id="unanswered-h"><?cs var:Lang.Synonyms.Unanswered ?></h2>
<p><?cs var:Lang.Synonyms.UnansweredIntro ?></p>
<?cs if:subcount(Data.Unanswered) ?><div class="table-wrap"><table class="table" id="unanswered" aria-labelledby="unanswered-h">
<thead><tr><th scope="col"><?cs var:Lang.Synonyms.Question ?></th><th scope="col"><?cs var:Lang.Synonyms.Asked ?></th><th scope="col"><?cs var:Lang.Synonyms.Action ?></th></tr></thead>
<tbody><?cs each:u = Data.Unanswered ?><tr><td lang="<?cs var:u.lang ?>"><?cs var:u.question ?></td><td><?cs var:u.asked ?></td><td><a class="btn btn-small btn-secondary" href="/can-bo/quan-tri-trang/tu-dong-nghia?term=<?cs var:url_escape(u.question) ?>#syn-add" aria-label="<?cs var:Lang.Synonyms.FromQuestion ?>: <?cs var:u.question ?>"><?cs var:Lang.Synonyms.FromQuestion ?></a> <a class="btn btn-small btn-secondary" href="/can-bo/quan-tri-trang/hoi-dap/moi?asked=<?cs var:url_escape(u.question) ?>&amp;asked_lang=<?cs var:url_escape(u.lang) ?>" aria-label="<?cs var:Lang.Synonyms.FaqFromQuestion ?>: <?cs var:u.question ?>"><?cs var:Lang.Synonyms.FaqFromQuestion ?></a></td></tr>
<?cs /each ?></tbody></table></div>
<?cs else ?><p><?cs var:Lang.Synonyms.NoUnanswered ?></p><?cs /if ?>
