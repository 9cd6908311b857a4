<?cs # The procedures an admin may edit: Form.q, Data.AllAgencies (a city
     admin: every procedure), Data.Agency (else: the admin's agency),
     Data.Searched, Data.Total, Data.Results.N.{code,name,field_name},
     Data.PrevPage, Data.NextPage. ?>
<link rel="stylesheet" href="/static/css/office.css">
<p class="eyebrow"><a href="/can-bo/"><?cs var:Lang.Inbox.Title ?></a></p>
<h1><?cs var:Lang.ProcEdit.Title ?></h1>
<p class="lead"><?cs if:Data.AllAgencies ?><?cs var:Lang.ProcEdit.IntroCity ?><?cs else ?><?cs var:Lang.ProcEdit.IntroAgency ?> <strong><?cs var:Data.Agency ?></strong>.<?cs if:Data.AgencyKind == "ward" ?> <?cs var:Lang.ProcEdit.IntroWard ?><?cs /if ?><?cs /if ?></p>
<form method="get" action="/can-bo/quan-tri/thu-tuc" class="search-form" role="search">
<label class="label" for="pq"><?cs var:Lang.ProcEdit.Search ?></label>
<span class="hint" id="pq-hint"><?cs var:Lang.ProcEdit.SearchHint ?></span>
<div class="search-row"><input class="input" type="search" id="pq" name="q" value="<?cs var:Form.q ?>" maxlength="200" aria-describedby="pq-hint"><button type="submit" class="btn"><?cs var:Lang.Common.Search ?></button></div>
</form>
<?cs if:Data.Searched ?><p role="status"><?cs var:Data.Total ?> <?cs var:Lang.ProcEdit.Results ?></p>
<?cs if:subcount(Data.Results) ?><ul class="proc-list">
<?cs each:p = Data.Results ?><li><a href="/can-bo/quan-tri/thu-tuc/<?cs var:url_escape(p.code) ?>" lang="vi"><?cs var:p.name ?></a> <span class="meta"><?cs var:p.code ?> · <?cs var:p.field_name ?></span></li>
<?cs /each ?></ul><?cs /if ?>
<?cs if:Data.PrevPage || Data.NextPage ?><nav class="pager" aria-label="<?cs var:Lang.ProcEdit.Pages ?>"><?cs if:Data.PrevPage ?><a href="/can-bo/quan-tri/thu-tuc?q=<?cs var:url_escape(Form.q) ?>&amp;page=<?cs var:Data.PrevPage ?>" rel="prev"><?cs var:Lang.ProcEdit.Prev ?></a> <?cs /if ?><?cs if:Data.NextPage ?><a href="/can-bo/quan-tri/thu-tuc?q=<?cs var:url_escape(Form.q) ?>&amp;page=<?cs var:Data.NextPage ?>" rel="next"><?cs var:Lang.ProcEdit.Next ?></a><?cs /if ?></nav><?cs /if ?>
<?cs /if ?>
