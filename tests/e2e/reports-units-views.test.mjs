// The unit view (today's units or those of the time, issue 11) in every
// back-office report besides the statistics, in headless Chromium: a ward
// A of this file's own dissolved on 30 June 2024 into a ward N (also this
// file's), and a ward M where N's leader also leads. Closed dossiers of A
// and N (received and returned in 2024, some late) are entered directly
// (no counter or summary holds a closed dossier), and so are the
// summaries the officers' report and the dashboard read (stats_officer,
// stats_day for yesterday, today and tomorrow: whichever day the page
// shows as today); all removed afterwards. N's leader chooses the view in
// each page's form: the tracking book and the late list name A's dossiers
// after N by today's units and after A by the units of the time, and so do
// their CSV exports; the officers' report counts A's receiver's steps (at A
// before the merger, at N after it) in one line of N by today's units, in a
// line of each ward by the units of the time; the dashboard adds A's figures to N's line by
// today's units and shows them apart by those of the time. The leader also
// chooses the agency to watch in the dashboard's form (it had never been
// driven through the page), and pages through a book of 110 dossiers of N
// (2025) and through a late list of 110 of M (2023) forwards and back with
// the "previous page" link (reverse keyset; pairs of dossiers received, or
// due, in the same second).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { awayFromMidnight, BASE_URL, PROC, launchBrowser, newOfficer, q, sql, sqlValue, uniq, watch } from './lib.mjs';

/** A local day of Ho Chi Minh City k days from now, YYYY-MM-DD. */
const hcmDay = (k = 0) => new Date(Date.now() + 7 * 3600e3 + k * 86400e3).toISOString().slice(0, 10);

// Today's figures are read after today's filings: not across midnight.
await awayFromMidnight();

