<?cs # The dossier's result files (Data.Results: id, filename, mime, size,
     uploaded_at), for the applicant once returned and for officers; the
     links go to the portal's download, which checks who asks. ?>
<?cs if:subcount(Data.Results) ?>
<section class="card results" aria-labelledby="results-h">
<h2 id="results-h"><?cs var:Lang.Dossier.Results ?></h2>
<p><?cs var:Lang.Dossier.ResultsIntro ?></p>
<ul class="files"><?cs each:f = Data.Results ?><li><a href="/dich-vu/ho-so/<?cs var:url_escape(Data.Dossier.0.code) ?>/ket-qua/<?cs var:f.id ?>" download><?cs var:f.filename ?></a> <span class="muted">(<?cs var:f.mime ?>, <?cs var:f.size ?> B, <?cs var:fmt_datetime(f.uploaded_at) ?>)</span></li>
<?cs /each ?></ul>
</section>
<?cs /if ?>
