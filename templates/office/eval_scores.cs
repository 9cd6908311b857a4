<?cs # Scores of a period (cgi-bin/office/eval.c): Form.{tu,den}, Data.By
     (co-quan, thu-tuc, can-bo, ho-so, buoc), Data.Leader, Data.MyAgencies,
     Data.AgencyId; Data.Lines.N.{name,dossiers,i1..i9,total,band,ratings,
     sat,sat_lo,sat_hi}; Data.Steps.N.{name,steps,early,ontime,late};
     Data.Peers.N.{band,count} (an officer's peers); Data.Bands.N.{min_total,
     name,name_en}. ?>
<p class="eyebrow"><a href="/can-bo/"><?cs var:Lang.Inbox.Title ?></a> · <a href="/can-bo/danh-gia/quay"><?cs var:Lang.Eval.Counter.Title ?></a><?cs if:Data.Leader ?> · <a href="/can-bo/danh-gia/tu-cham"><?cs var:Lang.Eval.Self.Title ?></a><?cs /if ?></p>
<h1><?cs var:Lang.Eval.Scores.Title ?></h1>
<p class="lead"><?cs if:Data.Leader ?><?cs var:Lang.Eval.Scores.IntroLeader ?><?cs else ?><?cs var:Lang.Eval.Scores.IntroOfficer ?><?cs /if ?></p>
<form method="get" action="/can-bo/danh-gia/diem" class="filters card" id="scores-filter">
<?cs if:Data.Leader && subcount(Data.MyAgencies) > 1 ?><div class="form-group"><label for="agency"><?cs var:Lang.Eval.Devices.Agency ?></label>
<select id="agency" name="agency"><?cs each:a = Data.MyAgencies ?><option value="<?cs var:a.id ?>"<?cs if:a.id == Data.AgencyId ?> selected<?cs /if ?>><?cs var:a.name ?></option><?cs /each ?></select></div><?cs /if ?>
<div class="form-group"><label for="theo"><?cs var:Lang.Eval.Scores.By ?></label>
<select id="theo" name="theo">
<?cs if:Data.Leader ?><option value="co-quan"<?cs if:Data.By == "co-quan" ?> selected<?cs /if ?>><?cs var:Lang.Eval.Scores.ByAgency ?></option>
<option value="thu-tuc"<?cs if:Data.By == "thu-tuc" ?> selected<?cs /if ?>><?cs var:Lang.Eval.Scores.ByProcedure ?></option><?cs /if ?>
<option value="can-bo"<?cs if:Data.By == "can-bo" ?> selected<?cs /if ?>><?cs if:Data.Leader ?><?cs var:Lang.Eval.Scores.ByOfficer ?><?cs else ?><?cs var:Lang.Eval.Scores.Mine ?><?cs /if ?></option>
<option value="ho-so"<?cs if:Data.By == "ho-so" ?> selected<?cs /if ?>><?cs var:Lang.Eval.Scores.ByDossier ?></option>
<option value="buoc"<?cs if:Data.By == "buoc" ?> selected<?cs /if ?>><?cs var:Lang.Eval.Scores.ByStep ?></option>
</select></div>
<div class="form-group"><label for="tu"><?cs var:Lang.Eval.Scores.From ?></label><input id="tu" name="tu" type="date" value="<?cs var:Form.tu ?>"></div>
<div class="form-group"><label for="den"><?cs var:Lang.Eval.Scores.To ?></label><input id="den" name="den" type="date" value="<?cs var:Form.den ?>"></div>
<p><button type="submit" class="btn"><?cs var:Lang.Eval.Devices.Show ?></button></p>
</form>
<p><a id="scores-csv" href="/can-bo/danh-gia/diem.csv?<?cs var:Data.Query ?>" download><?cs var:Lang.Eval.Scores.Csv ?></a></p>
<?cs if:Data.By == "buoc" ?>
<h2 id="scores-h"><?cs var:Lang.Eval.Scores.ByStep ?></h2>
<?cs if:subcount(Data.Steps) ?><div class="table-wrap"><table class="table table-stack" id="steps" aria-labelledby="scores-h">
<thead><tr><th scope="col"><?cs var:Lang.Eval.Scores.Step ?></th><th scope="col" class="num"><?cs var:Lang.Eval.Scores.Steps ?></th><th scope="col" class="num"><?cs var:Lang.Eval.Scores.Early ?></th><th scope="col" class="num"><?cs var:Lang.Eval.Scores.OnTime ?></th><th scope="col" class="num"><?cs var:Lang.Eval.Scores.Late ?></th></tr></thead>
<tbody><?cs each:s = Data.Steps ?><tr><td data-label="<?cs var:Lang.Eval.Scores.Step ?>"><?cs var:s.name ?></td><td class="num" data-label="<?cs var:Lang.Eval.Scores.Steps ?>"><?cs var:s.steps ?></td><td class="num" data-label="<?cs var:Lang.Eval.Scores.Early ?>"><?cs var:s.early ?></td><td class="num" data-label="<?cs var:Lang.Eval.Scores.OnTime ?>"><?cs var:s.ontime ?></td><td class="num" data-label="<?cs var:Lang.Eval.Scores.Late ?>"><?cs var:s.late ?></td></tr>
<?cs /each ?></tbody></table></div><?cs else ?><p><?cs var:Lang.Eval.Scores.None ?></p><?cs /if ?>
<?cs else ?>
<h2 id="scores-h"><?cs var:Lang.Eval.Scores.Table ?></h2>
<p class="small"><?cs var:Lang.Eval.Scores.Formula ?></p>
<?cs if:subcount(Data.Lines) ?><div class="table-wrap"><table class="table table-stack" id="scores" aria-labelledby="scores-h">
<thead><tr><th scope="col"><?cs if:Data.By == "ho-so" ?><?cs var:Lang.Eval.Scores.Dossier ?><?cs else ?><?cs var:Lang.Eval.Scores.Name ?><?cs /if ?></th><th scope="col" class="num"><?cs var:Lang.Eval.Scores.Dossiers ?></th>
<th scope="col" class="num"><abbr title="<?cs var:Lang.Eval.Scores.I1 ?>">1</abbr></th><th scope="col" class="num"><abbr title="<?cs var:Lang.Eval.Scores.I2 ?>">2</abbr></th><th scope="col" class="num"><abbr title="<?cs var:Lang.Eval.Scores.I3 ?>">3</abbr></th><th scope="col" class="num"><abbr title="<?cs var:Lang.Eval.Scores.I4 ?>">4</abbr></th><?cs if:Data.By != "ho-so" ?><th scope="col" class="num"><abbr title="<?cs var:Lang.Eval.Scores.I5 ?>">5</abbr></th><th scope="col" class="num"><abbr title="<?cs var:Lang.Eval.Scores.I6 ?>">6</abbr></th><?cs /if ?><th scope="col" class="num"><abbr title="<?cs var:Lang.Eval.Scores.I7 ?>">7</abbr></th><?cs if:Data.By != "ho-so" ?><th scope="col" class="num"><abbr title="<?cs var:Lang.Eval.Scores.I8 ?>">8</abbr></th><th scope="col" class="num"><abbr title="<?cs var:Lang.Eval.Scores.I9 ?>">9</abbr></th>
<th scope="col" class="num"><?cs var:Lang.Eval.Scores.Total ?></th><th scope="col"><?cs var:Lang.Eval.Scores.Band ?></th><?cs /if ?><th scope="col" class="num"><?cs var:Lang.Eval.Scores.Satisfied ?></th></tr></thead>
<tbody><?cs each:l = Data.Lines ?><tr>
<td data-label="<?cs var:Lang.Eval.Scores.Name ?>"><?cs if:Data.By == "ho-so" ?><a href="/can-bo/ho-so/<?cs var:url_escape(l.name) ?>"><?cs var:l.name ?></a><?cs else ?><?cs var:l.name ?><?cs /if ?></td>
<td class="num" data-label="<?cs var:Lang.Eval.Scores.Dossiers ?>"><?cs var:l.dossiers ?></td>
<td class="num idx-1" data-label="<?cs var:Lang.Eval.Scores.I1 ?>"><?cs var:fmt_decimal(l.i1) ?></td><td class="num idx-2" data-label="<?cs var:Lang.Eval.Scores.I2 ?>"><?cs var:fmt_decimal(l.i2) ?></td><td class="num idx-3" data-label="<?cs var:Lang.Eval.Scores.I3 ?>"><?cs var:fmt_decimal(l.i3) ?></td><td class="num idx-4" data-label="<?cs var:Lang.Eval.Scores.I4 ?>"><?cs var:fmt_decimal(l.i4) ?></td>
<?cs if:Data.By != "ho-so" ?><td class="num idx-5" data-label="<?cs var:Lang.Eval.Scores.I5 ?>"><?cs var:fmt_decimal(l.i5) ?></td><td class="num idx-6" data-label="<?cs var:Lang.Eval.Scores.I6 ?>"><?cs var:fmt_decimal(l.i6) ?></td><?cs /if ?>
<td class="num idx-7" data-label="<?cs var:Lang.Eval.Scores.I7 ?>"><?cs var:fmt_decimal(l.i7) ?></td>
<?cs if:Data.By != "ho-so" ?><td class="num idx-8" data-label="<?cs var:Lang.Eval.Scores.I8 ?>"><?cs var:fmt_decimal(l.i8) ?></td><td class="num idx-9" data-label="<?cs var:Lang.Eval.Scores.I9 ?>"><?cs var:fmt_decimal(l.i9) ?></td>
<td class="num total" data-label="<?cs var:Lang.Eval.Scores.Total ?>"><strong><?cs var:fmt_decimal(l.total) ?></strong></td><td class="band" data-label="<?cs var:Lang.Eval.Scores.Band ?>"><?cs var:l.band ?></td><?cs /if ?>
<td class="num sat" data-label="<?cs var:Lang.Eval.Scores.Satisfied ?>"><?cs if:l.sat ?><?cs var:fmt_pct(l.sat) ?> <span class="small muted">(<?cs var:l.sat_lo ?>–<?cs var:fmt_pct(l.sat_hi) ?>, <?cs var:l.ratings ?>)</span><?cs else ?>–<?cs /if ?></td>
</tr><?cs /each ?></tbody></table></div><?cs else ?><p><?cs var:Lang.Eval.Scores.None ?></p><?cs /if ?>
<?cs /if ?>
<?cs if:subcount(Data.Peers) ?><h2 id="peers-h"><?cs var:Lang.Eval.Scores.Peers ?></h2>
<p class="small"><?cs var:Lang.Eval.Scores.PeersIntro ?></p>
<table class="table" id="peers" aria-labelledby="peers-h"><thead><tr><th scope="col"><?cs var:Lang.Eval.Scores.Band ?></th><th scope="col" class="num"><?cs var:Lang.Eval.Scores.Officers ?></th></tr></thead>
<tbody><?cs each:p = Data.Peers ?><tr><td><?cs var:p.band ?></td><td class="num"><?cs var:p.count ?></td></tr><?cs /each ?></tbody></table><?cs /if ?>
<h2><?cs var:Lang.Eval.Scores.Bands ?></h2>
<ul class="small"><?cs each:b = Data.Bands ?><li><?cs if:Page.Lang == "en" ?><?cs var:b.name_en ?><?cs else ?><?cs var:b.name ?><?cs /if ?>: <?cs var:Lang.Eval.Scores.FromTotal ?> <?cs var:b.min_total ?></li><?cs /each ?></ul>
