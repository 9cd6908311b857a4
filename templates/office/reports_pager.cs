<?cs # The keyset pager of a register: rows shown, the first page, the
     previous, the next. ?>
<nav class="pager no-print" aria-label="<?cs var:Lang.Reports.Pages ?>"><p>
<?cs var:Lang.Reports.Rows ?> <?cs var:Data.First ?>–<?cs var:Data.Last ?>
<?cs if:Data.Paged ?> · <a id="page-first" href="<?cs var:Data.Action ?>?<?cs var:Data.Query ?>"><?cs var:Lang.Reports.First ?></a><?cs /if ?>
<?cs if:Data.Prev ?> · <a id="page-prev" rel="prev" href="<?cs var:Data.Action ?>?<?cs var:Data.Prev ?>"><?cs var:Lang.Reports.Prev ?></a><?cs /if ?>
<?cs if:Data.Next ?> · <a id="page-next" rel="next" href="<?cs var:Data.Action ?>?<?cs var:Data.Next ?>"><?cs var:Lang.Reports.Next ?></a><?cs /if ?>
</p></nav>
