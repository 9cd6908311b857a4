<?cs # The agency picker of an administrator in several agencies
     (cgi-bin/office/audit.c office_admin_scope): Data.Places.N.{id,name},
     Form.noi the one shown; posts nothing, reloads the page with ?noi=. ?><?cs
if:subcount(Data.Places) > 1 ?><form method="get" action="<?cs var:Page.Path ?>" class="form form-inline" id="admin-scope">
<label for="noi"><?cs var:Lang.Accounts.Scope ?></label>
<select id="noi" name="noi"><?cs each:pl = Data.Places ?><option value="<?cs var:pl.id ?>"<?cs if:pl.id == Form.noi ?> selected<?cs /if ?>><?cs var:pl.name ?></option><?cs /each ?></select>
<button type="submit" class="btn btn-secondary"><?cs var:Lang.Accounts.ScopeShow ?></button>
</form>
<?cs /if ?>