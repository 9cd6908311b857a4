// Counter intake: the procedure search lists matches as the receiver types.
// Without JavaScript the search form's button gives the same list
// (GET /can-bo/tiep-nhan?q=...); this fetches that page and takes its list.
(function () {
  'use strict';
  var input = document.getElementById('procedure-search');
  var list = document.getElementById('procedure-matches');
  var form = document.getElementById('procedure-search-form');
  if (!input || !list || !form || !window.fetch) return;
  var timer = null;
  var seq = 0;
  function search() {
    var q = input.value.trim();
    if (q.length < 2) return;
    var params = new URLSearchParams(new FormData(form));
    var mine = ++seq;
    fetch(form.action + '?' + params.toString(), { credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.text() : ''; })
      .then(function (html) {
        if (mine !== seq || !html) return;
        var doc = new DOMParser().parseFromString(html, 'text/html');
        var got = doc.getElementById('procedure-matches');
        if (got) {
          list.replaceChildren.apply(list, Array.prototype.map.call(got.childNodes,
            function (n) { return document.importNode(n, true); }));
        }
      })
      .catch(function () { /* the button still works */ });
  }
  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(search, 250);
  });
})();

// The applicant's kind: only the fields of the kind chosen are shown
// (without JavaScript both are; the server reads those of the kind).
(function () {
  'use strict';
  var org = document.getElementById('org-applicant');
  var person = document.getElementById('person-applicant');
  var radios = document.querySelectorAll('input[name="kind"]');
  if (!org || !person || !radios.length) return;
  function show() {
    var isOrg = document.getElementById('kind-org').checked;
    org.hidden = !isOrg;
    person.hidden = isOrg;
  }
  Array.prototype.forEach.call(radios, function (r) { r.addEventListener('change', show); });
  show();
})();
