<?cs # Two-step verification is on: the recovery codes, shown this once. ?>
<div class="narrow">
<h1><?cs var:Lang.Mfa.Title ?></h1>
<p class="flash flash-success" role="status" id="mfa-on"><?cs var:Lang.Mfa.Enabled ?></p>
<h2><?cs var:Lang.Mfa.Recovery ?></h2>
<p><?cs var:Lang.Mfa.RecoveryIntro ?></p>
<ul class="recovery-codes" id="recovery-codes"><?cs each:c = Data.Codes ?><li><code><?cs var:c ?></code></li><?cs /each ?></ul>
<p><a class="btn" id="mfa-continue" href="<?cs var:Data.Next ?>"><?cs var:Lang.Mfa.Continue ?></a></p>
</div>
