// Reports across a reorganisation (issue 11) in headless Chromium: two
// wards of this file's own dissolved on 30 June 2024 into a third; the
// summary rows of each (received online in 2024) are entered directly
// (the reports read only the summaries: stats_day and stats_month;
// removed afterwards). The third
// ward's leader opens the statistics of 2024 through the form: by today's
// units (the default) one row holds the sum, and the page says so; the
// choice "by the units of the time" shows the old wards apart, with the
// same total, in Vietnamese and in English.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { awayFromMidnight, BASE_URL, PROC, launchBrowser, newOfficer, q, sql, sqlValue, uniq, watch } from './lib.mjs';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'output');

// Today's figures are read after today's filings: not across midnight.
await awayFromMidnight();

describe('reports by today\'s units and by the units of the time', { concurrency: false, timeout: 300_000 }, () => {
  const tag = uniq();
  const code = (x) => `E2EU.${tag}.${x}`.slice(0, 32);
  const ids = {};
  let browser, leader;

  before(async () => {
    mkdirSync(OUT, { recursive: true });
    for (const [x, name] of [['N', 'Phường Hợp Nhất'], ['A', 'Phường Cũ Một'], ['B', 'Phường Cũ Hai']]) {
      sql(`INSERT INTO agencies (code, kind, name, name_en, valid_from) VALUES (${q(code(x))}, 'ward', ` +
        `${q(`${name} ${tag}`)}, ${q(`${name} ${tag} (en)`)}, '2020-01-01')`);
      ids[x] = Number(sqlValue(`SELECT id FROM agencies WHERE code = ${q(code(x))}`));
    }
    // The merger: A and B end on 30 June 2024, N follows them.
    sql(`UPDATE agencies SET valid_from = '2024-07-01' WHERE id = ${ids.N}`);
    for (const x of ['A', 'B']) {
      sql(`UPDATE agencies SET valid_to = '2024-06-30', successor_id = ${ids.N} WHERE id = ${ids[x]}`);
      sql(`INSERT INTO agency_successors (agency_id, successor_id, effective) VALUES (${ids[x]}, ${ids.N}, '2024-07-01')`);
    }
    const proc = Number(sqlValue(`SELECT id FROM procedures WHERE code = ${q(PROC)}`));
    // Received online (metric 1, channel 2): A 2 in March, B 3 in April, N 1 in August.
    // Each in stats_day and stats_month, as a transition counts it.
    for (const [x, day, n] of [['A', '2024-03-05', 2], ['B', '2024-04-02', 3], ['N', '2024-08-06', 1]]) {
      sql(`INSERT INTO stats_day (day, agency_id, procedure_id, channel, metric, n) VALUES ('${day}', ${ids[x]}, ${proc}, 2, 1, ${n})`);
      sql(`INSERT INTO stats_month (month, agency_id, procedure_id, channel, metric, n) ` +
        `VALUES ('${day.slice(0, 8)}01', ${ids[x]}, ${proc}, 2, 1, ${n})`);
    }
    leader = await newOfficer('leader', code('N'), `Lãnh Đạo Hợp Nhất ${tag}`);
    browser = await launchBrowser();
  });

  after(async () => {
    if (browser) await browser.close();
    const all = Object.values(ids).join(', ');
    if (all) {
      sql(`DELETE FROM stats_day WHERE agency_id IN (${all})`);
      sql(`DELETE FROM stats_month WHERE agency_id IN (${all})`);
      sql(`UPDATE agencies SET valid_to = CURDATE() - INTERVAL 1 DAY WHERE id = ${ids.N}`);
    }
  });

  /** The rows of the table: key → received online. */
  async function rows(page) {
    const out = {};
    for (const tr of await page.locator('#stats tbody tr').all())
      out[await tr.getAttribute('data-key')] = Number((await tr.locator('td[data-col="new_online"]').innerText()).trim());
    return out;
  }

  test('the leader switches the view through the form', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    const w = watch(page);
    try {
      await page.goto(`${BASE_URL}/dich-vu/dang-nhap`);
      await page.locator('#login').fill(leader.email);
      await page.locator('#password').fill(leader.password);
      await Promise.all([page.waitForURL(`${BASE_URL}/can-bo/`), page.locator('form.form button[type=submit]').click()]);

      await page.goto(`${BASE_URL}/can-bo/thong-ke`);
      await page.locator('#from').fill('2024-01-01');
      await page.locator('#to').fill('2024-12-31');
      await page.locator('#agency').selectOption(String(ids.N));
      await page.locator('#by').selectOption('agency');
      assert.equal(await page.locator('#units').inputValue(), 'today', 'by today\'s units unless asked');
      await Promise.all([page.waitForURL(/to=2024-12-31/), page.locator('#stats-form button[type=submit]').click()]);
      let scope = await page.locator('#stats-scope').innerText();
      assert.ok(scope.includes('Theo đơn vị hiện nay'), `the page says which units: ${scope}`);
      assert.ok(scope.includes('01/01/2024') && scope.includes('31/12/2024'), `and which period: ${scope}`);
      assert.deepEqual(await rows(page), { [ids.N]: 6 }, 'one row, the old wards added to their successor');
      await page.screenshot({ path: path.join(OUT, 'reports-units-today-1280.png'), fullPage: true });

      // The units of the time, chosen in the form.
      await page.locator('#units').selectOption('time');
      await Promise.all([page.waitForURL(/units=time/), page.locator('#stats-form button[type=submit]').click()]);
      scope = await page.locator('#stats-scope').innerText();
      assert.ok(scope.includes('Theo đơn vị tại thời điểm đó'), `the page says which units: ${scope}`);
      assert.equal(await page.locator('#units').inputValue(), 'time', 'the choice stays chosen');
      assert.deepEqual(await rows(page), { [ids.A]: 2, [ids.B]: 3, [ids.N]: 1 }, 'the old wards apart');
      assert.equal(Number((await page.locator('#stats tfoot td[data-col="new_online"]').innerText()).trim()), 6,
        'the same total');
      assert.ok((await page.locator(`#stats tbody tr[data-key="${ids.A}"] th`).innerText()).includes('Phường Cũ Một'),
        'the old ward by its name');
      // The exports carry the choice.
      assert.match(await page.locator('#export-csv').getAttribute('href'), /units=time/);

      // In English.
      await page.goto(`${page.url()}&lang=en`);
      scope = await page.locator('#stats-scope').innerText();
      assert.ok(scope.includes('By the units of the time'), `in English: ${scope}`);
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: path.join(OUT, 'reports-units-time-390.png'), fullPage: true });
      assert.deepEqual(w.problems(), [], 'no console errors');
    } finally {
      await ctx.close();
    }
  });
});
