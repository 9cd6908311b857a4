<?cs # The procedure's own form (lib/web/mc_eform_page.c fills Data.EForm):
     sections, fields of every type, repeating groups with add/remove
     buttons (no JavaScript needed), conditions shown as a hint (hidden by
     /static/js/eform.js when JavaScript runs), errors at each field. ?><?cs
def:eform_field(f) ?><?cs
if:f.type == "checkbox" ?>
<div class="form-group eform-field<?cs if:f.error ?> has-error<?cs /if ?>" id="<?cs var:f.id ?>-group"<?cs if:f.cond ?> data-cond-key="<?cs var:f.cond_key ?>" data-cond-op="<?cs var:f.cond_op ?>" data-cond-value="<?cs var:f.cond_value ?>"<?cs /if ?>>
<?cs if:f.cond ?><span class="hint eform-cond"><?cs var:f.cond ?></span><?cs /if ?>
<?cs if:f.error ?><span class="error-message" id="<?cs var:f.id ?>-error"><?cs var:f.error ?></span><?cs /if ?>
<div class="check"><input type="checkbox" id="<?cs var:f.id ?>" name="<?cs var:f.name ?>" value="1"<?cs if:f.checked ?> checked<?cs /if ?>>
<label for="<?cs var:f.id ?>"><?cs var:f.label ?><?cs if:!f.required ?> <span class="muted">(<?cs var:Lang.EForm.Optional ?>)</span><?cs /if ?></label></div>
<?cs if:f.help ?><span class="hint"><?cs var:f.help ?></span><?cs /if ?>
</div><?cs
elif:f.type == "choice" || f.type == "checklist" ?>
<div class="form-group eform-field<?cs if:f.error ?> has-error<?cs /if ?>" id="<?cs var:f.id ?>-group"<?cs if:f.cond ?> data-cond-key="<?cs var:f.cond_key ?>" data-cond-op="<?cs var:f.cond_op ?>" data-cond-value="<?cs var:f.cond_value ?>"<?cs /if ?>>
<fieldset class="eform-choice" id="<?cs var:f.id ?>" tabindex="-1"<?cs if:f.error ?> aria-describedby="<?cs var:f.id ?>-error"<?cs /if ?>>
<legend><?cs var:f.label ?><?cs if:!f.required ?> <span class="muted">(<?cs var:Lang.EForm.Optional ?>)</span><?cs /if ?></legend>
<?cs if:f.cond ?><span class="hint eform-cond"><?cs var:f.cond ?></span><?cs /if ?>
<?cs if:f.help ?><span class="hint"><?cs var:f.help ?></span><?cs /if ?>
<?cs if:f.error ?><span class="error-message" id="<?cs var:f.id ?>-error"><?cs var:f.error ?></span><?cs /if ?>
<?cs each:o = f.Options ?><div class="check"><input type="<?cs if:f.type == "choice" ?>radio<?cs else ?>checkbox<?cs /if ?>" id="<?cs var:f.id ?>-<?cs name:o ?>" name="<?cs var:f.name ?>" value="<?cs var:o.value ?>"<?cs if:o.selected ?> checked<?cs /if ?>>
<label for="<?cs var:f.id ?>-<?cs name:o ?>"><?cs var:o.label ?></label></div>
<?cs /each ?></fieldset>
</div><?cs
else ?>
<div class="form-group eform-field<?cs if:f.error ?> has-error<?cs /if ?>" id="<?cs var:f.id ?>-group"<?cs if:f.cond ?> data-cond-key="<?cs var:f.cond_key ?>" data-cond-op="<?cs var:f.cond_op ?>" data-cond-value="<?cs var:f.cond_value ?>"<?cs /if ?>>
<label for="<?cs var:f.id ?>"><?cs var:f.label ?><?cs if:!f.required ?> <span class="muted">(<?cs var:Lang.EForm.Optional ?>)</span><?cs /if ?></label>
<?cs if:f.cond ?><span class="hint eform-cond"><?cs var:f.cond ?></span><?cs /if ?>
<?cs if:f.help ?><span class="hint" id="<?cs var:f.id ?>-hint"><?cs var:f.help ?></span><?cs /if ?>
<?cs if:f.error ?><span class="error-message" id="<?cs var:f.id ?>-error"><?cs var:f.error ?></span><?cs /if ?>
<?cs if:f.type == "textarea" ?><textarea id="<?cs var:f.id ?>" name="<?cs var:f.name ?>" rows="5"<?cs if:f.maxlength ?> maxlength="<?cs var:f.maxlength ?>"<?cs /if ?>><?cs var:f.value ?></textarea><?cs
elif:f.type == "address" ?><input id="<?cs var:f.id ?>" name="<?cs var:f.name ?>.street" type="text" autocomplete="street-address" value="<?cs var:f.street ?>" aria-label="<?cs var:f.label ?> — <?cs var:Lang.EForm.Street ?>">
<label for="<?cs var:f.id ?>-ward" class="eform-sub"><?cs var:Lang.EForm.Ward ?></label>
<select id="<?cs var:f.id ?>-ward" name="<?cs var:f.name ?>.ward"><option value=""><?cs var:Lang.EForm.WardChoose ?></option>
<?cs each:w = Data.EForm.Wards ?><option value="<?cs var:w.code ?>"<?cs if:w.code == f.ward ?> selected<?cs /if ?>><?cs var:w.name ?></option>
<?cs /each ?></select><?cs
else ?><input id="<?cs var:f.id ?>" name="<?cs var:f.name ?>" value="<?cs var:f.value ?>"<?cs
 if:f.type == "number" ?> type="text" inputmode="decimal"<?cs
 elif:f.type == "date" ?> type="date"<?cs
 elif:f.type == "email" ?> type="email" autocomplete="email"<?cs
 elif:f.type == "phone" ?> type="tel" autocomplete="tel"<?cs
 elif:f.type == "id_number" ?> type="text" inputmode="numeric" maxlength="12"<?cs
 else ?> type="text"<?cs if:f.maxlength ?> maxlength="<?cs var:f.maxlength ?>"<?cs /if ?><?cs /if ?><?cs
 if:f.error ?> aria-invalid="true" aria-describedby="<?cs var:f.id ?>-error"<?cs /if ?>><?cs
