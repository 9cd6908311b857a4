/*
 * The webmaster's site build page: polls the build's status (JSON) every
 * second while it is queued or running (bin/worker runs it) and updates the
 * state, the times, the progress bar and the figures in place; the
 * role="status" line announces the end.
 */
(function () {
  'use strict';
  var box = document.querySelector('.build[data-status]');
  if (!box) return;
  var bar = box.querySelector('progress');

  function text(state) {
    var s = box.querySelector('[data-state-text="' + state + '"]');
    return s ? s.textContent : state;
  }

  function update(b) {
    ['pages_done', 'pages_total', 'written', 'unchanged', 'removed', 'ms',
      'started_at_text', 'finished_at_text'].forEach(function (k) {
      var el = box.querySelector('[data-k="' + k + '"]');
      if (el && b[k] !== null && b[k] !== undefined) el.textContent = b[k];
    });
    if (bar) {
      bar.max = Math.max(1, Number(b.pages_total) || 1);
      bar.value = Number(b.pages_done) || 0;
    }
    if (b.state !== box.dataset.state) {
      box.dataset.state = b.state;
      box.querySelector('[data-k="state-text"]').textContent = text(b.state);
      var failed = box.querySelector('[data-k="failed"]');
      if (failed) failed.hidden = b.state !== 'failed';
    }
    return b.state === 'queued' || b.state === 'running';
  }

  function poll() {
    fetch(box.dataset.status, { credentials: 'same-origin' })
      .then(function (r) { return r.json(); })
      .then(function (b) { if (update(b)) setTimeout(poll, 1000); })
      .catch(function () { setTimeout(poll, 3000); });
  }

  if (box.dataset.state === 'queued' || box.dataset.state === 'running') poll();
}());
