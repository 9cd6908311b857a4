<?cs # The league tables (site-generator/league.c): Data.Groups.N.{Key,
     ChartHeight, Lines.M.{Rank,Name,Dossiers,Total,TotLo,TotHi,Band,OnTime,OtLo,OtHi,
     Adjusted,OtRank,Sat,SatLo,SatHi,Ratings,I766.{Total,<part>}}, Chart.M.{Name,Total,Width,Y,
     TextY,ValueY}, Unranked.M.{Name,Dossiers}}, Data.{Min,Days,From,To,CityOnTime,
     Root,Csv}. ?>
<h1><?cs var:Lang.League.Title ?></h1>
<p class="lead"><?cs var:Lang.League.Intro ?></p>
<p><?cs var:Lang.League.Period ?> <strong><?cs var:Data.From ?></strong> – <strong><?cs var:Data.To ?></strong> (<?cs var:Data.Days ?> <?cs var:Lang.League.Days ?>). <?cs var:Lang.League.MinNote ?> <strong><?cs var:Data.Min ?></strong>. <?cs if:Data.CityOnTime ?><?cs var:Lang.League.CityOnTime ?> <strong><?cs var:fmt_pct(Data.CityOnTime) ?></strong>.<?cs /if ?> <a href="<?cs var:Data.Root ?>/xep-hang/phuong-phap.html"><?cs var:Lang.League.Method ?></a> · <a id="league-csv" href="<?cs var:Data.Csv ?>" download><?cs var:Lang.League.Csv ?></a></p>
<?cs each:g = Data.Groups ?>
<section class="league" id="league-<?cs var:g.Key ?>" aria-labelledby="league-<?cs var:g.Key ?>-h">
<h2 id="league-<?cs var:g.Key ?>-h"><?cs if:g.Key == "departments" ?><?cs var:Lang.League.Departments ?><?cs else ?><?cs var:Lang.League.Wards ?><?cs /if ?></h2>
<?cs if:subcount(g.Lines) ?>
<figure class="league-chart">
<svg xmlns="http://www.w3.org/2000/svg" width="420" height="<?cs var:g.ChartHeight ?>" viewBox="0 0 420 <?cs var:g.ChartHeight ?>" role="img" aria-labelledby="league-<?cs var:g.Key ?>-cap">
<?cs each:c = g.Chart ?><g><text x="0" y="<?cs var:c.TextY ?>" font-size="14" fill="#1b1b1b"><?cs var:c.Name ?></text><rect x="0" y="<?cs var:c.Y ?>" width="<?cs var:c.Width ?>" height="14" fill="#1a4480"></rect><text x="<?cs var:#c.Width + 6 ?>" y="<?cs var:c.ValueY ?>" font-size="14" fill="#1b1b1b"><?cs var:fmt_decimal(c.Total) ?></text></g>
<?cs /each ?></svg>
<figcaption id="league-<?cs var:g.Key ?>-cap" class="small muted"><?cs var:Lang.League.ChartCaption ?></figcaption>
</figure>
<div class="table-wrap" tabindex="0" role="region" aria-labelledby="league-<?cs var:g.Key ?>-h"><table class="table table-stack league-table">
<caption class="visually-hidden"><?cs if:g.Key == "departments" ?><?cs var:Lang.League.Departments ?><?cs else ?><?cs var:Lang.League.Wards ?><?cs /if ?></caption>
<thead><tr><th scope="col" class="num"><?cs var:Lang.League.Rank ?></th><th scope="col"><?cs var:Lang.League.Agency ?></th><th scope="col" class="num"><?cs var:Lang.League.Dossiers ?></th><th scope="col" class="num"><?cs var:Lang.League.TotalCi ?></th><th scope="col"><?cs var:Lang.League.Band ?></th><th scope="col" class="num"><?cs var:Lang.League.OnTime ?></th><th scope="col" class="num"><?cs var:Lang.League.Adjusted ?></th><th scope="col" class="num"><?cs var:Lang.League.OtRank ?></th><th scope="col" class="num"><?cs var:Lang.League.Satisfied ?></th></tr></thead>
<tbody><?cs each:l = g.Lines ?><tr>
<td class="num rank" data-label="<?cs var:Lang.League.Rank ?>"><?cs var:l.Rank ?></td>
<th scope="row" class="agency" data-label="<?cs var:Lang.League.Agency ?>"><?cs var:l.Name ?></th>
<td class="num dossiers" data-label="<?cs var:Lang.League.Dossiers ?>"><?cs var:l.Dossiers ?></td>
<td class="num total" data-label="<?cs var:Lang.League.TotalCi ?>"><strong><?cs var:fmt_decimal(l.Total) ?></strong> <span class="small muted interval">(<?cs var:fmt_decimal(l.TotLo) ?>–<?cs var:fmt_decimal(l.TotHi) ?>)</span></td>
<td class="band" data-label="<?cs var:Lang.League.Band ?>"><?cs var:l.Band ?></td>
<td class="num ontime" data-label="<?cs var:Lang.League.OnTime ?>"><?cs var:fmt_pct(l.OnTime) ?> <span class="small muted">(<?cs var:fmt_decimal(l.OtLo) ?>–<?cs var:fmt_decimal(l.OtHi) ?>)</span></td>
<td class="num adjusted" data-label="<?cs var:Lang.League.Adjusted ?>"><?cs var:fmt_pct(l.Adjusted) ?></td>
<td class="num ot-rank" data-label="<?cs var:Lang.League.OtRank ?>"><?cs var:l.OtRank ?></td>
<td class="num sat" data-label="<?cs var:Lang.League.Satisfied ?>"><?cs if:l.Sat ?><?cs var:fmt_pct(l.Sat) ?> <span class="small muted">(<?cs var:fmt_decimal(l.SatLo) ?>–<?cs var:fmt_decimal(l.SatHi) ?>; <?cs var:l.Ratings ?>)</span><?cs else ?>–<?cs /if ?></td>
</tr><?cs /each ?></tbody></table></div>
<div class="table-wrap" tabindex="0" role="region" aria-labelledby="league-<?cs var:g.Key ?>-766"><table class="table table-stack i766-table">
<caption id="league-<?cs var:g.Key ?>-766"><?cs var:Lang.I766.Title ?> — <a href="<?cs var:Data.Root ?>/xep-hang/phuong-phap.html#i766"><?cs var:Lang.I766.Method.Title ?></a></caption>
<thead><tr><th scope="col"><?cs var:Lang.League.Agency ?></th><?cs each:p = Lang.I766.Part ?><th scope="col" class="num"><?cs var:p ?> (<?cs var:Data.I766Parts[name(p)].max ?>)</th><?cs /each ?><th scope="col" class="num"><?cs var:Lang.I766.Total ?></th></tr></thead>
<tbody><?cs each:l = g.Lines ?><tr>
<th scope="row" class="agency" data-label="<?cs var:Lang.League.Agency ?>"><?cs var:l.Name ?></th>
<?cs each:p = Lang.I766.Part ?><td class="num i766-<?cs name:p ?>" data-label="<?cs var:p ?>"><?cs alt:fmt_decimal(l.I766[name(p)]) ?>–<?cs /alt ?></td><?cs /each ?>
<td class="num i766-total" data-label="<?cs var:Lang.I766.Total ?>"><strong><?cs alt:fmt_decimal(l.I766.Total) ?>–<?cs /alt ?></strong></td>
</tr><?cs /each ?></tbody></table></div>
<?cs else ?><p><?cs var:Lang.League.NoneRanked ?></p><?cs /if ?>
<?cs if:subcount(g.Unranked) ?><h3><?cs var:Lang.League.Unranked ?></h3>
<ul class="league-unranked"><?cs each:u = g.Unranked ?><li><span class="agency"><?cs var:u.Name ?></span>: <span class="dossiers"><?cs var:u.Dossiers ?></span> <?cs var:Lang.League.DossiersWord ?></li><?cs /each ?></ul><?cs /if ?>
</section>
<?cs /each ?>
