// Templates escape what users type, end to end: a citizen named like markup
// shows up as text on their dossier page, in the header, in the officer's
// inbox and dossier page, and when a form is shown again; a browser runs no
// script from it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  BASE_URL, PROC, Visitor, WARD_SLOTS, csrfOf, fact, filePart, inputValue, launchBrowser, loggedIn,
  minimalPdf, newIdNumber, newOfficer, randomWard, rowLinking, textOf, uniq, watch, fileOnline,
} from './lib.mjs';

const EVIL = `<script>alert(1)</script> "x" & 'y'`;

/** No markup from the name reached the page raw. */
function assertEscaped(html, where) {
  assert.ok(!html.includes('<script>alert(1)'), `${where}: no raw <script> from the name`);
  assert.ok(!html.includes(`"x"`), `${where}: the quotes are escaped`);
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), `${where}: the name is shown, escaped`);
}

describe('user input is escaped on every page that shows it', { concurrency: false, timeout: 120_000 }, () => {
  const tag = uniq();
  const me = { idNumber: newIdNumber(), email: `e2e-xss-${tag}@motcua.test`, password: `Mk-${tag}` };
  const citizen = new Visitor();
  let ward, officer, code;

  before(async () => {
    ward = randomWard(WARD_SLOTS.escaping);
    officer = await newOfficer('receiver', ward);
  });

  test('a form shown again keeps the name as text inside the value attribute', async () => {
    const v = new Visitor();
    const page = await v.get('/dich-vu/dang-ky');
    const a = await v.postForm('/dich-vu/dang-ky', {
      csrf: csrfOf(page.text), name: EVIL, id_number: newIdNumber(), email: `e2e-xss2-${tag}@motcua.test`,
      phone: '0901234567', password: 'mot-hai-ba-4', password2: 'khong-giong',
    });
    assert.equal(a.status, 422);
    assert.equal(inputValue(a.text, 'name'), EVIL, 'the name comes back whole inside its value attribute');
    assertEscaped(a.text, 'the registration form');
  });

  test('the citizen registers and files; their pages show the name escaped', async () => {
    const page = await citizen.get('/dich-vu/dang-ky');
    const reg = await citizen.postForm('/dich-vu/dang-ky', {
      csrf: csrfOf(page.text), name: EVIL, id_number: me.idNumber, email: me.email,
      phone: '0901234567', password: me.password, password2: me.password,
    });
    assert.equal(reg.status, 303, reg.text.slice(0, 300));
    const form = await citizen.get(`/dich-vu/nop-ho-so/${PROC}`);
    assertEscaped(form.text, 'the filing form');
    const a = await fileOnline(citizen, PROC, {
      csrf: csrfOf(form.text), name: EVIL, id_number: me.idNumber, phone: '0901234567',
      email: me.email, address: '<b>1</b> Đường "A"', agency: ward, content: '</textarea><script>alert(2)</script>',
      file: filePart(minimalPdf('xss'), '<img src=x onerror=alert(3)>.pdf'),
    });
    assert.equal(a.status, 303, a.text.slice(0, 300));
    code = decodeURIComponent(a.location.match(/\/dich-vu\/ho-so\/([^?]+)/)[1]);
    const d = await citizen.get(`/dich-vu/ho-so/${code}`);
    assert.equal(d.status, 200);
    assertEscaped(d.text, 'the dossier page');
    assert.ok(!d.text.includes('<img src=x'), 'the file name is escaped');
    assert.match(d.text, /&lt;img src=x onerror=alert\(3\)&gt;\.pdf/);
    assert.equal(fact(d.text, 'Người nộp'), EVIL, 'the name reads exactly as typed');
    assert.equal(fact(d.text, 'Số định danh cá nhân'), me.idNumber, 'the ID number under its label');
    const mine = await citizen.get('/dich-vu/ho-so');
    assertEscaped(mine.text, 'the header of "my dossiers"');
  });

  test('the officer\'s inbox and dossier page show it escaped', async () => {
    assert.ok(code, 'filed before');
    const off = await loggedIn(officer.email, officer.password);
    const inbox = await off.get('/can-bo/');
    assert.equal(inbox.status, 200);
    const row = rowLinking(inbox.text, `/can-bo/ho-so/${code}`);
    assert.ok(row, 'the dossier is in the inbox');
    assertEscaped(inbox.text, 'the inbox');
    assert.ok(textOf(row).includes(EVIL), 'the inbox shows the name as typed');
    const d = await off.get(`/can-bo/ho-so/${code}`);
    assertEscaped(d.text, 'the officer\'s dossier page');
    assert.ok(!d.text.includes('<script>alert(2)'), 'the content is never raw');
  });

  test('in a browser the name is text and no script runs', async () => {
    assert.ok(code, 'filed before');
    const browser = await launchBrowser();
    try {
      const ctx = await browser.newContext();
      await ctx.addCookies([{ name: 'mc_session', value: citizen.cookies.get('mc_session'), url: BASE_URL }]);
      const page = await ctx.newPage();
      const w = watch(page);
      await page.goto(`${BASE_URL}/dich-vu/ho-so/${code}`);
      const applicant = await page.locator('dl.facts dt:text("Người nộp") + dd').innerText();
      assert.ok(applicant.startsWith(EVIL), `the applicant reads as typed: ${applicant}`);
      const scripts = await page.locator('script').evaluateAll((els) => els.map((e) => e.getAttribute('src') || `inline: ${e.textContent}`));
      assert.ok(scripts.every((x) => x.startsWith('/static/')), `only the site's own script files run: ${scripts.join(', ')}`);
      assert.equal(await page.locator('.user-name strong').innerText(), EVIL);
      assert.deepEqual(w.problems(), [], 'no dialog, no error');
    } finally {
      await browser.close();
    }
  });
});
