<?cs # One of the citizen's dossiers: status, where it is and who handles it,
     due date and time used, supplements to send, papers, history. ?>
<p class="eyebrow"><?cs var:Lang.Dossier.Eyebrow ?></p>
<h1><?cs var:Lang.Dossier.Code ?> <?cs var:Data.Dossier.0.code ?></h1>
<?cs include:"partials/workflow.cs" ?>
<?cs include:"partials/results.cs" ?>
<?cs if:Data.Eval.Open || Data.Eval.Rated ?><section class="card eval" id="danh-gia" aria-labelledby="eval-h">
<h2 id="eval-h"><?cs var:Lang.Eval.Title ?></h2>
<?cs if:Data.Eval.Rated ?><p class="eval-done" role="status"><?cs var:Lang.Eval.Rated ?> <?cs var:fmt_datetime(Data.Eval.Rated) ?>.</p>
<?cs if:Data.Eval.RatedVersion ?><p class="small muted" id="eval-rated-version"><?cs var:Lang.Eval.VersionNote ?> <?cs var:Data.Eval.RatedVersion ?><?cs if:Data.Eval.RatedOwner ?> (<?cs var:Data.Eval.RatedOwner ?>)<?cs /if ?></p>
<dl class="eval-answers" id="eval-answers"><?cs each:a = Data.Eval.Answers ?><dt><?cs var:a.text ?></dt><dd><?cs var:a.answer ?></dd>
<?cs /each ?></dl><?cs /if ?><?cs else ?><p><?cs var:Lang.Eval.Intro ?></p>
<?cs include:"partials/eval_form.cs" ?><?cs /if ?></section><?cs /if ?>
<?cs if:Data.CanSupplement ?>
<section class="card" aria-labelledby="supp-h">
<h2 id="supp-h"><?cs var:Lang.Dossier.SendSupplement ?></h2>
<p><?cs var:Lang.Dossier.SupplementIntro ?></p>
<?cs if:Form.Errors.supplement ?><div class="error-summary" role="alert" tabindex="-1" id="supplement-error"><p><?cs var:Form.Errors.supplement ?></p></div><?cs /if ?>
<form method="post" action="/dich-vu/ho-so/<?cs var:url_escape(Data.Dossier.0.code) ?>/bo-sung" enctype="multipart/form-data" class="form">
<input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
<div class="form-group"><label for="file1"><?cs var:Lang.File.Attachment ?></label><span class="hint"><?cs var:Lang.File.AttachmentHint ?></span>
<input id="file1" name="file1" type="file" accept="application/pdf,image/jpeg,image/png"></div>
<div class="form-group"><label for="file2"><?cs var:Lang.Dossier.AnotherFile ?></label>
<input id="file2" name="file2" type="file" accept="application/pdf,image/jpeg,image/png"></div>
<div class="form-group"><label for="snote"><?cs var:Lang.Dossier.SupplementNote ?></label>
<?cs call:refused("note") ?><textarea id="snote" name="note" rows="3"><?cs var:Form.note ?></textarea></div>
<button type="submit" class="btn"><?cs var:Lang.Dossier.SendSupplement ?></button>
</form>
</section>
<?cs /if ?>
<p class="papers"><?cs var:Lang.Papers.Title ?>: <?cs if:Data.Dossier.0.received_at ?><a href="/dich-vu/ho-so/<?cs var:url_escape(Data.Dossier.0.code) ?>/phieu/01.pdf"><?cs var:Lang.Papers.01 ?></a> <?cs /if ?><?cs if:subcount(Data.Supplements) ?><a href="/dich-vu/ho-so/<?cs var:url_escape(Data.Dossier.0.code) ?>/phieu/02.pdf"><?cs var:Lang.Papers.02 ?></a> <?cs /if ?><?cs if:Data.Dossier.0.status == 3 ?><a href="/dich-vu/ho-so/<?cs var:url_escape(Data.Dossier.0.code) ?>/phieu/03.pdf"><?cs var:Lang.Papers.03 ?></a> <?cs /if ?><?cs if:Data.Dossier.0.original_due_at ?><a href="/dich-vu/ho-so/<?cs var:url_escape(Data.Dossier.0.code) ?>/phieu/04.pdf"><?cs var:Lang.Papers.04 ?></a><?cs /if ?></p>
<p class="fb-link"><a href="/dich-vu/phan-anh/gui?ho-so=<?cs var:url_escape(Data.Dossier.0.code) ?><?cs if:Page.Lang == "en" ?>&amp;lang=en<?cs /if ?>"><?cs var:Lang.Feedback.AboutDossier ?></a></p>
<?cs include:"partials/dossier_detail.cs" ?>
<?cs if:Data.ShowAccesses ?><section class="card accesses" id="truy-cap" aria-labelledby="access-h">
<h2 id="access-h"><?cs var:Lang.Access.Title ?></h2>
<p><?cs var:Lang.Access.Intro ?></p>
<?cs if:subcount(Data.Accesses) ?><div class="table-wrap"><table class="table table-stack" id="accesses">
<thead><tr><th scope="col"><?cs var:Lang.Access.When ?></th><th scope="col"><?cs var:Lang.Access.Unit ?></th><th scope="col"><?cs var:Lang.Access.Role ?></th><th scope="col"><?cs var:Lang.Access.What ?></th></tr></thead>
<tbody><?cs each:x = Data.Accesses ?><tr>
<td data-label="<?cs var:Lang.Access.When ?>"><?cs var:fmt_datetime(x.at) ?></td>
<td data-label="<?cs var:Lang.Access.Unit ?>"><?cs if:Page.Lang == "en" && x.agency_en ?><?cs var:x.agency_en ?><?cs else ?><?cs var:x.agency ?><?cs /if ?></td>
<td data-label="<?cs var:Lang.Access.Role ?>"><?cs if:Lang.Role[x.role] ?><?cs var:Lang.Role[x.role] ?><?cs else ?><?cs var:x.role ?><?cs /if ?></td>
<td data-label="<?cs var:Lang.Access.What ?>"><?cs if:x.event == "dossier_action" ?><?cs var:Lang.Access.Acted ?>: <?cs if:Lang.Action[x.action] ?><?cs var:Lang.Action[x.action] ?><?cs else ?><?cs var:x.action ?><?cs /if ?><?cs elif:x.event == "dossier_paper" ?><?cs var:Lang.Access.Paper ?>: <?cs alt:Lang.Papers[x.action] ?><?cs var:x.action ?><?cs /alt ?><?cs else ?><?cs var:Lang.Access.Viewed ?><?cs /if ?></td>
</tr><?cs /each ?></tbody></table></div>
<?cs else ?><p class="hint"><?cs var:Lang.Access.None ?></p><?cs /if ?>
</section><?cs /if ?>
<?cs if:Data.CanWithdraw ?>
<details class="withdraw"><summary><?cs var:Lang.Dossier.Withdraw ?></summary>
<form method="post" action="/dich-vu/ho-so/<?cs var:url_escape(Data.Dossier.0.code) ?>/rut" class="form">
<input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
<div class="form-group"><label for="wnote"><?cs var:Lang.Dossier.WithdrawReason ?></label><?cs call:refused("note") ?><textarea id="wnote" name="note" rows="2"></textarea></div>
<button type="submit" class="btn btn-warning"><?cs var:Lang.Dossier.Withdraw ?></button>
</form></details>
<?cs /if ?>
<ul class="link-list dossier-links">
<li><a href="/dich-vu/ho-so"><?cs var:Lang.Dossier.Back ?></a></li>
<li><a href="/dich-vu/thong-bao"><?cs var:Lang.Dossier.Notifications ?></a></li>
<li><a href="/dich-vu/tra-cuu?ma=<?cs var:url_escape(Data.Dossier.0.code) ?>"><?cs var:Lang.Dossier.Lookup ?></a></li>
</ul>
