<?cs # A user's notifications (citizens and officers): unread ones first (bold,
# tagged new), then
# the latest read ones; each links to its dossier. Data.Base is the
# page's address (forms post to Data.Base/da-doc). Data.Unread.N and
# Data.Read.N: id, kind, title, body, url (a local path), created_at,
# read_at, dossier_code; Data.UnreadCount; Data.Upto (newest unread id). ?>
<?cs def:notice(n, unread) ?><li id="tb-<?cs var:n.id ?>"<?cs if:unread ?> class="unread"<?cs /if ?>>
<?cs if:unread ?><span class="tag"><?cs var:Lang.Notifications.New ?></span> <strong><?cs var:n.title ?></strong><?cs else ?><?cs var:n.title ?><?cs /if ?>
<span class="muted"><?cs var:Lang.Notifications.Received ?> <time datetime="<?cs var:n.created_at ?>"><?cs var:fmt_datetime(n.created_at) ?></time></span>
<p><?cs var:n.body ?></p>
<?cs if:n.url ?><a href="<?cs var:url_validate(n.url) ?>"><?cs var:Lang.Notifications.Open ?> <?cs var:n.dossier_code ?></a><?cs /if ?>
<?cs if:unread ?><form method="post" action="<?cs var:Data.Base ?>/da-doc"><input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>"><input type="hidden" name="id" value="<?cs var:n.id ?>"><button type="submit" class="btn btn-secondary btn-small"><?cs var:Lang.Notifications.MarkRead ?></button></form><?cs /if ?>
</li>
<?cs /def ?><h1><?cs var:Page.Title ?></h1>
<p class="lead"><?cs if:Data.UnreadCount > 0 ?><strong class="unread-count"><?cs var:Data.UnreadCount ?></strong> <?cs var:Lang.Notifications.UnreadCount ?><?cs else ?><?cs var:Lang.Notifications.NoneUnread ?><?cs /if ?></p>
<?cs if:subcount(Data.Unread) ?>
<form method="post" action="<?cs var:Data.Base ?>/da-doc"><input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>"><input type="hidden" name="upto" value="<?cs var:Data.Upto ?>"><button type="submit" class="btn btn-secondary"><?cs var:Lang.Notifications.MarkAllRead ?></button></form>
<h2><?cs var:Lang.Notifications.Unread ?></h2>
<ul class="results notifications-unread">
<?cs each:n = Data.Unread ?><?cs call:notice(n, 1) ?><?cs /each ?></ul>
<?cs /if ?>
<?cs if:subcount(Data.Read) ?>
<h2><?cs var:Lang.Notifications.Earlier ?></h2>
<ul class="results notifications-read">
<?cs each:n = Data.Read ?><?cs call:notice(n, 0) ?><?cs /each ?></ul>
<?cs /if ?>
<?cs if:!subcount(Data.Unread) && !subcount(Data.Read) ?><p><?cs var:Lang.Notifications.None ?></p>
<?cs /if ?>
