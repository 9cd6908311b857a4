/*
 * E-forms: hides the fields whose condition says so (data-cond-key,
 * data-cond-op eq|ne|truthy|falsy, data-cond-value: hidden when true, the
 * same rule as lib/domain/mc_eform.c), as the citizen answers. Without
 * JavaScript every field shows with its "answer only if" hint, and the
 * server ignores the hidden ones.
 */
(function () {
  'use strict';
  var form = document.querySelector('form.form');
  if (!form) return;
  function answer(key) {
    var els = form.querySelectorAll('[name="f.' + key + '"]');
    var vals = [];
    els.forEach(function (el) {
      if ((el.type === 'radio' || el.type === 'checkbox') && !el.checked) return;
      if (el.value !== '') vals.push(el.type === 'checkbox' && el.value === '1' ? 'true' : el.value);
    });
    return vals;
  }
  function update() {
    form.querySelectorAll('[data-cond-key]').forEach(function (el) {
      var v = answer(el.getAttribute('data-cond-key'));
      var op = el.getAttribute('data-cond-op');
      var want = el.getAttribute('data-cond-value');
      var hide;
      if (op === 'truthy') hide = v.length > 0;
      else if (op === 'falsy') hide = v.length === 0;
      else {
        hide = v.length === 1 && v[0] === want;
        if (op === 'ne') hide = !hide;
      }
      el.hidden = hide;
      var hint = el.querySelector('.eform-cond');
      if (hint) hint.hidden = true;
    });
  }
  form.addEventListener('change', update);
  form.addEventListener('input', update);
  update();
})();
