/*
 * The workflow designer (office/workflow_design.cs): starts bpmn-js's
 * modeler (/static/vendor/bpmn-js, from npm) on the diagram in the text
 * box; the selected task's name, role (mc:role), agency (mc:agency) and
 * working hours (mc:hours) are edited in the panel below the diagram, as
 * are the condition of an arrow leaving an exclusive gateway and whether
 * it is the gateway's default; the hours along the shortest and the
 * longest path are summed against the legal time; when the form is
 * posted the diagram is written back into the box, so the server checks
 * and saves exactly what was drawn. The problems of a refused diagram
 * select their element when clicked. Without JavaScript, or when the box
 * does not hold a diagram bpmn-js reads, the text box stays.
 * window.workflowModeler is the modeler (for tests and the console).
 */
(function () {
	'use strict';
	var box = document.getElementById('f-bpmn');
	var host = document.getElementById('bpmn-editor');
	var form = document.getElementById('design-form');
	var group = document.getElementById('bpmn-group');
	var panel = document.getElementById('task-props');
	var fields = document.getElementById('t-fields');
	var none = document.getElementById('t-none');
	var total = document.getElementById('hours-total');
	var inputs = {
		name: document.getElementById('t-name'),
		role: document.getElementById('t-role'),
		agency: document.getElementById('t-agency'),
		hours: document.getElementById('t-hours')
	};
	var flowFields = document.getElementById('f-fields');
	var cond = document.getElementById('f-cond');
	var dflt = document.getElementById('f-default');
	var title = document.getElementById('t-title');
	var titleTask = title ? title.textContent : '';
	var current = null, flow = null, modeler, ready = false;

	if (!box || !host || !form || !window.BpmnJS)
		return;

	/* Our attributes on tasks (a userTask is a task too). */
	var mc = {
		name: 'MotCua',
		uri: 'https://motcua.hochiminhcity.gov.vn/bpmn',
		prefix: 'mc',
		xml: { tagAlias: 'lowerCase' },
		associations: [],
		types: [{
			name: 'Step',
			isAbstract: true,
			extends: ['bpmn:Task'],
			properties: [
				{ name: 'role', isAttr: true, type: 'String' },
				{ name: 'agency', isAttr: true, type: 'String' },
				{ name: 'hours', isAttr: true, type: 'String' }
			]
		}]
	};

	function isTask(el) {
		var t = el && el.businessObject && el.businessObject.$type;
		return t === 'bpmn:Task' || t === 'bpmn:UserTask';
	}

	/* An arrow leaving an exclusive gateway: it may have a condition. */
	function isBranch(el) {
		var bo = el && el.businessObject;

		return !!bo && bo.$type === 'bpmn:SequenceFlow' && !!bo.sourceRef &&
		    bo.sourceRef.$type === 'bpmn:ExclusiveGateway';
	}

	function hoursOf(v) {
		var n = parseFloat(String(v || '').replace(',', '.'));
		return isNaN(n) || n <= 0 ? 0 : n;
	}

	/* [shortest, longest] hours from shape el to the end (a loop: 0). */
	function span(el, memo, seen) {
		var own = isTask(el) ? hoursOf(el.businessObject.get('mc:hours')) : 0;
		var lo = null, hi = 0;

		if (memo[el.id])
			return memo[el.id];
		if (seen[el.id])
			return [0, 0];
		seen[el.id] = true;
		/* A parallel split waits for all its branches: the longest. */
		var all = el.businessObject.$type === 'bpmn:ParallelGateway';

		(el.outgoing || []).forEach(function (c) {
			var r = c.target ? span(c.target, memo, seen) : [0, 0];

			lo = lo === null || (all ? r[0] > lo : r[0] < lo) ? r[0] : lo;
			hi = r[1] > hi ? r[1] : hi;
		});
		memo[el.id] = [own + (lo || 0), own + hi];
		return memo[el.id];
	}

	function sum() {
		var reg = modeler.get('elementRegistry'), s = [0, 0], memo = {};
		var legal = Number(host.getAttribute('data-legal')) / 60;
		var round = function (h) { return Math.round(h * 100) / 100; };

		reg.filter(function (el) {
			return el.businessObject && !el.labelTarget &&
			    el.businessObject.$type === 'bpmn:StartEvent';
		}).forEach(function (el) {
			s = span(el, memo, {});
		});
		total.textContent = total.getAttribute('data-text')
		    .replace('{sum}', s[0] === s[1] ? String(round(s[0])) :
			String(round(s[0])) + '–' + String(round(s[1])))
		    .replace('{legal}', String(round(legal)));
		total.classList.toggle('bad', legal > 0 &&
		    (Math.abs(s[0] - legal) > 0.01 ||
			Math.abs(s[1] - legal) > 0.01));
	}

	function show(el) {
		var bo;

		current = isTask(el) ? el : null;
		flow = isBranch(el) ? el : null;
		fields.hidden = !current;
		if (flowFields)
			flowFields.hidden = !flow;
		none.hidden = !!(current || flow);
		if (title)
			title.textContent = flow ?
			    title.getAttribute('data-flow') : titleTask;
		document.getElementById('t-id').textContent =
		    current || flow ? '(' + (current || flow).id + ')' : '';
		if (flow) {
			bo = flow.businessObject;
			cond.value = bo.conditionExpression ?
			    bo.conditionExpression.body || '' : '';
			dflt.checked = bo.sourceRef.default === bo;
			cond.disabled = dflt.checked;
		}
		if (!current)
			return;
		bo = current.businessObject;
		inputs.name.value = bo.name || '';
		inputs.role.value = bo.get('mc:role') || '';
		inputs.agency.value = bo.get('mc:agency') || '';
		inputs.hours.value = bo.get('mc:hours') || '';
	}

	function bind(key, attr) {
		var handler = function () {
			var props = {}, v = inputs[key].value.trim();

			if (!current)
				return;
			props[attr] = v === '' ? undefined : v;
			modeler.get('modeling').updateProperties(current, props);
		};
		inputs[key].addEventListener('change', handler);
	}

	/*
	 * Only what the engine runs is offered: in the palette, on an
	 * element's pad and in its "change type" menu (a start and an end
	 * event, tasks, exclusive and parallel gateways, arrows, notes).
	 */
	var runs = {
		'hand-tool': 1, 'lasso-tool': 1, 'space-tool': 1,
		'global-connect-tool': 1, 'tool-separator': 1,
		'create.start-event': 1, 'create.end-event': 1,
		'create.task': 1, 'create.exclusive-gateway': 1,
		'create.parallel-gateway': 1,
		'append.end-event': 1, 'append.gateway': 1,
		'append.append-task': 1, 'append.text-annotation': 1,
		'replace': 1, 'delete': 1, 'connect': 1,
		'replace-with-task': 1, 'replace-with-user-task': 1,
		'replace-with-exclusive-gateway': 1,
		'replace-with-parallel-gateway': 1,
		'replace-with-none-start': 1, 'replace-with-none-end': 1
	};
	function only(entries) {
		var out = {};

		Object.keys(entries).forEach(function (k) {
			if (runs[k])
				out[k] = entries[k];
		});
		return out;
	}
	function Restrict(palette, contextPad, popupMenu, create,
	    elementFactory, translate) {
		var filter = {
			getPaletteEntries: function () {
				return function (entries) {
					var out = only(entries);

					out['create.parallel-gateway'] = {
						group: 'gateway',
						className: 'bpmn-icon-gateway-parallel',
						title: translate('Create parallel gateway'),
						action: {
							dragstart: add, click: add
						}
					};
					return out;
				};
			},
			getContextPadEntries: function () {
				return only;
			},
			getPopupMenuEntries: function () {
				return only;
			},
			getPopupMenuHeaderEntries: function () {
				return only;
			}
		};

		function add(event) {
			create.start(event, elementFactory.createShape(
			    { type: 'bpmn:ParallelGateway' }));
		}
		palette.registerProvider(500, filter);
		contextPad.registerProvider(500, filter);
		popupMenu.registerProvider('bpmn-replace', 500, filter);
	}
	Restrict.$inject = ['palette', 'contextPad', 'popupMenu', 'create',
		'elementFactory', 'translate'];

	modeler = new window.BpmnJS({
		container: host,
		moddleExtensions: { mc: mc },
		additionalModules: [{
			__init__: ['mcRestrict'],
			mcRestrict: ['type', Restrict]
		}]
	});
	window.workflowModeler = modeler;
	host.hidden = false;
	modeler.importXML(box.value).then(function () {
		var errs = document.querySelectorAll('#error-summary a[data-element]');
		var reg = modeler.get('elementRegistry');
		var canvas = modeler.get('canvas');

		/* The whole diagram, clear of the palette on the left. */
		canvas.zoom('fit-viewport', 'auto');
		canvas.zoom(canvas.zoom() * 0.85, 'auto');
		canvas.scroll({ dx: 40, dy: 30 });
		group.hidden = true;
		panel.hidden = false;
		form.classList.add('has-editor');
		ready = true;
		errs.forEach(function (a) {
			var el = reg.get(a.getAttribute('data-element'));

			if (!el)
				return;
			canvas.addMarker(el.id, 'wf-error');
			a.addEventListener('click', function (e) {
				e.preventDefault();
				modeler.get('selection').select(el);
				host.scrollIntoView();
			});
		});
		modeler.on('selection.changed', function (e) {
			show(e.newSelection.length === 1 ? e.newSelection[0] : null);
		});
		modeler.on('import.done', function () {
			sum();
		});
		modeler.on('commandStack.changed', function () {
			sum();
			if (current || flow)
				show(current || flow);
		});
		bind('name', 'name');
		bind('role', 'mc:role');
		bind('agency', 'mc:agency');
		bind('hours', 'mc:hours');
		if (cond && dflt) {
			cond.addEventListener('change', function () {
				var v = cond.value.trim();

				if (!flow)
					return;
				modeler.get('modeling').updateProperties(flow, {
					conditionExpression: v === '' ? undefined :
					    modeler.get('moddle').create(
						'bpmn:FormalExpression', { body: v })
				});
			});
			/* The default arrow has no condition. */
			dflt.addEventListener('change', function () {
				var bo, gw, on = dflt.checked;

				if (!flow)
					return;
				bo = flow.businessObject;
				gw = modeler.get('elementRegistry').get(bo.sourceRef.id);
				/* Each update shows the arrow again: on read first. */
				modeler.get('modeling').updateProperties(gw,
				    { 'default': on ? bo : undefined });
				if (on)
					modeler.get('modeling').updateProperties(flow,
					    { conditionExpression: undefined });
			});
		}
		show(null);
		sum();
		host.setAttribute('data-ready', '1');
	}).catch(function () {
		host.hidden = true;
	});

	form.addEventListener('submit', function (e) {
		if (!ready || form.getAttribute('data-saved') === '1')
			return;
		e.preventDefault();
		modeler.saveXML({ format: true }).then(function (r) {
			box.value = r.xml;
			form.setAttribute('data-saved', '1');
			form.submit();
		});
	});
})();
