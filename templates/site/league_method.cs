<?cs # How the league tables are made (site-generator/league.c):
     Data.{Min,Days,Root}, Data.Bands.N.{min_total,name,name_en},
     Data.I766Parts.<part>.max, Data.I766Subs.N.{name,part,max}. ?>
<h1><?cs var:Lang.League.Method ?></h1>
<p class="lead"><?cs var:Lang.League.MethodIntro ?></p>
<ol class="league-rules">
<li><?cs var:Lang.League.RuleWindow ?> <?cs var:Data.Days ?> <?cs var:Lang.League.Days ?>.</li>
<li><?cs var:Lang.League.RuleMin ?> <?cs var:Data.Min ?>.</li>
<li><?cs var:Lang.League.RuleTotal ?></li>
<li id="rule-i3"><?cs var:Lang.League.RuleIdx3 ?></li>
<li id="rule-i4"><?cs var:Lang.League.RuleIdx4 ?></li>
<li><?cs var:Lang.League.RuleTies ?></li>
<li><?cs var:Lang.League.RuleWilson ?></li>
<li><?cs var:Lang.League.RuleAdjusted ?></li>
<li><?cs var:Lang.League.RuleOfficers ?></li>
</ol>
<h2><?cs var:Lang.League.Band ?></h2>
<ul><?cs each:b = Data.Bands ?><li><?cs if:Page.Lang == "en" ?><?cs var:b.name_en ?><?cs else ?><?cs var:b.name ?><?cs /if ?>: <?cs var:Lang.League.FromTotal ?> <?cs var:b.min_total ?></li><?cs /each ?></ul>
<h2 id="i766"><?cs var:Lang.I766.Title ?></h2>
<p><?cs var:Lang.I766.Method.Source ?></p>
<p><?cs var:Lang.I766.Method.Ours ?></p>
<p><?cs var:Lang.I766.Method.Rule ?></p>
<ul class="i766-criteria"><?cs each:s = Data.I766Subs ?><li><strong><?cs var:Lang.I766.Sub[s.name].name ?></strong> — <?cs var:Lang.I766.Part[s.part] ?>, <?cs var:s.max ?>/<?cs var:Data.I766Parts[s.part].max ?>: <?cs var:Lang.I766.Sub[s.name].formula ?></li><?cs /each ?></ul>
<p><a href="<?cs var:Data.Root ?>/xep-hang/"><?cs var:Lang.League.Title ?></a></p>
