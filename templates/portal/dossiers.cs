<?cs # A citizen's own dossiers, newest first. ?>
<h1><?cs var:Lang.Dossiers.Title ?></h1>
<?cs if:Data.Contacts.EmailNew || Data.Contacts.PhoneNew ?><div class="flash" role="status" id="contacts-note"><strong><?cs var:Lang.Verify.NoteTitle ?>.</strong> <?cs if:Data.Contacts.EmailNew ?><?cs var:Lang.Verify.NoteEmail ?> <?cs /if ?><?cs if:Data.Contacts.PhoneNew ?><?cs var:Lang.Verify.NotePhone ?> <?cs /if ?><a href="/dich-vu/tai-khoan#contacts"><?cs var:Lang.Verify.NoteLink ?></a></div><?cs /if ?>
<p><a href="/dich-vu/phan-anh<?cs if:Page.Lang == "en" ?>?lang=en<?cs /if ?>"><?cs var:Lang.Feedback.MineTitle ?></a></p>
<p><a href="/dich-vu/kho-giay-to<?cs if:Page.Lang == "en" ?>?lang=en<?cs /if ?>" id="wallet-link"><?cs var:Lang.Wallet.Title ?></a></p>
<?cs if:subcount(Data.Drafts) ?><h2 id="drafts-title"><?cs var:Lang.EForm.Drafts ?></h2>
<ul class="proc-list" id="drafts"><?cs each:d = Data.Drafts ?><li>
<a href="/dich-vu/nop-ho-so/<?cs var:url_escape(d.code) ?>?nhap=<?cs var:d.id ?>"><?cs var:d.name ?></a>
<span class="meta"><?cs if:d.missing > 0 ?><?cs var:d.missing ?> <?cs var:Lang.EForm.DraftMissing ?><?cs else ?><?cs var:Lang.EForm.DraftComplete ?><?cs /if ?> · <?cs var:Lang.EForm.DraftUpdated ?> <?cs var:fmt_datetime(d.updated_at) ?> · <?cs var:Lang.EForm.DraftExpires ?> <?cs var:fmt_date(d.expires_at) ?></span>
<form method="post" action="/dich-vu/ban-nhap/<?cs var:d.id ?>/xoa" class="inline-form"><input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>"><button type="submit" class="btn btn-secondary btn-small"><?cs var:Lang.EForm.DraftDelete ?><span class="visually-hidden"> <?cs var:d.name ?></span></button></form>
</li><?cs /each ?></ul>
<h2><?cs var:Lang.EForm.Sent ?></h2><?cs /if ?>
<?cs if:subcount(Data.Dossiers) ?>
<div class="table-wrap">
<table class="table">
<thead><tr><th scope="col"><?cs var:Lang.Dossier.Code ?></th><th scope="col"><?cs var:Lang.Dossier.Procedure ?></th><th scope="col"><?cs var:Lang.Dossier.Submitted ?></th><th scope="col"><?cs var:Lang.Dossier.Status ?></th></tr></thead>
<tbody>
<?cs each:d = Data.Dossiers ?><tr>
<td><a href="/dich-vu/ho-so/<?cs var:url_escape(d.code) ?>"><?cs var:d.code ?></a></td>
<td><?cs var:d.procedure_name ?><br><span class="muted"><?cs var:d.agency_name ?></span><br><span class="muted applicant"><?cs var:d.applicant_name ?> · <?cs var:d.applicant_id_number ?></span></td>
<td><?cs var:fmt_datetime(d.submitted_at) ?></td>
<td><?cs call:status_badge(d.status) ?></td>
</tr>
<?cs /each ?></tbody>
</table>
</div>
<?cs else ?>
<p><?cs var:Lang.Dossiers.None ?> <a href="/thu-tuc/"><?cs var:Lang.Dossiers.Browse ?></a></p>
<?cs /if ?>
