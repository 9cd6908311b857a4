// Self-assessment and appraisal (issue 10), through the page in Chromium: a
// ward's leader enters the nine self-scores of a quarter (a bad score is
// refused with 422, the message and every typed value kept), sees them and
// their total; a leader of the city (the agency above) appraises them, after
// which the ward's own scores are locked (no form; a forged POST is 409);
// the ward's leader sees the appraisal; a specialist gets 403 and another
// department's leader 403 for the ward. English at 390 px; axe; screenshots
// at 390 and 1280 px in tests/e2e/output/.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { randomInt } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import {
  BASE_URL, WARD_SLOTS, agencyCode, assertAxe, launchBrowser, newOfficer, parseCsv, q, randomWard, sqlValue, uniq, watch,
} from './lib.mjs';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'output');
const CITY = '000.00.00.H29';
const PAGE = '/can-bo/danh-gia/tu-cham';

describe('self-scores and appraisal (issue 10)', { concurrency: false, timeout: 400_000 }, () => {
  const tag = uniq();
  // A quarter of a year of its own: nobody else scores this ward then.
  const year = 2030 + randomInt(0, 60);
  const quarter = 1 + randomInt(0, 4);
  const ky = `${year}-${quarter}`;
  let browser, ward, wardId, lead, city, spec, other;

  before(async () => {
    mkdirSync(OUT, { recursive: true });
    ward = randomWard(WARD_SLOTS.other);
    wardId = sqlValue(`SELECT id FROM agencies WHERE code = ${q(ward)}`);
    [lead, city, spec, other] = await Promise.all([
      newOfficer('leader', ward, `Lãnh Đạo Tự Chấm ${tag}`),
      newOfficer('leader', CITY, `Lãnh Đạo Thẩm Định ${tag}`),
      newOfficer('specialist', ward, `Chuyên Viên Tự Chấm ${tag}`),
      newOfficer('leader', agencyCode('Sở Tư pháp'), `Lãnh Đạo Sở ${tag}`),
    ]);
    browser = await launchBrowser();
  });

  after(async () => {
    if (browser) await browser.close();
  });

  async function login(acc, width = 1280) {
    const ctx = await browser.newContext({ viewport: { width, height: 900 }, bypassCSP: true });
    const page = await ctx.newPage();
    await page.goto(`${BASE_URL}/dich-vu/dang-nhap`);
    await page.locator('#login').fill(acc.email);
    await page.locator('#password').fill(acc.password);
    await Promise.all([page.waitForURL(`${BASE_URL}/can-bo/`), page.locator('form.form button[type=submit]').click()]);
    return { ctx, page, w: watch(page) };
  }

  /** The own and appraised cells of the nine rows, and the totals. */
  async function read(page) {
    const rows = await page.locator('#self-scores tbody tr').evaluateAll((trs) => trs.map((tr) => {
      const v = (c) => { const td = tr.querySelector(`td.${c}`); const i = td.querySelector('input'); return (i ? i.value : td.textContent).trim(); };
      return [v('own'), v('appraised')];
    }));
    return { own: rows.map((r) => r[0]), appraised: rows.map((r) => r[1]),
      ownTotal: (await page.locator('#own-total').innerText()).trim(),
      appraisedTotal: (await page.locator('#appraised-total').innerText()).trim() };
  }

  /** The agency chosen in the page's filter, for the test's quarter. */
  async function choose(page, agency) {
    await page.goto(`${BASE_URL}${PAGE}?ky=${ky}`);
    assert.equal(await page.locator('#ky').inputValue(), ky, 'the quarter asked for is the one chosen');
    await page.locator('#agency').selectOption(String(agency));
    await Promise.all([page.waitForURL(new RegExp(`agency=${agency}&ky=${ky}`)), page.locator('#self-filter button[type=submit]').click()]);
  }

  /**
   * Downloads the table's CSV from the page's link: UTF-8 with a byte order
   * mark (for Excel); returns its lines, checked against the page's table
   * (the page's decimal comma is a point in the file; '' for none).
   */
  async function csvOf(page, file, heads) {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('#self-csv').click()]);
    assert.equal(dl.suggestedFilename(), `tu-cham-${wardId}-${ky}.csv`);
    const saved = path.join(OUT, `${file}-${tag}.csv`);
    await dl.saveAs(saved);
    const bytes = readFileSync(saved);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a byte order mark for Excel');
    const csv = parseCsv(bytes.subarray(3).toString('utf8'));
    assert.deepEqual(csv[0], heads);
    const shown = await page.locator('#self-scores tbody tr, #self-scores tfoot tr').evaluateAll((trs) => trs.map((tr) =>
      [tr.querySelector('th').textContent, ...[...tr.querySelectorAll('td')].map((td) => {
        const i = td.querySelector('input');
        return i ? i.value : td.textContent;
      })]
        .map((t) => t.replace(/\s+/g, ' ').trim())));
    assert.equal(csv.length - 1, 10, 'nine indices and the total');
    assert.deepEqual(csv.slice(1), shown.map((r) => r.map((c, i) => (i === 0 ? c : c === '–' ? '' : c.replace(',', '.')))));
    return csv;
  }

  test('the unit scores itself, the agency above appraises, the quarter is then locked', async () => {
    const own = ['2', '1,5', '2', '1', '2', '2', '1.5', '2', '0'];
    // The ward's leader: from the scores page to the self-score page.
    const L = await login(lead);
    try {
      await L.page.goto(`${BASE_URL}/can-bo/danh-gia/diem`);
      await Promise.all([L.page.waitForURL(new RegExp(`${PAGE}$`)), L.page.locator(`a[href="${PAGE}"]`).click()]);
      assert.match(await L.page.locator('h1').innerText(), /Tự chấm điểm và thẩm định/);
      await choose(L.page, wardId);
      assert.equal(await L.page.locator('#self-scores input[name^=a]').count(), 0, 'no appraisal for the unit itself');
      // A bad score: 422, the message, every typed value kept, nothing stored.
      for (let i = 0; i < 9; i++) await L.page.locator(`#s${i + 1}`).fill(i === 3 ? '2,5' : own[i]);
      const bad = await Promise.all([L.page.waitForResponse((r) => r.request().method() === 'POST'),
        L.page.locator('#self-submit').click()]);
      assert.equal(bad[0].status(), 422);
      await L.page.waitForLoadState();
      assert.match(await L.page.locator('#self-invalid').innerText(), /Chưa lưu/);
      assert.match(await L.page.locator('#err-4').innerText(), /từ 0 đến 2/);
      assert.equal(await L.page.locator('#s4').getAttribute('aria-invalid'), 'true');
      const kept = await read(L.page);
      assert.deepEqual(kept.own, own.map((v, i) => (i === 3 ? '2,5' : v)));
      assert.equal(sqlValue(`SELECT COUNT(*) FROM eval_self_scores WHERE agency_id = ${wardId} AND year = ${year} AND quarter = ${quarter}`), '0');
      await assertAxe(L.page, 'self-scores with an error');
      // Corrected and saved.
      await L.page.locator('#s4').fill('1');
      await Promise.all([L.page.waitForURL(/ok=1/), L.page.locator('#self-submit').click()]);
      assert.match(await L.page.locator('#self-saved').innerText(), /Đã lưu/);
      const saved = await read(L.page);
      // With the decimal comma on Vietnamese pages (fmt_decimal).
      assert.deepEqual(saved.own, ['2,0', '1,5', '2,0', '1,0', '2,0', '2,0', '1,5', '2,0', '0,0']);
      assert.equal(saved.ownTotal, '14,0');
      assert.equal(saved.appraisedTotal, '');
      assert.match(await L.page.locator('#self-state').innerText(), /Đã tự chấm lúc/);
      await L.page.screenshot({ path: path.join(OUT, 'eval-self-1280.png'), fullPage: true });
    } finally {
      await L.ctx.close();
    }

    // The city's leader appraises the ward's quarter.
    const C = await login(city);
    try {
      await C.page.goto(`${BASE_URL}${PAGE}`);
      await choose(C.page, wardId);
      assert.equal(await C.page.locator('#self-scores input[name^=s]').count(), 0, 'the appraiser does not edit the self-scores');
      assert.deepEqual((await read(C.page)).own, ['2,0', '1,5', '2,0', '1,0', '2,0', '2,0', '1,5', '2,0', '0,0']);
      const appr = ['2', '1', '2', '1', '2', '2', '1', '2', '0'];
      for (let i = 0; i < 9; i++) await C.page.locator(`#a${i + 1}`).fill(appr[i]);
      await Promise.all([C.page.waitForURL(/ok=1/), C.page.locator('#self-submit').click()]);
      const r = await read(C.page);
      assert.deepEqual(r.appraised, ['2,0', '1,0', '2,0', '1,0', '2,0', '2,0', '1,0', '2,0', '0,0']);
      assert.equal(r.appraisedTotal, '13,0');
      assert.match(await C.page.locator('#self-state').innerText(), /Đã thẩm định lúc/);
      // The table as CSV from the page's link: Vietnamese headings, the page's figures.
      const csv = await csvOf(C.page, 'eval-self', ['Chỉ số', 'Theo dữ liệu', 'Tự chấm', 'Thẩm định']);
      assert.deepEqual(csv[10].slice(2), ['14.0', '13.0'], 'the totals');
      assert.deepEqual(csv.slice(1, 10).map((l) => l[3]), ['2.0', '1.0', '2.0', '1.0', '2.0', '2.0', '1.0', '2.0', '0.0']);
      await assertAxe(C.page, 'the appraisal');
      assert.deepEqual(C.w.problems().filter((p) => !/HTTP 4/.test(p)), []);
    } finally {
      await C.ctx.close();
    }

    // The ward's leader: the appraisal shown, their own scores locked.
    const L2 = await login(lead, 390);
    try {
      await L2.page.goto(`${BASE_URL}${PAGE}?agency=${wardId}&ky=${ky}&lang=en`);
      assert.equal(await L2.page.locator('h1').innerText(), 'Self-assessment and appraisal');
      assert.equal(await L2.page.locator('#self-scores input').count(), 0, 'locked once appraised');
      assert.equal(await L2.page.locator('#self-submit').count(), 0);
      const r = await read(L2.page);
      assert.equal(r.ownTotal, '14.0', 'a decimal point in English');
      assert.equal(r.appraisedTotal, '13.0');
      assert.equal((await read(L2.page)).own[1], '1.5');
      assert.match(await L2.page.locator('#self-state').innerText(), /Appraised at/);
      assert.doesNotMatch(await L2.page.locator('main').innerText(), /Lang\.|Tự chấm/);
      // Its CSV in English.
      const csv = await csvOf(L2.page, 'eval-self-en', ['Index', 'From the data', 'Self-score', 'Appraised']);
      assert.equal(csv[10][0], 'Total (18)');
      assert.equal(csv[2][2], '1.5');
      await L2.page.screenshot({ path: path.join(OUT, 'eval-self-en-390.png'), fullPage: true });
      // A POST made by hand is refused (409) and changes nothing.
      const csrf = await L2.page.locator('#self-form input[name=csrf]').inputValue();
      const form = { csrf, agency: String(wardId), ky };
      for (let i = 1; i <= 9; i++) form[`s${i}`] = '2';
      const res = await L2.page.request.post(`${BASE_URL}${PAGE}`, { form });
      assert.equal(res.status(), 409);
      assert.match(await res.text(), /can no longer change|không sửa được/);
      assert.equal(sqlValue(`SELECT SUM(self_tenths) FROM eval_self_scores WHERE agency_id = ${wardId} AND year = ${year} AND quarter = ${quarter}`), '140');
    } finally {
      await L2.ctx.close();
    }

    // Neither a specialist nor another department's leader.
    for (const acc of [spec, other]) {
      const O = await login(acc);
      try {
        const res = await O.page.goto(`${BASE_URL}${PAGE}?agency=${wardId}&ky=${ky}`);
        assert.equal(res.status(), 403, acc.name);
      } finally {
        await O.ctx.close();
      }
    }
  });
});
