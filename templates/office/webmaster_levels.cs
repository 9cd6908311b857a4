<?cs # Setting procedures' online service level: Form.q, Data.Total,
     Data.Results.N.{code,name,field_name,service_level}. ?>
<p class="eyebrow"><a href="/can-bo/quan-tri-trang/"><?cs var:Lang.Webmaster.Title ?></a></p>
<h1><?cs var:Lang.Webmaster.Levels.Title ?></h1>
<p class="lead"><?cs var:Lang.Webmaster.Levels.Intro ?></p>
<form method="get" action="/can-bo/quan-tri-trang/muc-do" class="search-form" role="search">
<label class="label" for="lq"><?cs var:Lang.Webmaster.Levels.Search ?></label>
<div class="search-row"><input class="input" type="search" id="lq" name="q" value="<?cs var:Form.q ?>" maxlength="200"><button type="submit" class="btn"><?cs var:Lang.Common.Search ?></button></div>
</form>
<?cs if:Form.q ?><p role="status"><?cs var:Data.Total ?> <?cs var:Lang.Webmaster.Levels.Results ?></p>
<ul class="proc-list">
<?cs each:p = Data.Results ?><li><span lang="vi"><?cs var:p.name ?></span> <span class="meta"><?cs var:p.code ?> · <?cs var:p.field_name ?></span>
<form method="post" action="/can-bo/quan-tri-trang/muc-do" class="filters">
<input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>"><input type="hidden" name="code" value="<?cs var:p.code ?>"><input type="hidden" name="q" value="<?cs var:Form.q ?>">
<label for="sl-<?cs name:p ?>"><?cs var:Lang.Webmaster.Levels.Level ?></label>
<select id="sl-<?cs name:p ?>" name="service"><?cs each:l = Lang.ServiceLevel ?><?cs if:name(l) != "Hint" ?><option value="<?cs name:l ?>"<?cs if:name(l) == p.service_level || (name(l) == "none" && !p.service_level) ?> selected<?cs /if ?>><?cs var:l ?></option><?cs /if ?><?cs /each ?></select>
<button type="submit" class="btn btn-small"><?cs var:Lang.Webmaster.Levels.Set ?></button>
</form></li>
<?cs /each ?></ul>
<?cs /if ?>
