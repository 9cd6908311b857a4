// The unit view (today's units or those of the time, issue 11) of the
// leaders' overview /can-bo/lanh-dao, in headless Chromium: a ward A of
// this file's own dissolved on 30 June 2024 into a ward N (also this
// file's), whose leader reads the overview. Open dossiers of both are
// entered directly at colours the clock cannot change while the test runs
// (red: the step was due in 2024; yellow: warned in 2024, due in 2099;
// green: warned in 2099); the instance's worker counts them (the counters
// the page reads), and the test waits for that with a deadline before it
// reads a number. By today's units A's dossiers count in N's line and are
// named after N in the lists; by the units of the time A has its own line
// and its dossiers its name; the totals are the same. A has no officer
// left, so its dossiers are on the list of those nobody can act on, which
// the leader filters by N (today's units: A's with it) or by A (units of
// the time). Everything is removed afterwards, the counters of the two
// wards with their dossiers in one transaction.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { BASE_URL, PROC, launchBrowser, newOfficer, q, sql, sqlValue, uniq, until, watch } from './lib.mjs';

describe('the leaders\' overview by today\'s units or by the units of the time',
  { concurrency: false, timeout: 600_000 }, () => {
    const tag = uniq();
    const code = (x) => `E2EL.${tag}.${x}`.slice(0, 32);
    const name = (x) => ({ N: 'Phường Sáp Nhập', A: 'Phường Đã Giải Thể' })[x] + ` ${tag}`;
    const ids = {};
    // Each dossier: its ward and its colour.
    const mine = [
      ['A', 'red'], ['A', 'red'], ['A', 'yellow'],
      ['N', 'red'], ['N', 'green'], ['N', 'green'],
    ].map(([x, colour], i) => ({ code: `LU-${tag}-${i}`, x, colour }));
    let browser, leader;

    before(async () => {
      for (const x of ['N', 'A']) {
        sql(`INSERT INTO agencies (code, kind, name, name_en, valid_from) VALUES (${q(code(x))}, 'ward', ` +
          `${q(name(x))}, ${q(`${name(x)} (en)`)}, '2020-01-01')`);
        ids[x] = Number(sqlValue(`SELECT id FROM agencies WHERE code = ${q(code(x))}`));
      }
      // The merger: A ends on 30 June 2024, N follows it.
      sql(`UPDATE agencies SET valid_from = '2024-07-01' WHERE id = ${ids.N}`);
      sql(`UPDATE agencies SET valid_to = '2024-06-30', successor_id = ${ids.N} WHERE id = ${ids.A}`);
      sql(`INSERT INTO agency_successors (agency_id, successor_id, effective) VALUES (${ids.A}, ${ids.N}, '2024-07-01')`);
      const proc = Number(sqlValue(`SELECT id FROM procedures WHERE code = ${q(PROC)}`));
      const times = {
        red: ['2024-06-10 08:00:00', '2024-06-12 17:00:00'],
        yellow: ['2024-06-10 08:00:00', '2099-12-31 17:00:00'],
        green: ['2099-12-30 08:00:00', '2099-12-31 17:00:00'],
      };
      // In processing (status 4), received in June 2024, never counted yet.
      const rows = mine.map((d) => `(${q(d.code)}, ${proc}, ${ids[d.x]}, ${ids[d.x]}, 'Người Lãnh Đạo Xem ${tag}', ` +
        `'079100000000', 2, 4, '{}', '2024-06-03 09:00:00', '2024-06-03 09:00:00', '2099-12-31 17:00:00', ` +
        `'${times[d.colour][0]}', '${times[d.colour][1]}', NOW())`);
      sql('INSERT INTO dossiers (code, procedure_id, agency_id, current_agency_id, applicant_name, applicant_id_number, ' +
        'channel, status, form_data, submitted_at, received_at, due_at, step_warn_at, step_due_at, updated_at) ' +
        `VALUES ${rows.join(', ')}`);
      leader = await newOfficer('leader', code('N'), `Lãnh Đạo Sáp Nhập ${tag}`);
      // The worker counts dossiers never counted every few seconds (a
      // minute or more on a loaded machine); their colours cannot turn.
      await until(() => sqlValue(`SELECT COUNT(*) FROM dossiers WHERE code LIKE ${q(`LU-${tag}-%`)} ` +
        'AND counted_colour IS NULL') === '0', { timeout: 240_000, every: 500, what: 'the worker counting the dossiers' });
      browser = await launchBrowser();
    });

    after(async () => {
      if (browser) await browser.close();
      if (ids.N && ids.A) {
        sql(`START TRANSACTION; DELETE FROM dossiers WHERE code LIKE ${q(`LU-${tag}-%`)}; ` +
          `DELETE FROM dossier_counters WHERE agency_id IN (${ids.N}, ${ids.A}); COMMIT`);
        sql(`UPDATE agencies SET valid_to = CURDATE() - INTERVAL 1 DAY WHERE id = ${ids.N}`);
      }
    });

    async function signedIn() {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await ctx.newPage();
      const w = watch(page);
      await page.goto(`${BASE_URL}/dich-vu/dang-nhap`);
      await page.locator('#login').fill(leader.email);
      await page.locator('#password').fill(leader.password);
      await Promise.all([page.waitForURL(`${BASE_URL}/can-bo/`), page.locator('form.form button[type=submit]').click()]);
      return { ctx, page, w };
    }

    /** The overview's line of an agency: open, due soon, overdue; null when none. */
    async function line(page, id) {
      const tr = page.locator(`#leader-agencies tr[data-agency="${id}"]`);
      if (!(await tr.count())) return null;
      const cell = async (col) => Number((await tr.locator(`[data-col="${col}"]`).innerText()).trim());
      return { open: await cell('open'), yellow: await cell('yellow'), red: await cell('red') };
    }

    /** This file's dossiers in a list of the page: code → agency named. */
    async function named(page, table) {
      const out = {};
      for (const d of mine) {
        const row = page.locator(`#${table} tr[data-code="${d.code}"]`);
        if (await row.count()) {
          out[d.code] = table === 'stuck' ?
            ((await row.innerText()).includes(name('A')) ? name('A') : (await row.innerText()).includes(name('N')) ? name('N') : '') :
            (await row.locator('[data-col="agency"]').innerText()).trim();
        }
      }
      return out;
    }

    /** The codes of this file's dossiers of a colour, each to the ward named. */
    const want = (colours, as) => Object.fromEntries(mine.filter((d) => colours.includes(d.colour)).map((d) => [d.code, name(as(d))]));
    const wantStuck = (as) => Object.fromEntries(mine.filter((d) => d.x === 'A').map((d) => [d.code, name(as(d))]));

    /** Chooses the view in the page's form; waits for it. */
    async function show(page, units) {
      await page.locator('#units').selectOption(units);
      await Promise.all([page.waitForURL(new RegExp(`units=${units}`), { timeout: 60_000 }),
        page.locator('#leader-form button[type=submit]').click()]);
      assert.equal(await page.locator('#units').inputValue(), units, 'the choice stays chosen');
      assert.equal(await page.locator('#leader-units').getAttribute('data-units'), units, 'the page says which units');
    }

    /** Filters the list of dossiers nobody can act on by one agency. */
    async function stuckIn(page, id) {
      await page.locator('#in').selectOption(String(id));
      await Promise.all([page.waitForURL(new RegExp(`in=${id}`), { timeout: 60_000 }),
        page.locator('form:has(#in) button[type=submit]').click()]);
    }

    test('by today\'s units the old ward counts in its successor, by the units of the time apart', async () => {
      const { ctx, page, w } = await signedIn();
      try {
        await page.goto(`${BASE_URL}/can-bo/lanh-dao`);
        assert.equal(await page.locator('#units').inputValue(), 'today', 'by today\'s units unless asked');
        assert.ok((await page.locator('#leader-units').innerText()).includes('Theo đơn vị hiện nay'), 'the page says so');
        assert.deepEqual(await line(page, ids.N), { open: 6, yellow: 1, red: 3 }, 'A\'s dossiers in N\'s line');
        assert.equal(await line(page, ids.A), null, 'no line of A');
        assert.deepEqual(await named(page, 'leader-late'), want(['red'], () => 'N'), 'the overdue ones named after N');
        assert.deepEqual(await named(page, 'leader-soon'), want(['yellow'], () => 'N'), 'the due-soon one too');
        assert.deepEqual(await named(page, 'stuck'), wantStuck(() => 'N'), 'A\'s dossiers nobody can act on, under N');
        // One line: no agency to filter the stuck list by; N's alone
        // (the address ?in=) takes A's in.
        assert.equal(await page.locator('#in').count(), 0, 'no choice of one');
        await page.goto(`${BASE_URL}/can-bo/lanh-dao?agency=${ids.N}&units=today&in=${ids.N}`);
        assert.deepEqual(await named(page, 'stuck'), wantStuck(() => 'N'), 'N\'s stuck list holds A\'s');

        await show(page, 'time');
        assert.ok((await page.locator('#leader-units').innerText()).includes('Theo đơn vị tại thời điểm đó'), 'the page says so');
        assert.deepEqual(await line(page, ids.N), { open: 3, yellow: 0, red: 1 }, 'N\'s own');
        assert.deepEqual(await line(page, ids.A), { open: 3, yellow: 1, red: 2 }, 'A apart');
        assert.deepEqual(await named(page, 'leader-late'), want(['red'], (d) => d.x), 'each under the ward of the time');
        assert.deepEqual(await named(page, 'leader-soon'), want(['yellow'], (d) => d.x), 'the due-soon one under A');
        assert.deepEqual(await named(page, 'stuck'), wantStuck((d) => d.x), 'A\'s stuck ones under A');
        const offered = await page.locator('#in option').evaluateAll((os) => os.map((o) => o.value).filter((v) => v));
        assert.deepEqual(offered.sort(), [String(ids.N), String(ids.A)].sort(), 'N and A offered');
        await stuckIn(page, ids.N);
        assert.equal(await page.locator('#units').inputValue(), 'time', 'the view kept');
        assert.deepEqual(await named(page, 'stuck'), {}, 'N alone: none of A\'s');
        await stuckIn(page, ids.A);
        assert.deepEqual(await named(page, 'stuck'), wantStuck((d) => d.x), 'A\'s own');

        // In English: the view said in English.
        await page.goto(`${page.url()}&lang=en`);
        assert.ok((await page.locator('#leader-units').innerText()).includes('By the units of the time'), 'the view in English');
        assert.deepEqual(await line(page, ids.A), { open: 3, yellow: 1, red: 2 }, 'A apart in English too');
        assert.deepEqual(w.problems(), [], 'no console errors');
      } finally {
        await ctx.close();
      }
    });
  });
