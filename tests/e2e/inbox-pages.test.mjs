// The inbox's pages (issue 12), in headless Chromium: "next" and
// "previous" as mail inboxes page, each link carrying the key (step due
// time, id) of the last or first row shown, so that a page far down the
// list answers as fast as the first. A ward of this file's own (no parent:
// nothing of the city counts it) holds 130 open dossiers entered directly
// (120 in processing, due in 2099 at 13 different hours, ties included; 10
// just submitted, without a step due time, which come first); the officer
// follows next, next, previous, previous and sees exactly the rows of the
// list's order, 50 a page, and a filter (status) kept from page to page.
// Everything is removed afterwards.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { BASE_URL, PROC, launchBrowser, newOfficer, q, sql, sqlValue, uniq, watch } from './lib.mjs';

describe('the inbox pages by next and previous, in the list\'s order', { concurrency: false, timeout: 600_000 }, () => {
  const tag = uniq();
  const pfx = `IP-${tag}`;
  const code = `E2EP.${tag}`.slice(0, 32);
  let browser, ward, officer;

  /** The list's order of the ward's open dossiers (status: one, or any). */
  const expected = (status) => sql(`SELECT code FROM dossiers WHERE current_agency_id = ${ward} AND is_open = 1 ` +
    `${status ? `AND status = ${status} ` : ''}ORDER BY step_due_at, id`).map((r) => r[0]);

  before(async () => {
    const proc = Number(sqlValue(`SELECT id FROM procedures WHERE code = ${q(PROC)}`));
    sql(`INSERT INTO agencies (code, kind, name, name_en, valid_from) VALUES (${q(code)}, 'ward', ` +
      `${q(`Phường Trang ${tag}`)}, ${q(`Pages ward ${tag}`)}, '2020-01-01')`);
    ward = Number(sqlValue(`SELECT id FROM agencies WHERE code = ${q(code)}`));
    officer = await newOfficer('receiver', code, `Cán Bộ Trang ${tag}`);
    sql('INSERT INTO dossiers (code, procedure_id, agency_id, current_agency_id, applicant_name, ' +
      'applicant_id_number, channel, status, form_data, submitted_at, received_at, due_at, step_warn_at, ' +
      'step_due_at, updated_at) ' +
      `SELECT CONCAT(${q(`${pfx}-`)}, LPAD(s.seq, 3, '0')), ${proc}, ${ward}, ${ward}, ` +
      `CONCAT('Người Lật Trang ', s.seq), LPAD(s.seq, 12, '0'), 2, IF(s.seq % 13 = 0, 1, 4), '{}', ` +
      `'2024-01-02 09:00:00', '2024-01-02 09:00:00', '2099-12-31 17:00:00', ` +
      `IF(s.seq % 13 = 0, NULL, '2099-06-01 08:00:00' + INTERVAL (s.seq * 7) % 13 HOUR - INTERVAL 30 DAY), ` +
      `IF(s.seq % 13 = 0, NULL, '2099-06-01 08:00:00' + INTERVAL (s.seq * 7) % 13 HOUR), NOW() ` +
      'FROM seq_1_to_130 s ORDER BY s.seq');
    assert.equal(expected(0).length, 130, '130 open dossiers entered');
    assert.equal(expected(4).length, 120, '120 of them in processing');
    browser = await launchBrowser();
  });

  after(async () => {
    if (browser) await browser.close();
    if (ward) {
      sql(`START TRANSACTION; DELETE FROM dossiers WHERE code LIKE ${q(`${pfx}-%`)}; ` +
        `DELETE FROM dossier_counters WHERE agency_id = ${ward}; ` +
        `DELETE FROM procedure_counters WHERE agency_id = ${ward}; COMMIT`);
      sql(`UPDATE agencies SET valid_to = CURDATE() - INTERVAL 1 DAY WHERE id = ${ward}`);
    }
  });

  /** The codes of the inbox's rows as shown. */
  const shown = (page) => page.locator('table.inbox tbody tr a[href^="/can-bo/ho-so/"]').evaluateAll(
    (as) => as.map((a) => a.textContent.trim()));

  /** Follows a pager link (#inbox-next or #inbox-prev) to a new address. */
  async function follow(page, id) {
    const before = page.url();
    await Promise.all([page.waitForURL((u) => u.toString() !== before, { timeout: 120_000 }),
      page.locator(`#${id}`).click()]);
    await page.locator('table.inbox').waitFor({ timeout: 60_000 });
  }

  async function session() {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    const w = watch(page);
    await page.goto(`${BASE_URL}/dich-vu/dang-nhap`);
    await page.locator('#login').fill(officer.email);
    await page.locator('#password').fill(officer.password);
    await Promise.all([page.waitForURL(`${BASE_URL}/can-bo/`, { timeout: 60_000 }),
      page.locator('form.form button[type=submit]').click()]);
    return { ctx, page, w };
  }

  test('next, next, previous, previous: the rows of the list\'s order, 50 a page', async () => {
    const all = expected(0);
    const { ctx, page, w } = await session();
    try {
      await page.goto(`${BASE_URL}/can-bo/?agency=${ward}`);
      assert.deepEqual(await shown(page), all.slice(0, 50), 'page 1: the first 50, those without a due time first');
      assert.equal(await page.locator('#inbox-prev').count(), 0, 'no previous page on the first');
      await follow(page, 'inbox-next');
      assert.match(page.url(), /[?&]after=\d+_\d+/, 'the link carries the last row\'s key');
      assert.deepEqual(await shown(page), all.slice(50, 100), 'page 2');
      await follow(page, 'inbox-next');
      assert.deepEqual(await shown(page), all.slice(100), 'page 3: the last 30');
      assert.equal(await page.locator('#inbox-next').count(), 0, 'no next page after the last');
      await follow(page, 'inbox-prev');
      assert.match(page.url(), /[?&]before=\d+_\d+/, 'the link carries the first row\'s key');
      assert.deepEqual(await shown(page), all.slice(50, 100), 'back to page 2');
      await follow(page, 'inbox-prev');
      assert.deepEqual(await shown(page), all.slice(0, 50), 'back to page 1, whole');
      assert.equal(await page.locator('#inbox-prev').count(), 0, 'no previous page on the first again');
      assert.deepEqual(w.problems(), [], 'nothing failed on the pages');
    } finally {
      await ctx.close();
    }
  });

  test('a filter stays on the next page', async () => {
    const inProcessing = expected(4);
    const { ctx, page, w } = await session();
    try {
      await page.goto(`${BASE_URL}/can-bo/?agency=${ward}`);
      await page.locator('#status').selectOption('4');
      await Promise.all([page.waitForURL(/status=4/, { timeout: 120_000 }),
        page.locator('form.filters button[type=submit]').click()]);
      assert.deepEqual(await shown(page), inProcessing.slice(0, 50), 'page 1 of those in processing');
      await follow(page, 'inbox-next');
      assert.match(page.url(), /[?&]status=4(&|$)/, 'the status goes with the page');
      assert.deepEqual(await shown(page), inProcessing.slice(50, 100), 'page 2 of those in processing');
      assert.equal(await page.locator('#status').inputValue(), '4', 'the filter still shows');
      assert.deepEqual(w.problems(), [], 'nothing failed on the pages');
    } finally {
      await ctx.close();
    }
  });
});
