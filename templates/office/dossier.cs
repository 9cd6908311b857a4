<?cs # A dossier for an officer: colour, workflow picture, the actions the
     officer may take now, facts, attachments, supplements, history. ?>
<link rel="stylesheet" href="/static/css/office.css">
<?cs def:reasons(kind) ?><select name="reason"><option value=""><?cs var:Lang.Office.PickReason ?></option><?cs each:x = Data.Reasons ?><?cs if:x.kind == kind ?><option><?cs var:x.text ?></option><?cs /if ?><?cs /each ?></select><?cs /def ?>
<?cs def:action_form(act, extra) ?><form method="post" action="/can-bo/ho-so/<?cs var:url_escape(Data.Dossier.0.code) ?>/xu-ly" class="action-form">
<input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
<input type="hidden" name="version" value="<?cs var:Data.Dossier.0.version ?>">
<input type="hidden" name="action" value="<?cs var:act ?>"><?cs /def ?>
<?cs def:items() ?><fieldset class="items"><legend><?cs var:Lang.Office.Items ?></legend>
<?cs loop:i = 1, 3, 1 ?><div class="item-row"><label><?cs var:Lang.Office.Item ?> <?cs var:i ?> <input type="text" name="item<?cs var:i ?>"<?cs if:i == 1 ?> required<?cs /if ?>></label>
<label><?cs var:Lang.Office.ItemReason ?> <select name="why<?cs var:i ?>"><?cs each:x = Data.Reasons ?><?cs if:x.kind == "completion" ?><option><?cs var:x.text ?></option><?cs /if ?><?cs /each ?></select></label></div>
<?cs /loop ?></fieldset><?cs /def ?>
<?cs def:note(required) ?><label class="note-label"><?cs var:Lang.Office.Note ?> <textarea name="note" rows="2"<?cs if:required ?> required<?cs /if ?>></textarea></label><?cs /def ?>
<p class="eyebrow"><?cs var:Lang.Office.Eyebrow ?></p>
<h1><?cs var:Lang.Dossier.Code ?> <?cs var:Data.Dossier.0.code ?></h1>
<?cs # No clock runs before acceptance nor after the end: no colour words then ("none" is said only of a paused dossier, status 5). ?>
<?cs if:Data.Colour != "none" || Data.Dossier.0.status == 5 ?><p class="dossier-colour colour-<?cs var:Data.Colour ?>"><span class="dot dot-<?cs var:Data.Colour ?>"></span> <?cs var:Lang.Colour[Data.Colour] ?><?cs if:Data.Dossier.0.step_due_at ?> · <?cs var:Lang.Inbox.StepDue ?> <?cs var:fmt_datetime(Data.Dossier.0.step_due_at) ?><?cs /if ?><?cs if:Data.Dossier.0.holder_name ?> · <?cs var:Lang.Inbox.Holder ?> <?cs var:Data.Dossier.0.holder_name ?><?cs /if ?></p><?cs /if ?>
<?cs include:"partials/workflow.cs" ?>
<?cs if:subcount(Data.Actions) ?>
<section class="card actions" aria-labelledby="actions-h">
<h2 id="actions-h"><?cs var:Lang.Office.Actions ?></h2>
<?cs if:Data.Actions.accept ?><details open><summary><?cs var:Lang.Action.accept ?></summary><?cs call:action_form("accept", "") ?><?cs call:note(0) ?><button class="btn" type="submit"><?cs var:Lang.Action.accept ?></button></form></details><?cs /if ?>
<?cs if:Data.Actions.request_completion ?><details><summary><?cs var:Lang.Action.request_completion ?></summary><?cs call:action_form("request_completion", "") ?><?cs call:items() ?><?cs call:note(0) ?><button class="btn btn-secondary" type="submit"><?cs var:Lang.Action.request_completion ?></button></form></details><?cs /if ?>
<?cs if:Data.Actions.refuse ?><details><summary><?cs var:Lang.Action.refuse ?></summary><?cs call:action_form("refuse", "") ?><label><?cs var:Lang.Office.Reason ?> <?cs call:reasons("refusal") ?></label><?cs call:note(0) ?><button class="btn btn-warning" type="submit"><?cs var:Lang.Action.refuse ?></button></form></details><?cs /if ?>
<?cs each:simple = Lang.Office.Simple ?><?cs if:Data.Actions[name(simple)] ?><details><summary><?cs var:Lang.Action[name(simple)] ?></summary><?cs call:action_form(name(simple), "") ?><?cs call:note(0) ?><button class="btn" type="submit"><?cs var:Lang.Action[name(simple)] ?></button></form></details><?cs /if ?><?cs /each ?>
<?cs if:Data.Actions.send_back ?><details><summary><?cs var:Lang.Action.send_back ?></summary><?cs call:action_form("send_back", "") ?><label><?cs var:Lang.Office.Reason ?> <?cs call:reasons("send_back") ?></label><?cs call:note(0) ?><button class="btn btn-secondary" type="submit"><?cs var:Lang.Action.send_back ?></button></form></details><?cs /if ?>
<?cs if:Data.Actions.assign ?><details><summary><?cs var:Lang.Action.assign ?></summary><?cs call:action_form("assign", "") ?><label><?cs var:Lang.Office.Officer ?> <select name="officer"><?cs each:o = Data.Officers ?><option value="<?cs var:o.id ?>"><?cs var:o.full_name ?> (<?cs var:Lang.Role[o.role] ?>)</option><?cs /each ?></select></label><?cs call:note(0) ?><button class="btn" type="submit"><?cs var:Lang.Action.assign ?></button></form></details><?cs /if ?>
<?cs if:Data.Actions.request_supplement ?><details><summary><?cs var:Lang.Action.request_supplement ?></summary><?cs call:action_form("request_supplement", "") ?><?cs call:items() ?><?cs call:note(0) ?><button class="btn btn-secondary" type="submit"><?cs var:Lang.Action.request_supplement ?></button></form></details><?cs /if ?>
<?cs if:Data.Actions.request_payment ?><details><summary><?cs var:Lang.Action.request_payment ?></summary><?cs call:action_form("request_payment", "") ?><?cs call:note(1) ?><button class="btn btn-secondary" type="submit"><?cs var:Lang.Action.request_payment ?></button></form></details><?cs /if ?>
<?cs if:Data.Actions.return ?><details open><summary><?cs var:Lang.Action.return ?></summary><?cs call:action_form("return", "") ?><label><?cs var:Lang.Office.Method ?> <select name="method"><option value="1"><?cs var:Lang.Channel.1 ?></option><option value="3"><?cs var:Lang.Channel.3 ?></option><option value="2"><?cs var:Lang.Channel.2 ?></option></select></label><?cs call:note(0) ?><button class="btn" type="submit"><?cs var:Lang.Action.return ?></button></form></details><?cs /if ?>
<?cs if:Data.Actions.apology ?><details><summary><?cs var:Lang.Action.apology ?></summary><?cs call:action_form("apology", "") ?><label><?cs var:Lang.Office.NewDue ?> <input type="date" name="new_due" required></label><label><?cs var:Lang.Office.Reason ?> <?cs call:reasons("late") ?></label><?cs call:note(0) ?><button class="btn btn-secondary" type="submit"><?cs var:Lang.Action.apology ?></button></form></details><?cs /if ?>
<?cs if:Data.Actions.stop ?><details><summary><?cs var:Lang.Action.stop ?></summary><?cs call:action_form("stop", "") ?><label><?cs var:Lang.Office.Reason ?> <?cs call:reasons("stop") ?></label><?cs call:note(0) ?><button class="btn btn-warning" type="submit"><?cs var:Lang.Action.stop ?></button></form></details><?cs /if ?>
<?cs if:Data.Actions.note ?><details><summary><?cs var:Lang.Action.note ?></summary><?cs call:action_form("note", "") ?><?cs call:note(1) ?><button class="btn btn-secondary" type="submit"><?cs var:Lang.Action.note ?></button></form></details><?cs /if ?>
</section>
<?cs /if ?>
<p class="papers"><?cs var:Lang.Papers.Title ?>: <?cs if:Data.Dossier.0.received_at ?><a href="/can-bo/ho-so/<?cs var:url_escape(Data.Dossier.0.code) ?>/phieu/01.pdf"><?cs var:Lang.Papers.01 ?></a> · <?cs /if ?><?cs if:subcount(Data.Supplements) ?><a href="/can-bo/ho-so/<?cs var:url_escape(Data.Dossier.0.code) ?>/phieu/02.pdf"><?cs var:Lang.Papers.02 ?></a> · <?cs /if ?><?cs if:Data.Dossier.0.status == 3 ?><a href="/can-bo/ho-so/<?cs var:url_escape(Data.Dossier.0.code) ?>/phieu/03.pdf"><?cs var:Lang.Papers.03 ?></a> · <?cs /if ?><?cs if:Data.Dossier.0.original_due_at ?><a href="/can-bo/ho-so/<?cs var:url_escape(Data.Dossier.0.code) ?>/phieu/04.pdf"><?cs var:Lang.Papers.04 ?></a> · <?cs /if ?><a href="/can-bo/ho-so/<?cs var:url_escape(Data.Dossier.0.code) ?>/phieu/05.pdf"><?cs var:Lang.Papers.05 ?></a></p>
<?cs include:"partials/dossier_detail.cs" ?>
<p><a href="/can-bo/"><?cs var:Lang.Office.Back ?></a></p>
