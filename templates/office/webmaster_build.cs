<?cs # One site build (queued here, run by bin/worker): Data.Build.0.{id,
     state,full_rebuild,requested_at,started_at,finished_at,pages_total,
     pages_done,written,unchanged,removed,ms,message,full_name}. While it
     waits or runs, /static/js/build.js polls .../trang-thai and updates
     the state, times and figures in place; without
     JavaScript the link reloads the page. ?><?cs with:b = Data.Build.0 ?>
<p class="eyebrow"><a href="/can-bo/quan-tri-trang/"><?cs var:Lang.Webmaster.Title ?></a></p>
<h1><?cs var:Lang.Webmaster.Build.Title ?></h1>
<div class="build" data-status="/can-bo/quan-tri-trang/cap-nhat/<?cs var:b.id ?>/trang-thai" data-state="<?cs var:b.state ?>">
<p role="status" class="build-state"><strong data-k="state-text"><?cs alt:Lang.Webmaster.Build.State[b.state] ?><?cs var:b.state ?><?cs /alt ?></strong></p>
<p><label for="build-progress"><?cs var:Lang.Webmaster.Build.Progress ?></label>
<progress id="build-progress" max="<?cs alt:b.pages_total ?>1<?cs /alt ?>" value="<?cs var:b.pages_done ?>"><?cs var:b.pages_done ?> / <?cs var:b.pages_total ?></progress>
<span data-k="pages_done"><?cs var:b.pages_done ?></span> / <span data-k="pages_total"><?cs var:b.pages_total ?></span> <?cs var:Lang.Webmaster.Build.Pages ?></p>
<dl class="facts">
<dt><?cs var:Lang.Webmaster.Build.Kind ?></dt><dd><?cs if:b.full_rebuild ?><?cs var:Lang.Webmaster.Build.KindFull ?><?cs else ?><?cs var:Lang.Webmaster.Build.KindChanges ?><?cs /if ?></dd>
<dt><?cs var:Lang.Webmaster.Build.By ?></dt><dd><?cs var:b.full_name ?></dd>
<dt><?cs var:Lang.Webmaster.Build.Requested ?></dt><dd><?cs var:fmt_datetime(b.requested_at) ?></dd>
<dt><?cs var:Lang.Webmaster.Build.Started ?></dt><dd data-k="started_at_text"><?cs if:b.started_at ?><?cs var:fmt_datetime(b.started_at) ?><?cs else ?>–<?cs /if ?></dd>
<dt><?cs var:Lang.Webmaster.Build.Finished ?></dt><dd data-k="finished_at_text"><?cs if:b.finished_at ?><?cs var:fmt_datetime(b.finished_at) ?><?cs else ?>–<?cs /if ?></dd>
<dt><?cs var:Lang.Webmaster.Build.Written ?></dt><dd data-k="written"><?cs var:b.written ?></dd>
<dt><?cs var:Lang.Webmaster.Build.Unchanged ?></dt><dd data-k="unchanged"><?cs var:b.unchanged ?></dd>
<dt><?cs var:Lang.Webmaster.Build.Removed ?></dt><dd data-k="removed"><?cs var:b.removed ?></dd>
<dt><?cs var:Lang.Webmaster.Build.Seconds ?></dt><dd data-k="ms"><?cs var:b.ms ?></dd>
</dl>
<p class="flash flash-error" data-k="failed"<?cs if:b.state != "failed" ?> hidden<?cs /if ?>><?cs var:Lang.Webmaster.Build.Failed ?></p>
<?cs each:s = Lang.Webmaster.Build.State ?><span hidden data-state-text="<?cs name:s ?>"><?cs var:s ?></span><?cs /each ?>
</div>
<p><a href="/can-bo/quan-tri-trang/cap-nhat/<?cs var:b.id ?>"><?cs var:Lang.Webmaster.Build.Refresh ?></a> · <a href="/can-bo/quan-tri-trang/"><?cs var:Lang.Webmaster.Back ?></a></p>
<script src="/static/js/build.js" defer></script>
<?cs /with ?>
