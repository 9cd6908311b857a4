<?cs # The tracking book (form 06 of Circular 01/2018): one line per dossier
     received by the agency (and its subtree) in the period, of a field;
     keyset pages; CSV, Excel, form 06 as PDF; printable. ?>
<?cs include:"office/reports_filters.cs" ?>
<?cs if:!Form.Errors.from && !Form.Errors.to ?>
<?cs if:subcount(Data.Book) ?>
<div class="table-wrap"><table class="table table-stack register" id="book">
<caption><?cs var:Lang.Book.Title ?> — <?cs var:Data.Scope ?> — <?cs var:Data.Period ?></caption>
<thead><tr><?cs each:c = Data.Cols ?><th scope="col"><?cs var:c.title ?></th><?cs /each ?></tr></thead>
<tbody><?cs each:b = Data.Book ?><tr data-code="<?cs var:b.code ?>">
<?cs each:c = Data.Cols ?><td data-label="<?cs var:c.title ?>" data-col="<?cs var:c.key ?>"><?cs if:c.key == "code" ?><a href="/can-bo/ho-so/<?cs var:url_escape(b.code) ?>"><?cs var:b.code ?></a><?cs else ?><?cs var:b[c.key] ?><?cs /if ?></td><?cs /each ?>
</tr><?cs /each ?></tbody></table></div>
<?cs include:"office/reports_pager.cs" ?>
<?cs else ?><p><?cs var:Lang.Book.Empty ?></p><?cs /if ?>
<?cs /if ?>
