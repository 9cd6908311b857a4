<?cs # Self-scores of a quarter (cgi-bin/office/eval.c): Data.Mode (own:
     the unit's leader or admin; appraise: the agency above), Data.AgencyId,
     Data.AgencyName, Data.Quarter, Data.Quarters.N.v, Data.Choices.N.{id,
     name}, Data.Rows.N.{n,own,appraised}, Data.{OwnTotal,AppraisedTotal,
     OwnAt,AppraisedAt,Saved}, Data.Computed.0.{i1..i9,total,dossiers};
     after an error Form.Invalid, Form.Errors.N, Form.v.N (typed values),
     Form.Refused (locked, noself). ?>
<p class="eyebrow"><a href="/can-bo/"><?cs var:Lang.Inbox.Title ?></a> · <a href="/can-bo/danh-gia/diem"><?cs var:Lang.Eval.Scores.Title ?></a></p>
<h1><?cs var:Lang.Eval.Self.Title ?></h1>
<p class="lead"><?cs var:Lang.Eval.Self.Intro ?></p>
<form method="get" action="/can-bo/danh-gia/tu-cham" class="filters card" id="self-filter">
<div class="form-group"><label for="agency"><?cs var:Lang.Eval.Devices.Agency ?></label>
<select id="agency" name="agency"><?cs each:a = Data.Choices ?><option value="<?cs var:a.id ?>"<?cs if:a.id == Data.AgencyId ?> selected<?cs /if ?>><?cs var:a.name ?></option><?cs /each ?></select></div>
<div class="form-group"><label for="ky"><?cs var:Lang.Eval.Self.Quarter ?></label>
<select id="ky" name="ky"><?cs each:k = Data.Quarters ?><option value="<?cs var:k.v ?>"<?cs if:k.v == Data.Quarter ?> selected<?cs /if ?>><?cs var:k.v ?></option><?cs /each ?></select></div>
<p><button type="submit" class="btn"><?cs var:Lang.Eval.Devices.Show ?></button></p>
</form>
<?cs if:Data.Saved ?><div class="flash flash-success" role="status" id="self-saved"><?cs var:Lang.Eval.Self.Saved ?></div><?cs /if ?>
<?cs if:Form.Refused == "locked" ?><div class="flash flash-error" role="alert" id="self-refused"><?cs var:Lang.Eval.Self.Locked ?></div><?cs /if ?>
<?cs if:Form.Refused == "noself" ?><div class="flash flash-error" role="alert" id="self-refused"><?cs var:Lang.Eval.Self.NoSelf ?></div><?cs /if ?>
<h2 id="self-h"><?cs var:Data.AgencyName ?> – <?cs var:Lang.Eval.Self.Quarter ?> <?cs var:Data.Quarter ?></h2>
<p><?cs if:Data.Mode == "own" ?><?cs var:Lang.Eval.Self.ModeOwn ?><?cs else ?><?cs var:Lang.Eval.Self.ModeAppraise ?><?cs /if ?>
<?cs if:Data.AppraisedAt ?> <strong id="self-state"><?cs var:Lang.Eval.Self.AppraisedOn ?> <?cs var:Data.AppraisedAt ?></strong><?cs elif:Data.OwnAt ?> <strong id="self-state"><?cs var:Lang.Eval.Self.OwnOn ?> <?cs var:Data.OwnAt ?></strong><?cs /if ?></p>
<form method="post" action="/can-bo/danh-gia/tu-cham" class="form" id="self-form" novalidate>
<?cs if:Form.Invalid ?><div class="flash flash-error" role="alert" id="self-invalid"><?cs var:Lang.Eval.Self.Invalid ?></div><?cs /if ?>
<input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
<input type="hidden" name="agency" value="<?cs var:Data.AgencyId ?>">
<input type="hidden" name="ky" value="<?cs var:Data.Quarter ?>">
<?cs def:edit(name, n, shown) ?><input class="input input-score<?cs if:Form.Errors[n] ?> input-error<?cs /if ?>" id="<?cs var:name ?><?cs var:n ?>" name="<?cs var:name ?><?cs var:n ?>" inputmode="decimal" size="4" maxlength="4" value="<?cs if:Form.Invalid ?><?cs var:Form.v[n] ?><?cs else ?><?cs var:shown ?><?cs /if ?>" aria-label="<?cs var:Lang.Eval.Scores['I' + n] ?>"<?cs if:Form.Errors[n] ?> aria-invalid="true" aria-describedby="err-<?cs var:n ?>"<?cs /if ?>><?cs if:Form.Errors[n] ?> <span class="error-message" id="err-<?cs var:n ?>"><?cs var:Lang.Eval.Self.ScoreError ?></span><?cs /if ?><?cs /def ?>
<div class="table-wrap" tabindex="0" role="region" aria-labelledby="self-h"><table class="table table-stack" id="self-scores">
<thead><tr><th scope="col"><?cs var:Lang.Eval.Self.Index ?></th><th scope="col" class="num"><?cs var:Lang.Eval.Self.Computed ?></th><th scope="col" class="num"><?cs var:Lang.Eval.Self.Own ?></th><th scope="col" class="num"><?cs var:Lang.Eval.Self.Appraised ?></th></tr></thead>
<tbody><?cs each:row = Data.Rows ?><tr data-index="<?cs var:row.n ?>">
<th scope="row"><?cs var:Lang.Eval.Scores['I' + row.n] ?></th>
<td class="num computed" data-label="<?cs var:Lang.Eval.Self.Computed ?>"><?cs if:string.length(Data.Computed.0['i' + row.n]) ?><?cs var:fmt_decimal(Data.Computed.0['i' + row.n]) ?><?cs else ?>–<?cs /if ?></td>
<td class="num own" data-label="<?cs var:Lang.Eval.Self.Own ?>"><?cs if:Data.Mode == "own" && !Data.AppraisedAt ?><?cs call:edit("s", row.n, fmt_decimal(row.own)) ?><?cs else ?><?cs var:fmt_decimal(row.own) ?><?cs /if ?></td>
<td class="num appraised" data-label="<?cs var:Lang.Eval.Self.Appraised ?>"><?cs if:Data.Mode == "appraise" && Data.OwnAt ?><?cs call:edit("a", row.n, fmt_decimal(row.appraised)) ?><?cs else ?><?cs var:fmt_decimal(row.appraised) ?><?cs /if ?></td>
</tr><?cs /each ?></tbody>
<tfoot><tr class="total"><th scope="row"><?cs var:Lang.Eval.Self.Total ?></th><td class="num computed" data-label="<?cs var:Lang.Eval.Self.Computed ?>"><?cs if:string.length(Data.Computed.0.total) ?><?cs var:fmt_decimal(Data.Computed.0.total) ?><?cs else ?>–<?cs /if ?></td><td class="num own" data-label="<?cs var:Lang.Eval.Self.Own ?>" id="own-total"><?cs var:fmt_decimal(Data.OwnTotal) ?></td><td class="num appraised" data-label="<?cs var:Lang.Eval.Self.Appraised ?>" id="appraised-total"><?cs var:fmt_decimal(Data.AppraisedTotal) ?></td></tr></tfoot>
</table></div>
<?cs if:Data.Mode == "own" && !Data.AppraisedAt ?><p><button type="submit" class="btn" id="self-submit"><?cs var:Lang.Eval.Self.SaveOwn ?></button></p>
<?cs elif:Data.Mode == "appraise" && Data.OwnAt ?><p><button type="submit" class="btn" id="self-submit"><?cs var:Lang.Eval.Self.SaveAppraised ?></button></p>
<?cs elif:Data.Mode == "appraise" ?><p id="self-wait"><?cs var:Lang.Eval.Self.NoSelf ?></p><?cs /if ?>
<p class="small muted"><?cs var:Lang.Eval.Self.Rule ?></p>
</form>
<p><a id="self-csv" href="/can-bo/danh-gia/tu-cham.csv?agency=<?cs var:url_escape(Data.AgencyId) ?>&amp;ky=<?cs var:url_escape(Data.Quarter) ?>" download><?cs var:Lang.Eval.Scores.Csv ?></a></p>
