// The statistics report for leaders (issue 11) in headless Chromium: a
// ward leader opens it, states period and scope, sees this file's own
// dossiers counted, drills down from a number to the dossiers behind it,
// and downloads Excel, Word, PDF and CSV whose numbers equal the page's
// (the files open in LibreOffice when it is installed); bad dates answer
// 422 with the reason; another ward is out of the leader's scope (403).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import {
  BASE_URL, PROC, WARD_SLOTS, filePart, launchBrowser, loggedIn, minimalPdf, newCitizen, newOfficer,
  newToken, pdfText, q, randomWard, request, sqlValue, toFormData, uniq, until, unzipText, watch,
  awayFromMidnight,
} from './lib.mjs';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'output');
const bearer = (t) => ({ authorization: `Bearer ${t}` });

/** Today in Ho Chi Minh City, YYYY-MM-DD. */
const today = () => new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);

async function actOk(token, code, body) {
  const a = await request(`/api/v1/dossiers/${encodeURIComponent(code)}/transitions`, {
    method: 'POST', headers: { ...bearer(token), 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  assert.equal(a.status, 200, `${body.action}: ${a.status} ${a.text.slice(0, 300)}`);
}

// Today's figures are read after today's filings: not across midnight.
await awayFromMidnight();

describe('the statistics report', { concurrency: false, timeout: 600_000 }, () => {
  const tag = uniq();
  let browser, ward, wardId, other, leader, citizen, cToken, rToken;
  const codes = {};

  before(async () => {
    mkdirSync(OUT, { recursive: true });
    ward = randomWard(WARD_SLOTS.other);
    do other = randomWard(WARD_SLOTS.other); while (other === ward);
    wardId = Number(sqlValue(`SELECT id FROM agencies WHERE code = ${q(ward)}`));
    citizen = await newCitizen({ name: `Thống Kê ${tag}` });
    const recv = await newOfficer('receiver', ward, `Tiếp Nhận ${tag}`);
    leader = await newOfficer('leader', ward, `Lãnh Đạo ${tag}`);
    [cToken, rToken] = await Promise.all([citizen, recv].map((x) => newToken(x.email)));
    for (const what of ['accepted', 'refused']) {
      const a = await request('/api/v1/dossiers', {
        method: 'POST', headers: bearer(cToken), body: toFormData({
          procedure: PROC, agency: ward, fields: JSON.stringify({ content: `Thống kê ${what} ${tag}` }),
          file: filePart(minimalPdf(`${what} ${tag}`), `${what}.pdf`),
        }),
      });
      assert.equal(a.status, 201, a.text);
      codes[what] = a.json().code;
    }
    await actOk(rToken, codes.accepted, { action: 'accept' });
    await actOk(rToken, codes.refused, { action: 'refuse', note: `Không thuộc thẩm quyền ${tag}` });
    browser = await launchBrowser();
  });

  after(async () => {
    if (browser) await browser.close();
    await actOk(rToken, codes.accepted, { action: 'withdraw', note: 'dọn dẹp sau kiểm thử' }).catch(() => {});
  });

  async function leaderPage(width) {
    const ctx = await browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true });
    const page = await ctx.newPage();
    await page.goto(`${BASE_URL}/dich-vu/dang-nhap`);
    await page.locator('#login').fill(leader.email);
    await page.locator('#password').fill(leader.password);
    await Promise.all([page.waitForURL(`${BASE_URL}/can-bo/`), page.locator('form.form button[type=submit]').click()]);
    return { ctx, page, w: watch(page) };
  }

  /** The total row's figure of a column as the page shows it. */
  async function total(page, col) {
    return Number((await page.locator(`#stats tfoot td[data-col="${col}"]`).innerText()).trim());
  }

  test('a leader reads the report through the page, drills down and downloads each export', async () => {
    const { ctx, page, w } = await leaderPage(1280);
    try {
      // From the inbox's link, then the form: today, grouped by procedure.
      await page.goto(`${BASE_URL}/can-bo/?agency=${wardId}`);
      await Promise.all([page.waitForURL(/\/can-bo\/thong-ke/), page.locator('a[href="/can-bo/thong-ke"]').click()]);
      await page.locator('#from').fill(today());
      await page.locator('#to').fill(today());
      await page.locator('#agency').selectOption(String(wardId));
      await page.locator('#by').selectOption('procedure');
      await Promise.all([page.waitForURL(/by=procedure/), page.locator('#stats-form button[type=submit]').click()]);
      const scope = await page.locator('#stats-scope').innerText();
      const wardName = sqlValue(`SELECT name FROM agencies WHERE id = ${wardId}`);
      assert.ok(scope.includes(wardName), `the page states its scope: ${scope}`);
      const [y, m, d] = today().split('-');
      assert.ok(scope.includes(`${d}/${m}/${y}`), `the page states its period: ${scope}`);
      // This file's two dossiers are among those counted.
      assert.ok(await total(page, 'new_online') >= 2, 'two new online dossiers at least');
      assert.ok(await total(page, 'refused') >= 1, 'one refused at least');
      await page.screenshot({ path: path.join(OUT, 'reports-1280.png'), fullPage: true });

      // Drill down: the refused number lists the refused dossier.
      await Promise.all([page.waitForURL(/metric=refused/),
        page.locator('#stats tfoot td[data-col="refused"] a').click()]);
      assert.equal(await page.locator(`#drill a[href="/can-bo/ho-so/${codes.refused}"]`).count(), 1,
        'the refused dossier is behind the number');
      assert.equal(await page.locator(`#drill a[href="/can-bo/ho-so/${codes.accepted}"]`).count(), 0,
        'the accepted one is not');
      await page.goBack();

      // Each export; the numbers equal the page's (read again until a
      // transition elsewhere in the ward does not fall in between).
      const dir = mkdtempSync(path.join(os.tmpdir(), 'reports-'));
      const files = {};
      await until(async () => {
        await page.reload();
        const want = { received: await total(page, 'received'), refused: await total(page, 'refused') };
        for (const ext of ['xlsx', 'docx', 'pdf', 'csv']) {
          const [dl] = await Promise.all([page.waitForEvent('download'), page.locator(`#export-${ext}`).click()]);
          files[ext] = path.join(dir, `report.${ext}`);
          await dl.saveAs(files[ext]);
        }
        const csv = readFileSync(files.csv, 'utf8').trim().split('\r\n').map((l) => l.split(','));
        const head = csv[0];
        const last = csv[csv.length - 1];
        const fromCsv = (name) => Number(last[head.indexOf(name)]);
        return fromCsv('Tổng số hồ sơ tiếp nhận') === want.received && fromCsv('Từ chối tiếp nhận') === want.refused;
      }, { timeout: 120_000, every: 500, what: 'the CSV equals the page' });
      const received = await total(page, 'received');

      // Excel: a header row, real numbers, the period as dates.
      const sheet = unzipText(files.xlsx, 'xl/worksheets/sheet1.xml');
      const strings = unzipText(files.xlsx, 'xl/sharedStrings.xml');
      assert.ok(strings.includes('Tổng số hồ sơ tiếp nhận') && strings.includes('Tổng cộng'), 'xlsx header row and total');
      assert.match(sheet, new RegExp(`<c r="F\\d+"[^>]*><v>${received}</v></c>`), 'xlsx total received as a number');
      assert.match(sheet, /<c r="B3" s="\d+"><v>\d{5}<\/v><\/c>/, 'xlsx period start as a date serial');
      // Word: title, scope, the table's header and total.
      const doc = unzipText(files.docx, 'word/document.xml');
      for (const s of ['Thống kê tình hình giải quyết hồ sơ', wardName, 'Tổng cộng', '<w:tblHeader/>']) {
        assert.ok(doc.includes(s), `docx has ${s}`);
      }
      // PDF: Vietnamese title and scope.
      const text = await pdfText(readFileSync(files.pdf));
      assert.ok(text.includes('Thống kê tình hình giải quyết hồ sơ') && text.includes(wardName), 'pdf title and scope');
      // LibreOffice opens the Excel and Word files.
      if (existsSync('/usr/bin/libreoffice')) {
        execFileSync('libreoffice', ['--headless', `-env:UserInstallation=file://${dir}/lo`, '--convert-to', 'pdf',
          '--outdir', dir, files.xlsx, files.docx], { timeout: 180_000, stdio: 'ignore' });
        assert.ok(existsSync(path.join(dir, 'report.pdf')), 'LibreOffice converted the files');
      }
      assert.deepEqual(w.problems().filter((p) => !/logo\.svg/.test(p)), []);
    } finally {
      await ctx.close();
    }
  });

  test('a phone shows the report; bad dates answer 422 with the reason; another ward is out of scope', async () => {
    const { ctx, page } = await leaderPage(390);
    try {
      await page.goto(`${BASE_URL}/can-bo/thong-ke?agency=${wardId}&by=procedure`);
      await page.screenshot({ path: path.join(OUT, 'reports-390.png'), fullPage: true });
      await page.locator('#from').fill('');
      await page.evaluate(() => { document.querySelector('#from').type = 'text'; });
      await page.locator('#from').fill('2026-02-31');
      const [resp] = await Promise.all([page.waitForResponse(/thong-ke\?/), page.locator('#stats-form button[type=submit]').click()]);
      assert.equal(resp.status(), 422);
      assert.match(await page.locator('#from-err').innerText(), /năm-tháng-ngày/);
    } finally {
      await ctx.close();
    }
    const v = await loggedIn(leader.email, leader.password);
    const otherId = Number(sqlValue(`SELECT id FROM agencies WHERE code = ${q(other)}`));
    assert.equal((await v.get(`/can-bo/thong-ke?agency=${otherId}`)).status, 403);
    assert.equal((await v.get(`/can-bo/thong-ke/xuat/csv?agency=${otherId}`)).status, 403);
    assert.equal((await v.get(`/can-bo/thong-ke/ho-so?agency=${otherId}&metric=received`)).status, 403);
    writeFileSync(path.join(OUT, 'reports-done.txt'), tag);
  });
});
