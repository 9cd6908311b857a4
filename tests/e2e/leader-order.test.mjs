// The order a leader sees on the overview /can-bo/lanh-dao (issue 12), in
// headless Chromium: the overdue dossiers first, nearest due time first
// (ties in the order they came), then those due soon in the same order,
// each list the first hundred of them. Both ways the page reads a list are
// covered (cgi-bin/office/leader.c, list_by_due): a ward of this file's own
// with a few dossiers (the leader's own sorted), and another ward holding
// most of the instance's overdue and due-soon dossiers, read in the order
// of the whole instance's due times and kept when they are the ward's.
// Dossiers are entered directly at colours the clock cannot change while
// the test runs (red: due in 2024; yellow: warned in 2024, due in 2099;
// green: warned in 2099), in an order unlike their due times; the worker
// counts them (the counters decide the way of reading) and the test waits
// for that with a deadline. The wards have no parent (nothing of the city
// counts them) and everything is removed afterwards.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { BASE_URL, PROC, launchBrowser, newOfficer, q, sql, sqlValue, uniq, until, watch } from './lib.mjs';

describe('the order of the leaders\' overview: overdue first, then due soon, nearest due first',
  { concurrency: false, timeout: 900_000 }, () => {
    const tag = uniq();
    const pfx = `LO-${tag}`;
    const agencyCode = (x) => `E2EO.${tag}.${x}`.slice(0, 32);
    const ids = {};
    const leaders = {};
    let browser, proc;

    /** Inserts n dossiers of the ward x: n rows of seq 1..n in seq order. */
    function insert(x, colour, n, dueSql, warnSql) {
      sql('INSERT INTO dossiers (code, procedure_id, agency_id, current_agency_id, applicant_name, ' +
        'applicant_id_number, channel, status, form_data, submitted_at, received_at, due_at, step_warn_at, ' +
        'step_due_at, updated_at) ' +
        `SELECT CONCAT(${q(`${pfx}-${x}-${colour}-`)}, s.seq), ${proc}, ${ids[x]}, ${ids[x]}, ` +
        `'Người Xem Thứ Tự ${tag}', '079100000000', 2, 4, '{}', '2024-01-02 09:00:00', '2024-01-02 09:00:00', ` +
        `'2099-12-31 17:00:00', ${warnSql}, ${dueSql}, NOW() FROM seq_1_to_${n} s ORDER BY s.seq`);
      assert.equal(sqlValue(`SELECT COUNT(*) FROM dossiers WHERE code LIKE ${q(`${pfx}-${x}-${colour}-%`)}`), String(n),
        `${n} dossiers of ward ${x} (${colour}) entered`);
    }

    /**
     * Due times unlike the order of insertion, two dossiers sharing each
     * (their ids break the tie): minute ((seq * 7919) mod n) div 2 of the base.
     */
    const spread = (base, n) => `TIMESTAMP(${q(base)}) + INTERVAL ((s.seq * 7919) % ${n}) DIV 2 MINUTE`;

    /** Overdue and due-soon dossiers of the instance not of this file (from the counters). */
    function othersByColour() {
      const out = { 2: 0, 3: 0 };
      for (const [c, t] of sql('SELECT colour, SUM(n) FROM dossier_counters WHERE colour IN (2, 3) ' +
        `${ids.big ? `AND agency_id <> ${ids.big} ` : ''}GROUP BY colour`)) out[c] = Number(t);
      return out;
    }

    /** What the page must show: this ward's dossiers of a colour by (due time, id), the first 100
     * (seconds since 2000: UNIX_TIMESTAMP has no answer for 2099). */
    function expected(x, colour) {
      return sql('SELECT code, TIMESTAMPDIFF(SECOND, \'2000-01-01\', step_due_at), id FROM dossiers ' +
        `WHERE code LIKE ${q(`${pfx}-${x}-${colour}-%`)}`)
        .map(([code, due, id]) => ({ code, due: Number(due), id: Number(id) }))
        .sort((a, b) => a.due - b.due || a.id - b.id)
        .slice(0, 100).map((r) => r.code);
    }

    const counted = (x) => until(() => sqlValue(`SELECT COUNT(*) FROM dossiers WHERE code LIKE ${q(`${pfx}-${x}-%`)} ` +
      'AND counted_colour IS NULL') === '0', { timeout: 300_000, every: 500, what: `the worker counting ward ${x}'s dossiers` });

    before(async () => {
      proc = Number(sqlValue(`SELECT id FROM procedures WHERE code = ${q(PROC)}`));
      for (const x of ['small', 'big']) {
        sql(`INSERT INTO agencies (code, kind, name, name_en, valid_from) VALUES (${q(agencyCode(x))}, 'ward', ` +
          `${q(`Phường Thứ Tự ${x} ${tag}`)}, ${q(`Order ward ${x} ${tag}`)}, '2020-01-01')`);
        ids[x] = Number(sqlValue(`SELECT id FROM agencies WHERE code = ${q(agencyCode(x))}`));
        leaders[x] = await newOfficer('leader', agencyCode(x), `Lãnh Đạo Thứ Tự ${x} ${tag}`);
      }
      // The small ward: 7 overdue, 5 due soon, 3 on time (its own sorted).
      insert('small', 'red', 7, spread('2024-03-01 08:00:00', 7), '\'2024-02-28 08:00:00\'');
      insert('small', 'yellow', 5, spread('2099-06-01 08:00:00', 5), '\'2024-02-28 08:00:00\'');
      insert('small', 'green', 3, spread('2099-06-01 08:00:00', 3), '\'2099-05-01 08:00:00\'');
      // The big ward: more overdue and more due-soon dossiers than all the
      // others of the instance together, and over 200 of each, so that the
      // page reads the instance's order of due times (list_by_due).
      const others = othersByColour();
      const n = 2 * Math.max(others[2], others[3]) + 250;
      insert('big', 'red', n, spread('2024-03-01 08:00:00', n), '\'2024-02-28 08:00:00\'');
      insert('big', 'yellow', n, spread('2099-06-01 08:00:00', n), '\'2024-02-28 08:00:00\'');
      await counted('small');
      await counted('big');
      browser = await launchBrowser();
    });

    after(async () => {
      if (browser) await browser.close();
      if (ids.small && ids.big) {
        sql(`START TRANSACTION; DELETE FROM dossiers WHERE code LIKE ${q(`${pfx}-%`)}; ` +
          `DELETE FROM dossier_counters WHERE agency_id IN (${ids.small}, ${ids.big}); COMMIT`);
        sql(`UPDATE agencies SET valid_to = CURDATE() - INTERVAL 1 DAY WHERE id IN (${ids.small}, ${ids.big})`);
      }
    });

    /** The overview as the ward's leader sees it: the codes of both lists, in order. */
    async function overview(x) {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await ctx.newPage();
      const w = watch(page);
      try {
        await page.goto(`${BASE_URL}/dich-vu/dang-nhap`);
        await page.locator('#login').fill(leaders[x].email);
        await page.locator('#password').fill(leaders[x].password);
        await Promise.all([page.waitForURL(`${BASE_URL}/can-bo/`, { timeout: 60_000 }),
          page.locator('form.form button[type=submit]').click()]);
        await page.goto(`${BASE_URL}/can-bo/lanh-dao`, { timeout: 120_000 });
        await page.locator('#leader-late').waitFor({ timeout: 60_000 });
        const codes = (id) => page.locator(`#${id} tbody tr`).evaluateAll((trs) => trs.map((tr) => tr.dataset.code));
        const classes = (id) => page.locator(`#${id} tbody tr`).evaluateAll((trs) => [...new Set(trs.map((tr) => tr.className))]);
        // Overdue before due soon on the page.
        const lateFirst = await page.evaluate(() => {
          const late = document.getElementById('leader-late');
          const soon = document.getElementById('leader-soon');
          return !!(late && soon && (late.compareDocumentPosition(soon) & Node.DOCUMENT_POSITION_FOLLOWING));
        });
        const out = { late: await codes('leader-late'), soon: await codes('leader-soon'),
          lateClasses: await classes('leader-late'), soonClasses: await classes('leader-soon'), lateFirst };
        assert.deepEqual(w.problems(), [], 'nothing failed on the page');
        return out;
      } finally {
        await ctx.close();
      }
    }

    test('a ward with a few dossiers: its overdue ones first, then those due soon, nearest due first', async () => {
      const seen = await overview('small');
      assert.ok(seen.lateFirst, 'the overdue list comes before the due-soon list');
      assert.deepEqual(seen.late, expected('small', 'red'), 'the overdue dossiers by due time, ties in the order they came');
      assert.deepEqual(seen.soon, expected('small', 'yellow'), 'the due-soon dossiers by due time');
      assert.deepEqual(seen.lateClasses, ['row-red'], 'overdue rows are red');
      assert.deepEqual(seen.soonClasses, ['row-yellow'], 'due-soon rows are yellow');
    });

    test('a ward holding most of the instance\'s late dossiers: the same order, read in the instance\'s order of due times', async () => {
      // The condition of list_by_due, from the counters the page reads:
      // the ward's dossiers of each colour are over 200 and more than
      // the hundredth of (all of that colour) / (the ward's) times 100.
      const mine = Number(sqlValue(`SELECT SUM(n) FROM dossier_counters WHERE agency_id = ${ids.big} AND colour = 3`));
      const all = Number(sqlValue('SELECT SUM(n) FROM dossier_counters WHERE colour = 3'));
      assert.ok(mine > 200 && Math.floor(all / mine) * 100 < mine, `the ward holds most overdue dossiers (${mine} of ${all})`);
      const seen = await overview('big');
      assert.ok(seen.lateFirst, 'the overdue list comes before the due-soon list');
      assert.equal(seen.late.length, 100, 'a hundred overdue dossiers');
      assert.deepEqual(seen.late, expected('big', 'red'), 'the hundred nearest due, ties in the order they came');
      assert.equal(seen.soon.length, 100, 'a hundred due soon');
      assert.deepEqual(seen.soon, expected('big', 'yellow'), 'the hundred due soonest');
      assert.deepEqual(seen.lateClasses, ['row-red'], 'overdue rows are red');
      assert.deepEqual(seen.soonClasses, ['row-yellow'], 'due-soon rows are yellow');
    });
  });
