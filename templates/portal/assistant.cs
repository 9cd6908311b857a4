<?cs # The assistant (cgi-bin/portal/assistant.c): Form.{q,ward},
     Data.Agencies.N.{code,name,name_en,kind} (the wards), Data.Asked,
     Data.Faq.{id,question,Paras.N} (the webmasters' answer),
     Data.Unanswered (logged for webmasters) with Data.Close.N (some words
     matched), Data.AskForeign (the follow-up question), Data.Matches.N.
     {code,name}, Data.Answer.{code,name,online,commune,where,
     Documents.N.{name,originals,copies},Channels.N.{channel,time_text,
     fee_text}}. Every fact is the catalogue's, linked to its page. ?>
<h1><?cs var:Lang.Assistant.Title ?></h1>
<p class="lead"><?cs var:Lang.Assistant.Intro ?></p>
<form method="get" action="/dich-vu/tro-ly" class="card" id="ask">
<?cs if:Page.Lang == "en" ?><input type="hidden" name="lang" value="en">
<?cs /if ?><div class="form-group"><label for="ask-q"><?cs var:Lang.Assistant.Question ?></label>
<p class="hint" id="ask-hint"><?cs var:Lang.Assistant.Hint ?></p>
<textarea class="input" id="ask-q" name="q" rows="3" maxlength="300" aria-describedby="ask-hint" required><?cs var:Form.q ?></textarea></div>
<div class="form-group"><label for="ask-ward"><?cs var:Lang.Assistant.Ward ?></label>
<select id="ask-ward" name="ward"><option value=""><?cs var:Lang.Assistant.NoWard ?></option>
<?cs each:a = Data.Agencies ?><?cs if:a.kind == "ward" ?><option value="<?cs var:a.code ?>"<?cs if:Form.ward == a.code ?> selected<?cs /if ?>><?cs var:a.name ?></option>
<?cs /if ?><?cs /each ?></select></div>
<p><button type="submit" class="btn"><?cs var:Lang.Assistant.Ask ?></button></p>
</form>
<?cs if:Data.Asked ?><section aria-labelledby="answer-h" id="answer" aria-live="polite">
<h2 id="answer-h"><?cs var:Lang.Assistant.Answer ?></h2>
<?cs if:Data.Faq.id ?><div class="card" id="faq-answer">
<h3><?cs var:Data.Faq.question ?></h3>
<?cs each:t = Data.Faq.Paras ?><p><?cs var:t ?></p>
<?cs /each ?><p class="meta"><?cs var:Lang.Assistant.FaqSource ?> <a href="<?cs var:Lang.Site.Root ?>/hoi-dap/"><?cs var:Lang.Assistant.FaqLink ?></a></p>
</div>
<?cs elif:Data.Unanswered ?><p id="unanswered"><?cs var:Lang.Assistant.Unanswered ?></p>
<?cs if:subcount(Data.Close) ?><p><?cs var:Lang.Assistant.Close ?></p><ul class="proc-list">
<?cs each:p = Data.Close ?><li><a href="<?cs var:Lang.Site.Root ?>/thu-tuc/<?cs var:url_escape(p.code) ?>.html" lang="vi"><?cs var:p.name ?></a></li>
<?cs /each ?></ul><?cs /if ?>
<?cs elif:Data.AskForeign ?><form method="get" action="/dich-vu/tro-ly" id="follow-up" class="card">
<?cs if:Page.Lang == "en" ?><input type="hidden" name="lang" value="en">
<?cs /if ?><input type="hidden" name="q" value="<?cs var:Form.q ?>"><input type="hidden" name="ward" value="<?cs var:Form.ward ?>">
<fieldset><legend><?cs var:Lang.Assistant.Foreign ?></legend>
<p><button type="submit" class="btn" name="foreign" value="1"><?cs var:Lang.Assistant.Yes ?></button>
<button type="submit" class="btn btn-secondary" name="foreign" value="0"><?cs var:Lang.Assistant.No ?></button></p></fieldset>
</form>
<?cs else ?><div class="card" id="the-answer">
<h3><a href="<?cs var:Lang.Site.Root ?>/thu-tuc/<?cs var:url_escape(Data.Answer.code) ?>.html" lang="vi"><?cs var:Data.Answer.name ?></a> <span class="meta"><?cs var:Data.Answer.code ?></span></h3>
<h4><?cs var:Lang.Assistant.Bring ?></h4>
<?cs if:subcount(Data.Answer.Documents) ?><ul id="bring"><?cs each:d = Data.Answer.Documents ?><li lang="vi"><?cs var:d.name ?><?cs if:d.originals > 0 || d.copies > 0 ?> <span class="meta">(<?cs var:Lang.Procedure.Originals ?>: <?cs var:d.originals ?>, <?cs var:Lang.Procedure.Copies ?>: <?cs var:d.copies ?>)</span><?cs /if ?></li>
<?cs /each ?></ul><?cs else ?><p><?cs var:Lang.Assistant.NoDocs ?></p><?cs /if ?>
<h4><?cs var:Lang.Assistant.HowLong ?></h4>
<ul id="time-fee"><?cs each:c = Data.Answer.Channels ?><li><?cs var:Lang.Channel[c.channel] ?>: <span lang="vi"><?cs var:c.time_text ?></span>; <?cs var:Lang.Assistant.Fee ?>: <span lang="vi"><?cs if:c.fee_text ?><?cs var:c.fee_text ?><?cs else ?><?cs var:Lang.Assistant.NoFee ?><?cs /if ?></span></li>
<?cs /each ?></ul>
<h4><?cs var:Lang.Assistant.Where ?></h4>
<p id="where"><?cs if:Data.Answer.where ?><span lang="vi"><?cs var:Data.Answer.where ?></span><?cs elif:Data.Answer.commune ?><?cs var:Lang.Assistant.AnyWard ?><?cs else ?><?cs var:Lang.Assistant.SeePage ?><?cs /if ?></p>
<?cs if:Data.Answer.online == "1" ?><p><a class="btn btn-start" id="file-online" href="/dich-vu/nop-ho-so/<?cs var:url_escape(Data.Answer.code) ?><?cs if:Page.Lang == "en" ?>?lang=en<?cs /if ?>"><?cs var:Lang.Procedure.Submit ?></a></p>
<?cs else ?><p><?cs var:Lang.Procedure.OfflineText ?></p><?cs /if ?>
<p class="meta"><?cs var:Lang.Assistant.Source ?> <a href="<?cs var:Lang.Site.Root ?>/thu-tuc/<?cs var:url_escape(Data.Answer.code) ?>.html"><?cs var:Lang.Assistant.SourceLink ?></a></p>
</div>
<?cs if:subcount(Data.Matches) > 1 ?><p><?cs var:Lang.Assistant.Others ?></p><ul class="proc-list" id="others">
<?cs each:p = Data.Matches ?><?cs if:p.code != Data.Answer.code ?><li><a href="<?cs var:Lang.Site.Root ?>/thu-tuc/<?cs var:url_escape(p.code) ?>.html" lang="vi"><?cs var:p.name ?></a></li>
<?cs /if ?><?cs /each ?></ul><?cs /if ?>
<?cs /if ?></section>
<?cs /if ?>
