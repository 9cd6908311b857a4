<?cs # The receipt's print view (form 01's content as a page). The print
     # button and ?print=1 open the print dialog through /static/js/print.js
     # (no inline script: the site has a CSP). ?>
<link rel="stylesheet" href="/static/css/office.css">
<script src="/static/js/print.js" defer></script>
<?cs if:Data.AutoPrint ?><span id="auto-print" hidden></span><?cs /if ?>
<?cs with:d = Data.Dossier.0 ?><article class="receipt">
<p class="receipt-agency"><?cs var:d.agency_name ?></p>
<h1><?cs var:Lang.Counter.ReceiptTitle ?></h1>
<p class="receipt-code"><?cs var:Lang.Counter.Code ?>: <strong><?cs var:d.code ?></strong></p>
<dl class="facts">
<dt><?cs var:Lang.Counter.Applicant ?></dt><dd><?cs var:d.applicant_name ?></dd>
<dt><?cs if:d.applicant_org == "1" ?><?cs var:Lang.Org.TaxCode ?><?cs else ?><?cs var:Lang.Form.IdNumber ?><?cs /if ?></dt><dd id="receipt-number"><?cs var:d.applicant_id_number ?></dd>
<dt><?cs var:Lang.Counter.Matter ?></dt><dd><?cs var:d.procedure_name ?> (<?cs var:d.procedure_code ?>)</dd>
<dt><?cs var:Lang.Counter.ReceivedAt ?></dt><dd><?cs var:fmt_datetime(d.received_at) ?></dd>
<dt><?cs var:Lang.Counter.DueAt ?></dt><dd><?cs if:d.original_due_at ?><?cs var:fmt_datetime(d.original_due_at) ?><?cs else ?><?cs var:fmt_datetime(d.due_at) ?><?cs /if ?></dd>
</dl>
<h2><?cs var:Lang.Counter.Documents ?></h2>
<?cs if:subcount(Data.Received) ?><table class="table receipt-docs">
<thead><tr><th scope="col">#</th><th scope="col"><?cs var:Lang.Counter.Document ?></th><th scope="col"><?cs var:Lang.Counter.Originals ?></th><th scope="col"><?cs var:Lang.Counter.Copies ?></th></tr></thead>
<tbody><?cs each:x = Data.Received ?><tr><td><?cs var:x.n ?></td><td><?cs var:x.name ?></td><td><?cs var:x.originals ?></td><td><?cs var:x.copies ?></td></tr><?cs /each ?></tbody>
</table><?cs else ?><p><?cs var:Lang.Counter.NoneReceived ?></p><?cs /if ?>
<p class="no-print"><button type="button" class="btn" id="print-receipt" hidden><?cs var:Lang.Counter.Print ?></button>
<a href="/can-bo/ho-so/<?cs var:url_escape(d.code) ?>/phieu/01.pdf"><?cs var:Lang.Papers.01 ?></a> ·
<a href="/can-bo/ho-so/<?cs var:url_escape(d.code) ?>"><?cs var:Lang.Counter.BackToDossier ?></a></p>
</article><?cs /with ?>
