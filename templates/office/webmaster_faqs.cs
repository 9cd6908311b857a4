<?cs # The FAQ list: Data.Faqs.N.{id,question,has_en,example,published,
     field_name,procedure_code,updated_at}. ?>
<p class="eyebrow"><a href="/can-bo/quan-tri-trang/"><?cs var:Lang.Webmaster.Title ?></a></p>
<h1><?cs var:Lang.Webmaster.Faq.Title ?></h1>
<p><a class="btn" href="/can-bo/quan-tri-trang/hoi-dap/moi"><?cs var:Lang.Webmaster.New ?></a></p>
<?cs if:subcount(Data.Faqs) ?><table class="table table-stack">
<thead><tr><th scope="col"><?cs var:Lang.Webmaster.Faq.Question ?></th><th scope="col"><?cs var:Lang.Webmaster.Faq.Field ?></th><th scope="col"><?cs var:Lang.Webmaster.Published ?></th></tr></thead>
<tbody>
<?cs each:q = Data.Faqs ?><tr><td><a href="/can-bo/quan-tri-trang/hoi-dap/<?cs var:q.id ?>"><?cs var:q.question ?></a><?cs if:q.example ?> <span class="tag"><?cs var:Lang.Webmaster.Example ?></span><?cs /if ?><?cs if:q.procedure_code ?> <span class="muted">(<?cs var:q.procedure_code ?>)</span><?cs /if ?></td><td data-label="<?cs var:Lang.Webmaster.Faq.Field ?>"><?cs alt:q.field_name ?>–<?cs /alt ?></td><td data-label="<?cs var:Lang.Webmaster.Published ?>"><?cs if:q.published ?><?cs var:Lang.Webmaster.Published ?><?cs else ?><?cs var:Lang.Webmaster.Draft ?><?cs /if ?></td></tr>
<?cs /each ?></tbody>
</table>
<?cs else ?><p><?cs var:Lang.Webmaster.Faq.None ?></p>
<?cs /if ?>
