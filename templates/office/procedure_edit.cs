<?cs # An agency's admin edits a procedure's content and saves a new version.
     Data.Procedure.0.{code,name,version,updated_at,agency_name,
     import_held_at}; Form.{name,subjects,procedure_type,decision_no,
     implementing,competent,steps_text,conditions_text,result_text,version},
     Form.Ch.N.{ch,time,fee,feedesc,chdel}, Form.Doc.N.{docpos,docn,doco,
     docc,docnote,docg,docf,docdel}, Form.Law.N.{lawn,lawt,lawdel};
     Form.Errors.<field N> = why, Data.Errors.N.{field,kind,row,why},
     Form.Invalid, Form.Stale; Data.Saved (the version saved), Data.Same;
     Data.Versions.N.{version,source,created_at,full_name,
     Changes.M.{what,label,from,to}}. ?><?cs
def:err(f) ?><?cs if:Form.Errors[f] ?><span class="error-message" id="e-<?cs var:f ?>"><?cs var:Lang.ProcEdit.Err[Form.Errors[f]] ?></span><?cs /if ?><?cs /def ?><?cs
def:inv(f) ?><?cs if:Form.Errors[f] ?> aria-invalid="true" aria-describedby="e-<?cs var:f ?>"<?cs /if ?><?cs /def ?><?cs
with:p = Data.Procedure.0 ?>
<link rel="stylesheet" href="/static/css/office.css">
<p class="eyebrow"><a href="/can-bo/quan-tri/thu-tuc"><?cs var:Lang.ProcEdit.Title ?></a></p>
<h1><?cs var:Lang.ProcEdit.EditTitle ?> <?cs var:p.code ?></h1>
<p class="lead" lang="vi"><?cs var:p.name ?></p>
<p class="meta"><?cs var:Lang.ProcEdit.Version ?> <?cs var:p.version ?> · <?cs var:Lang.ProcEdit.Updated ?> <?cs var:fmt_datetime(p.updated_at) ?><?cs if:p.agency_name ?> · <?cs var:p.agency_name ?><?cs /if ?></p>
<p><a href="/can-bo/quan-tri/thu-tuc/<?cs var:url_escape(p.code) ?>/bieu-mau" id="form-designer-link"><?cs var:Lang.EFormDesign.Open ?></a></p>
<?cs if:Data.Saved ?><div class="flash flash-success" role="status" id="saved">
<p><strong><?cs var:Lang.ProcEdit.Saved ?> <?cs var:Data.Saved ?>.</strong> <?cs var:Lang.ProcEdit.SavedSite ?></p>
<form method="post" action="/can-bo/quan-tri-trang/cap-nhat"><input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>"><button type="submit" class="btn btn-secondary" id="publish"><?cs var:Lang.ProcEdit.Publish ?></button></form>
<p><a href="/thu-tuc/<?cs var:url_escape(p.code) ?>.html"><?cs var:Lang.ProcEdit.PublicPage ?></a></p>
</div><?cs /if ?>
<?cs if:Data.Same ?><p class="flash" role="status"><?cs var:Lang.ProcEdit.Same ?></p><?cs /if ?>
<?cs if:p.import_held_at ?><p class="flash flash-warning"><?cs var:Lang.ProcEdit.Held ?> (<?cs var:fmt_datetime(p.import_held_at) ?>)</p><?cs /if ?>
<?cs if:Form.Stale ?><div class="error-summary" role="alert"><p><?cs var:Lang.ProcEdit.Stale ?></p></div><?cs /if ?>
<?cs if:Form.Invalid ?><div class="error-summary" role="alert" id="errors"><p><?cs var:Lang.ProcEdit.Invalid ?></p>
<ul><?cs each:e = Data.Errors ?><li><a href="#f-<?cs var:e.field ?>"><?cs alt:Lang.ProcEdit.Label[e.kind] ?><?cs var:e.kind ?><?cs /alt ?><?cs if:e.row ?> <?cs var:e.row ?><?cs /if ?>: <?cs var:Lang.ProcEdit.Err[e.why] ?></a></li><?cs /each ?></ul></div><?cs /if ?>
<form method="post" action="/can-bo/quan-tri/thu-tuc/<?cs var:url_escape(p.code) ?>" class="form proc-edit" novalidate>
<input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
<input type="hidden" name="version" value="<?cs var:Form.version ?>">
<fieldset><legend><?cs var:Lang.ProcEdit.Texts ?></legend>
<div class="form-group<?cs if:Form.Errors.name ?> has-error<?cs /if ?>"><label for="f-name"><?cs var:Lang.ProcEdit.Label.name ?> (<?cs var:Lang.ProcEdit.Required ?>)</label>
<?cs call:err("name") ?><?cs call:refused("name") ?><input id="f-name" name="name" value="<?cs var:Form.name ?>" maxlength="2000" lang="vi"<?cs call:inv("name") ?>></div>
<?cs each:t = Lang.ProcEdit.TextFields ?><div class="form-group<?cs if:Form.Errors[name(t)] ?> has-error<?cs /if ?>"><label for="f-<?cs name:t ?>"><?cs var:Lang.ProcEdit.Label[name(t)] ?></label>
<?cs call:err(name(t)) ?><textarea id="f-<?cs name:t ?>" name="<?cs name:t ?>" rows="<?cs var:t ?>" lang="vi"<?cs call:inv(name(t)) ?>><?cs var:Form[name(t)] ?></textarea></div>
<?cs /each ?></fieldset>
<fieldset><legend><?cs var:Lang.ProcEdit.Channels ?></legend>
<p class="hint"><?cs var:Lang.ProcEdit.ChannelsHint ?></p>
<?cs each:c = Form.Ch ?><div class="edit-row" id="ch-<?cs name:c ?>">
<div class="form-group"><label for="f-ch<?cs name:c ?>"><?cs var:Lang.ProcEdit.Label.ch ?> <?cs var:name(c) + 1 ?></label>
<select id="f-ch<?cs name:c ?>" name="ch<?cs name:c ?>"><?cs each:n = Lang.Channel ?><option value="<?cs name:n ?>"<?cs if:name(n) == c.ch ?> selected<?cs /if ?>><?cs var:n ?></option><?cs /each ?></select></div>
<div class="form-group<?cs if:Form.Errors["time" + name(c)] ?> has-error<?cs /if ?>"><label for="f-time<?cs name:c ?>"><?cs var:Lang.ProcEdit.Label.time ?> <?cs var:name(c) + 1 ?></label>
<span class="hint"><?cs var:Lang.ProcEdit.TimeHint ?></span><?cs call:err("time" + name(c)) ?>
<input id="f-time<?cs name:c ?>" name="time<?cs name:c ?>" value="<?cs var:c.time ?>" maxlength="500" lang="vi"<?cs call:inv("time" + name(c)) ?>></div>
<div class="form-group<?cs if:Form.Errors["fee" + name(c)] ?> has-error<?cs /if ?>"><label for="f-fee<?cs name:c ?>"><?cs var:Lang.ProcEdit.Label.fee ?> <?cs var:name(c) + 1 ?></label>
<span class="hint"><?cs var:Lang.ProcEdit.FeeHint ?></span><?cs call:err("fee" + name(c)) ?>
<input id="f-fee<?cs name:c ?>" name="fee<?cs name:c ?>" value="<?cs var:c.fee ?>" maxlength="1000" lang="vi"<?cs call:inv("fee" + name(c)) ?>></div>
<div class="form-group<?cs if:Form.Errors["feedesc" + name(c)] ?> has-error<?cs /if ?>"><label for="f-feedesc<?cs name:c ?>"><?cs var:Lang.ProcEdit.Label.feedesc ?> <?cs var:name(c) + 1 ?></label>
<?cs call:err("feedesc" + name(c)) ?><textarea id="f-feedesc<?cs name:c ?>" name="feedesc<?cs name:c ?>" rows="2" lang="vi"><?cs var:c.feedesc ?></textarea></div>
<div class="form-group checks"><span class="check"><input type="checkbox" id="f-chdel<?cs name:c ?>" name="chdel<?cs name:c ?>" value="1"<?cs if:c.chdel ?> checked<?cs /if ?>><label for="f-chdel<?cs name:c ?>" class="inline"><?cs var:Lang.ProcEdit.RemoveChannel ?> <?cs var:name(c) + 1 ?></label></span></div>
</div><?cs /each ?>
</fieldset>
<fieldset><legend><?cs var:Lang.ProcEdit.Documents ?></legend>
<p class="hint"><?cs var:Lang.ProcEdit.DocumentsHint ?></p>
<?cs each:d = Form.Doc ?><div class="edit-row doc-row" id="doc-<?cs name:d ?>">
<div class="form-group small-field<?cs if:Form.Errors["docpos" + name(d)] ?> has-error<?cs /if ?>"><label for="f-docpos<?cs name:d ?>"><?cs var:Lang.ProcEdit.Label.docpos ?></label><?cs call:err("docpos" + name(d)) ?>
<input id="f-docpos<?cs name:d ?>" name="docpos<?cs name:d ?>" value="<?cs var:d.docpos ?>" inputmode="numeric" size="4" maxlength="6"<?cs call:inv("docpos" + name(d)) ?>></div>
<div class="form-group<?cs if:Form.Errors["docn" + name(d)] ?> has-error<?cs /if ?>"><label for="f-docn<?cs name:d ?>"><?cs var:Lang.ProcEdit.Label.docn ?> <?cs var:name(d) + 1 ?><?cs if:!d.docn ?> (<?cs var:Lang.ProcEdit.New ?>)<?cs /if ?></label>
<?cs call:err("docn" + name(d)) ?><textarea id="f-docn<?cs name:d ?>" name="docn<?cs name:d ?>" rows="2" lang="vi"<?cs call:inv("docn" + name(d)) ?>><?cs var:d.docn ?></textarea></div>
<div class="form-group small-field<?cs if:Form.Errors["doco" + name(d)] ?> has-error<?cs /if ?>"><label for="f-doco<?cs name:d ?>"><?cs var:Lang.ProcEdit.Label.doco ?></label><?cs call:err("doco" + name(d)) ?>
<input id="f-doco<?cs name:d ?>" name="doco<?cs name:d ?>" value="<?cs var:d.doco ?>" inputmode="numeric" size="4" maxlength="6"<?cs call:inv("doco" + name(d)) ?>></div>
<div class="form-group small-field<?cs if:Form.Errors["docc" + name(d)] ?> has-error<?cs /if ?>"><label for="f-docc<?cs name:d ?>"><?cs var:Lang.ProcEdit.Label.docc ?></label><?cs call:err("docc" + name(d)) ?>
<input id="f-docc<?cs name:d ?>" name="docc<?cs name:d ?>" value="<?cs var:d.docc ?>" inputmode="numeric" size="4" maxlength="6"<?cs call:inv("docc" + name(d)) ?>></div>
<div class="form-group<?cs if:Form.Errors["docnote" + name(d)] ?> has-error<?cs /if ?>"><label for="f-docnote<?cs name:d ?>"><?cs var:Lang.ProcEdit.Label.docnote ?></label><?cs call:err("docnote" + name(d)) ?>
<input id="f-docnote<?cs name:d ?>" name="docnote<?cs name:d ?>" value="<?cs var:d.docnote ?>" maxlength="1000" lang="vi"></div>
<div class="form-group"><label for="f-docg<?cs name:d ?>"><?cs var:Lang.ProcEdit.Label.docg ?></label>
<input id="f-docg<?cs name:d ?>" name="docg<?cs name:d ?>" value="<?cs var:d.docg ?>" lang="vi"></div>
<div class="form-group checks"><span class="check"><input type="checkbox" id="f-docf<?cs name:d ?>" name="docf<?cs name:d ?>" value="1"<?cs if:d.docf == "1" ?> checked<?cs /if ?>><label for="f-docf<?cs name:d ?>" class="inline"><?cs var:Lang.ProcEdit.Label.docf ?></label></span>
<span class="check"><input type="checkbox" id="f-docdel<?cs name:d ?>" name="docdel<?cs name:d ?>" value="1"<?cs if:d.docdel ?> checked<?cs /if ?>><label for="f-docdel<?cs name:d ?>" class="inline"><?cs var:Lang.ProcEdit.RemoveDocument ?> <?cs var:name(d) + 1 ?></label></span></div>
</div><?cs /each ?>
</fieldset>
<fieldset><legend><?cs var:Lang.ProcEdit.Legal ?></legend>
<?cs each:l = Form.Law ?><div class="edit-row" id="law-<?cs name:l ?>">
<div class="form-group<?cs if:Form.Errors["lawn" + name(l)] ?> has-error<?cs /if ?>"><label for="f-lawn<?cs name:l ?>"><?cs var:Lang.ProcEdit.Label.lawn ?> <?cs var:name(l) + 1 ?></label><?cs call:err("lawn" + name(l)) ?>
<input id="f-lawn<?cs name:l ?>" name="lawn<?cs name:l ?>" value="<?cs var:l.lawn ?>" maxlength="255" lang="vi"></div>
<div class="form-group<?cs if:Form.Errors["lawt" + name(l)] ?> has-error<?cs /if ?>"><label for="f-lawt<?cs name:l ?>"><?cs var:Lang.ProcEdit.Label.lawt ?> <?cs var:name(l) + 1 ?></label><?cs call:err("lawt" + name(l)) ?>
<textarea id="f-lawt<?cs name:l ?>" name="lawt<?cs name:l ?>" rows="2" lang="vi"<?cs call:inv("lawt" + name(l)) ?>><?cs var:l.lawt ?></textarea></div>
<div class="form-group checks"><span class="check"><input type="checkbox" id="f-lawdel<?cs name:l ?>" name="lawdel<?cs name:l ?>" value="1"<?cs if:l.lawdel ?> checked<?cs /if ?>><label for="f-lawdel<?cs name:l ?>" class="inline"><?cs var:Lang.ProcEdit.RemoveLaw ?> <?cs var:name(l) + 1 ?></label></span></div>
</div><?cs /each ?>
</fieldset>
<p class="hint"><?cs var:Lang.ProcEdit.SaveHint ?></p>
<p><button type="submit" class="btn" id="save"><?cs var:Lang.ProcEdit.Save ?></button></p>
</form>
<section aria-labelledby="history-h" id="history">
<h2 id="history-h"><?cs var:Lang.ProcEdit.History ?></h2>
<?cs if:subcount(Data.Versions) ?><ol class="history" reversed>
<?cs each:v = Data.Versions ?><li><strong><?cs var:Lang.ProcEdit.Version ?> <?cs var:v.version ?></strong> · <?cs var:fmt_datetime(v.created_at) ?> · <?cs if:v.full_name ?><?cs var:v.full_name ?><?cs else ?><?cs var:Lang.ProcEdit.Source[v.source] ?><?cs /if ?>
<?cs if:subcount(v.Changes) ?><ul><?cs each:c = v.Changes ?><li><?cs var:Lang.ProcEdit.Change[c.what] ?><?cs if:c.what == "text" ?> <?cs var:Lang.ProcEdit.Label[c.label] ?><?cs elif:c.what == "fee" || c.what == "time" || c.what == "fee_description" || c.what == "channel" || c.what == "channel_add" || c.what == "channel_remove" ?> (<?cs alt:Lang.Channel[c.label] ?><?cs var:c.label ?><?cs /alt ?>)<?cs elif:c.label ?>: <span lang="vi"><?cs var:c.label ?></span><?cs /if ?><?cs if:c.from || c.to ?>: <del lang="vi"><?cs var:c.from ?></del> → <ins lang="vi"><?cs var:c.to ?></ins><?cs /if ?></li><?cs /each ?></ul><?cs /if ?></li>
<?cs /each ?></ol><?cs else ?><p><?cs var:Lang.ProcEdit.NoHistory ?></p><?cs /if ?>
</section>
<?cs /with ?>
