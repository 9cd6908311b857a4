// A print view's button (#print-receipt, hidden until this script runs) and
// ?print=1 (#auto-print on the page): the browser's print dialog.
(function () {
  'use strict';
  var b = document.getElementById('print-receipt');
  if (b) {
    b.hidden = false;
    b.addEventListener('click', function () { window.print(); });
  }
  if (document.getElementById('auto-print')) {
    if (document.readyState === 'complete') window.print();
    else window.addEventListener('load', function () { window.print(); });
  }
})();
