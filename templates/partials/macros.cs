<?cs # Macros shared by the page templates; layout/base.cs includes this file
     first, so every page template may call them. ?><?cs
def:level(p) ?><?cs
  if:p.Province && p.Commune ?><?cs var:Lang.Level.Both ?><?cs
  elif:p.Province ?><?cs var:Lang.Level.Province ?><?cs
  elif:p.Commune ?><?cs var:Lang.Level.Commune ?><?cs
  /if ?><?cs
/def ?><?cs
def:online_tag(p) ?><?cs
  if:p.Online ?><span class="tag tag-online"><?cs var:Lang.Common.Online ?></span><?cs
  else ?><span class="tag tag-muted"><?cs var:Lang.Common.NotOnline ?></span><?cs
  /if ?><?cs
/def ?><?cs
def:status_badge(s) ?><span class="badge status-<?cs var:s ?>"><?cs alt:Lang.Status[s] ?><?cs var:s ?><?cs /alt ?></span><?cs
/def ?><?cs
def:vi_only() ?><p class="lang-note"><?cs var:Lang.Common.ViOnly ?></p><?cs
/def ?><?cs
def:proc_item(p) ?><li><a href="<?cs var:Lang.Site.Root ?>/thu-tuc/<?cs var:p.Code ?>.html" lang="vi"><?cs var:p.Name ?></a> <span class="meta"><?cs var:p.Code ?> · <?cs call:level(p) ?><?cs if:p.Online ?> · <?cs var:Lang.Common.Online ?><?cs /if ?></span></li><?cs
/def ?><?cs
def:refused(f) ?><?cs if:Form.Refused[f] ?><span class="error-message" id="<?cs var:f ?>-refused"><?cs var:Form.Refused[f] ?></span><?cs /if ?><?cs
/def ?>
