<?cs # The dashboards (cgi-bin/office/dashboard.c): a leader's figures of the
     agency and its subtree (by today's units or those of the time) (tiles, a table per agency, a 30-day trend, the
     most overdue agencies, satisfaction) and the officer's own queue.
     Every chart is aria-hidden with its numbers in a table beside it.
     #dash-live is what htdocs/js/dashboard.js replaces on each reload. ?>
<link rel="stylesheet" href="/static/css/office.css">
<link rel="stylesheet" href="/static/css/dashboard.css">
<script src="/static/js/dashboard.js" defer></script>
<div class="dash" id="dash" data-refresh="<?cs var:Data.Refresh ?>">
<div class="office-head">
<h1><?cs var:Lang.Dash.Title ?></h1>
<?cs if:subcount(Data.MyAgencies) > 1 || Data.Leader ?><form method="get" action="/can-bo/bang-dieu-khien" class="filters" id="dash-form"><?cs if:subcount(Data.MyAgencies) > 1 ?><div class="form-group"><label for="agency"><?cs var:Lang.Inbox.Agency ?></label>
<select id="agency" name="agency"><?cs each:a = Data.MyAgencies ?><option value="<?cs var:a.id ?>"<?cs if:a.id == Data.AgencyId ?> selected<?cs /if ?>><?cs var:a.name ?></option><?cs /each ?></select></div><?cs else ?><input type="hidden" name="agency" value="<?cs var:Data.AgencyId ?>"><?cs /if ?>
<?cs if:Data.Leader ?><?cs include:"office/units_select.cs" ?><?cs /if ?>
<input type="hidden" name="refresh" value="<?cs var:Data.Refresh ?>">
<button type="submit" class="btn btn-secondary"><?cs var:Lang.Inbox.Filter ?></button></form><?cs /if ?>
</div>
<div id="dash-live">
<p class="muted dash-updated"><?cs var:Lang.Dash.Updated ?> <time id="dash-clock" datetime="<?cs var:Data.Today ?>T<?cs var:Data.Clock ?>"><?cs var:Data.Clock ?> <?cs var:fmt_date(Data.Today) ?></time> · <?cs var:Lang.Dash.Every ?> <?cs var:Data.Refresh ?> <?cs var:Lang.Dash.Seconds ?></p>
<?cs def:tile(id, n, label, kind) ?><li class="tile<?cs if:kind ?> tile-<?cs var:kind ?><?cs /if ?>"><span class="tile-n" id="<?cs var:id ?>"><?cs var:fmt_number(n) ?></span> <span class="tile-l"><?cs if:kind ?><span class="dot dot-<?cs var:kind ?>"></span><?cs /if ?><?cs var:label ?></span></li><?cs /def ?>
<?cs if:Data.Leader ?>
<p class="muted" id="dash-units" data-units="<?cs var:Form.units ?>"><strong><?cs var:Lang.Stats.Units.Label ?>:</strong> <?cs var:Data.Units ?>.</p>
<section aria-labelledby="dash-today-h">
<h2 id="dash-today-h"><?cs var:Lang.Dash.Today ?> <?cs var:fmt_date(Data.Today) ?></h2>
<ul class="tiles">
<?cs call:tile("t-today-received", Data.Total.today_received, Lang.Dash.Received, "") ?>
<?cs call:tile("t-today-resolved", Data.Total.today_resolved, Lang.Dash.Resolved, "") ?>
<?cs call:tile("t-open", Data.Total.open, Lang.Dash.Open, "") ?>
<?cs call:tile("t-soon", Data.Total.soon, Lang.Dash.Soon, "yellow") ?>
<?cs call:tile("t-overdue", Data.Total.overdue, Lang.Dash.Overdue, "red") ?>
</ul>
</section>
<section aria-labelledby="dash-month-h">
<h2 id="dash-month-h"><?cs var:Lang.Dash.Month ?></h2>
<ul class="tiles">
<?cs call:tile("t-month-received", Data.Total.month_received, Lang.Dash.Received, "") ?>
<?cs call:tile("t-month-resolved", Data.Total.month_resolved, Lang.Dash.Resolved, "") ?>
<?cs call:tile("t-overdue-legal", Data.Total.overdue_legal, Lang.Dash.OverdueLegal, "red") ?>
<li class="tile"><span class="tile-n" id="t-sat"><?cs if:Data.Sat.pct ?><?cs var:fmt_pct(Data.Sat.pct) ?><?cs else ?>–<?cs /if ?></span> <span class="tile-l"><?cs var:Lang.Dash.Satisfied ?> (<?cs var:fmt_number(Data.Sat.ratings) ?> <?cs var:Lang.Dash.Ratings ?>)</span></li>
</ul>
</section>
<section aria-labelledby="dash-ag-h">
<h2 id="dash-ag-h"><?cs var:Lang.Dash.ByAgency ?></h2>
<?cs if:subcount(Data.Agencies) ?><div class="table-wrap"><table class="table table-stack dash-table" id="dash-agencies">
<thead><tr><th scope="col"><?cs var:Lang.Inbox.Agency ?></th><th scope="col"><?cs var:Lang.Dash.TodayReceived ?></th><th scope="col"><?cs var:Lang.Dash.TodayResolved ?></th><th scope="col"><?cs var:Lang.Dash.MonthReceived ?></th><th scope="col"><?cs var:Lang.Dash.MonthResolved ?></th><th scope="col"><?cs var:Lang.Dash.Open ?></th><th scope="col"><?cs var:Lang.Dash.Soon ?></th><th scope="col"><?cs var:Lang.Dash.Overdue ?></th></tr></thead>
<tbody><?cs each:a = Data.Agencies ?><tr data-agency="<?cs var:a.id ?>">
<th scope="row" data-label="<?cs var:Lang.Inbox.Agency ?>"><?cs var:a.name ?></th>
<td data-col="today_received" data-label="<?cs var:Lang.Dash.TodayReceived ?>"><?cs var:a.today_received ?></td>
<td data-col="today_resolved" data-label="<?cs var:Lang.Dash.TodayResolved ?>"><?cs var:a.today_resolved ?></td>
<td data-col="month_received" data-label="<?cs var:Lang.Dash.MonthReceived ?>"><?cs var:a.month_received ?></td>
<td data-col="month_resolved" data-label="<?cs var:Lang.Dash.MonthResolved ?>"><?cs var:a.month_resolved ?></td>
<td data-col="open" data-label="<?cs var:Lang.Dash.Open ?>"><?cs var:a.open ?></td>
<td data-col="soon" data-label="<?cs var:Lang.Dash.Soon ?>"><span class="dot dot-yellow"></span><?cs var:a.soon ?></td>
<td data-col="overdue" data-label="<?cs var:Lang.Dash.Overdue ?>"><span class="dot dot-red"></span><?cs var:a.overdue ?></td>
</tr><?cs /each ?></tbody></table></div><?cs else ?><p><?cs var:Lang.Dash.Nothing ?></p><?cs /if ?>
</section>
<section aria-labelledby="dash-trend-h" class="dash-chart">
<h2 id="dash-trend-h"><?cs var:Lang.Dash.Trend ?></h2>
<p class="legend" aria-hidden="true"><span class="key key-received"></span> <?cs var:Lang.Dash.Received ?> <span class="key key-resolved"></span> <?cs var:Lang.Dash.Resolved ?></p>
<svg class="trend" viewBox="0 0 670 200" aria-hidden="true" focusable="false">
<line class="axis" x1="36" y1="170" x2="645" y2="170"></line>
<text class="axis-text" x="32" y="18" text-anchor="end"><?cs var:Data.TrendMax.v ?></text>
<text class="axis-text" x="32" y="170" text-anchor="end">0</text>
<?cs each:t = Data.Trend ?><rect class="bar-received" x="<?cs var:t.x ?>" y="<?cs var:t.yr ?>" width="8" height="<?cs var:t.hr ?>"></rect><rect class="bar-resolved" x="<?cs var:#t.x + 9 ?>" y="<?cs var:t.ys ?>" width="8" height="<?cs var:t.hs ?>"></rect><?cs if:t.tick ?><text class="axis-text" x="<?cs var:#t.x + 8 ?>" y="190" text-anchor="middle"><?cs var:t.label ?></text><?cs /if ?>
<?cs /each ?></svg>
<table class="visually-hidden" id="dash-trend-table"><caption><?cs var:Lang.Dash.Trend ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.Dash.Day ?></th><th scope="col"><?cs var:Lang.Dash.Received ?></th><th scope="col"><?cs var:Lang.Dash.Resolved ?></th><th scope="col"><?cs var:Lang.Dash.Late ?></th></tr></thead>
<tbody><?cs each:t = Data.Trend ?><tr data-day="<?cs var:t.day ?>"><th scope="row"><?cs var:fmt_date(t.day) ?></th><td data-col="received"><?cs var:t.received ?></td><td data-col="resolved"><?cs var:t.resolved ?></td><td data-col="late"><?cs var:t.late ?></td></tr><?cs /each ?></tbody></table>
</section>
<section aria-labelledby="dash-top-h" class="dash-chart">
<h2 id="dash-top-h"><?cs var:Lang.Dash.Top ?></h2>
<?cs if:subcount(Data.Top) ?><svg class="top" viewBox="0 0 620 <?cs var:Data.TopH.v ?>" aria-hidden="true" focusable="false">
<?cs each:t = Data.Top ?><text class="top-name" x="0" y="<?cs var:#t.y + 19 ?>"><?cs var:t.name ?></text><rect class="bar-overdue" x="250" y="<?cs var:#t.y + 4 ?>" width="<?cs var:t.w ?>" height="22"></rect><text class="top-n" x="<?cs var:#t.w + 256 ?>" y="<?cs var:#t.y + 20 ?>"><?cs var:t.overdue ?></text>
<?cs /each ?></svg>
<table class="visually-hidden" id="dash-top-table"><caption><?cs var:Lang.Dash.Top ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.Inbox.Agency ?></th><th scope="col"><?cs var:Lang.Dash.Overdue ?></th><th scope="col"><?cs var:Lang.Dash.Open ?></th></tr></thead>
<tbody><?cs each:t = Data.Top ?><tr><th scope="row"><?cs var:t.name ?></th><td><?cs var:t.overdue ?></td><td><?cs var:t.open ?></td></tr><?cs /each ?></tbody></table>
<?cs else ?><p><?cs var:Lang.Dash.NoOverdue ?></p><?cs /if ?>
</section>
<?cs /if ?>
<section aria-labelledby="dash-me-h" id="dash-me">
<h2 id="dash-me-h"><?cs var:Lang.Dash.Mine ?></h2>
<ul class="tiles">
<?cs call:tile("me-intime", Data.Me.intime, Lang.Colour.green, "green") ?>
<?cs call:tile("me-soon", Data.Me.soon, Lang.Colour.yellow, "yellow") ?>
<?cs call:tile("me-overdue", Data.Me.overdue, Lang.Colour.red, "red") ?>
</ul>
<h3><?cs var:Lang.Dash.MyTimeliness ?></h3>
<ul class="tiles">
<?cs call:tile("me-steps", Data.Me.steps, Lang.Dash.Steps, "") ?>
<?cs call:tile("me-early", Data.Me.early, Lang.Dash.Early, "") ?>
<?cs call:tile("me-ontime", Data.Me.ontime, Lang.Dash.OnTime, "") ?>
<?cs call:tile("me-late", Data.Me.late, Lang.Dash.Late, "") ?>
<li class="tile"><span class="tile-n" id="me-pct"><?cs if:Data.Me.pct ?><?cs var:fmt_pct(Data.Me.pct) ?><?cs else ?>–<?cs /if ?></span> <span class="tile-l"><?cs var:Lang.Dash.InTimeShare ?></span></li>
</ul>
<p><a href="/can-bo/?agency=<?cs var:Data.AgencyId ?>"><?cs var:Lang.Inbox.Title ?></a></p>
</section>
</div>
</div>
