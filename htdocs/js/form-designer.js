/*
 * The form designer (office/eform_design.cs): starts bpmn.io's form-js
 * editor (/static/vendor/form-js/form-editor.umd.js, from npm) on the
 * definition in the text box, and writes the edited schema back into the
 * box when the form is posted, so that the server checks and saves
 * exactly what was designed. The upload slots ("documents") and "open",
 * which form-js does not know, are kept as they were. Without JavaScript,
 * or when the box does not hold JSON, the text box is the editor.
 */
(function () {
	'use strict';
	var box = document.getElementById('f-definition');
	var host = document.getElementById('form-editor');
	var form = document.getElementById('design-form');
	var group = document.getElementById('definition-group');
	var schema, extra = {}, editor;

	if (!box || !host || !form || !window.FormEditor ||
	    group.classList.contains('has-error'))
		return;
	try {
		schema = JSON.parse(box.value);
	} catch (e) {
		return;
	}
	if (!schema || typeof schema !== 'object')
		return;
	['documents', 'open'].forEach(function (k) {
		if (k in schema) {
			extra[k] = schema[k];
			delete schema[k];
		}
	});
	if (!schema.type)
		schema.type = 'default';
	if (!Array.isArray(schema.components))
		schema.components = [];
	host.hidden = false;
	editor = new window.FormEditor.FormEditor({ container: host });
	editor.importSchema(schema).then(function () {
		group.hidden = true;
		form.classList.add('has-editor');
		host.setAttribute('data-ready', '1');
	}).catch(function () {
		host.hidden = true;
	});
	form.addEventListener('submit', function () {
		var out;

		if (!form.classList.contains('has-editor'))
			return;
		out = editor.saveSchema();
		Object.keys(extra).forEach(function (k) {
			out[k] = extra[k];
		});
		box.value = JSON.stringify(out, null, 2);
	});
})();
