// The public statistics of dossiers (issue 11) in headless Chromium: this
// file's own department (a unique name) gets three dossiers filed online
// (one resolved on time, one late, one still open within time); the normal
// site build regenerates the static pages; a citizen follows the footer's
// link, finds the department's row with its figures (on-time rate 50 %,
// online share 100 %) in the year's and the month's page, in Vietnamese and
// in English, the chart drawn as SVG, the period's CSV with the same
// numbers; axe finds nothing; screenshots at 390 and 1280 px. Only this
// file's own row is asserted on: other files move dossiers meanwhile.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import {
  BASE_URL, PROC, WARD_SLOTS, assertAxe, filePart, launchBrowser, minimalPdf, motcua, newCitizen, newOfficer,
  newToken, q, randomWard, request, sql, sqlValue, toFormData, uniq, watch,
  awayFromMidnight,
} from './lib.mjs';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'output');
const bearer = (t) => ({ authorization: `Bearer ${t}` });

/** Today in Ho Chi Minh City: [YYYY, MM]. */
const thisMonth = () => new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 7).split('-');

async function act(token, code, action) {
  const a = await request(`/api/v1/dossiers/${encodeURIComponent(code)}/transitions`, {
    method: 'POST', headers: { ...bearer(token), 'content-type': 'application/json' }, body: JSON.stringify({ action }),
  });
  assert.equal(a.status, 200, `${action}: ${a.status} ${a.text.slice(0, 300)}`);
}

// Today's figures are read after today's filings: not across midnight.
await awayFromMidnight();

