<?cs # The public statistics of dossiers for one period (site-generator/
     stats.c): Data.Period.{Key,Label,From,To}, Data.Years/Months.N.{Key,
     Label,Current}, Data.Cols.N.{Key,Title}, Data.City.V.<col>,
     Data.Groups.{0,1}.{Title,Rows.N.{Name,Code,V.<col>}}, Data.Chart.{Width,
     Height,Bars.N.{Name,TextY,Y,OnTimeW,LateX,LateW,ValueX,ValueY,Value}},
     Data.Csv. The chart is drawn here from the generator's coordinates;
     the tables hold the same numbers for readers without it. ?>
<h1><?cs var:Lang.PubStats.Title ?> – <?cs var:Data.Period.Label ?></h1>
<p class="lead"><?cs var:Lang.PubStats.Intro ?></p>
<p id="pub-period"><?cs var:Lang.PubStats.Period ?>: <?cs var:Lang.PubStats.From ?> <?cs var:Data.Period.From ?> <?cs var:Lang.PubStats.To ?> <?cs var:Data.Period.To ?>. <a id="pub-csv" href="<?cs var:Data.Csv ?>" download><?cs var:Lang.PubStats.Csv ?></a></p>
<nav aria-label="<?cs var:Lang.PubStats.Period ?>" class="pub-periods">
<h2><?cs var:Lang.PubStats.Years ?></h2>
<ul class="pill-list">
<?cs each:p = Data.Years ?><li><a href="<?cs var:Lang.Site.Root ?>/thong-ke/ho-so/<?cs var:p.Key ?>.html"<?cs if:p.Current ?> aria-current="page"<?cs /if ?>><?cs var:p.Label ?></a></li>
<?cs /each ?></ul>
<h2><?cs var:Lang.PubStats.Months ?></h2>
<ul class="pill-list">
<?cs each:p = Data.Months ?><li><a href="<?cs var:Lang.Site.Root ?>/thong-ke/ho-so/<?cs var:p.Key ?>.html"<?cs if:p.Current ?> aria-current="page"<?cs /if ?>><?cs var:p.Label ?></a></li>
<?cs /each ?></ul>
</nav>
<section aria-labelledby="pub-city-h">
<h2 id="pub-city-h"><?cs var:Lang.PubStats.CityFigures ?></h2>
<ul class="stat-list" id="pub-city">
<?cs each:c = Data.Cols ?><li data-col="<?cs var:c.Key ?>"><span class="stat-number"><?cs var:Data.City.V[c.Key] ?></span> <span class="stat-label"><?cs var:c.Title ?></span></li>
<?cs /each ?></ul>
</section>
<section aria-labelledby="pub-chart-h">
<h2 id="pub-chart-h"><?cs var:Lang.PubStats.Chart ?></h2>
<?cs if:Data.Chart.Height ?><figure class="pub-chart">
<svg id="pub-chart" role="img" aria-labelledby="pub-chart-t pub-chart-d" viewBox="0 0 <?cs var:Data.Chart.Width ?> <?cs var:Data.Chart.Height ?>" width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">
<title id="pub-chart-t"><?cs var:Lang.PubStats.Chart ?></title>
<desc id="pub-chart-d"><?cs var:Lang.PubStats.ChartDesc ?></desc>
<?cs each:b = Data.Chart.Bars ?><g>
<text x="0" y="<?cs var:b.TextY ?>" font-size="14" fill="#1b1b1b"><?cs var:b.Name ?></text>
<rect class="bar-ontime" x="0" y="<?cs var:b.Y ?>" width="<?cs var:b.OnTimeW ?>" height="16" fill="#00703c"></rect>
<rect class="bar-late" x="<?cs var:b.LateX ?>" y="<?cs var:b.Y ?>" width="<?cs var:b.LateW ?>" height="16" fill="#b50909"></rect>
<text x="<?cs var:b.ValueX ?>" y="<?cs var:b.ValueY ?>" font-size="13" fill="#1b1b1b"><?cs var:b.Value ?></text>
</g>
<?cs /each ?></svg>
<figcaption><span class="swatch swatch-ontime" aria-hidden="true"></span> <?cs var:Lang.PubStats.LegendOnTime ?> · <span class="swatch swatch-late" aria-hidden="true"></span> <?cs var:Lang.PubStats.LegendLate ?></figcaption>
</figure>
<?cs else ?><p><?cs var:Lang.PubStats.ChartNone ?></p>
<?cs /if ?></section>
<?cs each:g = Data.Groups ?><section aria-labelledby="pub-g<?cs name:g ?>-h">
<h2 id="pub-g<?cs name:g ?>-h"><?cs var:g.Title ?></h2>
<div class="table-wrap" tabindex="0" role="region" aria-labelledby="pub-g<?cs name:g ?>-h">
<table class="table table-stack pub-table" id="pub-g<?cs name:g ?>">
<caption class="visually-hidden"><?cs var:g.Title ?> – <?cs var:Data.Period.Label ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.PubStats.ColAgency ?></th><?cs each:c = Data.Cols ?><th scope="col" class="num"><?cs var:c.Title ?></th><?cs /each ?></tr></thead>
<tbody>
<?cs if:name(g) == "0" ?><tr class="total" data-code=""><th scope="row"><?cs var:Lang.PubStats.City ?></th><?cs each:c = Data.Cols ?><td class="num" data-col="<?cs var:c.Key ?>" data-label="<?cs var:c.Title ?>"><?cs var:Data.City.V[c.Key] ?></td><?cs /each ?></tr>
<?cs /if ?><?cs each:row = g.Rows ?><tr data-code="<?cs var:row.Code ?>"><th scope="row"><?cs var:row.Name ?></th><?cs each:c = Data.Cols ?><td class="num" data-col="<?cs var:c.Key ?>" data-label="<?cs var:c.Title ?>"><?cs var:row.V[c.Key] ?></td><?cs /each ?></tr>
<?cs /each ?></tbody>
</table>
</div>
</section>
<?cs /each ?>
<?cs if:subcount(Data.Fields) ?><section aria-labelledby="pub-f-h">
<h2 id="pub-f-h"><?cs var:Lang.PubStats.Fields ?></h2>
<div class="table-wrap" tabindex="0" role="region" aria-labelledby="pub-f-h">
<table class="table table-stack pub-table" id="pub-f">
<caption class="visually-hidden"><?cs var:Lang.PubStats.Fields ?> – <?cs var:Data.Period.Label ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.PubStats.ColField ?></th><?cs each:c = Data.Cols ?><th scope="col" class="num"><?cs var:c.Title ?></th><?cs /each ?></tr></thead>
<tbody>
<?cs each:row = Data.Fields ?><tr><th scope="row"><?cs var:row.Name ?></th><?cs each:c = Data.Cols ?><td class="num" data-col="<?cs var:c.Key ?>" data-label="<?cs var:c.Title ?>"><?cs var:row.V[c.Key] ?></td><?cs /each ?></tr>
<?cs /each ?></tbody>
</table>
</div>
</section>
<?cs /if ?>
