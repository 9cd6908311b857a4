<?cs # A dossier's facts, supplements, attachments and history, for citizens
     and officers. Expects Data.Dossier.0, Data.Files, Data.Events,
     Data.Supplements, Data.UsedHours, Data.LegalHours (and Data.LegalWorkdays, the same
     as a decimal number of working days) / Data.LegalDays, Data.Expect (the
     expected finish, mc_dossier_expect_model). ?>
<?cs with:d = Data.Dossier.0 ?>
<dl class="facts">
<dt><?cs var:Lang.Dossier.Status ?></dt><dd><?cs call:status_badge(d.status) ?></dd>
<dt><?cs var:Lang.Dossier.Procedure ?></dt><dd><?cs var:d.procedure_name ?> (<?cs var:d.procedure_code ?>)</dd>
<dt><?cs var:Lang.Dossier.Agency ?></dt><dd><?cs var:d.agency_name ?></dd>
<?cs if:d.current_agency_name && d.current_step ?><dt><?cs var:Lang.Dossier.HandledBy ?></dt><dd><?cs var:d.current_agency_name ?><?cs if:d.holder_name ?> · <?cs var:d.holder_name ?><?cs /if ?></dd><?cs /if ?>
<dt><?cs var:Lang.Dossier.Applicant ?></dt><dd><?cs var:d.applicant_name ?></dd>
<dt id="applicant-number-label"><?cs if:d.applicant_org == "1" ?><?cs var:Lang.Org.TaxCode ?><?cs else ?><?cs var:Lang.Form.IdNumber ?><?cs /if ?></dt><dd id="applicant-number"><?cs var:d.applicant_id_number ?><?cs if:d.applicant_id_verified == "1" ?> <span class="muted" id="applicant-verified">(<?cs var:Lang.File.IdVerified ?>)</span><?cs /if ?></dd>
<?cs if:d.on_behalf == "1" ?><dt><?cs var:Lang.Dossier.OnBehalf ?></dt><dd id="on-behalf"><?cs var:Lang.Dossier.OnBehalfBy ?> <strong><?cs var:d.filer_name ?></strong>. <?cs var:Lang.Dossier.OnBehalfCheck ?></dd><?cs /if ?>
<?cs if:d.applicant_address ?><dt><?cs var:Lang.Form.Address ?></dt><dd><?cs var:d.applicant_address ?></dd><?cs /if ?>
<?cs if:d.applicant_phone ?><dt><?cs var:Lang.Form.Phone ?></dt><dd><?cs var:d.applicant_phone ?></dd><?cs /if ?>
<?cs if:d.applicant_email ?><dt><?cs var:Lang.Form.Email ?></dt><dd><?cs var:d.applicant_email ?></dd><?cs /if ?>
<?cs if:Data.Content && !Data.HasAnswers ?><dt><?cs var:Lang.File.Content ?></dt><dd class="pre-line"><?cs var:Data.Content ?></dd><?cs /if ?>
<dt><?cs var:Lang.Dossier.Submitted ?></dt><dd><?cs var:fmt_datetime(d.submitted_at) ?></dd>
<?cs if:d.received_at ?><dt><?cs var:Lang.Dossier.Received ?></dt><dd><?cs var:fmt_datetime(d.received_at) ?></dd><?cs /if ?>
<?cs if:Data.LegalHours ?><dt><?cs var:Lang.Dossier.LegalTime ?></dt><dd><?cs var:fmt_workdays(Data.LegalWorkdays) ?></dd><?cs elif:Data.LegalDays ?><dt><?cs var:Lang.Dossier.LegalTime ?></dt><dd><?cs var:Data.LegalDays ?> <?cs if:Data.LegalDays == 1 ?><?cs var:Lang.Dossier.Day ?><?cs else ?><?cs var:Lang.Dossier.Days ?><?cs /if ?></dd><?cs /if ?>
<?cs if:d.due_at ?><dt><?cs var:Lang.Dossier.Due ?></dt><dd><?cs var:fmt_datetime(d.due_at) ?><?cs if:d.original_due_at ?> <span class="muted">(<?cs var:Lang.Dossier.OriginalDue ?> <?cs var:fmt_datetime(d.original_due_at) ?>)</span><?cs /if ?></dd><?cs /if ?>
<?cs if:Data.UsedHours ?><dt><?cs var:Lang.Dossier.Used ?></dt><dd><?cs var:fmt_number(Data.UsedHours) ?> <?cs var:Lang.Dossier.WorkingHours ?></dd><?cs /if ?>
<?cs if:Data.Expect.state ?><dt><?cs var:Lang.Expect.Title ?></dt><dd id="expected" data-state="<?cs var:Data.Expect.state ?>"><?cs if:Data.Expect.state == "ok" ?><?cs var:Lang.Expect.By ?> <strong data-expect="median"><?cs var:fmt_datetime(Data.Expect.median) ?></strong>, <?cs var:Lang.Expect.NineIn10 ?> <strong data-expect="p90"><?cs var:fmt_datetime(Data.Expect.p90) ?></strong><?cs if:Data.Expect.late ?> <span class="expect-late">(<?cs var:Lang.Expect.Late ?>)</span><?cs /if ?><br><span class="muted small"><?cs var:Lang.Expect.From ?> <span data-expect="n"><?cs var:Data.Expect.n ?></span> <?cs var:Lang.Expect.Basis ?></span><?cs elif:Data.Expect.state == "beyond" ?><?cs var:Lang.Expect.Beyond ?> <span data-expect="n"><?cs var:Data.Expect.n ?></span> <?cs var:Lang.Expect.BeyondBasis ?><?cs elif:Data.Expect.state == "paused" ?><?cs var:Lang.Expect.Paused ?><?cs else ?><?cs var:Lang.Expect.None ?><?cs /if ?></dd><?cs /if ?>
<?cs if:d.apology_reason ?><dt><?cs var:Lang.Dossier.Apology ?></dt><dd><?cs var:d.apology_reason ?></dd><?cs /if ?>
<?cs if:d.returned_at ?><dt><?cs var:Lang.Dossier.Returned ?></dt><dd><?cs var:fmt_datetime(d.returned_at) ?> · <?cs var:Lang.Channel[d.return_method] ?></dd><?cs /if ?>
</dl>
<?cs if:Data.HasAnswers ?><h2 id="answers-title"><?cs var:Lang.EForm.Answers ?><?cs if:Data.AnswersVersion ?> <span class="muted small">(<?cs var:Lang.EForm.FormVersion ?> <?cs var:Data.AnswersVersion ?>)</span><?cs /if ?></h2>
<dl class="summary-list" id="dossier-answers">
<?cs each:a = Data.Answers ?><div<?cs if:a.section ?> class="summary-section"<?cs /if ?>><dt><?cs var:a.label ?></dt><dd class="pre-line"><?cs if:a.value ?><?cs var:a.value ?><?cs else ?><?cs if:!a.section ?><span class="muted"><?cs var:Lang.EForm.NotGiven ?></span><?cs /if ?><?cs /if ?></dd></div>
<?cs /each ?></dl>
<?cs if:subcount(Data.Answers.Docs) ?><dl class="summary-list" id="dossier-slots">
<?cs each:s = Data.Answers.Docs ?><div><dt><?cs var:s.name ?></dt><dd><?cs if:subcount(s.Files) ?><?cs each:f = s.Files ?><?cs var:f.name ?><br><?cs /each ?><?cs else ?><span class="muted"><?cs var:Lang.EForm.NoFile ?></span><?cs /if ?></dd></div>
<?cs /each ?></dl><?cs /if ?>
<p><a href="/dich-vu/ho-so/<?cs var:url_escape(d.code) ?>/to-khai.pdf" id="declaration-pdf"><?cs var:Lang.EForm.Declaration ?></a></p>
<?cs /if ?>
<?cs if:subcount(Data.Supplements) ?>
<h2><?cs var:Lang.Dossier.Supplements ?></h2>
<?cs each:s = Data.Supplements ?><div class="supplement<?cs if:!s.answered_at ?> open<?cs /if ?>">
<p><strong><?cs var:fmt_datetime(s.requested_at) ?></strong><?cs if:s.answered_at ?> · <?cs var:Lang.Dossier.Answered ?> <?cs var:fmt_datetime(s.answered_at) ?><?cs else ?> · <?cs var:Lang.Dossier.Waiting ?><?cs /if ?></p>
<?cs if:s.cause ?><p class="supplement-cause"><?cs var:Lang.Dossier.CauseLabel ?>: <?cs var:Lang.Dossier.Cause[s.cause] ?></p><?cs /if ?>
<ol><?cs each:it = s.Items ?><li><?cs var:it.item ?><?cs if:it.reason ?> — <span class="muted"><?cs var:it.reason ?></span><?cs /if ?></li><?cs /each ?></ol>
<?cs if:s.note ?><p class="note"><?cs var:s.note ?></p><?cs /if ?>
</div>
<?cs /each ?>
<?cs /if ?>
<?cs if:subcount(Data.Files) ?>
<h2><?cs var:Lang.Dossier.Files ?></h2>
<ul class="files"><?cs each:f = Data.Files ?><li><a href="/dich-vu/ho-so/<?cs var:url_escape(d.code) ?>/tep/<?cs var:f.id ?>"><?cs var:f.filename ?></a> <span class="muted">(<?cs var:f.mime ?>, <?cs var:f.size ?> B, <?cs var:fmt_datetime(f.uploaded_at) ?>)</span></li>
<?cs /each ?></ul>
<?cs /if ?>
<h2><?cs var:Lang.Dossier.History ?></h2>
<ol class="timeline"><?cs each:e = Data.Events ?><li<?cs if:e.internal == 1 ?> class="internal"<?cs /if ?>>
<span class="time"><?cs var:fmt_datetime(e.at) ?></span>
<strong><?cs if:Lang.Action[e.action] ?><?cs var:Lang.Action[e.action] ?><?cs else ?><?cs var:e.action ?><?cs /if ?></strong>
→ <?cs call:status_badge(e.to_status) ?>
<?cs if:e.actor ?><span class="muted"> · <?cs var:e.actor ?></span><?cs /if ?>
<?cs if:e.note ?><p class="note"><?cs var:e.note ?></p><?cs /if ?>
</li>
<?cs /each ?></ol>
<?cs /with ?>
