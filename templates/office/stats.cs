<?cs # The statistics report for leaders (issue 11): filters, the table from
     the summary tables, drill-down links and the exports. ?>
<link rel="stylesheet" href="/static/css/office.css">
<link rel="stylesheet" href="/static/css/reports.css">
<h1><?cs var:Lang.Stats.Title ?></h1>
<nav class="report-nav" aria-label="<?cs var:Lang.Reports.Nav ?>"><ul>
<li><a id="nav-book" href="/can-bo/so-theo-doi?agency=<?cs var:Form.agency ?>&amp;field=<?cs var:Form.field ?>&amp;from=<?cs var:url_escape(Form.from) ?>&amp;to=<?cs var:url_escape(Form.to) ?>&amp;units=<?cs var:url_escape(Form.units) ?>"><?cs var:Lang.Reports.Link.book ?></a></li>
<li><a id="nav-late" href="/can-bo/thong-ke/tre-han?agency=<?cs var:Form.agency ?>&amp;field=<?cs var:Form.field ?>&amp;from=<?cs var:url_escape(Form.from) ?>&amp;to=<?cs var:url_escape(Form.to) ?>&amp;units=<?cs var:url_escape(Form.units) ?>"><?cs var:Lang.Reports.Link.late ?></a></li>
<li><a id="nav-officers" href="/can-bo/thong-ke/can-bo?agency=<?cs var:Form.agency ?>&amp;field=<?cs var:Form.field ?>&amp;from=<?cs var:url_escape(Form.from) ?>&amp;to=<?cs var:url_escape(Form.to) ?>&amp;units=<?cs var:url_escape(Form.units) ?>"><?cs var:Lang.Reports.Link.officers ?></a></li>
<li><a id="nav-766" href="/can-bo/thong-ke/chi-so-766?agency=<?cs var:Form.agency ?>&amp;from=<?cs var:url_escape(Form.from) ?>&amp;to=<?cs var:url_escape(Form.to) ?>"><?cs var:Lang.I766.Title ?></a></li>
</ul></nav>
<form method="get" action="/can-bo/thong-ke" class="filters" id="stats-form" novalidate>
<div class="form-group"><label for="from"><?cs var:Lang.Stats.From ?></label>
<input type="date" id="from" name="from" value="<?cs var:Form.from ?>"<?cs if:Form.Errors.from ?> aria-invalid="true" aria-describedby="from-err"<?cs /if ?>>
<?cs if:Form.Errors.from ?><p class="field-error" id="from-err"><?cs var:Form.Errors.from ?></p><?cs /if ?></div>
<div class="form-group"><label for="to"><?cs var:Lang.Stats.To ?></label>
<input type="date" id="to" name="to" value="<?cs var:Form.to ?>"<?cs if:Form.Errors.to ?> aria-invalid="true" aria-describedby="to-err"<?cs /if ?>>
<?cs if:Form.Errors.to ?><p class="field-error" id="to-err"><?cs var:Form.Errors.to ?></p><?cs /if ?></div>
<div class="form-group"><label for="agency"><?cs var:Lang.Stats.Agency ?></label>
<select id="agency" name="agency"><?cs each:a = Data.MyAgencies ?><option value="<?cs var:a.id ?>"<?cs if:a.id == Form.agency ?> selected<?cs /if ?>><?cs var:a.name ?></option><?cs /each ?><?cs if:Form.agency && !Data.AgencyListed ?><?cs /if ?></select></div>
<div class="form-group"><label for="field"><?cs var:Lang.Stats.Field ?></label>
<select id="field" name="field"><option value="0"><?cs var:Lang.Stats.All ?></option><?cs each:f = Data.Fields ?><option value="<?cs var:f.id ?>"<?cs if:f.id == Form.field ?> selected<?cs /if ?>><?cs if:Page.Lang == "en" ?><?cs var:f.name_en ?><?cs else ?><?cs var:f.name ?><?cs /if ?></option><?cs /each ?></select></div>
<div class="form-group"><label for="channel"><?cs var:Lang.Stats.Channel ?></label>
<select id="channel" name="channel"><option value="0"><?cs var:Lang.Stats.All ?></option><?cs loop:c = 1, 3, 1 ?><option value="<?cs var:c ?>"<?cs if:c == Form.channel ?> selected<?cs /if ?>><?cs var:Lang.Channel[c] ?></option><?cs /loop ?></select></div>
<div class="form-group"><label for="by"><?cs var:Lang.Stats.GroupBy ?></label>
<select id="by" name="by"><?cs each:b = Lang.Stats.By ?><option value="<?cs name:b ?>"<?cs if:name(b) == Form.by ?> selected<?cs /if ?>><?cs var:b ?></option><?cs /each ?></select></div>
<?cs include:"office/units_select.cs" ?>
<?cs if:Form.procedure ?><input type="hidden" name="procedure" value="<?cs var:Form.procedure ?>"><?cs /if ?>
<button type="submit" class="btn"><?cs var:Lang.Stats.Show ?></button>
</form>
<?cs if:!Form.Errors.from && !Form.Errors.to ?>
<p class="stats-scope" id="stats-scope"><strong><?cs var:Lang.Stats.Scope ?>:</strong> <?cs var:Data.Scope ?>. <strong><?cs var:Lang.Stats.Period ?>:</strong> <?cs var:Data.Period ?>. <strong><?cs var:Lang.Stats.Units.Label ?>:</strong> <span id="stats-units" data-units="<?cs var:Form.units ?>"><?cs var:Data.Units ?></span>.</p>
<p class="stats-exports"><?cs var:Lang.Stats.Export ?>:
<a id="export-xlsx" href="/can-bo/thong-ke/xuat/xlsx?<?cs var:Data.Query ?>&amp;by=<?cs var:url_escape(Form.by) ?>">Excel</a> ·
<a id="export-docx" href="/can-bo/thong-ke/xuat/docx?<?cs var:Data.Query ?>&amp;by=<?cs var:url_escape(Form.by) ?>">Word</a> ·
<a id="export-pdf" href="/can-bo/thong-ke/xuat/pdf?<?cs var:Data.Query ?>&amp;by=<?cs var:url_escape(Form.by) ?>">PDF</a> ·
<a id="export-csv" href="/can-bo/thong-ke/xuat/csv?<?cs var:Data.Query ?>&amp;by=<?cs var:url_escape(Form.by) ?>">CSV</a></p>
<div class="table-wrap"><table class="table table-stack stats" id="stats">
<caption><?cs var:Lang.Stats.Title ?> — <?cs var:Data.Scope ?> — <?cs var:Data.Period ?> — <?cs var:Data.Units ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.Stats.By[Form.by] ?></th><?cs each:c = Data.Cols ?><th scope="col"><?cs var:c.title ?></th><?cs /each ?></tr></thead>
<tbody><?cs each:row = Data.Rows ?><tr data-key="<?cs var:row.key ?>">
<th scope="row" data-label="<?cs var:Lang.Stats.By[Form.by] ?>"><?cs if:Form.by == "agency" ?><a href="/can-bo/thong-ke?from=<?cs var:url_escape(Form.from) ?>&amp;to=<?cs var:url_escape(Form.to) ?>&amp;agency=<?cs var:row.key ?>&amp;field=<?cs var:Form.field ?>&amp;channel=<?cs var:Form.channel ?>&amp;units=<?cs var:url_escape(Form.units) ?>&amp;by=procedure"><?cs var:row.name ?></a><?cs elif:Form.by == "procedure" ?><a href="/can-bo/thong-ke?from=<?cs var:url_escape(Form.from) ?>&amp;to=<?cs var:url_escape(Form.to) ?>&amp;agency=<?cs var:Form.agency ?>&amp;procedure=<?cs var:row.key ?>&amp;channel=<?cs var:Form.channel ?>&amp;by=month"><?cs var:row.name ?></a><?cs else ?><?cs var:row.name ?><?cs /if ?></th>
<?cs each:c = Data.Cols ?><td data-label="<?cs var:c.title ?>" data-col="<?cs var:c.name ?>"><?cs if:c.drill && row.v[c.name] != "0" && (Form.by == "procedure" || Form.by == "channel") ?><a href="/can-bo/thong-ke/ho-so?<?cs var:Data.Query ?>&amp;metric=<?cs var:c.drill ?><?cs if:Form.by == "procedure" ?>&amp;procedure=<?cs var:row.key ?><?cs else ?>&amp;channel=<?cs var:row.key ?><?cs /if ?>"><?cs var:row.v[c.name] ?></a><?cs else ?><?cs var:row.v[c.name] ?><?cs /if ?></td><?cs /each ?>
</tr><?cs /each ?></tbody>
<tfoot><tr class="total"><th scope="row"><?cs var:Lang.Stats.Total ?></th><?cs each:c = Data.Cols ?><td data-label="<?cs var:c.title ?>" data-col="<?cs var:c.name ?>"><?cs if:c.drill && Data.Total.v[c.name] != "0" ?><a href="/can-bo/thong-ke/ho-so?<?cs var:Data.Query ?>&amp;metric=<?cs var:c.drill ?>"><?cs var:Data.Total.v[c.name] ?></a><?cs else ?><?cs var:Data.Total.v[c.name] ?><?cs /if ?></td><?cs /each ?></tr></tfoot>
</table></div>
<p class="muted"><?cs var:Lang.Stats.Note ?></p>
<h2 id="pending-title"><?cs var:Lang.Stats.Pending.Title ?></h2>
<p class="muted"><?cs var:Lang.Stats.Pending.Note ?></p>
<div class="table-wrap"><table class="table table-stack" id="pending" aria-labelledby="pending-title">
<thead><tr><th scope="col"><?cs var:Lang.Stats.Pending.Day ?></th><th scope="col"><?cs var:Lang.Stats.Col.pending ?></th><th scope="col"><?cs var:Lang.Stats.Col.pending_intime ?></th><th scope="col"><?cs var:Lang.Stats.Col.pending_overdue ?></th></tr></thead>
<tbody><?cs each:p = Data.Pending ?><tr data-day="<?cs var:p.day ?>">
<th scope="row" data-label="<?cs var:Lang.Stats.Pending.Day ?>"><a href="/can-bo/thong-ke?from=<?cs var:url_escape(p.from) ?>&amp;to=<?cs var:url_escape(p.day) ?>&amp;<?cs var:Data.ScopeQuery ?>&amp;units=<?cs var:url_escape(Form.units) ?>&amp;by=<?cs var:url_escape(Form.by) ?>"><?cs var:fmt_date(p.day) ?></a></th>
<td data-label="<?cs var:Lang.Stats.Col.pending ?>" data-col="pending"><?cs var:p.pending ?></td>
<td data-label="<?cs var:Lang.Stats.Col.pending_intime ?>" data-col="pending_intime"><?cs var:p.intime ?></td>
<td data-label="<?cs var:Lang.Stats.Col.pending_overdue ?>" data-col="pending_overdue"><?cs var:p.overdue ?></td>
</tr><?cs /each ?></tbody></table></div>
<?cs /if ?>
