<?cs # The registers' common head (issue 11): the filter form (period,
     agency within the reader's scope, field, unit view), the scope and period the
     page shows, the links between the reports and the downloads (CSV,
     Excel, Word, PDF; the book's form 06 too; with Data.ExportJob, Excel,
     Word and PDF are forms each queuing a background export, beside a link to "my exports"). The page sets Data.Action
     (its address) and Data.Export (its export prefix). ?>
<link rel="stylesheet" href="/static/css/office.css">
<link rel="stylesheet" href="/static/css/reports.css">
<nav class="report-nav no-print" aria-label="<?cs var:Lang.Reports.Nav ?>"><ul>
<?cs if:Data.CanStats ?><li><a id="nav-stats" href="/can-bo/thong-ke?agency=<?cs var:Form.agency ?>&amp;field=<?cs var:Form.field ?>&amp;from=<?cs var:url_escape(Form.from) ?>&amp;to=<?cs var:url_escape(Form.to) ?>&amp;units=<?cs var:url_escape(Form.units) ?>"><?cs var:Lang.Reports.Stats ?></a></li><?cs /if ?>
<li><a id="nav-book" href="/can-bo/so-theo-doi?agency=<?cs var:Form.agency ?>&amp;field=<?cs var:Form.field ?>&amp;from=<?cs var:url_escape(Form.from) ?>&amp;to=<?cs var:url_escape(Form.to) ?>&amp;units=<?cs var:url_escape(Form.units) ?>"<?cs if:Data.Action == "/can-bo/so-theo-doi" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.Reports.Link.book ?></a></li>
<li><a id="nav-late" href="/can-bo/thong-ke/tre-han?agency=<?cs var:Form.agency ?>&amp;field=<?cs var:Form.field ?>&amp;from=<?cs var:url_escape(Form.from) ?>&amp;to=<?cs var:url_escape(Form.to) ?>&amp;units=<?cs var:url_escape(Form.units) ?>"<?cs if:Data.Action == "/can-bo/thong-ke/tre-han" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.Reports.Link.late ?></a></li>
<li><a id="nav-officers" href="/can-bo/thong-ke/can-bo?agency=<?cs var:Form.agency ?>&amp;field=<?cs var:Form.field ?>&amp;from=<?cs var:url_escape(Form.from) ?>&amp;to=<?cs var:url_escape(Form.to) ?>&amp;units=<?cs var:url_escape(Form.units) ?>"<?cs if:Data.Action == "/can-bo/thong-ke/can-bo" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.Reports.Link.officers ?></a></li>
</ul></nav>
<h1><?cs var:Page.Title ?></h1>
<form method="get" action="<?cs var:Data.Action ?>" class="filters no-print" id="report-form" novalidate>
<div class="form-group"><label for="from"><?cs var:Lang.Stats.From ?></label>
<input type="date" id="from" name="from" value="<?cs var:Form.from ?>"<?cs if:Form.Errors.from ?> aria-invalid="true" aria-describedby="from-err"<?cs /if ?>>
<?cs if:Form.Errors.from ?><p class="field-error" id="from-err"><?cs var:Form.Errors.from ?></p><?cs /if ?></div>
<div class="form-group"><label for="to"><?cs var:Lang.Stats.To ?></label>
<input type="date" id="to" name="to" value="<?cs var:Form.to ?>"<?cs if:Form.Errors.to ?> aria-invalid="true" aria-describedby="to-err"<?cs /if ?>>
<?cs if:Form.Errors.to ?><p class="field-error" id="to-err"><?cs var:Form.Errors.to ?></p><?cs /if ?></div>
<div class="form-group"><label for="agency"><?cs var:Lang.Stats.Agency ?></label>
<select id="agency" name="agency"><?cs each:a = Data.MyAgencies ?><option value="<?cs var:a.id ?>"<?cs if:a.id == Form.agency ?> selected<?cs /if ?>><?cs var:a.name ?></option><?cs /each ?></select></div>
<?cs if:!Data.NoField ?><div class="form-group"><label for="field"><?cs var:Lang.Stats.Field ?></label>
<select id="field" name="field"><option value="0"><?cs var:Lang.Stats.All ?></option><?cs each:f = Data.Fields ?><option value="<?cs var:f.id ?>"<?cs if:f.id == Form.field ?> selected<?cs /if ?>><?cs if:Page.Lang == "en" ?><?cs var:f.name_en ?><?cs else ?><?cs var:f.name ?><?cs /if ?></option><?cs /each ?></select></div><?cs /if ?>
<?cs include:"office/units_select.cs" ?>
<button type="submit" class="btn"><?cs var:Lang.Reports.Show ?></button>
</form>
<?cs if:!Form.Errors.from && !Form.Errors.to ?>
<p class="stats-scope" id="report-scope"><strong><?cs var:Lang.Stats.Scope ?>:</strong> <?cs var:Data.Scope ?>. <strong><?cs var:Lang.Stats.Period ?>:</strong> <?cs var:Data.Period ?>. <strong><?cs var:Lang.Stats.Units.Label ?>:</strong> <span id="report-units" data-units="<?cs var:Form.units ?>"><?cs var:Data.Units ?></span>.</p>
<p class="stats-exports no-print"><?cs var:Lang.Stats.Export ?>:
<a id="export-csv" href="<?cs var:Data.Export ?>/csv?<?cs var:Data.Query ?>">CSV</a> ·
<?cs if:Data.ExportJob ?><form method="post" action="<?cs var:Data.Export ?>/xlsx?<?cs var:Data.Query ?>" class="inline-form"><input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>"><button type="submit" class="link-button" id="export-xlsx" title="<?cs var:Lang.Exports.Background ?>">Excel</button></form><?cs else ?><a id="export-xlsx" href="<?cs var:Data.Export ?>/xlsx?<?cs var:Data.Query ?>">Excel</a><?cs /if ?> ·
<?cs if:Data.ExportJob ?><form method="post" action="<?cs var:Data.Export ?>/docx?<?cs var:Data.Query ?>" class="inline-form"><input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>"><button type="submit" class="link-button" id="export-docx" title="<?cs var:Lang.Exports.Background ?>">Word</button></form> ·
<form method="post" action="<?cs var:Data.Export ?>/pdf?<?cs var:Data.Query ?>" class="inline-form"><input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>"><button type="submit" class="link-button" id="export-pdf" title="<?cs var:Lang.Exports.Background ?>">PDF</button></form><?cs else ?><a id="export-docx" href="<?cs var:Data.Export ?>/docx?<?cs var:Data.Query ?>">Word</a> ·
<a id="export-pdf" href="<?cs var:Data.Export ?>/pdf?<?cs var:Data.Query ?>">PDF</a><?cs /if ?><?cs if:Data.Pdf ?> ·
<a id="export-form06" href="<?cs var:Data.Action ?>?<?cs var:Data.Query ?>&amp;pdf=1"><?cs var:Lang.Book.Pdf ?></a><?cs /if ?>
<span class="muted"> · <?cs var:Lang.Reports.Print ?></span><?cs if:Data.ExportJob ?> · <a id="my-exports" href="/can-bo/tep-xuat"><?cs var:Lang.Exports.Title ?></a><?cs /if ?></p>
<?cs /if ?>
