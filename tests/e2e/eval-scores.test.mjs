// Evaluation results in the office (issue 10): a leader sees the nine
// indices, the total out of 18, the band and the satisfaction rate per
// officer, dossier and step of their agency; an officer sees only their own
// line and their peers' bands, never a peer's name; the table as CSV from
// the page's link. Through the pages in Chromium.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  BASE_URL, PROC, WARD_SLOTS, randomWard, uniq, newCitizen, newOfficer, newToken, request,
  toFormData, filePart, minimalPdf, launchBrowser, watch, parseCsv,
} from './lib.mjs';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'output');
mkdirSync(OUT, { recursive: true });

const bearer = (t) => ({ authorization: `Bearer ${t}` });

/** Today in Ho Chi Minh City, YYYY-MM-DD. */
const hcmcDay = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());

describe('evaluation results (issue 10)', { concurrency: false, timeout: 600_000 }, () => {
  const tag = uniq();
  let browser, ward, citizen, recv, spec, lead, tokens = {}, codes = [];

  before(async () => {
    ward = randomWard(WARD_SLOTS.eval);
    citizen = await newCitizen({ name: `Điểm Số ${tag}` });
    [recv, spec, lead] = await Promise.all([
      newOfficer('receiver', ward, `Tiếp Nhận ĐS ${tag}`),
      newOfficer('specialist', ward, `Chuyên Viên ĐS ${tag}`),
      newOfficer('leader', ward, `Lãnh Đạo ĐS ${tag}`),
    ]);
    for (const [k, acc] of Object.entries({ citizen, recv, spec, lead })) tokens[k] = await newToken(acc.email);
    for (let i = 0; i < 2; i++) {
      const a = await request('/api/v1/dossiers', {
        method: 'POST', headers: bearer(tokens.citizen), body: toFormData({
          procedure: PROC, agency: ward, fields: JSON.stringify({ content: `Điểm ${tag} ${i}` }),
          file: filePart(minimalPdf(`to khai ${tag}`), 'to-khai.pdf'),
        }),
      });
      assert.equal(a.status, 201, a.text);
      const code = a.json().code;
      for (const [k, body] of [['recv', { action: 'accept' }], ['recv', { action: 'forward' }], ['spec', { action: 'forward' }],
        ['lead', { action: 'approve' }], ['recv', { action: 'return', method: 1 }]]) {
        const t = await request(`/api/v1/dossiers/${encodeURIComponent(code)}/transitions`, {
          method: 'POST', headers: { ...bearer(tokens[k]), 'content-type': 'application/json' }, body: JSON.stringify(body),
        });
        assert.equal(t.status, 200, `${body.action}: ${t.text.slice(0, 200)}`);
      }
      codes.push(code);
    }
    browser = await launchBrowser();
  });

  after(async () => {
    if (browser) await browser.close();
  });

  async function login(acc, home, width = 1280) {
    const ctx = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(`${BASE_URL}/dich-vu/dang-nhap`);
    await page.locator('#login').fill(acc.email);
    await page.locator('#password').fill(acc.password);
    await Promise.all([page.waitForURL(`${BASE_URL}${home}`), page.locator('form.form button[type=submit]').click()]);
    return { ctx, page, w: watch(page) };
  }

  /** The cells of the score row whose first cell has text. */
  async function row(page, text) {
    const r = page.locator('#scores tbody tr', { hasText: text });
    assert.equal(await r.count(), 1, `one line for ${text}`);
    const cell = async (c) => (await r.locator(`td.${c}`).innerText()).trim();
    const out = { dossiers: (await r.locator('td').nth(1).innerText()).trim() };
    for (const i of [1, 2, 3, 4, 5, 6, 7, 8, 9]) out[`i${i}`] = await cell(`idx-${i}`);
    out.total = await cell('total');
    out.band = await cell('band');
    out.sat = await cell('sat');
    return out;
  }

  test('a leader sees indices, total, band and satisfaction per officer, dossier and step; an officer only their own', async () => {
    // The citizen rates the first dossier on its page: satisfied.
    const c = await login(citizen, '/dich-vu/ho-so');
    try {
      await c.page.goto(`${BASE_URL}/dich-vu/ho-so/${codes[0]}`);
      for (const n of ['a1', 'a2', 'a3', 'a4']) await c.page.locator(`input[name=${n}][value="1"]`).check();
      await Promise.all([c.page.waitForURL(/danh-gia=1/), c.page.locator('form.eval-form button[type=submit]').click()]);
    } finally {
      await c.ctx.close();
    }

    const L = await login(lead, '/can-bo/');
    try {
      await L.page.locator('a[href="/can-bo/danh-gia/diem"]').first().click();
      const before = hcmcDay();
      await L.page.waitForURL(/\/can-bo\/danh-gia\/diem/);
      assert.match(await L.page.locator('h1').innerText(), /Kết quả đánh giá/);
      // The period offered ends today (Ho Chi Minh City's day; either side
      // of a midnight passing while the page loads), not tomorrow.
      assert.ok([before, hcmcDay()].includes(await L.page.locator('#den').inputValue()),
        `the period ends today, not ${await L.page.locator('#den').inputValue()}`);
      // Per officer: the receiver took steps of both dossiers.
      await L.page.locator('#theo').selectOption('can-bo');
      await Promise.all([L.page.waitForURL(/theo=can-bo/), L.page.locator('#scores-filter button[type=submit]').click()]);
      const r = await row(L.page, `Tiếp Nhận ĐS ${tag}`);
      assert.equal(r.dossiers, '2');
      assert.equal(r.i3, '2,0', 'no supplement asked: index 3 is 2 (a decimal comma in Vietnamese)');
      assert.equal(r.i8, '2', 'no feedback: index 8 is 2');
      // The total is the sum of the nine, out of 18, to one decimal.
      const dec = (x) => Number(x.replace(',', '.'));
      const sum = [1, 2, 3, 4, 5, 6, 7, 8, 9].reduce((s, i) => s + Math.round(dec(r[`i${i}`]) * 10), 0);
      assert.match(r.total, /^\d+,\d$/);
      assert.equal(Math.round(dec(r.total) * 10), sum, `total ${r.total} is the sum of the indices`);
      const band = sum >= 160 ? 'Xuất sắc' : sum >= 140 ? 'Tốt' : sum >= 100 ? 'Đạt' : 'Chưa đạt';
      assert.equal(r.band, band);
      assert.match(r.sat, /^100 %/, 'the one rating was satisfied');
      assert.match(r.sat, /\(\d+–100 %, 1\)/, 'with its Wilson interval and count');
      assert.equal((await row(L.page, `Chuyên Viên ĐS ${tag}`)).dossiers, '2');
      // The same table as CSV for Excel, from the page's link: the page's
      // headings and the receiver's figures.
      const [dl] = await Promise.all([L.page.waitForEvent('download'), L.page.locator('#scores-csv').click()]);
      assert.match(dl.suggestedFilename(), /^danh-gia-can-bo-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
      const file = path.join(OUT, `eval-scores-${tag}.csv`);
      await dl.saveAs(file);
      const bytes = readFileSync(file);
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a byte order mark, for Excel');
      const csv = parseCsv(bytes.subarray(3).toString('utf8'));
      assert.deepEqual(csv[0].slice(0, 2), ['Tên', 'Số hồ sơ']);
      assert.ok(csv[0].includes('Tổng (18)') && csv[0].includes('Xếp loại'), `headings: ${csv[0]}`);
      const line = csv.find((l) => l[0] === `Tiếp Nhận ĐS ${tag}`);
      assert.ok(line, 'the receiver is in the CSV');
      const col = (h) => line[csv[0].indexOf(h)];
      assert.equal(col('Số hồ sơ'), r.dossiers);
      assert.equal(col('Tổng (18)'), r.total.replace(',', '.'), 'the CSV keeps a decimal point');
      assert.equal(col('Xếp loại'), r.band);
      assert.equal(col('Số phiếu'), '1');
      assert.equal(csv.length - 1, await L.page.locator('#scores tbody tr').count(), 'one CSV line per table line');
      await L.page.screenshot({ path: path.join(OUT, 'eval-scores-1280.png'), fullPage: true });

      // Per dossier: each of ours, linked to its page.
      await L.page.locator('#theo').selectOption('ho-so');
      await Promise.all([L.page.waitForURL(/theo=ho-so/), L.page.locator('#scores-filter button[type=submit]').click()]);
      for (const code of codes) {
        const d = L.page.locator('#scores tbody tr', { hasText: code });
        assert.equal(await d.count(), 1, `a line for ${code}`);
        assert.equal(await d.locator(`a[href="/can-bo/ho-so/${code}"]`).count(), 1);
        assert.equal((await d.locator('td.idx-3').innerText()).trim(), '2,0');
      }
      // Per step.
      await L.page.locator('#theo').selectOption('buoc');
      await Promise.all([L.page.waitForURL(/theo=buoc/), L.page.locator('#scores-filter button[type=submit]').click()]);
      assert.ok(await L.page.locator('#steps tbody tr').count() > 0, 'the steps of the period');
      // A bad date: a clear 400.
      const bad = await L.page.goto(`${BASE_URL}/can-bo/danh-gia/diem?tu=2026-13-45`);
      assert.equal(bad.status(), 400);
      assert.match(await L.page.locator('main').innerText(), /Ngày không hợp lệ/);
      // English.
      await L.page.goto(`${BASE_URL}/can-bo/danh-gia/diem?theo=can-bo&lang=en`);
      const en = await L.page.locator('main').innerText();
      assert.match(en, /Evaluation results/);
      assert.doesNotMatch(en, /Lang\.|Kết quả đánh giá/);
      const rEn = await row(L.page, `Tiếp Nhận ĐS ${tag}`);
      assert.equal(rEn.i3, '2.0', 'a decimal point in English');
      assert.equal(rEn.total, r.total.replace(',', '.'));
      await L.page.setViewportSize({ width: 390, height: 844 });
      await L.page.screenshot({ path: path.join(OUT, 'eval-scores-en-390.png'), fullPage: true });
      await L.page.goto(`${BASE_URL}/can-bo/danh-gia/diem?lang=vi`);
    } finally {
      await L.ctx.close();
    }

    // The receiver: only their own line, the peers by band, no names.
    const O = await login(recv, '/can-bo/');
    try {
      await O.page.goto(`${BASE_URL}/can-bo/danh-gia/diem?theo=co-quan`);
      assert.equal(await O.page.locator('#theo option[value=co-quan]').count(), 0, 'no agency view for an officer');
      assert.equal(await O.page.locator('#scores tbody tr').count(), 1, 'one line: their own');
      assert.equal((await row(O.page, `Tiếp Nhận ĐS ${tag}`)).dossiers, '2');
      const text = await O.page.locator('main').innerText();
      assert.doesNotMatch(text, new RegExp(`Chuyên Viên ĐS ${tag}|Lãnh Đạo ĐS ${tag}`), 'no peer is named');
      assert.ok(await O.page.locator('#peers tbody tr').count() >= 1, 'the peers\' bands');
      assert.match(await O.page.locator('#peers').innerText(), /Xuất sắc|Tốt|Đạt/);
    } finally {
      await O.ctx.close();
    }
  });
});
