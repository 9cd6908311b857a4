<?cs # The unit view of a report's form (cgi-bin/office/reports.c,
     office_units_view): by today's units (a dissolved unit's dossiers and
     figures counted in its successor) or by the units of the time. ?>
<div class="form-group"><label for="units"><?cs var:Lang.Stats.Units.Label ?></label>
<select id="units" name="units"><option value="today"<?cs if:Form.units != "time" ?> selected<?cs /if ?>><?cs var:Lang.Stats.Units.Option.today ?></option><option value="time"<?cs if:Form.units == "time" ?> selected<?cs /if ?>><?cs var:Lang.Stats.Units.Option.time ?></option></select></div>
