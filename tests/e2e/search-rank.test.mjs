// Search ranking (issue 14): the citizen's own ward's procedures first when
// the ward is known (chosen on the search page, or a signed-in citizen's
// address names it), through the page in Chromium. The pair is the
// catalogue's own: "Phê duyệt kế hoạch khuyến nông địa phương" is done at
// city level (1.003618) and, with "(cấp xã)", at the wards (1.003596); the
// city's shorter name comes first when no ward is known.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { BASE_URL, TOP, launchBrowser, newCitizen, sql, sqlValue, watch } from './lib.mjs';

const Q = 'phe duyet ke hoach khuyen nong dia phuong';
const CITY = '1.003618';
const WARD_PROC = '1.003596';
const WARD = '000.65.60.H29'; // Phường Bến Thành

describe('the citizen\'s ward first', { timeout: 240_000 }, () => {
  let browser;
  before(async () => { browser = await launchBrowser(); });
  after(async () => { if (browser) await browser.close(); });

  const firstHref = (page) => page.locator('ol.results li a').first().getAttribute('href');

  test('a ward chosen on the search page (no JavaScript) puts its procedures first', async () => {
    assert.equal(sqlValue(`SELECT level_commune FROM procedures WHERE code = '${WARD_PROC}'`), '1');
    assert.equal(sqlValue(`SELECT level_commune FROM procedures WHERE code = '${CITY}'`), '0');
    const ctx = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    try {
      const page = await ctx.newPage();
      const w = watch(page);
      await page.goto(`${BASE_URL}/dich-vu/tim-kiem?q=${encodeURIComponent(Q)}`);
      assert.equal(await firstHref(page), `/thu-tuc/${CITY}.html`, 'no ward: the shorter name first');
      assert.equal(await page.locator('#search-ward').count(), 0);
      await page.click('details.filters-box summary');
      await page.selectOption('#f-ward', WARD);
      await Promise.all([page.waitForNavigation(), page.click('form.filters button[type=submit]')]);
      assert.match(page.url(), /ward=000\.65\.60\.H29/);
      assert.equal(await firstHref(page), `/thu-tuc/${WARD_PROC}.html`, 'the ward\'s own first');
      assert.match(await page.locator('#search-ward').innerText(), /Phường Bến Thành/);
      assert.equal(await page.inputValue('#f-ward'), WARD, 'the choice stays');
      await page.screenshot({ path: path.join(TOP, 'tests/e2e/output/search-ward-390.png'), fullPage: false });
      assert.deepEqual(w.problems(), []);
    } finally { await ctx.close(); }
  });

  test('a signed-in citizen whose address names the ward: its procedures first, in English too', async () => {
    const c = await newCitizen();
    sql(`UPDATE accounts SET address = '12 Lê Lợi, phường Bến Thành, Thành phố Hồ Chí Minh' WHERE id = ${c.id}`);
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await ctx.newPage();
      await page.goto(`${BASE_URL}/dich-vu/dang-nhap`);
      await page.locator('#login').fill(c.email);
      await page.locator('#password').fill(c.password);
      await Promise.all([page.waitForNavigation(), page.locator('form.form button[type=submit]').click()]);
      await page.goto(`${BASE_URL}/dich-vu/tim-kiem?q=${encodeURIComponent(Q)}`);
      assert.equal(await firstHref(page), `/thu-tuc/${WARD_PROC}.html`);
      assert.match(await page.locator('#search-ward').innerText(), /Phường Bến Thành/);
      await page.screenshot({ path: path.join(TOP, 'tests/e2e/output/search-ward-1280.png'), fullPage: false });
      await page.goto(`${BASE_URL}/dich-vu/tim-kiem?q=${encodeURIComponent(Q)}&lang=en`);
      assert.equal(await firstHref(page), `/en/thu-tuc/${WARD_PROC}.html`);
      assert.match(await page.locator('#search-ward').innerText(), /come first/);
    } finally { await ctx.close(); }
  });
});
