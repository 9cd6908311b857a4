<?cs # The late dossiers of a period with their apologies (form 04): how
     many working days late, whether an apology was issued and the new
     date; keyset pages; CSV and Excel; printable. ?>
<?cs include:"office/reports_filters.cs" ?>
<?cs if:!Form.Errors.from && !Form.Errors.to ?>
<p class="late-counts" id="late-counts"><?cs var:Lang.Reports.Late.Count ?>: <strong data-count="late"><?cs var:Data.Late ?></strong> · <?cs var:Lang.Reports.Late.WithApology ?>: <strong data-count="apologies"><?cs var:Data.Apologies ?></strong></p>
<p class="muted"><?cs var:Lang.Reports.Late.Intro ?></p>
<?cs if:subcount(Data.Rows) ?>
<div class="table-wrap"><table class="table table-stack register" id="late">
<caption><?cs var:Page.Title ?> — <?cs var:Data.Scope ?> — <?cs var:Data.Period ?></caption>
<thead><tr><?cs each:c = Data.Cols ?><th scope="col"><?cs var:c.title ?></th><?cs /each ?></tr></thead>
<tbody><?cs each:b = Data.Rows ?><tr data-code="<?cs var:b.code ?>"<?cs if:b.open ?> class="row-red"<?cs /if ?>>
<?cs each:c = Data.Cols ?><td data-label="<?cs var:c.title ?>" data-col="<?cs var:c.key ?>"><?cs if:c.key == "code" ?><a href="/can-bo/ho-so/<?cs var:url_escape(b.code) ?>"><?cs var:b.code ?></a><?cs else ?><?cs var:b[c.key] ?><?cs /if ?></td><?cs /each ?>
</tr><?cs /each ?></tbody></table></div>
<?cs include:"office/reports_pager.cs" ?>
<?cs else ?><p><?cs var:Lang.Reports.Late.Empty ?></p><?cs /if ?>
<?cs /if ?>
