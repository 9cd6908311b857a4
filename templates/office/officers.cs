<?cs # Each officer's workload now and timeliness in the period: all the
     agency's officers for its leaders, the reader's own line otherwise;
     a line an officer and unit by the units of the time. ?>
<?cs include:"office/reports_filters.cs" ?>
<?cs if:!Form.Errors.from && !Form.Errors.to ?>
<p class="muted"><?cs var:Lang.Reports.Officers.Intro ?><?cs if:!Data.All ?> <strong id="own-line"><?cs var:Lang.Reports.Officers.Own ?></strong><?cs /if ?></p>
<?cs if:subcount(Data.Rows) ?>
<div class="table-wrap"><table class="table table-stack register" id="officers">
<caption><?cs var:Page.Title ?> — <?cs var:Data.Scope ?> — <?cs var:Data.Period ?></caption>
<thead><tr><?cs each:c = Data.Cols ?><th scope="col"><?cs var:c.title ?></th><?cs /each ?></tr></thead>
<tbody><?cs each:o = Data.Rows ?><tr data-officer="<?cs var:o.id ?>" data-agency="<?cs var:o.agency_id ?>">
<?cs each:c = Data.Cols ?><?cs if:c.key == "name" ?><th scope="row" data-label="<?cs var:c.title ?>"><?cs var:o.name ?></th><?cs else ?><td data-label="<?cs var:c.title ?>" data-col="<?cs var:c.key ?>"><?cs if:c.key == "avg_hours" ?><?cs var:fmt_number(o[c.key]) ?><?cs else ?><?cs var:o[c.key] ?><?cs /if ?></td><?cs /if ?><?cs /each ?>
</tr><?cs /each ?></tbody></table></div>
<?cs else ?><p><?cs var:Lang.Reports.Officers.Empty ?></p><?cs /if ?>
<?cs /if ?>
