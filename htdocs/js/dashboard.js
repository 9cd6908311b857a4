/*
 * The dashboards (templates/office/dashboard.cs): every data-refresh
 * seconds the page is fetched again and its #dash-live part replaces the
 * one shown, so the figures change without a full page flash; the meta
 * refresh in <noscript> does it for browsers without JavaScript. A failed
 * fetch (network, server busy) keeps the figures shown and tries again.
 */
(function () {
  'use strict';
  var dash = document.getElementById('dash');
  if (!dash || !window.fetch || !window.DOMParser) return;
  var every = Math.max(5, Number(dash.dataset.refresh) || 60) * 1000;

  function reload() {
    fetch(window.location.href, { credentials: 'same-origin', cache: 'no-store' })
      .then(function (r) {
        if (!r.ok) throw new Error(String(r.status));
        return r.text();
      })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, 'text/html');
        var fresh = doc.getElementById('dash-live');
        var live = document.getElementById('dash-live');
        if (fresh && live) live.innerHTML = fresh.innerHTML;
      })
      .catch(function () { /* keep what is shown */ })
      .then(function () { setTimeout(reload, every); });
  }
  setTimeout(reload, every);
}());
