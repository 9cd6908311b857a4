/*
 * Một Cửa: results as you type for every search box of the site
 * (form.search-form[data-index]). The index (/tim-kiem.json) is written by
 * the site generator and fetched once, on the first keystroke; it holds
 * each procedure's name folded exactly like the server's mc_fold(), and
 * fold() below folds the query the same way, so "dang ky ket hon",
 * "Đăng ký kết hôn" and "ĐĂNG KÝ KẾT HÔN" find the same procedures.
 * Without JavaScript the form simply submits to /dich-vu/tim-kiem.
 */
(function () {
  'use strict';

  var MAX = 8;
  var index = null;
  var loading = null;

  /*
   * mc_fold(): NFKD, combining marks dropped, lower case, đ to d; ASCII
   * letters and digits and the letters of other scripts kept; every run
   * of anything else is one space; trimmed.
   */
  function fold(s) {
    var out = '';
    var space = false;
    var chars = Array.from(String(s).normalize('NFKD').toLowerCase());
    for (var i = 0; i < chars.length; i++) {
      var c = chars[i];
      if (/\p{M}/u.test(c)) continue;
      if (c === '\u0111') c = 'd';
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
          (c > '\u007f' && /\p{L}/u.test(c))) {
        if (space && out !== '') out += ' ';
        space = false;
        out += c;
      } else {
        space = true;
      }
    }
    return out;
  }

  /* A code or its prefix, as the server sees it ("1.000894", "2.00"). */
  function isCode(q) {
    return /^[0-9]+\.[0-9A-Za-z.]*$/.test(q);
  }

  /*
   * The procedures for a query, best first, like the server: every word a
   * whole word of the name (the last one may be unfinished), the phrase
   * first, then the procedures of a life event, then the shorter name (a
   * leading "Thủ tục " not counted), then the code.
   */
  function search(q) {
    var procs = index.procs;
    var hits = [];
    var i, p;
    q = q.trim();
    if (isCode(q)) {
      for (i = 0; i < procs.length; i++) {
        if (procs[i][0].indexOf(q) === 0) hits.push(procs[i]);
      }
      hits.sort(function (a, b) { return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0; });
      return hits;
    }
    var f = fold(q);
    if (f === '') return hits;
    var words = f.split(' ');
    var last = words.pop();
    var phrase = ' ' + f + ' ';
    for (i = 0; i < procs.length; i++) {
      p = procs[i];
      var t = ' ' + p[2] + ' ';
      var ok = true;
      for (var k = 0; k < words.length && ok; k++) {
        ok = t.indexOf(' ' + words[k] + ' ') >= 0;
      }
      if (!ok || t.indexOf(' ' + last) < 0) continue;
      hits.push({ p: p, phrase: t.indexOf(phrase) >= 0 ? 0 : 1, featured: p[8] ? 0 : 1,
        len: Array.from(p[1]).length - (p[2].indexOf('thu tuc ') === 0 ? 8 : 0) });
    }
    hits.sort(function (a, b) {
      return a.phrase - b.phrase || a.featured - b.featured || a.len - b.len ||
        (a.p[0] < b.p[0] ? -1 : a.p[0] > b.p[0] ? 1 : 0);
    });
    return hits.map(function (h) { return h.p; });
  }

  function load(url) {
    if (!loading) {
      loading = fetch(url, { credentials: 'same-origin' })
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
        .then(function (j) { index = j; return j; });
    }
    return loading;
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function show(form, box, input) {
    var q = input.value;
    while (box.firstChild) box.removeChild(box.firstChild);
    if (fold(q).length < 2 && !isCode(q.trim())) return;
    var hits = search(q);
    var d = form.dataset;
    var root = d.root || '';
    var status = el('p', 'suggest-status');
    status.textContent = hits.length ? hits.length + ' ' + d.results : d.none;
    box.appendChild(status);
    if (!hits.length) return;
    var ol = el('ol');
    for (var i = 0; i < hits.length && i < MAX; i++) {
      var p = hits[i];
      var li = el('li');
      var a = el('a', null, p[1]);
      a.href = root + '/thu-tuc/' + encodeURIComponent(p[0]) + '.html';
      a.lang = 'vi';
      a.appendChild(el('span', 'meta', p[0]));
      li.appendChild(a);
      ol.appendChild(li);
    }
    box.appendChild(ol);
    if (hits.length > MAX) {
      var all = el('a', null, d.all);
      var lang = form.querySelector('input[name=lang]');
      all.href = form.getAttribute('action') + '?q=' + encodeURIComponent(q) +
        (lang ? '&lang=' + lang.value : '');
      var pa = el('p');
      pa.appendChild(all);
      box.appendChild(pa);
    }
  }

  function attach(form) {
    var input = form.querySelector('input[name=q]');
    var box = form.querySelector('.suggest');
    var timer = null;
    if (!input || !box) return;
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        load(form.dataset.index).then(function () { show(form, box, input); },
          function () { /* no index: the form still submits */ });
      }, 60);
    });
    input.addEventListener('keydown', function (e) {
      if (e.key === 'Escape') {
        while (box.firstChild) box.removeChild(box.firstChild);
      }
    });
  }

  var forms = document.querySelectorAll('form.search-form[data-index]');
  for (var i = 0; i < forms.length; i++) attach(forms[i]);

  /* For the tests: the same folding and ranking from Node or a page. */
  if (typeof window !== 'undefined') {
    window.MotCuaSearch = { fold: fold, search: function (q) { return index ? search(q) : null; },
      load: function () { return load('/tim-kiem.json'); } };
  }
}());
