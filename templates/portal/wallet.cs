<?cs # "My documents": the citizen's wallet (Data.Docs: rows of mc_wallet,
     newest first), each downloaded through its dossier, and removable. ?>
<h1><?cs var:Lang.Wallet.Title ?></h1>
<p><?cs var:Lang.Wallet.Intro ?></p>
<p><a href="/dich-vu/ho-so<?cs if:Page.Lang == "en" ?>?lang=en<?cs /if ?>" id="wallet-dossiers"><?cs var:Lang.Dossiers.Title ?></a></p>
<?cs if:Data.Count > 0 ?>
<ul class="proc-list wallet-list" id="wallet"><?cs each:d = Data.Docs ?>
<li class="wallet-doc" id="doc-<?cs var:d.sha256 ?>" data-kind="<?cs var:d.kind ?>">
<a class="wallet-file" href="/dich-vu/ho-so/<?cs var:url_escape(d.code) ?>/<?cs if:d.kind == "result" ?>ket-qua<?cs else ?>tep<?cs /if ?>/<?cs var:d.ref ?>" download><?cs var:d.filename ?></a><?cs if:d.kind == "result" ?> <span class="badge status-10"><?cs var:Lang.Wallet.Result ?></span><?cs /if ?>
<span class="meta"><?cs if:d.kind == "result" ?><?cs var:Lang.Wallet.IssuedFor ?><?cs elif:d.doc ?><?cs var:Lang.Wallet.FiledAs ?> <span class="wallet-kind"><?cs var:d.doc ?></span> ·<?cs else ?><?cs var:Lang.Wallet.FiledWith ?><?cs /if ?>
<a href="/dich-vu/ho-so/<?cs var:url_escape(d.code) ?>"><?cs var:d.code ?></a> (<?cs var:d.procedure_name ?>) · <?cs var:fmt_datetime(d.at) ?> · <?cs var:fmt_number(d.size) ?> B</span>
<form method="post" action="/dich-vu/kho-giay-to/an" class="inline-form wallet-hide"><input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>"><input type="hidden" name="tep" value="<?cs var:d.sha256 ?>"><button type="submit" class="btn btn-secondary btn-small"><?cs var:Lang.Wallet.Hide ?><span class="visually-hidden"> <?cs var:d.filename ?></span></button></form>
</li><?cs /each ?></ul>
<p class="hint"><?cs var:Lang.Wallet.HideHint ?></p>
<?cs else ?>
<p id="wallet-empty"><?cs var:Lang.Wallet.None ?></p>
<?cs /if ?>
