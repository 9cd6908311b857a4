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
   * of anything else is one space; trimmed; a consonant (or "qu") and a
   * lone y end in i ("ky", "kí" -> "ki"). tests/data/fold.tsv holds the
   * cases both must pass.
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
    return out.replace(/(^| )([bdhklmnprstvx]|qu)y(?= |$)/g, '$1$2i');
  }

  /* A code or its prefix, as the server sees it ("1.000894", "2.00"). */
  function isCode(q) {
    return /^[0-9]+\.[0-9A-Za-z.]*$/.test(q);
  }

  /*
   * The procedures holding every word of the folded query f, best first,
   * like the server: every word a whole word of the name (the last one may
   * be unfinished when prefix), the phrase first, then the procedures of a
   * life event, then the shorter name (a leading "Thủ tục " not counted),
   * then the code.
   */
  function rank(a, b) {
    return a.phrase - b.phrase || a.featured - b.featured || a.len - b.len ||
      (a.p[0] < b.p[0] ? -1 : a.p[0] > b.p[0] ? 1 : 0);
  }

  function hit(p, t, phrase, extra) {
    var h = { p: p, phrase: t.indexOf(phrase) >= 0 ? 0 : 1, featured: p[8] ? 0 : 1,
      len: Array.from(p[1]).length - (p[2].indexOf('thu tuc ') === 0 ? 8 : 0) };
    if (extra) h.matched = extra;
    return h;
  }

  function every(f, prefix) {
    var procs = index.procs;
    var hits = [];
    var words = f.split(' ');
    var last = prefix ? words.pop() : null;
    var phrase = ' ' + f + ' ';
    for (var i = 0; i < procs.length; i++) {
      var p = procs[i];
      var t = ' ' + p[2] + ' ';
      var ok = true;
      for (var k = 0; k < words.length && ok; k++) {
        ok = t.indexOf(' ' + words[k] + ' ') >= 0;
      }
      if (!ok || (last !== null && t.indexOf(' ' + last) < 0)) continue;
      hits.push(hit(p, t, phrase));
    }
    return hits.sort(rank).map(function (h) { return h.p; });
  }

  /*
   * mc_search_weight(): 1 + how many times a word's frequency + 1 can
   * double before exceeding the number of procedures + 1; 1 for a letter.
   */
  function weight(w) {
    if (w.length < 2) return 1;
    var t = (vocabulary().freq[w] || 0) + 1;
    var n = index.procs.length + 1;
    var wt = 1;
    while (t * 2 <= n) { t *= 2; wt++; }
    return wt;
  }

  /*
   * Those holding some of the words, the most by weight first
   * (mc_catalogue's any with mc_search's weights).
   */
  function some(f) {
    var procs = index.procs;
    var hits = [];
    var words = f.split(' ').slice(0, 8);
    var wt = words.map(weight);
    for (var i = 0; i < procs.length; i++) {
      var t = ' ' + procs[i][2] + ' ';
      var n = 0;
      for (var k = 0; k < words.length; k++) {
        if (t.indexOf(' ' + words[k] + ' ') >= 0) n += wt[k];
      }
      if (n > 0) hits.push(hit(procs[i], t, null, n));
    }
    hits.sort(function (a, b) { return b.matched - a.matched || rank(a, b); });
    return hits.map(function (h) { return h.p; });
  }

  /*
   * The catalogue's words (and how often each occurs) and the synonyms,
   * made once from the index: mc_search_words in lib/domain/mc_search.c.
   */
  var words = null;
  function vocabulary() {
    if (words) return words;
    var freq = Object.create(null);
    var pairs = Object.create(null);
    var add = function (text) {
      var prev = null;
      text.split(' ').forEach(function (w) {
        if (!/^[a-z]+$/.test(w) || w.length > 48) { prev = null; return; }
        freq[w] = (freq[w] || 0) + 1;
        if (prev) pairs[prev + ' ' + w] = 1;
        prev = w;
      });
    };
    index.procs.forEach(function (p) { add(p[2]); });
    var syn = (index.syn || []).filter(function (s) { return s[0] && s[1] && s[0] !== s[1]; });
    syn.forEach(function (s) { add(s[1]); });
    syn = syn.map(function (s, i) { return [s[0], s[1], i]; });
    syn.sort(function (a, b) { return b[0].length - a[0].length || a[2] - b[2]; });
    words = { freq: freq, pairs: pairs, list: Object.keys(freq).sort(), syn: syn };
    return words;
  }

  /* mc_search_distance(): optimal string alignment, or max + 1. */
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var d = [];
    for (var i = 0; i <= a.length; i++) { d.push([i]); }
    for (var j = 1; j <= b.length; j++) d[0][j] = j;
    for (i = 1; i <= a.length; i++) {
      var best = max + 1;
      for (j = 1; j <= b.length; j++) {
        var v = d[i - 1][j - 1] + (a[i - 1] !== b[j - 1] ? 1 : 0);
        v = Math.min(v, d[i - 1][j] + 1, d[i][j - 1] + 1);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          v = Math.min(v, d[i - 2][j - 2] + 1);
        }
        d[i][j] = v;
        if (v < best) best = v;
      }
      if (best > max) return max + 1;
    }
    return d[a.length][b.length] > max ? max + 1 : d[a.length][b.length];
  }

  function piece(s) {
    return s.replace(/^([bdhklmnprstvx]|qu)y$/, '$1i');
  }

  /*
   * Splits w into the fewest words of the vocabulary (at most 4, each of 2
   * letters or more; then the most pairs the names hold, then the most
   * frequent words), or null: mc_search.c's split().
   */
  function split(v, w) {
    var n = w.length;
    if (n > 48 || n < 4) return null;
    var best = null;
    var cur = [];
    var walk = function (pos) {
      if (pos === n) {
        if (cur.length < 2) return;
        var pairs = 0;
        var freq = 0;
        for (var i = 0; i < cur.length; i++) {
          freq += v.freq[cur[i]];
          if (i > 0 && v.pairs[cur[i - 1] + ' ' + cur[i]]) pairs++;
        }
        if (!best || cur.length < best.k || (cur.length === best.k &&
            (pairs > best.pairs || (pairs === best.pairs && freq > best.freq)))) {
          best = { k: cur.length, pairs: pairs, freq: freq, words: cur.slice() };
        }
        return;
      }
      if (cur.length === 4 || (best && cur.length >= best.k)) return;
      for (var end = pos + 2; end <= n; end++) {
        var p = piece(w.slice(pos, end));
        if (v.freq[p]) {
          cur.push(p);
          walk(end);
          cur.pop();
        }
      }
    };
    walk(0);
    return best ? best.words.join(' ') : null;
  }

  function nearest(v, w) {
    if (w.length < 3 || w.length > 48) return null;
    var max = w.length <= 5 ? 1 : 2;
    var bestd = max + 1;
    var bestf = 0;
    var best = null;
    for (var i = 0; i < v.list.length; i++) {
      var c = v.list[i];
      var d = distance(w, c, max);
      if (d < bestd || (d === bestd && d <= max && v.freq[c] > bestf)) {
        bestd = d;
        bestf = v.freq[c];
        best = c;
      }
    }
    return bestd <= max ? best : null;
  }

  /* 1 if the n characters at hit lie within an occurrence of means in q. */
  function within(q, hit, n, means) {
    for (var m = q.indexOf(means); m >= 0; m = q.indexOf(means, m + 1)) {
      if (hit >= m && hit + n <= m + means.length) return true;
    }
    return false;
  }

  /*
   * mc_search_synonyms_apply(): every term its meaning, longest first,
   * twice (a meaning may hold another term); not when the meaning is
   * already in the query outside the term, nor when it holds the term.
   */
  function synonyms(f) {
    var v = vocabulary();
    var q = ' ' + f + ' ';
    for (var pass = 0; pass < 2; pass++) {
      for (var i = 0; i < v.syn.length; i++) {
        var term = ' ' + v.syn[i][0] + ' ';
        var means = ' ' + v.syn[i][1] + ' ';
        var at = q.indexOf(term);
        if (at < 0) continue;
        var rest = q.slice(0, at) + ' ' + q.slice(at + term.length - 1);
        if (rest.indexOf(means) >= 0 || within(q, at, term.length, means)) continue;
        q = q.slice(0, at) + ' ' + v.syn[i][1] + ' ' + q.slice(at + term.length);
      }
    }
    return q.split(' ').filter(function (w) { return w !== ''; }).join(' ');
  }

  /* mc_search_rewrite(): synonyms, then unknown words split or corrected. */
  function rewrite(f) {
    var v = vocabulary();
    return synonyms(f).split(' ').filter(function (w) { return w !== ''; }).map(function (w) {
      if (!/^[a-z]+$/.test(w) || v.freq[w]) return w;
      return split(v, w) || nearest(v, w) || w;
    }).join(' ');
  }

  /*
   * The procedures for a query, best first, like the server's
   * mc_search_find(): unless exact, its everyday words replaced by the
   * catalogue's when that finds something; the query as typed (the last
   * word may be unfinished); when that finds nothing and exact is not
   * set, rewritten; then by the words that match. Returns { hits, used, any, ignored }.
   */
  function find(q, exact) {
    var res = { hits: [], used: null, any: false, ignored: null };
    q = q.trim();
    if (isCode(q)) {
      res.hits = index.procs.filter(function (p) { return p[0].indexOf(q) === 0; });
      res.hits.sort(function (a, b) { return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0; });
      return res;
    }
    var f = fold(q);
    if (f === '') return res;
    var used;
    if (!exact) {
      used = synonyms(f);
      if (used !== f) {
        res.hits = every(used, false);
        if (res.hits.length) { res.used = used; return res; }
      }
    }
    res.hits = every(f, true);
    if (res.hits.length || exact) return res;
    used = rewrite(f);
    if (used !== f) {
      res.hits = every(used, false);
      if (res.hits.length) { res.used = used; return res; }
    }
    res.hits = some(used);
    if (!res.hits.length) return res;
    res.any = true;
    if (used !== f) res.used = used;
    var t = ' ' + res.hits[0][2] + ' ';
    var lacks = used.split(' ').filter(function (w) { return t.indexOf(' ' + w + ' ') < 0; });
    res.ignored = lacks.length ? lacks.join(' ') : null;
    return res;
  }

  function search(q) {
    return find(q, false).hits;
  }

  function load(url) {
    if (!loading) {
      loading = fetch(url, { credentials: 'same-origin' })
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
        .then(function (j) { index = j; words = null; return j; });
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
    var res = find(q, false);
    var hits = res.hits;
    var d = form.dataset;
    var root = d.root || '';
    var lang = form.querySelector('input[name=lang]');
    var page = function (extra) {
      return form.getAttribute('action') + '?q=' + encodeURIComponent(q) + extra +
        (lang ? '&lang=' + lang.value : '');
    };
    var status = el('p', 'suggest-status');
    status.textContent = hits.length ? hits.length + ' ' + d.results : d.none;
    box.appendChild(status);
    if (res.used) {
      var fix = el('p', 'suggest-fix', d.fixed + ' \u201c');
      fix.appendChild(el('strong', null, res.used));
      fix.appendChild(document.createTextNode('\u201d. '));
      var exact = el('a', null, d.exact + ' \u201c' + q.trim() + '\u201d');
      exact.href = page('&exact=1');
      fix.appendChild(exact);
      box.appendChild(fix);
    }
    if (res.any) {
      var any = el('p', 'suggest-any', d.some);
      if (res.ignored) {
        any.appendChild(document.createTextNode(' ' + d.ignored + ' '));
        any.appendChild(el('strong', null, res.ignored));
      }
      box.appendChild(any);
    }
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
      all.href = page('');
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

  if (typeof document !== 'undefined') {
    var forms = document.querySelectorAll('form.search-form[data-index]');
    for (var i = 0; i < forms.length; i++) attach(forms[i]);
  }

  /* For the tests: the same folding and ranking from Node or a page. */
  var api = { fold: fold, rewrite: function (f) { return rewrite(f); },
    distance: distance,
    find: function (q, exact) { return index ? find(q, exact) : null; },
    search: function (q) { return index ? search(q) : null; },
    use: function (j) { index = j; words = null; loading = Promise.resolve(j); },
    load: function () { return load('/tim-kiem.json'); } };
  if (typeof window !== 'undefined') window.MotCuaSearch = api;
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
}());
