<?cs # The working-time calendar of a year for administrators: days off and
     make-up working days (computed or set by an admin), the form that sets
     one, and the button that removes an admin's setting: the forms for the
     city's administrators only (Data.CanChange), the others see the days. ?>
<p class="eyebrow"><?cs var:Lang.Calendar.Eyebrow ?></p>
<h1><?cs var:Lang.Calendar.Title ?> <?cs var:Data.Year ?></h1>
<p class="lead"><?cs var:Lang.Calendar.Intro ?></p>
<nav class="pager" aria-label="<?cs var:Lang.Calendar.Years ?>">
<?cs if:Data.PrevYear ?><a href="/can-bo/quan-tri/lich?year=<?cs var:Data.PrevYear ?>" rel="prev">‹ <?cs var:Data.PrevYear ?></a><?cs /if ?>
<?cs if:Data.NextYear ?><a href="/can-bo/quan-tri/lich?year=<?cs var:Data.NextYear ?>" rel="next"><?cs var:Data.NextYear ?> ›</a><?cs /if ?>
</nav>
<form method="get" action="/can-bo/quan-tri/lich" class="filters">
<label for="year"><?cs var:Lang.Calendar.Year ?></label>
<?cs call:refused("year") ?><input id="year" name="year" type="text" inputmode="numeric" maxlength="4" size="5" class="input" value="<?cs var:Data.Year ?>">
<button type="submit" class="btn btn-secondary"><?cs var:Lang.Calendar.Show ?></button>
</form>
<?cs if:subcount(Data.Days) ?>
<p><?cs var:Lang.Calendar.WeekdaysOff ?> <strong><?cs var:Data.WeekdaysOff ?></strong></p>
<div class="table-wrap">
<table class="table table-stack calendar">
<caption class="visually-hidden"><?cs var:Lang.Calendar.Title ?> <?cs var:Data.Year ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.Calendar.Day ?></th><th scope="col"><?cs var:Lang.Calendar.Lunar ?></th><th scope="col"><?cs var:Lang.Calendar.Kind ?></th><th scope="col"><?cs var:Lang.Calendar.Name ?></th><th scope="col"><?cs var:Lang.Calendar.Source ?></th><th scope="col"><span class="visually-hidden"><?cs var:Lang.Calendar.Actions ?></span></th></tr></thead>
<tbody>
<?cs each:d = Data.Days ?><tr>
<td data-label="<?cs var:Lang.Calendar.Day ?>"><time datetime="<?cs var:d.day ?>"><?cs var:Lang.Calendar.Weekday[d.wday] ?> <?cs var:fmt_date(d.day) ?></time></td>
<td data-label="<?cs var:Lang.Calendar.Lunar ?>"><?cs var:d.lunar ?></td>
<td data-label="<?cs var:Lang.Calendar.Kind ?>"><?cs if:d.kind == "work" ?><span class="tag tag-online"><?cs var:Lang.Calendar.KindWork ?></span><?cs else ?><span class="tag"><?cs var:Lang.Calendar.KindOff ?></span><?cs /if ?></td>
<td data-label="<?cs var:Lang.Calendar.Name ?>"><?cs var:d.name ?></td>
<td data-label="<?cs var:Lang.Calendar.Source ?>"><?cs if:d.source == "admin" ?><?cs var:Lang.Calendar.SourceAdmin ?><?cs else ?><span class="muted"><?cs var:Lang.Calendar.SourceComputed ?></span><?cs /if ?></td>
<td><?cs if:Data.CanChange && d.source == "admin" ?><form method="post" action="/can-bo/quan-tri/lich">
<input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
<input type="hidden" name="day" value="<?cs var:d.day ?>">
<button type="submit" name="delete" value="1" class="btn btn-secondary btn-small"><?cs var:Lang.Calendar.Remove ?><span class="visually-hidden"> <?cs var:fmt_date(d.day) ?></span></button>
</form><?cs /if ?></td>
</tr>
<?cs /each ?></tbody>
</table>
</div>
<p class="small muted"><?cs var:Lang.Calendar.LunarNote ?></p>
<?cs else ?>
<p><?cs var:Lang.Calendar.Empty ?></p>
<?cs /if ?>
<?cs if:Data.CanChange ?>
<form method="post" action="/can-bo/quan-tri/lich">
<input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
<input type="hidden" name="year" value="<?cs var:Data.Year ?>">
<p><button type="submit" name="fill" value="1" class="btn btn-secondary"><?cs var:Lang.Calendar.Fill ?> <?cs var:Data.Year ?></button>
<span class="hint"><?cs var:Lang.Calendar.FillHint ?></span></p>
</form>
<h2 id="set"><?cs var:Lang.Calendar.SetTitle ?></h2>
<?cs if:Form.Errors.any ?><div class="error-summary" role="alert" tabindex="-1">
<h2><?cs var:Lang.Calendar.ErrorTitle ?></h2>
<ul><?cs if:Form.Errors.day ?><li><a href="#day"><?cs var:Lang.Calendar.DayError ?></a></li><?cs /if ?><?cs if:Form.Errors.kind ?><li><a href="#kind-off"><?cs var:Lang.Calendar.KindError ?></a></li><?cs /if ?><?cs if:Form.Errors.name ?><li><a href="#name"><?cs var:Lang.Calendar.NameError ?></a></li><?cs /if ?></ul>
</div><?cs /if ?>
<form method="post" action="/can-bo/quan-tri/lich" class="card" novalidate>
<input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
<input type="hidden" name="year" value="<?cs var:Data.Year ?>">
<div class="form-group<?cs if:Form.Errors.day ?> has-error<?cs /if ?>">
<label for="day"><?cs var:Lang.Calendar.Day ?></label>
<span class="hint" id="day-hint"><?cs var:Lang.Calendar.DayHint ?></span>
<?cs if:Form.Errors.day ?><span class="error-message" id="day-error"><?cs var:Lang.Calendar.DayError ?></span><?cs /if ?>
<input id="day" name="day" type="date" min="<?cs var:Data.MinDay ?>" max="<?cs var:Data.MaxDay ?>" required value="<?cs var:Form.day ?>" aria-describedby="day-hint<?cs if:Form.Errors.day ?> day-error<?cs /if ?>"<?cs if:Form.Errors.day ?> aria-invalid="true"<?cs /if ?>>
</div>
<fieldset class="form-group<?cs if:Form.Errors.kind ?> has-error<?cs /if ?>">
<legend><?cs var:Lang.Calendar.Kind ?></legend>
<?cs if:Form.Errors.kind ?><span class="error-message"><?cs var:Lang.Calendar.KindError ?></span><?cs /if ?>
<div><input id="kind-off" name="kind" type="radio" value="off"<?cs if:Form.kind != "work" ?> checked<?cs /if ?>><label for="kind-off"><?cs var:Lang.Calendar.KindOffLong ?></label></div>
<div><input id="kind-work" name="kind" type="radio" value="work"<?cs if:Form.kind == "work" ?> checked<?cs /if ?>><label for="kind-work"><?cs var:Lang.Calendar.KindWorkLong ?></label></div>
</fieldset>
<div class="form-group<?cs if:Form.Errors.name ?> has-error<?cs /if ?>">
<label for="name"><?cs var:Lang.Calendar.Name ?></label>
<span class="hint" id="name-hint"><?cs var:Lang.Calendar.NameHint ?></span>
<?cs if:Form.Errors.name ?><span class="error-message" id="name-error"><?cs var:Lang.Calendar.NameError ?></span><?cs /if ?>
<?cs call:refused("name") ?><input id="name" name="name" type="text" maxlength="255" required value="<?cs var:Form.name ?>" aria-describedby="name-hint<?cs if:Form.Errors.name ?> name-error<?cs /if ?>"<?cs if:Form.Errors.name ?> aria-invalid="true"<?cs /if ?>>
</div>
<button type="submit" class="btn"><?cs var:Lang.Calendar.Save ?></button>
</form>
<?cs else ?>
<p class="notice" id="city-only"><?cs var:Lang.Calendar.CityOnly ?></p>
<?cs /if ?>
