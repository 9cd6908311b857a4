// Decision 766's national index (issues 10 and 11) in headless Chromium: a
// ward leader goes from the statistics to the index page, sees only their
// ward (scope), reads their ward's criteria before and after this file's
// dossier is accepted (the receipt criterion counts it), sorts by a part,
// downloads the CSV whose total equals the page's, and reads the
// methodology in both languages; another ward and the city are out of
// scope (403).
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import {
  BASE_URL, PROC, WARD_SLOTS, filePart, launchBrowser, loggedIn, minimalPdf, newCitizen, newOfficer,
  newToken, q, randomWard, request, sqlValue, toFormData, uniq, until, watch,
  awayFromMidnight,
} from './lib.mjs';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'output');
const bearer = (t) => ({ authorization: `Bearer ${t}` });
/** The fields of one RFC 4180 line. */
const csvLine = (l) => [...l.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)]
  .map((m) => m[1].replace(/^"|"$/g, '').replace(/""/g, '"'));
/** Today in Ho Chi Minh City, YYYY-MM-DD. */
const today = () => new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);

// Today's figures are read after today's filings: not across midnight.
await awayFromMidnight();

describe('the Decision 766 index page', { concurrency: false, timeout: 300_000 }, () => {
  const tag = uniq();
  let browser, ward, wardId, other, leader, rToken, code;

  before(async () => {
    mkdirSync(OUT, { recursive: true });
    ward = randomWard(WARD_SLOTS.other);
    do other = randomWard(WARD_SLOTS.other); while (other === ward);
    wardId = Number(sqlValue(`SELECT id FROM agencies WHERE code = ${q(ward)}`));
    const citizen = await newCitizen({ name: `Chỉ Số ${tag}` });
    const recv = await newOfficer('receiver', ward, `Tiếp Nhận ${tag}`);
    leader = await newOfficer('leader', ward, `Lãnh Đạo ${tag}`);
    const cToken = await newToken(citizen.email);
    rToken = await newToken(recv.email);
    const a = await request('/api/v1/dossiers', {
      method: 'POST', headers: bearer(cToken), body: toFormData({
        procedure: PROC, agency: ward, fields: JSON.stringify({ content: `Chỉ số 766 ${tag}` }),
        file: filePart(minimalPdf(`766 ${tag}`), '766.pdf'),
      }),
    });
    assert.equal(a.status, 201, a.text);
    code = a.json().code;
    browser = await launchBrowser();
  });

  after(async () => {
    if (browser) await browser.close();
    if (code) {
      await request(`/api/v1/dossiers/${encodeURIComponent(code)}/transitions`, {
        method: 'POST', headers: { ...bearer(rToken), 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'withdraw', note: 'dọn dẹp sau kiểm thử' }),
      }).catch(() => {});
    }
  });

  /** "8,6 (6/7)" of a criterion of the ward's row: [num, den]. */
  async function figures(page, sub) {
    const t = await page.locator(`#i766 tr[data-agency="${wardId}"] li[data-sub="${sub}"]`).textContent();
    const m = t.match(/\((\d+)\/(\d+)\)/);
    assert.ok(m, `criterion ${sub} shows its rate: ${t}`);
    return [Number(m[1]), Number(m[2])];
  }

  test('a ward leader reads, sorts and exports their ward\'s index; the figures move with a dossier', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await ctx.newPage();
    const w = watch(page);
    try {
      await page.goto(`${BASE_URL}/dich-vu/dang-nhap`);
      await page.locator('#login').fill(leader.email);
      await page.locator('#password').fill(leader.password);
      await Promise.all([page.waitForURL(`${BASE_URL}/can-bo/`), page.locator('form.form button[type=submit]').click()]);
      await page.goto(`${BASE_URL}/can-bo/thong-ke?agency=${wardId}`);
      await Promise.all([page.waitForURL(/chi-so-766/), page.locator('#nav-766').click()]);
      await page.locator('#from').fill(today());
      await page.locator('#to').fill(today());
      await Promise.all([page.waitForURL(/from=/), page.locator('#i766-form button[type=submit]').click()]);
      // Scope: the ward only, in the list of agencies and in the table.
      const wardName = sqlValue(`SELECT name FROM agencies WHERE id = ${wardId}`);
      assert.ok((await page.locator('#i766-scope').innerText()).includes(wardName), 'the page states its scope');
      assert.deepEqual(await page.locator('#agency option').evaluateAll((o) => o.map((x) => x.value)), [String(wardId)]);
      assert.deepEqual(await page.locator('#i766 tbody tr').evaluateAll((r) => r.map((x) => x.dataset.agency)),
        [String(wardId)]);
      // The dossier filed today is counted: received, with a file.
      const [acc0, recv0] = await figures(page, 'receipt');
      const [dig0, drecv0] = await figures(page, 'digitised');
      assert.ok(recv0 >= 1 && drecv0 === recv0 && dig0 >= 1, `received ${recv0}, digitised ${dig0}`);
      const total = await page.locator(`#i766 tr[data-agency="${wardId}"] td[data-col="total"]`).innerText();
      assert.match(total, /^\d+(,\d)?$/, `a total out of 100 in Vietnamese notation: ${total}`);
      await page.screenshot({ path: path.join(OUT, 'index766-1280.png'), fullPage: true });

      // The receiver accepts it: the receipt criterion counts one more.
      const r = await request(`/api/v1/dossiers/${encodeURIComponent(code)}/transitions`, {
        method: 'POST', headers: { ...bearer(rToken), 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'accept' }),
      });
      assert.equal(r.status, 200, r.text.slice(0, 300));
      await page.reload();
      const [acc1, recv1] = await figures(page, 'receipt');
      assert.ok(acc1 >= acc0 + 1, `accepted ${acc0} then ${acc1}`);
      assert.ok(recv1 >= recv0, 'received stays counted');

      // Sorting by a part, then lowest first.
      await Promise.all([page.waitForURL(/sort=online&dir=desc/), page.locator('#sort-online').click()]);
      assert.equal(await page.locator('#i766 th[aria-sort]').count(), 1);
      await Promise.all([page.waitForURL(/sort=online&dir=asc/), page.locator('#sort-online').click()]);
      assert.equal(await page.locator('#i766 th[aria-sort="ascending"] #sort-online').count(), 1);

      // The CSV's total equals the page's (read again until no transition
      // elsewhere in the ward falls in between).
      await until(async () => {
        await page.reload();
        const shown = (await page.locator(`#i766 tr[data-agency="${wardId}"] td[data-col="total"]`).innerText())
          .replace(',', '.');
        const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('#export-csv').click()]);
        const file = path.join(OUT, 'index766.csv');
        await dl.saveAs(file);
        const rows = readFileSync(file, 'utf8').trim().split('\r\n').map(csvLine);
        const head = rows.find((l) => l[0] === 'Cơ quan');
        const line = rows.find((l) => l[0] === wardName);
        if (!head || !line) return false;
        return Number(line[head.indexOf('Tổng (100)')]) === Number(shown);
      }, { timeout: 60_000, every: 500, what: 'the CSV total equals the page' });

      // The methodology, with the Decision's parts and our own criteria.
      assert.match(await page.locator('#method').innerText(), /Phương pháp tính/);
      assert.equal(await page.locator('#i766-method tbody tr').count(), 12);
      assert.deepEqual(w.problems().filter((p) => !/logo\.svg/.test(p)), []);
    } finally {
      await ctx.close();
    }
  });

  test('on a phone, in English; bad dates 422; another ward and the city are out of scope', async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await ctx.newPage();
    try {
      await page.goto(`${BASE_URL}/dich-vu/dang-nhap?lang=en`);
      await page.locator('#login').fill(leader.email);
      await page.locator('#password').fill(leader.password);
      await Promise.all([page.waitForURL(`${BASE_URL}/can-bo/`), page.locator('form.form button[type=submit]').click()]);
      await page.goto(`${BASE_URL}/can-bo/thong-ke/chi-so-766?agency=${wardId}`);
      await page.screenshot({ path: path.join(OUT, 'index766-390.png'), fullPage: true });
      assert.match(await page.locator('h1').innerText(), /Service index for citizens and businesses/);
      assert.match(await page.locator('#method').innerText(), /Methodology/);
      assert.match(await page.locator('#i766-method').innerText(), /Online payments/);
      await page.evaluate(() => { document.querySelector('#from').type = 'text'; });
      await page.locator('#from').fill('2026-02-31');
      const [resp] = await Promise.all([page.waitForResponse(/chi-so-766\?/),
        page.locator('#i766-form button[type=submit]').click()]);
      assert.equal(resp.status(), 422);
      assert.ok((await page.locator('#from-err').innerText()).length > 0, 'the reason is shown');
    } finally {
      await ctx.close();
    }
    const v = await loggedIn(leader.email, leader.password);
    const otherId = Number(sqlValue(`SELECT id FROM agencies WHERE code = ${q(other)}`));
    const cityId = Number(sqlValue("SELECT id FROM agencies WHERE kind = 'city' ORDER BY id LIMIT 1"));
    assert.equal((await v.get(`/can-bo/thong-ke/chi-so-766?agency=${otherId}`)).status, 403);
    assert.equal((await v.get(`/can-bo/thong-ke/chi-so-766?agency=${cityId}`)).status, 403);
    assert.equal((await v.get(`/can-bo/thong-ke/chi-so-766/xuat/csv?agency=${otherId}`)).status, 403);
    assert.equal((await v.get(`/can-bo/thong-ke/chi-so-766/xuat/bmp?agency=${wardId}`)).status, 404);
  });
});
