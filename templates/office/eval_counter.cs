<?cs # An officer at a counter (cgi-bin/office/eval.c): Data.Tablets.N.{id,
     name,counter,agency,officer_name,mine,waiting}, Data.Me, Data.HasPhoto,
     Data.CanManage; the card form echoes Form.{title,title_en} with
     Form.Errors.{title,title_en,photo} and Form.PhotoWhy. ?>
<p class="eyebrow"><a href="/can-bo/"><?cs var:Lang.Inbox.Title ?></a> · <a href="/can-bo/danh-gia/diem"><?cs var:Lang.Eval.Scores.Title ?></a><?cs if:Data.CanManage ?> · <a href="/can-bo/danh-gia/thiet-bi"><?cs var:Lang.Eval.Devices.Title ?></a><?cs /if ?></p>
<h1><?cs var:Lang.Eval.Counter.Title ?></h1>
<p class="lead"><?cs var:Lang.Eval.Counter.Intro ?></p>
<h2 id="tablets-h"><?cs var:Lang.Eval.Counter.Tablets ?></h2>
<?cs if:subcount(Data.Tablets) ?><div class="table-wrap"><table class="table table-stack" id="tablets" aria-labelledby="tablets-h">
<thead><tr><th scope="col"><?cs var:Lang.Eval.Devices.Name ?></th><th scope="col"><?cs var:Lang.Eval.Devices.Counter ?></th><th scope="col"><?cs var:Lang.Eval.Counter.AtCounter ?></th><th scope="col"><?cs var:Lang.Eval.Counter.Waiting ?></th><th scope="col"><span class="visually-hidden"><?cs var:Lang.Eval.Counter.Invite ?></span></th></tr></thead>
<tbody><?cs each:t = Data.Tablets ?><tr data-tablet="<?cs var:t.id ?>">
<td data-label="<?cs var:Lang.Eval.Devices.Name ?>"><?cs var:t.name ?> <span class="muted small"><?cs var:t.agency ?></span></td>
<td data-label="<?cs var:Lang.Eval.Devices.Counter ?>"><?cs var:t.counter ?></td>
<td data-label="<?cs var:Lang.Eval.Counter.AtCounter ?>"><?cs if:t.mine ?><strong><?cs var:Lang.Eval.Counter.You ?></strong><?cs else ?><?cs var:t.officer_name ?><?cs /if ?></td>
<td data-label="<?cs var:Lang.Eval.Counter.Waiting ?>" class="tablet-waiting"><?cs var:t.waiting ?></td>
<td><form method="post" action="/can-bo/danh-gia/quay/<?cs var:t.id ?>/moi"><input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>"><button type="submit" class="btn btn-small" aria-label="<?cs var:Lang.Eval.Counter.Invite ?>: <?cs var:t.name ?>"><?cs var:Lang.Eval.Counter.Invite ?></button></form></td>
</tr><?cs /each ?></tbody></table></div>
<?cs else ?><p><?cs var:Lang.Eval.Counter.NoTablets ?></p><?cs /if ?>
<form method="post" action="/can-bo/danh-gia/the" enctype="multipart/form-data" class="card form" id="card-form" novalidate>
<h2 class="h3"><?cs var:Lang.Eval.Counter.Card ?></h2>
<p class="hint"><?cs var:Lang.Eval.Counter.CardIntro ?> <strong><?cs var:Data.Me ?></strong><?cs if:Data.HasPhoto ?> · <?cs var:Lang.Eval.Counter.HasPhoto ?><?cs /if ?></p>
<?cs if:Form.Invalid ?><div class="alert alert-error" role="alert"><?cs var:Lang.Eval.Devices.Invalid ?></div><?cs /if ?>
<input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
<div class="form-group<?cs if:Form.Errors.title ?> has-error<?cs /if ?>"><label for="title"><?cs var:Lang.Eval.Counter.JobTitle ?></label>
<?cs if:Form.Errors.title ?><span class="error-message" id="title-err"><?cs var:Lang.Eval.Counter.TitleError ?></span><?cs /if ?>
<input class="input" id="title" name="title" maxlength="255" required value="<?cs var:Form.title ?>"<?cs if:Form.Errors.title ?> aria-invalid="true" aria-describedby="title-err"<?cs /if ?>></div>
<div class="form-group<?cs if:Form.Errors.title_en ?> has-error<?cs /if ?>"><label for="title_en"><?cs var:Lang.Eval.Counter.JobTitleEn ?></label>
<input class="input" id="title_en" name="title_en" maxlength="255" value="<?cs var:Form.title_en ?>" lang="en"></div>
<div class="form-group<?cs if:Form.Errors.photo ?> has-error<?cs /if ?>"><label for="photo"><?cs var:Lang.Eval.Counter.Photo ?></label>
<p class="hint" id="photo-hint"><?cs var:Lang.Eval.Counter.PhotoHint ?></p>
<?cs if:Form.Errors.photo ?><span class="error-message" id="photo-err"><?cs var:Form.PhotoWhy ?></span><?cs /if ?>
<input id="photo" name="photo" type="file" accept="image/jpeg,image/png" aria-describedby="photo-hint<?cs if:Form.Errors.photo ?> photo-err<?cs /if ?>"></div>
<p><button type="submit" class="btn"><?cs var:Lang.Eval.Counter.Save ?></button></p>
</form>
