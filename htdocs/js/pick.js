/*
 * Một Cửa: narrows a long <select> as you type in its search box
 * (input[data-filter-for="<select id>"]), accents optional: "vung tau"
 * finds "Phường Vũng Tàu". Folds text with search.js's fold() (the same
 * as the server's mc_fold()). Without JavaScript the box's "Filter" button
 * asks the server for the narrowed list instead; with it, that button goes.
 */
(function () {
  'use strict';

  var fold = window.MotCuaSearch && window.MotCuaSearch.fold;
  if (!fold) return;

  function attach(input) {
    var select = document.getElementById(input.getAttribute('data-filter-for'));
    if (!select) return;
    var count = document.getElementById(select.id + '-count');
    var form = input.form;
    var button = form && form.querySelector('button[name="filter"]');
    if (button) button.parentNode.removeChild(button);

    /* Every option once, with its group and folded text; the first, empty one stays. */
    var all = [];
    var groups = select.querySelectorAll('optgroup');
    var blank = select.querySelector('option[value=""]');
    for (var g = 0; g < groups.length; g++) {
      var opts = groups[g].querySelectorAll('option');
      for (var o = 0; o < opts.length; o++) {
        all.push({ group: groups[g], option: opts[o], text: fold(opts[o].textContent) });
      }
    }

    function apply() {
      var q = fold(input.value);
      var chosen = select.value;
      var hits = 0;
      var last = null;
      for (var g = 0; g < groups.length; g++) {
        while (groups[g].firstChild) groups[g].removeChild(groups[g].firstChild);
      }
      for (var i = 0; i < all.length; i++) {
        if (q === '' || all[i].text.indexOf(q) >= 0) {
          all[i].group.appendChild(all[i].option);
          hits++;
          last = all[i].option;
        }
      }
      /* Nothing matches: all of them again, as the server does, and say so. */
      for (i = 0; hits === 0 && i < all.length; i++) all[i].group.appendChild(all[i].option);
      for (g = 0; g < groups.length; g++) {
        if (groups[g].firstChild) {
          if (!groups[g].parentNode) select.appendChild(groups[g]);
        } else if (groups[g].parentNode) {
          groups[g].parentNode.removeChild(groups[g]);
        }
      }
      /* Keep the groups in their first order. */
      for (g = 0; g < groups.length; g++) {
        if (groups[g].parentNode) select.appendChild(groups[g]);
      }
      if (hits === 1 && q !== '') {
        last.selected = true;
      } else if (select.querySelector('option[value="' + CSS.escape(chosen) + '"]') && chosen !== '') {
        select.value = chosen;
      } else if (blank) {
        blank.selected = true;
      }
      if (count) {
        count.textContent = q === '' ? '' : hits === 0 ? input.getAttribute('data-none-text') :
          input.getAttribute('data-count-text').replace('{n}', String(hits));
      }
    }

    input.addEventListener('input', apply);
    input.addEventListener('keydown', function (e) {
      /* Enter in the search box narrows; it does not send the whole form. */
      if (e.key === 'Enter') {
        e.preventDefault();
        apply();
        select.focus();
      }
    });
    if (input.value !== '') apply();
  }

  var inputs = document.querySelectorAll('input[data-filter-for]');
  for (var i = 0; i < inputs.length; i++) attach(inputs[i]);
}());
