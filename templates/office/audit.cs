<?cs # The administrators' audit page (cgi-bin/office/audit.c): filters
     (Form.account, event, dossier, from, to; Form.Errors.*), Data.Events.N
     (event names), Data.Chain.{ok,rows,bad}, Data.Entries.N (mc_audit_search
     columns), Data.Older (the id to page on), Data.Query, Data.City. ?>
<h1><?cs var:Lang.Audit.Title ?></h1>
<?cs include:"partials/admin_scope.cs" ?>
<p class="lead"><?cs if:Data.City ?><?cs var:Lang.Audit.IntroCity ?><?cs else ?><?cs var:Lang.Audit.IntroAgency ?><?cs /if ?></p>
<?cs if:Data.Chain.ok == "1" ?><p class="flash flash-success" id="audit-chain" role="status"><?cs var:Lang.Audit.ChainOk ?> (<?cs var:Data.Chain.rows ?> <?cs var:Lang.Audit.Rows ?>)</p>
<?cs else ?><p class="flash flash-error" id="audit-chain" role="alert"><?cs var:Lang.Audit.ChainBroken ?> <?cs var:Data.Chain.bad ?>.</p><?cs /if ?>
<form method="get" action="/can-bo/quan-tri/nhat-ky" class="form filters" id="audit-filter" novalidate>
<div class="form-group<?cs if:Form.Errors.account ?> has-error<?cs /if ?>"><label for="account"><?cs var:Lang.Audit.Account ?></label>
<?cs if:Form.Errors.account ?><span class="error-message" id="account-error"><?cs var:Lang.Form.EmailError ?></span><?cs /if ?>
<?cs call:refused("account") ?><input id="account" name="account" type="email" value="<?cs var:Form.account ?>"<?cs if:Form.Errors.account ?> aria-invalid="true" aria-describedby="account-error"<?cs /if ?>></div>
<div class="form-group"><label for="event"><?cs var:Lang.Audit.Event ?></label>
<select id="event" name="event"><option value=""><?cs var:Lang.Audit.AnyEvent ?></option>
<?cs each:e = Data.Events ?><option value="<?cs var:e ?>"<?cs if:Form.event == e ?> selected<?cs /if ?>><?cs alt:Lang.Audit.Ev[e] ?><?cs var:e ?><?cs /alt ?></option><?cs /each ?></select></div>
<div class="form-group"><label for="dossier"><?cs var:Lang.Audit.Dossier ?></label>
<?cs call:refused("dossier") ?><input id="dossier" name="dossier" value="<?cs var:Form.dossier ?>"></div>
<div class="form-group<?cs if:Form.Errors.from ?> has-error<?cs /if ?>"><label for="from"><?cs var:Lang.Audit.From ?></label>
<input id="from" name="from" type="date" value="<?cs var:Form.from ?>"></div>
<div class="form-group<?cs if:Form.Errors.to ?> has-error<?cs /if ?>"><label for="to"><?cs var:Lang.Audit.To ?></label>
<input id="to" name="to" type="date" value="<?cs var:Form.to ?>"></div>
<button type="submit" class="btn"><?cs var:Lang.Audit.Filter ?></button>
</form>
<p><a id="audit-csv" href="/can-bo/quan-tri/nhat-ky.csv?<?cs var:Data.Query ?>" download><?cs var:Lang.Audit.Csv ?></a></p>
<?cs if:subcount(Data.Entries) ?><div class="table-wrap"><table class="table table-stack" id="audit-entries">
<thead><tr><th scope="col"><?cs var:Lang.Audit.At ?></th><th scope="col"><?cs var:Lang.Audit.Event ?></th><th scope="col"><?cs var:Lang.Audit.Account ?></th><th scope="col"><?cs var:Lang.Audit.Dossier ?></th><th scope="col"><?cs var:Lang.Audit.Agency ?></th><th scope="col"><?cs var:Lang.Audit.Subject ?></th></tr></thead>
<tbody><?cs each:x = Data.Entries ?><tr id="audit-<?cs var:x.id ?>">
<td data-label="<?cs var:Lang.Audit.At ?>"><?cs var:fmt_datetime(x.at) ?></td>
<td data-label="<?cs var:Lang.Audit.Event ?>"><?cs alt:Lang.Audit.Ev[x.event] ?><?cs var:x.event ?><?cs /alt ?></td>
<td data-label="<?cs var:Lang.Audit.Account ?>"><?cs var:x.account ?><?cs if:x.actor ?> (<?cs var:Lang.Audit.By ?> <?cs var:x.actor ?>)<?cs /if ?></td>
<td data-label="<?cs var:Lang.Audit.Dossier ?>"><?cs if:x.dossier ?><a href="/can-bo/ho-so/<?cs var:url_escape(x.dossier) ?>"><?cs var:x.dossier ?></a><?cs /if ?></td>
<td data-label="<?cs var:Lang.Audit.Agency ?>"><?cs var:x.agency ?><?cs if:x.role ?> · <?cs alt:Lang.Role[x.role] ?><?cs var:x.role ?><?cs /alt ?><?cs /if ?></td>
<td data-label="<?cs var:Lang.Audit.Subject ?>"><?cs var:x.subject ?><?cs if:x.subject && x.address ?> · <?cs /if ?><?cs var:x.address ?></td>
</tr><?cs /each ?></tbody></table></div>
<?cs else ?><p id="audit-none"><?cs var:Lang.Audit.None ?></p><?cs /if ?>
<?cs if:Data.Older ?><p><a id="audit-older" href="/can-bo/quan-tri/nhat-ky?<?cs var:Data.Query ?><?cs if:Data.Query ?>&amp;<?cs /if ?>before=<?cs var:Data.Older ?>"><?cs var:Lang.Audit.Older ?></a></p><?cs /if ?>
