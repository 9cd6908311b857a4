<?cs # The questionnaire editor (issue 10): Data.Version, Data.Since,
     Data.Base (the current version's id), Data.Q.N.{n,code,kind,text,
     text_en}, Data.Versions.N.{id,version,valid_from,note,full_name,
     questions,ratings}; whose line: Data.Agency (0 the city's),
     Data.AgencyName, and Data.Inherited with Data.FromName (empty: the
     city) while the agency has no version of its own; on a refusal
     Form.Error and Form.{nt,ne,nk,note,note_en}. A version's note is
     in both languages (note, note_en): the reader's shown, else the
     other (versions saved before 0058 have Vietnamese only). An agency's added questions
     inherited from the line above: Data.Q.N.inherited (asked, may be
     switched off), Data.Off.N.{code,text,text_en} (switched off). ?>
<link rel="stylesheet" href="/static/css/office.css">
<div class="office-head">
<h1><?cs var:Lang.Eval.Form.Title ?></h1>
<p class="office-links"><a href="/can-bo/danh-gia/thiet-bi"><?cs var:Lang.Eval.Devices.Title ?></a> <a href="/can-bo/danh-gia/diem"><?cs var:Lang.Eval.Scores.Title ?></a></p>
</div>
<p id="eval-form-of"><?cs var:Lang.Eval.Form.Of ?> <strong><?cs var:Data.AgencyName ?></strong></p>
<p><?cs var:Lang.Eval.Form.Intro ?></p>
<?cs if:Data.Agency ?><p class="hint"><?cs var:Lang.Eval.Form.LegalHint ?></p><?cs /if ?>
<?cs if:Data.Inherited ?><p class="notice" id="eval-form-inherited"><?cs var:Lang.Eval.Form.Inherited ?> <strong><?cs if:Data.FromName ?><?cs var:Data.FromName ?><?cs else ?><?cs var:Lang.Eval.Form.City ?><?cs /if ?></strong>. <?cs var:Lang.Eval.Form.InheritedSave ?></p><?cs /if ?>
<?cs if:Form.Error ?><div class="error-summary" id="error-summary" role="alert" tabindex="-1"><p><?cs var:Form.Error ?></p></div><?cs /if ?>
<form method="post" action="/can-bo/danh-gia/bang-hoi" class="form card" id="eval-form-edit" novalidate>
<input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
<?cs if:Data.Agency ?><input type="hidden" name="agency" value="<?cs var:Data.Agency ?>"><?cs /if ?>
<input type="hidden" name="base" value="<?cs var:Data.Base ?>">
<h2><?cs var:Lang.Eval.Form.Current ?> <?cs var:Data.Version ?><?cs if:Data.Since ?> <span class="muted small">(<?cs var:Lang.Eval.Form.Since ?> <?cs var:fmt_datetime(Data.Since) ?>)</span><?cs /if ?></h2>
<?cs each:q = Data.Q ?><fieldset class="eval-edit-q" id="q<?cs var:q.n ?>">
<legend><?cs var:Lang.Eval.Form.Question ?> <?cs var:q.n ?> · <?cs var:Lang.Eval.Form.Kind[q.kind] ?></legend>
<div class="form-group"><label for="t<?cs var:q.n ?>"><?cs var:Lang.Eval.Form.TextVi ?></label>
<input id="t<?cs var:q.n ?>" name="t<?cs var:q.n ?>" type="text" maxlength="500" value="<?cs var:q.text ?>"></div>
<div class="form-group"><label for="e<?cs var:q.n ?>"><?cs var:Lang.Eval.Form.TextEn ?></label>
<input id="e<?cs var:q.n ?>" name="e<?cs var:q.n ?>" type="text" maxlength="500" lang="en" value="<?cs var:q.text_en ?>"></div>
<?cs if:q.kind == "extra" ?><div class="form-group"><label class="check"><input type="checkbox" id="r<?cs var:q.n ?>" name="r<?cs var:q.n ?>" value="1"> <?cs var:Lang.Eval.Form.Remove ?></label></div><?cs /if ?>
</fieldset>
<?cs /each ?>
<fieldset class="eval-edit-q" id="q-new">
<legend><?cs var:Lang.Eval.Form.Add ?></legend>
<p class="hint" id="nt-hint"><?cs var:Lang.Eval.Form.AddHint ?></p>
<div class="form-group"><label for="nt"><?cs var:Lang.Eval.Form.TextVi ?></label>
<input id="nt" name="nt" type="text" maxlength="500" aria-describedby="nt-hint" value="<?cs var:Form.nt ?>"></div>
<div class="form-group"><label for="ne"><?cs var:Lang.Eval.Form.TextEn ?></label>
<input id="ne" name="ne" type="text" maxlength="500" lang="en" value="<?cs var:Form.ne ?>"></div>
<?cs if:!Data.Agency ?><div class="form-group"><label for="nk"><?cs var:Lang.Eval.Form.NewKind ?></label>
<select id="nk" name="nk"><option value="extra"><?cs var:Lang.Eval.Form.Kind.extra ?></option><option value="satisfaction"<?cs if:Form.nk == "satisfaction" ?> selected<?cs /if ?>><?cs var:Lang.Eval.Form.Kind.satisfaction ?></option></select></div><?cs /if ?>
</fieldset>
<fieldset class="eval-edit-q" id="eval-note">
<legend><?cs var:Lang.Eval.Form.Note ?></legend>
<p class="hint" id="note-hint"><?cs var:Lang.Eval.Form.NoteHint ?></p>
<div class="form-group"><label for="note"><?cs var:Lang.Eval.Form.NoteVi ?></label>
<input id="note" name="note" type="text" maxlength="500" aria-describedby="note-hint" value="<?cs var:Form.note ?>"></div>
<div class="form-group"><label for="note-en"><?cs var:Lang.Eval.Form.NoteEn ?></label>
<input id="note-en" name="note_en" type="text" maxlength="500" lang="en" aria-describedby="note-hint" value="<?cs var:Form.note_en ?>"></div>
</fieldset>
<button type="submit" class="btn"><?cs var:Lang.Eval.Form.Save ?></button>
</form>
<?cs if:Data.Agency ?><section id="eval-inherited" aria-labelledby="eval-inherited-h">
<h2 id="eval-inherited-h"><?cs var:Lang.Eval.Form.InheritedTitle ?></h2>
<p class="hint"><?cs var:Lang.Eval.Form.InheritedIntro ?></p>
<?cs set:inh = 0 ?><?cs each:q = Data.Q ?><?cs if:q.inherited ?><?cs set:inh = 1 ?><?cs /if ?><?cs /each ?><?cs if:inh || subcount(Data.Off) ?>
<div class="table-wrap">
<table class="table table-stack">
<thead><tr><th scope="col"><?cs var:Lang.Eval.Form.Question ?></th><th scope="col"><?cs var:Lang.Eval.Form.State ?></th><th scope="col"><span class="visually-hidden"><?cs var:Lang.Eval.Form.State ?></span></th></tr></thead>
<tbody>
<?cs each:q = Data.Q ?><?cs if:q.inherited ?><tr class="eval-inh" data-code="<?cs var:q.code ?>">
<td data-label="<?cs var:Lang.Eval.Form.Question ?>"><?cs if:Page.Lang == "en" ?><?cs var:q.text_en ?><?cs else ?><?cs var:q.text ?><?cs /if ?></td>
<td data-label="<?cs var:Lang.Eval.Form.State ?>" class="eval-inh-state"><?cs var:Lang.Eval.Form.Asked ?></td>
<td><form method="post" action="/can-bo/danh-gia/bang-hoi"><input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>"><input type="hidden" name="agency" value="<?cs var:Data.Agency ?>"><input type="hidden" name="base" value="<?cs var:Data.Base ?>"><input type="hidden" name="off" value="<?cs var:q.code ?>"><button type="submit" class="btn btn-secondary"><?cs var:Lang.Eval.Form.SwitchOff ?></button></form></td>
</tr>
<?cs /if ?><?cs /each ?><?cs each:q = Data.Off ?><tr class="eval-inh eval-inh-off" data-code="<?cs var:q.code ?>">
<td data-label="<?cs var:Lang.Eval.Form.Question ?>"><?cs if:Page.Lang == "en" ?><?cs var:q.text_en ?><?cs else ?><?cs var:q.text ?><?cs /if ?></td>
<td data-label="<?cs var:Lang.Eval.Form.State ?>" class="eval-inh-state"><?cs var:Lang.Eval.Form.Off ?></td>
<td><form method="post" action="/can-bo/danh-gia/bang-hoi"><input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>"><input type="hidden" name="agency" value="<?cs var:Data.Agency ?>"><input type="hidden" name="base" value="<?cs var:Data.Base ?>"><input type="hidden" name="on" value="<?cs var:q.code ?>"><button type="submit" class="btn"><?cs var:Lang.Eval.Form.SwitchOn ?></button></form></td>
</tr>
<?cs /each ?></tbody>
</table>
</div>
<?cs else ?><p class="muted"><?cs var:Lang.Eval.Form.NoInherited ?></p><?cs /if ?>
</section><?cs /if ?>
<h2><?cs var:Lang.Eval.Form.Versions ?></h2>
<p><a id="eval-form-csv" href="/can-bo/danh-gia/bang-hoi.csv<?cs if:Data.Agency ?>?agency=<?cs var:url_escape(Data.Agency) ?><?cs /if ?>" download><?cs var:Lang.Eval.Form.Csv ?></a></p>
<div class="table-wrap">
<table class="table table-stack" id="eval-versions">
<thead><tr><th scope="col"><?cs var:Lang.Eval.Form.Version ?></th><th scope="col"><?cs var:Lang.Eval.Form.From ?></th><th scope="col"><?cs var:Lang.Eval.Form.By ?></th><th scope="col"><?cs var:Lang.Eval.Form.Note ?></th><th scope="col"><?cs var:Lang.Eval.Form.Questions ?></th><th scope="col"><?cs var:Lang.Eval.Form.Ratings ?></th></tr></thead>
<tbody>
<?cs each:v = Data.Versions ?><tr id="v<?cs var:v.version ?>">
<td data-label="<?cs var:Lang.Eval.Form.Version ?>"><?cs var:v.version ?></td>
<td data-label="<?cs var:Lang.Eval.Form.From ?>"><?cs var:fmt_datetime(v.valid_from) ?></td>
<td data-label="<?cs var:Lang.Eval.Form.By ?>"><?cs var:v.full_name ?></td>
<?cs if:Page.Lang == "en" && v.note_en ?><td data-label="<?cs var:Lang.Eval.Form.Note ?>" class="eval-note"><?cs var:v.note_en ?></td><?cs elif:Page.Lang == "en" && v.note ?><td data-label="<?cs var:Lang.Eval.Form.Note ?>" class="eval-note" lang="vi"><?cs var:v.note ?></td><?cs elif:v.note ?><td data-label="<?cs var:Lang.Eval.Form.Note ?>" class="eval-note"><?cs var:v.note ?></td><?cs else ?><td data-label="<?cs var:Lang.Eval.Form.Note ?>" class="eval-note" lang="en"><?cs var:v.note_en ?></td><?cs /if ?>
<td data-label="<?cs var:Lang.Eval.Form.Questions ?>"><?cs var:v.questions ?></td>
<td data-label="<?cs var:Lang.Eval.Form.Ratings ?>"><?cs var:v.ratings ?></td>
</tr>
<?cs /each ?></tbody>
</table>
</div>
