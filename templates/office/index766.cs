<?cs # Decision 766's national index (issues 10 and 11): per agency of the
     reader's scope and period, the five parts and the total, sortable by
     each; the criteria of each agency, the exports and the methodology. ?>
<link rel="stylesheet" href="/static/css/office.css">
<link rel="stylesheet" href="/static/css/reports.css">
<h1><?cs var:Lang.I766.Title ?></h1>
<p class="muted"><?cs var:Lang.I766.Intro ?> <a href="#method"><?cs var:Lang.I766.Method.Title ?></a></p>
<form method="get" action="/can-bo/thong-ke/chi-so-766" class="filters no-print" id="i766-form" novalidate>
<div class="form-group"><label for="from"><?cs var:Lang.Stats.From ?></label>
<input type="date" id="from" name="from" value="<?cs var:Form.from ?>"<?cs if:Form.Errors.from ?> aria-invalid="true" aria-describedby="from-err"<?cs /if ?>>
<?cs if:Form.Errors.from ?><p class="field-error" id="from-err"><?cs var:Form.Errors.from ?></p><?cs /if ?></div>
<div class="form-group"><label for="to"><?cs var:Lang.Stats.To ?></label>
<input type="date" id="to" name="to" value="<?cs var:Form.to ?>"<?cs if:Form.Errors.to ?> aria-invalid="true" aria-describedby="to-err"<?cs /if ?>>
<?cs if:Form.Errors.to ?><p class="field-error" id="to-err"><?cs var:Form.Errors.to ?></p><?cs /if ?></div>
<div class="form-group"><label for="agency"><?cs var:Lang.Stats.Agency ?></label>
<select id="agency" name="agency"><?cs each:a = Data.MyAgencies ?><option value="<?cs var:a.id ?>"<?cs if:a.id == Form.agency ?> selected<?cs /if ?>><?cs var:a.name ?></option><?cs /each ?></select></div>
<input type="hidden" name="sort" value="<?cs var:Form.sort ?>"><input type="hidden" name="dir" value="<?cs var:Form.dir ?>">
<button type="submit" class="btn"><?cs var:Lang.Reports.Show ?></button>
</form>
<?cs if:!Form.Errors.from && !Form.Errors.to ?>
<p class="stats-scope" id="i766-scope"><strong><?cs var:Lang.Stats.Scope ?>:</strong> <?cs var:Data.Scope ?>. <strong><?cs var:Lang.Stats.Period ?>:</strong> <?cs var:Data.Period ?>.</p>
<p class="stats-exports no-print"><?cs var:Lang.Stats.Export ?>:
<a id="export-csv" href="/can-bo/thong-ke/chi-so-766/xuat/csv?<?cs var:Data.Query ?>&amp;sort=<?cs var:url_escape(Form.sort) ?>&amp;dir=<?cs var:url_escape(Form.dir) ?>">CSV</a> ·
<a id="export-xlsx" href="/can-bo/thong-ke/chi-so-766/xuat/xlsx?<?cs var:Data.Query ?>&amp;sort=<?cs var:url_escape(Form.sort) ?>&amp;dir=<?cs var:url_escape(Form.dir) ?>">Excel</a> ·
<a id="export-docx" href="/can-bo/thong-ke/chi-so-766/xuat/docx?<?cs var:Data.Query ?>&amp;sort=<?cs var:url_escape(Form.sort) ?>&amp;dir=<?cs var:url_escape(Form.dir) ?>">Word</a> ·
<a id="export-pdf" href="/can-bo/thong-ke/chi-so-766/xuat/pdf?<?cs var:Data.Query ?>&amp;sort=<?cs var:url_escape(Form.sort) ?>&amp;dir=<?cs var:url_escape(Form.dir) ?>">PDF</a></p>
<?cs if:subcount(Data.Rows) == 0 ?><p id="i766-empty"><?cs var:Lang.I766.Empty ?></p><?cs else ?>
<div class="table-wrap"><table class="table table-stack stats" id="i766">
<caption><?cs var:Lang.I766.Title ?> — <?cs var:Data.Scope ?> — <?cs var:Data.Period ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.I766.Agency ?></th>
<?cs each:p = Lang.I766.Part ?><th scope="col"<?cs if:Form.sort == name(p) ?> aria-sort="<?cs if:Form.dir == "asc" ?>ascending<?cs else ?>descending<?cs /if ?>"<?cs /if ?>><a class="sort" id="sort-<?cs name:p ?>" href="/can-bo/thong-ke/chi-so-766?<?cs var:Data.Query ?>&amp;sort=<?cs name:p ?>&amp;dir=<?cs if:Form.sort == name(p) && Form.dir == "desc" ?>asc<?cs else ?>desc<?cs /if ?>"><?cs var:p ?> (<?cs var:Data.Parts[name(p)].max ?>)</a></th><?cs /each ?>
<th scope="col"<?cs if:Form.sort == "total" ?> aria-sort="<?cs if:Form.dir == "asc" ?>ascending<?cs else ?>descending<?cs /if ?>"<?cs /if ?>><a class="sort" id="sort-total" href="/can-bo/thong-ke/chi-so-766?<?cs var:Data.Query ?>&amp;sort=total&amp;dir=<?cs if:Form.sort == "total" && Form.dir == "desc" ?>asc<?cs else ?>desc<?cs /if ?>"><?cs var:Lang.I766.Total ?></a></th></tr></thead>
<tbody><?cs each:row = Data.Rows ?><tr data-agency="<?cs var:row.agency ?>">
<th scope="row" data-label="<?cs var:Lang.I766.Agency ?>"><?cs var:row.name ?><?cs if:row.total == "—" ?><br><span class="muted"><?cs var:Lang.I766.NoIndex ?></span><?cs /if ?>
<details><summary><?cs var:Lang.I766.Details ?></summary><ul class="i766-subs"><?cs each:s = Data.Subs ?><li data-sub="<?cs var:s.name ?>"><?cs var:Lang.I766.Sub[s.name].name ?>: <?cs var:row.sub[s.name] ?> / <?cs var:s.max ?></li><?cs /each ?></ul></details></th>
<?cs each:p = Lang.I766.Part ?><td data-label="<?cs var:p ?>" data-col="<?cs name:p ?>"><?cs var:row.part[name(p)] ?></td><?cs /each ?>
<td data-label="<?cs var:Lang.I766.Total ?>" data-col="total"><strong><?cs var:row.total ?></strong></td>
</tr><?cs /each ?></tbody></table></div><?cs /if ?>
<?cs /if ?>
<h2 id="method"><?cs var:Lang.I766.Method.Title ?></h2>
<p><?cs var:Lang.I766.Method.Source ?></p>
<p><?cs var:Lang.I766.Method.Ours ?></p>
<p><?cs var:Lang.I766.Method.Rule ?></p>
<div class="table-wrap"><table class="table table-stack" id="i766-method">
<thead><tr><th scope="col"><?cs var:Lang.I766.Method.Col.part ?></th><th scope="col"><?cs var:Lang.I766.Method.Col.sub ?></th><th scope="col"><?cs var:Lang.I766.Method.Col.max ?></th><th scope="col"><?cs var:Lang.I766.Method.Col.formula ?></th></tr></thead>
<tbody><?cs each:s = Data.Subs ?><tr>
<td data-label="<?cs var:Lang.I766.Method.Col.part ?>"><?cs var:Lang.I766.Part[s.part] ?> (<?cs var:Data.Parts[s.part].max ?>)</td>
<th scope="row" data-label="<?cs var:Lang.I766.Method.Col.sub ?>"><?cs var:Lang.I766.Sub[s.name].name ?></th>
<td data-label="<?cs var:Lang.I766.Method.Col.max ?>"><?cs var:s.max ?></td>
<td data-label="<?cs var:Lang.I766.Method.Col.formula ?>"><?cs var:Lang.I766.Sub[s.name].formula ?></td>
</tr><?cs /each ?></tbody></table></div>
