<?cs # An error page: Page.Status (400, 403, 404, 405, 413, 500, 503), the
     request id Page.RequestId and, when the program says more than the
     status does, Page.Message; rendered inside layout/base.cs. On a
     device's screen (Page.Device) the way out is back to its start. ?>
<div class="error-page">
<p class="error-code"><?cs var:Page.Status ?></p>
<h1><?cs alt:Lang.Error.Title[Page.Status] ?><?cs var:Lang.Error.Default ?><?cs /alt ?></h1>
<p class="lead"><?cs if:Page.Message ?><?cs var:Page.Message ?><?cs else ?><?cs alt:Lang.Error.Text[Page.Status] ?><?cs var:Lang.Error.Default ?><?cs /alt ?><?cs /if ?></p>
<?cs if:Page.RequestId ?><p class="request-id"><?cs var:Lang.Error.RequestId ?> <code><?cs var:Page.RequestId ?></code></p>
<p class="hint"><?cs var:Lang.Error.Help ?></p>
<?cs /if ?><?cs if:Page.Device ?><p><a class="btn btn-secondary device-big" id="device-back" href="/dich-vu/thiet-bi-danh-gia"><?cs var:Lang.Eval.Back ?></a></p><?cs else ?><p><a class="btn btn-secondary" href="/"><?cs var:Lang.Common.Home ?></a></p><?cs /if ?>
</div>
