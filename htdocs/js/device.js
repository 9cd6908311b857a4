/*
 * A rating device (kiosk, counter tablet) goes back to its start screen
 * after data-idle seconds without a touch, a key or an answer; each one
 * starts the count again. Without JavaScript a meta refresh does it.
 */
(function () {
	'use strict';
	var box = document.querySelector('[data-idle]');
	if (!box)
		return;
	var ms = Number(box.getAttribute('data-idle')) * 1000;
	var home = box.getAttribute('data-home') || '/';
	var timer = 0;
	function reset() {
		clearTimeout(timer);
		timer = setTimeout(function () { location.replace(home); }, ms);
	}
	['pointerdown', 'keydown', 'input', 'change', 'touchstart', 'wheel'].forEach(function (e) {
		document.addEventListener(e, reset, { capture: true, passive: true });
	});
	reset();
}());