describe('the unit view of the book, the late list, the officers and the dashboard',
  { concurrency: false, timeout: 600_000 }, () => {
    const tag = uniq();
    const code = (x) => `E2EV.${tag}.${x}`.slice(0, 32);
    const name = (x) => ({ N: 'Phường Hợp Nhất', A: 'Phường Cũ Một', M: 'Phường Kề Bên' })[x] + ` ${tag}`;
    const ids = {};
    const dossiers = [];
    let browser, leader, recvA, proc;

    before(async () => {
      for (const x of ['N', 'A', 'M']) {
        sql(`INSERT INTO agencies (code, kind, name, name_en, valid_from) VALUES (${q(code(x))}, 'ward', ` +
          `${q(name(x))}, ${q(`${name(x)} (en)`)}, '2020-01-01')`);
        ids[x] = Number(sqlValue(`SELECT id FROM agencies WHERE code = ${q(code(x))}`));
      }
      // The merger: A ends on 30 June 2024, N follows it.
      sql(`UPDATE agencies SET valid_from = '2024-07-01' WHERE id = ${ids.N}`);
      sql(`UPDATE agencies SET valid_to = '2024-06-30', successor_id = ${ids.N} WHERE id = ${ids.A}`);
      sql(`INSERT INTO agency_successors (agency_id, successor_id, effective) VALUES (${ids.A}, ${ids.N}, '2024-07-01')`);
      proc = Number(sqlValue(`SELECT id FROM procedures WHERE code = ${q(PROC)}`));
      // Closed (returned) dossiers: A's in March, one late; N's in August, late.
      const rows = [];
      const add = (x, k, received, due, finished) => {
        const c = `UV-${tag}-${k}`;
        dossiers.push({ code: c, x, late: finished > due });
        rows.push(`(${q(c)}, ${proc}, ${ids[x]}, ${ids[x]}, 'Người Hợp Nhất ${tag}', '079100000000', 2, 10, '{}', ` +
          `'${received}', '${received}', '${due}', '${finished}', '${finished}', 1, NOW())`);
      };
      add('A', 'a1', '2024-03-05 09:00:00', '2024-03-12 17:00:00', '2024-03-11 10:00:00');
      add('A', 'a2', '2024-03-06 09:00:00', '2024-03-13 17:00:00', '2024-03-15 10:00:00');
      add('N', 'n1', '2024-08-06 09:00:00', '2024-08-13 17:00:00', '2024-08-14 10:00:00');
      sql('INSERT INTO dossiers (code, procedure_id, agency_id, current_agency_id, applicant_name, applicant_id_number, ' +
        'channel, status, form_data, submitted_at, received_at, due_at, finished_at, returned_at, ' +
        `return_method, updated_at) VALUES ${rows.join(', ')}`);
      // 110 more of N in 2025, two by two in the same second: three book pages.
      const many = [];
      for (let i = 0; i < 110; i++) {
        const at = `2025-02-03 08:${String(Math.floor(i / 2)).padStart(2, '0')}:00`;
        many.push(`(${q(`UV-${tag}-p${i}`)}, ${proc}, ${ids.N}, ${ids.N}, 'Người Sang Trang ${tag}', '079100000000', 2, 10, '{}', ` +
          `'${at}', '${at}', '2025-02-10 17:00:00', '2025-02-05 10:00:00', '2025-02-05 10:00:00', 1, NOW())`);
      }
      sql('INSERT INTO dossiers (code, procedure_id, agency_id, current_agency_id, applicant_name, applicant_id_number, ' +
        'channel, status, form_data, submitted_at, received_at, due_at, finished_at, returned_at, ' +
        `return_method, updated_at) VALUES ${many.join(', ')}`);
      // 110 late ones of M due in 2023, two by two in the same second: three pages of the late list.
      const late = [];
      for (let i = 0; i < 110; i++) {
        const due = `2023-03-10 08:${String(Math.floor(i / 2)).padStart(2, '0')}:00`;
        late.push(`(${q(`UV-${tag}-l${i}`)}, ${proc}, ${ids.M}, ${ids.M}, 'Người Trễ Hạn ${tag}', '079100000000', 2, 10, '{}', ` +
          `'2023-03-01 08:00:00', '2023-03-01 08:00:00', '${due}', '2023-03-20 10:00:00', '2023-03-20 10:00:00', 1, NOW())`);
      }
      sql('INSERT INTO dossiers (code, procedure_id, agency_id, current_agency_id, applicant_name, applicant_id_number, ' +
        'channel, status, form_data, submitted_at, received_at, due_at, finished_at, returned_at, ' +
        `return_method, updated_at) VALUES ${late.join(', ')}`);
      leader = await newOfficer('leader', code('N'), `Lãnh Đạo Hợp Nhất ${tag}`);
      recvA = await newOfficer('receiver', code('A'), `Tiếp Nhận Phường Cũ ${tag}`);
      // N's leader leads M too: the dashboard offers the choice of agency.
      sql(`INSERT INTO account_roles (account_id, role, agency_id) VALUES (${leader.id}, 'leader', ${ids.M})`);
      // A's receiver finished 3 steps at A in March 2024, on time (metrics 1, 3).
      for (const [metric, n] of [[1, 3], [3, 3], [5, 90]])
        sql(`INSERT INTO stats_officer (day, officer_id, agency_id, metric, n) VALUES ('2024-03-11', ${recvA.id}, ${ids.A}, ${metric}, ${n})`);
      // And 2 steps at N in August 2024, after the merger, on time.
      for (const [metric, n] of [[1, 2], [3, 2], [5, 60]])
        sql(`INSERT INTO stats_officer (day, officer_id, agency_id, metric, n) VALUES ('2024-08-14', ${recvA.id}, ${ids.N}, ${metric}, ${n})`);
      // Received online today (whichever day that is at the page): A 2, N 1, M 4.
      for (const k of [-1, 0, 1]) {
        for (const [x, n] of [['A', 2], ['N', 1], ['M', 4]])
          sql(`INSERT INTO stats_day (day, agency_id, procedure_id, channel, metric, n) VALUES ('${hcmDay(k)}', ${ids[x]}, ${proc}, 2, 1, ${n})`);
      }
      browser = await launchBrowser();
    });

    after(async () => {
      if (browser) await browser.close();
      const all = Object.values(ids).join(', ');
      if (dossiers.length) sql(`DELETE FROM dossiers WHERE code LIKE ${q(`UV-${tag}-%`)}`);
      if (all) {
        sql(`DELETE FROM stats_day WHERE agency_id IN (${all})`);
        sql(`DELETE FROM stats_officer WHERE agency_id IN (${all})`);
        sql(`UPDATE agencies SET valid_to = CURDATE() - INTERVAL 1 DAY WHERE id IN (${ids.N}, ${ids.M})`);
      }
    });

    async function signedIn(width = 1280) {
      const ctx = await browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true });
      const page = await ctx.newPage();
      const w = watch(page);
      await page.goto(`${BASE_URL}/dich-vu/dang-nhap`);
      await page.locator('#login').fill(leader.email);
      await page.locator('#password').fill(leader.password);
      await Promise.all([page.waitForURL(`${BASE_URL}/can-bo/`), page.locator('form.form button[type=submit]').click()]);
      return { ctx, page, w };
    }

    /** Submits the register's form with the view chosen; waits for it. */
    async function show(page, units) {
      await page.locator('#units').selectOption(units);
      await Promise.all([page.waitForURL(new RegExp(`units=${units}`), { timeout: 60_000 }),
        page.locator('#report-form button[type=submit]').click()]);
      assert.equal(await page.locator('#units').inputValue(), units, 'the choice stays chosen');
      assert.equal(await page.locator('#report-units').getAttribute('data-units'), units, 'the page says which units');
    }

    /** This file's rows of a register table: code → agency cell. */
    async function agencyOf(page, table) {
      const out = {};
      for (const d of dossiers) {
        const row = page.locator(`#${table} tr[data-code="${d.code}"]`);
        if (await row.count()) out[d.code] = (await row.locator('[data-col="agency"]').innerText()).trim();
      }
      return out;
    }

    /** The CSV behind the page's export link. */
    async function csv(page) {
      const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.locator('#export-csv').click()]);
      const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'reports-units-')), dl.suggestedFilename());
      await dl.saveAs(file);
      return readFileSync(file, 'utf8');
    }

    /** The CSV's line of a dossier. */
    const csvLine = (text, c) => text.split(/\r?\n/).find((l) => l.includes(c)) || '';

    test('the book and the late list name the old ward\'s dossiers by the view chosen', async () => {
      const { ctx, page, w } = await signedIn();
      try {
        for (const [where, table, mine] of [
          ['/can-bo/so-theo-doi', 'book', dossiers],
          ['/can-bo/thong-ke/tre-han', 'late', dossiers.filter((d) => d.late)],
        ]) {
          await page.goto(`${BASE_URL}${where}`);
          await page.locator('#from').fill('2024-01-01');
          await page.locator('#to').fill('2024-12-31');
          await page.locator('#agency').selectOption(String(ids.N));
          assert.equal(await page.locator('#units').inputValue(), 'today', `${table}: by today's units unless asked`);
          await show(page, 'today');
          assert.ok((await page.locator('#report-scope').innerText()).includes('Theo đơn vị hiện nay'), `${table}: says so`);
          const want = (x) => Object.fromEntries(mine.map((d) => [d.code, name(x(d))]));
          assert.deepEqual(await agencyOf(page, table), want(() => 'N'), `${table}: the old ward's dossiers under its successor`);
          let text = await csv(page);
          for (const d of mine)
            assert.ok(csvLine(text, d.code).includes(name('N')), `${table} CSV by today's units: ${csvLine(text, d.code)}`);
          assert.ok(!text.includes(name('A')), `${table} CSV: the old ward not named`);
          if (table === 'late')
            assert.equal(await page.locator('[data-count="late"]').innerText(), String(mine.length), 'late: counted');

          await show(page, 'time');
          assert.ok((await page.locator('#report-scope').innerText()).includes('Theo đơn vị tại thời điểm đó'), `${table}: says so`);
          assert.deepEqual(await agencyOf(page, table), want((d) => d.x), `${table}: each under the ward of its filing`);
          text = await csv(page);
          for (const d of mine)
            assert.ok(csvLine(text, d.code).includes(name(d.x)), `${table} CSV by the units of the time: ${csvLine(text, d.code)}`);
          // Excel: a form queuing the file in the background (my exports).
          assert.match(await page.locator('#export-xlsx').evaluate((e) => e.form.getAttribute('action')), /units=time/,
            `${table}: Excel follows`);
          assert.match(await page.locator('#export-pdf').evaluate((e) => e.form.getAttribute('action')), /units=time/,
            `${table}: PDF follows`);
          if (table === 'late')
            assert.equal(await page.locator('[data-count="late"]').innerText(), String(mine.length), 'late: the same count');
          // The links to the other reports keep the view.
          assert.match(await page.locator('#nav-officers').getAttribute('href'), /units=time/);
        }
        assert.deepEqual(w.problems(), [], 'no console errors');
      } finally {
        await ctx.close();
      }
    });

    test('the officers\' report: one line an officer by today\'s units, a line an officer and ward by those of the time', async () => {
      const { ctx, page, w } = await signedIn();
      try {
        await page.goto(`${BASE_URL}/can-bo/thong-ke/can-bo`);
        await page.locator('#from').fill('2024-01-01');
        await page.locator('#to').fill('2024-12-31');
        await page.locator('#agency').selectOption(String(ids.N));
        await show(page, 'today');
        const lines = page.locator(`#officers tr[data-officer="${recvA.id}"]`);
        const cell = async (tr, col) => (await tr.locator(`[data-col="${col}"]`).innerText()).trim();
        await lines.first().waitFor({ timeout: 60_000 });
        assert.equal(await lines.count(), 1, 'A\'s receiver: one line');
        assert.equal(await lines.getAttribute('data-agency'), String(ids.N), 'at N');
        assert.equal(await cell(lines, 'unit'), name('N'), 'named N');
        assert.equal(await cell(lines, 'steps'), '5', 'A\'s 3 steps and N\'s 2 in N\'s line');
        assert.equal(await cell(lines, 'ontime'), '5');
        assert.equal(await page.locator(`#officers tr[data-officer="${leader.id}"]`).count(), 1, 'N\'s own leader listed');
        let text = await csv(page);
        assert.match(csvLine(text, recvA.name), new RegExp(`${name('N')}.*,5,`), `the CSV's line: ${csvLine(text, recvA.name)}`);

        await show(page, 'time');
        const atA = page.locator(`#officers tr[data-officer="${recvA.id}"][data-agency="${ids.A}"]`);
        const atN = page.locator(`#officers tr[data-officer="${recvA.id}"][data-agency="${ids.N}"]`);
        await atA.waitFor({ timeout: 60_000 });
        assert.equal(await lines.count(), 2, 'A\'s receiver: a line at each ward');
        assert.equal(await cell(atA, 'unit'), name('A'), 'the old ward named');
        assert.equal(await cell(atA, 'steps'), '3', 'its steps at A');
        assert.equal(await cell(atN, 'unit'), name('N'));
        assert.equal(await cell(atN, 'steps'), '2', 'its steps at N');
        const mine = page.locator(`#officers tr[data-officer="${leader.id}"]`);
        assert.equal(await mine.count(), 1, 'N\'s own leader still listed');
        assert.equal(await cell(mine, 'unit'), name('N'));
        text = await csv(page);
        const csvLines = text.split(/\r?\n/).filter((l) => l.includes(recvA.name));
        assert.equal(csvLines.length, 2, `two lines in the CSV: ${csvLines}`);
        assert.ok(csvLines.some((l) => l.includes(name('A'))) && csvLines.some((l) => l.includes(name('N'))), 'one a ward');
        assert.deepEqual(w.problems(), [], 'no console errors');
      } finally {
        await ctx.close();
      }
    });

    /**
     * Pages a register of 110 rows (agency x, year) forwards to page 3 and
     * back to pages 2 and 1 with its "previous page" link, then forwards.
     */
    async function pagesBack(where, table, x, year) {
      const { ctx, page, w } = await signedIn();
      /** The page's dossier codes and the number of its first row. */
      const shown = async () => ({
        codes: await page.locator(`#${table} tbody tr`).evaluateAll((trs) => trs.map((tr) => tr.dataset.code)),
        first: (await page.locator(`#${table} tbody tr`).first().locator('[data-col="seq"]').innerText()).trim(),
      });
      /** Follows a pager link; waits for another address matching re. */
      const go = async (id, re) => {
        const from = page.url();
        await Promise.all([page.waitForURL((u) => u.href !== from && re.test(u.href), { timeout: 60_000 }),
          page.locator(id).click()]);
      };
      try {
        await page.goto(`${BASE_URL}${where}`);
        await page.locator('#from').fill(`${year}-01-01`);
        await page.locator('#to').fill(`${year}-12-31`);
        await page.locator('#agency').selectOption(String(ids[x]));
        await Promise.all([page.waitForURL(new RegExp(`to=${year}-12-31`), { timeout: 60_000 }),
          page.locator('#report-form button[type=submit]').click()]);
        const p1 = await shown();
        assert.equal(p1.codes.length, 50);
        assert.equal(p1.first, '1');
        assert.equal(await page.locator('#page-prev').count(), 0, 'no previous page on the first');
        await go('#page-next', /after_id=/);
        const p2 = await shown();
        assert.equal(p2.first, '51');
        assert.equal(p2.codes.length, 50);
        assert.ok(!p2.codes.some((c) => p1.codes.includes(c)), 'page 2: other rows');
        await go('#page-next', /after_id=/);
        const p3 = await shown();
        assert.deepEqual([p3.first, p3.codes.length], ['101', 10], 'page 3: the last ten');
        assert.equal(await page.locator('#page-next').count(), 0, 'no next page on the last');
        assert.equal(new Set([...p1.codes, ...p2.codes, ...p3.codes]).size, 110, 'every row once');

        // Back: page 2 again, the same rows and numbers, then page 1.
        await go('#page-prev', /before_id=/);
        assert.deepEqual(await shown(), p2, 'previous: page 2 as it was');
        assert.equal(await page.locator('#page-next').count(), 1, 'a next page from it');
        await go('#page-prev', /before_id=/);
        assert.deepEqual(await shown(), p1, 'previous: page 1 as it was');
        assert.equal(await page.locator('#page-prev').count(), 0, 'no previous page before the first');
        assert.equal(await page.locator('#page-first').count(), 0, 'it is the first');
        // And forwards again from a page reached backwards.
        await go('#page-next', /after_id=/);
        assert.deepEqual(await shown(), p2, 'next: page 2 again');
        assert.deepEqual(w.problems(), [], 'no console errors');
      } finally {
        await ctx.close();
      }
    }

    test('the book pages forwards and back with its "previous page" link', async () => {
      await pagesBack('/can-bo/so-theo-doi', 'book', 'N', 2025);
    });

    test('the late list pages forwards and back with its "previous page" link', async () => {
      await pagesBack('/can-bo/thong-ke/tre-han', 'late', 'M', 2023);
    });

    /** The dashboard's line of an agency: today's received, or null. */
    async function todayReceived(page, id) {
      const tr = page.locator(`#dash-agencies tr[data-agency="${id}"]`);
      if (!(await tr.count())) return null;
      return Number((await tr.locator('td[data-col="today_received"]').innerText()).trim());
    }

    test('the dashboard: the agency chosen in its form, then the unit view', async () => {
      const { ctx, page, w } = await signedIn(1280);
      try {
        await page.goto(`${BASE_URL}/can-bo/bang-dieu-khien`);
        // Two agencies led: the form offers both; M chosen.
        const options = await page.locator('#agency option').evaluateAll((os) => os.map((o) => o.value));
        assert.ok(options.includes(String(ids.N)) && options.includes(String(ids.M)), `both agencies offered: ${options}`);
        await page.locator('#agency').selectOption(String(ids.M));
        await Promise.all([page.waitForURL(new RegExp(`agency=${ids.M}`), { timeout: 60_000 }),
          page.locator('#dash-form button[type=submit]').click()]);
        assert.equal(await page.locator('#agency').inputValue(), String(ids.M), 'M stays chosen');
        assert.equal(await todayReceived(page, ids.M), 4, 'M\'s line');
        assert.equal(await todayReceived(page, ids.N), null, 'not N\'s');
        assert.equal(await page.locator('#t-today-received').innerText(), '4', 'M\'s total');

        // N, by today's units: A's figures in N's line.
        await page.locator('#agency').selectOption(String(ids.N));
        assert.equal(await page.locator('#units').inputValue(), 'today', 'by today\'s units unless asked');
        await Promise.all([page.waitForURL(new RegExp(`agency=${ids.N}`), { timeout: 60_000 }),
          page.locator('#dash-form button[type=submit]').click()]);
        assert.equal(await page.locator('#dash-units').getAttribute('data-units'), 'today');
        assert.ok((await page.locator('#dash-units').innerText()).includes('Theo đơn vị hiện nay'), 'the page says which units');
        assert.equal(await todayReceived(page, ids.N), 3, 'A\'s 2 added to N\'s 1');
        assert.equal(await todayReceived(page, ids.A), null, 'no line of A');
        assert.equal(await page.locator('#t-today-received').innerText(), '3');

        // By the units of the time: apart, the same total.
        await page.locator('#units').selectOption('time');
        await Promise.all([page.waitForURL(/units=time/, { timeout: 60_000 }), page.locator('#dash-form button[type=submit]').click()]);
        assert.equal(await page.locator('#agency').inputValue(), String(ids.N), 'N stays chosen');
        assert.equal(await page.locator('#units').inputValue(), 'time', 'the view stays chosen');
        assert.equal(await todayReceived(page, ids.N), 1, 'N\'s own');
        assert.equal(await todayReceived(page, ids.A), 2, 'A apart');
        assert.equal(await page.locator('#t-today-received').innerText(), '3', 'the same total');

        // In English: the agencies offered by their English names, as their lines.
        await page.goto(`${page.url()}&lang=en`);
        assert.equal((await page.locator(`#agency option[value="${ids.M}"]`).innerText()).trim(), `${name('M')} (en)`,
          'the agency offered in English');
        assert.equal((await page.locator(`#dash-agencies tr[data-agency="${ids.A}"] th`).innerText()).trim(),
          `${name('A')} (en)`, 'its line in English');
        assert.ok((await page.locator('#dash-units').innerText()).includes('By the units of the time'), 'the view in English');
        assert.deepEqual(w.problems(), [], 'no console errors');
      } finally {
        await ctx.close();
      }
    });
  });