describe('the public statistics of dossiers', { concurrency: false, timeout: 600_000 }, () => {
  const tag = uniq();
  const code = `E2E.TK.${tag}`.slice(0, 32);
  const name = `Sở Kiểm Thử Thống Kê ${tag}`;
  const nameEn = `Statistics Test Department ${tag}`;
  let browser, deptId;

  before(async () => {
    mkdirSync(OUT, { recursive: true });
    const ward = randomWard(WARD_SLOTS.publicStats);
    const city = sqlValue("SELECT id FROM agencies WHERE kind = 'city' ORDER BY id LIMIT 1");
    sql(`INSERT INTO agencies (code, kind, name, name_en, parent_id, valid_from) VALUES (${q(code)}, 'department', ${q(name)}, ${q(nameEn)}, ${city}, '2020-01-01')`);
    deptId = Number(sqlValue(`SELECT id FROM agencies WHERE code = ${q(code)}`));
    const citizen = await newCitizen({ name: `Công Khai ${tag}` });
    const [recv, spec, lead] = await Promise.all([
      newOfficer('receiver', ward, `Tiếp Nhận ${tag}`),
      newOfficer('specialist', ward, `Thẩm Định ${tag}`),
      newOfficer('leader', ward, `Phê Duyệt ${tag}`),
    ]);
    const [cT, rT, sT, lT] = await Promise.all([citizen, recv, spec, lead].map((x) => newToken(x.email)));
    const codes = {};
    for (const what of ['ontime', 'late', 'open']) {
      const a = await request('/api/v1/dossiers', {
        method: 'POST', headers: bearer(cT), body: toFormData({
          procedure: PROC, agency: ward, fields: JSON.stringify({ content: `Công khai ${what} ${tag}` }),
          file: filePart(minimalPdf(`${what} ${tag}`), `${what}.pdf`),
        }),
      });
      assert.equal(a.status, 201, a.text);
      codes[what] = a.json().code;
      await act(rT, codes[what], 'accept');
      // Received for this file's own department: the next transition
      // recounts the dossier there (the summaries follow its row).
      sql(`UPDATE dossiers SET agency_id = ${deptId} WHERE code = ${q(codes[what])}`);
      await act(rT, codes[what], 'forward');
    }
    for (const what of ['ontime', 'late']) {
      await act(sT, codes[what], 'forward');
      if (what === 'late') {
        sql(`UPDATE dossiers SET due_at = NOW() - INTERVAL 3 DAY, original_due_at = NOW() - INTERVAL 3 DAY WHERE code = ${q(codes[what])}`);
      }
      await act(lT, codes[what], 'approve');
    }
    // The normal site build, as the webmaster's button or cron runs it.
    await motcua('site');
    browser = await launchBrowser();
  });

  after(async () => {
    if (browser) await browser.close();
    // Dissolved: the directory of agencies in force no longer lists it.
    sql(`UPDATE agencies SET valid_to = CURDATE() - INTERVAL 1 DAY WHERE code = ${q(code)}`);
  });

  /** The figures of this file's row on the page, by column. */
  async function row(page) {
    const tr = page.locator(`tr[data-code="${code}"]`);
    assert.equal(await tr.count(), 1, 'the department has one row');
    const out = { name: (await tr.locator('th').innerText()).trim() };
    for (const td of await tr.locator('td[data-col]').all()) out[await td.getAttribute('data-col')] = (await td.innerText()).trim();
    return out;
  }

  for (const width of [1280, 390]) {
    test(`a citizen reads the department's figures through the footer's link (${width} px)`, async () => {
      const ctx = await browser.newContext({ viewport: { width, height: 900 }, bypassCSP: true });
      const page = await ctx.newPage();
      const w = watch(page);
      try {
        await page.goto(`${BASE_URL}/`);
        await Promise.all([page.waitForURL(`${BASE_URL}/thong-ke/ho-so/`),
          page.locator('footer a[href="/thong-ke/ho-so/"]').click()]);
        const [y, m] = thisMonth();
        assert.match(await page.locator('h1').innerText(), new RegExp(`Kết quả giải quyết hồ sơ – Năm ${y}`));
        const want = {
          name, received: '3', online: '3', inperson: '0', ontime: '1', late: '1',
          ontime_rate: '50,0%', pending_intime: '1', pending_overdue: '0', online_share: '100,0%',
        };
        assert.deepEqual(await row(page), want, 'the year: the department\'s figures');
        // The chart is SVG drawn by the generator, named for screen readers.
        const svg = page.locator('svg#pub-chart[role="img"]');
        assert.equal(await svg.count(), 1, 'the chart');
        assert.ok(await svg.locator('rect.bar-ontime').count() >= 1, 'bars in the chart');
        assert.ok((await svg.locator('title').textContent()).length > 10, 'the chart has a title');
        // The city's row holds at least this department's dossiers.
        assert.ok(Number((await page.locator('#pub-g0 tr.total td[data-col="received"]').innerText()).replace(/\./g, '')) >= 3);
        // By field, the whole city: the procedure's field counts these three
        // at least (other files file the same procedure).
        const [field] = sql(`SELECT f.name, COALESCE(f.name_en, f.name) FROM procedures p JOIN fields f ON f.id = p.field_id WHERE p.code = ${q(PROC)}`);
        const fieldRow = page.locator('#pub-f tbody tr', { has: page.locator('th', { hasText: field[0] }) });
        assert.ok(Number((await fieldRow.first().locator('td[data-col="received"]').innerText()).replace(/\./g, '')) >= 3,
          'the field\'s row counts this file\'s dossiers');
        await assertAxe(page, 'public statistics (vi)');
        await page.screenshot({ path: path.join(OUT, `public-stats-${width}.png`) });
        await page.locator('#pub-chart-h').scrollIntoViewIfNeeded();
        await page.screenshot({ path: path.join(OUT, `public-stats-chart-${width}.png`) });
        await page.locator(`tr[data-code="${code}"]`).scrollIntoViewIfNeeded();
        await page.screenshot({ path: path.join(OUT, `public-stats-row-${width}.png`) });

        // The month's page, through the period chooser.
        await Promise.all([page.waitForURL(`${BASE_URL}/thong-ke/ho-so/${y}-${m}.html`),
          page.locator(`nav.pub-periods a[href="/thong-ke/ho-so/${y}-${m}.html"]`).click()]);
        assert.deepEqual(await row(page), want, 'the month: the same figures');

        // The CSV of the period: the same numbers, rates with a dot.
        const href = await page.locator('#pub-csv').getAttribute('href');
        const csv = await request(href);
        assert.equal(csv.status, 200);
        const line = csv.text.split('\r\n').find((l) => l.startsWith(`${code},`));
        assert.equal(line, `${code},${name},3,3,0,1,1,50.0,1,0,100.0`);

        // English, through the language switch.
        await Promise.all([page.waitForURL(`${BASE_URL}/en/thong-ke/ho-so/${y}-${m}.html`),
          page.locator('a.lang-switch').click()]);
        assert.match(await page.locator('h1').innerText(), /Dossiers handled – Month/);
        assert.deepEqual(await row(page), { ...want, name: nameEn, ontime_rate: '50.0%', online_share: '100.0%' },
          'English: the same figures');
        assert.equal(await page.locator('svg#pub-chart').count(), 1, 'the chart in English');
        assert.equal(await page.locator('#pub-f tbody tr th', { hasText: field[1] }).count() >= 1, true, 'the field in English');
        await assertAxe(page, 'public statistics (en)');
        if (width === 390) await page.screenshot({ path: path.join(OUT, 'public-stats-en-390.png') });
        assert.deepEqual(w.problems(), [], 'no console errors, failed requests or HTTP errors');
      } finally {
        await ctx.close();
      }
    });
  }
});
