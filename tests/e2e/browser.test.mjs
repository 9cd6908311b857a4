// Headless Chromium: the public pages render cleanly (no console errors, no
// failed requests, one <h1>, nothing wider than a phone), the "file online"
// button leads through the login to the form, and a dossier can be filed
// with the browser. Screenshots go to tests/e2e/output/ for a human look.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import {
  BASE_URL, PROC, PROC_NAME, launchBrowser, minimalPdf, newCitizen, newIdNumber, randomWard, WARD_SLOTS, uniq, watch,
} from './lib.mjs';

/** Clicks a submit button and waits for the page the POST leads to. */
async function submit(page, button) {
  const posted = page.waitForResponse((r) => r.request().method() === 'POST', { timeout: 60_000 });
  await button.click();
  const res = await posted;
  await page.waitForLoadState('load');
  return res;
}

/** The error messages a form shows, for assertion messages. */
async function formErrors(page) {
  return (await page.locator('.error-message, .flash-error').allInnerTexts()).join(' | ');
}

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'output');

const PAGES = [
  { name: 'home', path: '/', h1: 'Dịch vụ công Thành phố Hồ Chí Minh' },
  { name: 'catalogue', path: '/thu-tuc/', h1: 'Danh mục thủ tục hành chính' },
  { name: 'procedure', path: `/thu-tuc/${PROC}.html`, h1: PROC_NAME },
];

describe('in a browser', { timeout: 180_000 }, () => {
  let browser;

  before(async () => {
    mkdirSync(OUT, { recursive: true });
    browser = await launchBrowser();
  });
  after(async () => { if (browser) await browser.close(); });

  for (const p of PAGES) {
    test(`${p.name} page (${p.path}) renders cleanly with one <h1>`, async () => {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      try {
        const page = await ctx.newPage();
        const w = watch(page);
        const res = await page.goto(BASE_URL + p.path, { waitUntil: 'load' });
        assert.equal(res.status(), 200);
        assert.equal(await page.locator('h1').count(), 1, 'exactly one <h1>');
        assert.equal((await page.locator('h1').innerText()).trim(), p.h1);
        assert.equal(await page.getAttribute('html', 'lang'), 'vi');
        assert.match(await page.title(), / – Một Cửa$/);
        const css = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
        assert.ok(css && !/^(Times|serif)/i.test(css), `the stylesheet is applied (font ${css})`);
        assert.deepEqual(w.problems(), [], 'no console errors and no failed requests');
      } finally {
        await ctx.close();
      }
    });
  }

  for (const width of [360, 1280]) {
    test(`home and procedure pages at ${width} px: nothing sticks out sideways; screenshots`, async () => {
      const ctx = await browser.newContext({ viewport: { width, height: width < 500 ? 740 : 900 }, deviceScaleFactor: 1 });
      try {
        const page = await ctx.newPage();
        const w = watch(page);
        for (const p of PAGES.filter((x) => x.name !== 'catalogue')) {
          await page.goto(BASE_URL + p.path, { waitUntil: 'load' });
          await page.screenshot({ path: path.join(OUT, `${p.name}-${width}.png`), fullPage: true });
          const wide = await page.evaluate(() => document.documentElement.scrollWidth);
          assert.ok(wide <= width, `${p.path} is ${wide} px wide in a ${width} px window`);
        }
        assert.deepEqual(w.problems(), []);
      } finally {
        await ctx.close();
      }
    });
  }

  test('"file online" on the procedure page leads through the login to the form, and filing works', async () => {
    const me = await newCitizen({ name: 'Phan Thị Hoa' });
    const ward = randomWard(WARD_SLOTS.browser);
    const ctx = await browser.newContext({ viewport: { width: 360, height: 740 } });
    try {
      const page = await ctx.newPage();
      const w = watch(page);
      await page.goto(`${BASE_URL}/thu-tuc/${PROC}.html`);
      await page.locator('a.btn-start').click();
      await page.waitForURL(/\/dich-vu\/dang-nhap\?next=/);
      assert.equal((await page.locator('h1').innerText()).trim(), 'Đăng nhập');
      await page.locator('#login').fill(me.email);
      await page.locator('#password').fill(me.password);
      await submit(page, page.locator('form.form button[type=submit]'));
      assert.equal(page.url(), `${BASE_URL}/dich-vu/nop-ho-so/${PROC}`, 'the login returns to the form');
      assert.equal((await page.locator('h1').innerText()).trim(), PROC_NAME);
      assert.equal(await page.locator('#name').inputValue(), 'Phan Thị Hoa', 'the form knows the citizen');
      assert.equal(await page.locator('#id_number').inputValue(), me.idNumber);
      await page.screenshot({ path: path.join(OUT, 'file-form-360.png'), fullPage: true });
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(wide <= 360, `the filing form is ${wide} px wide on a phone`);

      await page.locator('#agency').selectOption(ward);
      await page.locator('#f-content').fill('Đăng ký khai sinh cho con');
      await page.locator('#doc-d1').setInputFiles({ name: 'chung-sinh.pdf', mimeType: 'application/pdf', buffer: minimalPdf('browser') });
      // The account has no phone number (it is optional): the form leaves it empty.
      assert.equal(await page.locator('#phone').inputValue(), '');
      await submit(page, page.locator('#continue'));
      await submit(page, page.locator('#submit-dossier'));
      assert.match(page.url(), /\/dich-vu\/ho-so\/[^/?]+\?moi=1$/,
        `filing leads to the dossier's page; the form said: ${await formErrors(page)}`);
      w.clear();
      const code = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
      assert.match(code, new RegExp(`^${ward.replace(/\./g, '\\.')}-\\d{6}-\\d{4}$`));
      assert.equal((await page.locator('h1').innerText()).trim(), `Hồ sơ ${code}`);
      assert.equal((await page.locator('dl.facts .badge').innerText()).trim(), 'Mới đăng ký');
      assert.equal(await page.locator('[role=status]').count() > 0, true, 'the confirmation is announced');
      assert.deepEqual(w.problems(), [], 'no console errors (CSP included) and no failed requests');
    } finally {
      await ctx.close();
    }
  });

  test('a visitor registers in the browser with the required fields only (no phone)', async () => {
    const tag = uniq();
    const ctx = await browser.newContext({ viewport: { width: 360, height: 740 } });
    try {
      const page = await ctx.newPage();
      const w = watch(page);
      await page.goto(`${BASE_URL}/`);
      await page.locator('a.user-link', { hasText: 'Đăng ký' }).click();
      await page.waitForURL(`${BASE_URL}/dich-vu/dang-ky`);
      await page.locator('#name').fill('Đỗ Thị Thu');
      await page.locator('#id_number').fill(newIdNumber());
      await page.locator('#email').fill(`e2e-browser-${tag}@motcua.test`);
      await page.locator('#password').fill(`Mk-${tag}`);
      await page.locator('#password2').fill(`Mk-${tag}`);
      await submit(page, page.locator('form.form button[type=submit]'));
      assert.equal(page.url(), `${BASE_URL}/dich-vu/ho-so`,
        `registration leads to "my dossiers"; the form said: ${await formErrors(page)}`);
      assert.match(await page.locator('.user-name').innerText(), /Đỗ Thị Thu/);
      assert.deepEqual(w.problems(), []);
    } finally {
      await ctx.close();
    }
  });
});