/if ?>
</div><?cs
/if ?><?cs
/def ?><?cs
def:eform_repeat(f) ?>
<fieldset class="eform-repeat<?cs if:f.error ?> has-error<?cs /if ?>" id="<?cs var:f.id ?>" tabindex="-1"<?cs if:f.cond ?> data-cond-key="<?cs var:f.cond_key ?>" data-cond-op="<?cs var:f.cond_op ?>" data-cond-value="<?cs var:f.cond_value ?>"<?cs /if ?>>
<legend><?cs var:f.label ?></legend>
<?cs if:f.cond ?><span class="hint eform-cond"><?cs var:f.cond ?></span><?cs /if ?>
<?cs if:f.help ?><span class="hint"><?cs var:f.help ?></span><?cs /if ?>
<?cs if:f.error ?><span class="error-message"><?cs var:f.error ?></span><?cs /if ?>
<input type="hidden" name="<?cs var:f.name ?>.rows" value="<?cs var:f.rows ?>">
<?cs each:row = f.Rows ?><div class="eform-row card">
<h3 class="eform-row-title"><?cs var:f.label ?> <?cs var:row.number ?></h3>
<?cs each:c = row.Items ?><?cs call:eform_field(c) ?><?cs /each ?>
<button type="submit" name="action" value="remove:<?cs var:row.remove ?>" class="btn btn-secondary btn-small" formnovalidate><?cs var:Lang.EForm.RemoveRow ?> <?cs var:row.number ?></button>
</div>
<?cs /each ?><?cs if:f.rows < f.max_rows ?><button type="submit" name="action" value="add:<?cs var:f.key ?>" class="btn btn-secondary" id="<?cs var:f.id ?>-add" formnovalidate><?cs var:Lang.EForm.AddRow ?></button><?cs /if ?>
</fieldset><?cs
/def ?><?cs
def:eform_item(i) ?><?cs
if:i.kind == "static" ?><p class="eform-static"><?cs var:i.help ?></p><?cs
elif:i.kind == "repeat" ?><?cs call:eform_repeat(i) ?><?cs
else ?><?cs call:eform_field(i) ?><?cs /if ?><?cs
/def ?><?cs
each:i = Data.EForm.Items ?><?cs
if:i.kind == "section" ?>
<fieldset class="eform-section"<?cs if:i.cond ?> data-cond-key="<?cs var:i.cond_key ?>" data-cond-op="<?cs var:i.cond_op ?>" data-cond-value="<?cs var:i.cond_value ?>"<?cs /if ?>>
<legend><?cs var:i.label ?></legend>
<?cs if:i.cond ?><span class="hint eform-cond"><?cs var:i.cond ?></span><?cs /if ?>
<?cs if:i.help ?><p class="hint"><?cs var:i.help ?></p><?cs /if ?>
<?cs each:c = i.Items ?><?cs call:eform_item(c) ?><?cs /each ?>
</fieldset><?cs
else ?><?cs call:eform_item(i) ?><?cs /if ?><?cs
/each ?>
