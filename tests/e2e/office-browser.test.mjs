// The back office in headless Chromium (issue 3): the inbox shows the
// colour of every dossier (class, dot and words) and counts per colour that
// match what is listed; the dossier page's workflow picture tells done,
// current and remaining steps apart; no console errors; screenshots at
// phone and desktop widths in tests/e2e/output/ for a human look.
//
// Three dossiers at one ward are made green, yellow and red by moving their
// step's due and warning times in the database (said where it happens).
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import {
  BASE_URL, PROC, WARD_SLOTS, filePart, launchBrowser, minimalPdf, newCitizen, newOfficer, newToken, q,
  request, sql, sqlValue, toFormData, uniq, until, wardCodes, watch,
  awayFromMidnight,
} from './lib.mjs';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'output');
const TZ_MS = 7 * 3600e3;
const HOUR = 3600e3;

/** A local (Ho Chi Minh City) SQL time for an epoch moment. */
const local = (ms) => new Date(ms + TZ_MS).toISOString().slice(0, 19).replace('T', ' ');

/**
 * This file's ward: the odd places of the WARD_SLOTS.office wards
 * (office.test.mjs takes the even ones), the one with the fewest open
 * dossiers so that the inbox fits on one page.
 */
function browserWard() {
  const nslots = Math.max(...Object.values(WARD_SLOTS)) + 1;
  const slot = wardCodes().slice(5).filter((_, i) => i % nslots === WARD_SLOTS.office);
  const mine = slot.filter((_, i) => i % 2 === 1);
  assert.ok(mine.length > 0, 'the seed should hold the wards');
  const open = new Map(sql('SELECT a.code, COUNT(d.id) FROM agencies a LEFT JOIN dossiers d ' +
    'ON d.current_agency_id = a.id AND d.is_open = 1 WHERE a.code IN (' + mine.map(q).join(',') + ') GROUP BY a.code')
    .map(([c, n]) => [c, Number(n)]));
  return [...mine].sort((x, y) => (open.get(x) || 0) - (open.get(y) || 0))[0];
}

const bearer = (t) => ({ authorization: `Bearer ${t}` });

/**
 * What went wrong on a page, less Chromium fetching the favicon (the logo,
 * <link rel="icon">) after "load" and dropping it when the test moves on:
 * no visitor sees that.
 */
function problems(w) {
  return w.problems().filter((p) => !/^failed: \S+\/static\/images\/logo\.svg net::ERR_ABORTED$/.test(p));
}

async function actOk(token, code, body) {
  const a = await request(`/api/v1/dossiers/${encodeURIComponent(code)}/transitions`, {
    method: 'POST', headers: { ...bearer(token), 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  assert.equal(a.status, 200, `${body.action}: ${a.status} ${a.text.slice(0, 300)}`);
  return a.json();
}

/** The inbox's colour counts as the database has them (running clocks only). */
function dbCounts(agencyId) {
  const now = q(local(Date.now()));
  const [[red, yellow, all]] = sql('SELECT COALESCE(SUM(step_due_at < ' + now + '), 0), ' +
    `COALESCE(SUM(step_warn_at <= ${now} AND step_due_at >= ${now}), 0), COUNT(*) FROM dossiers ` +
    `WHERE current_agency_id = ${agencyId} AND status IN (2, 4, 6, 9) AND step_due_at IS NOT NULL`);
  return { red: Number(red), yellow: Number(yellow), green: Number(all) - Number(red) - Number(yellow) };
}

// Today's figures are read after today's filings: not across midnight.
await awayFromMidnight();

describe('the back office in a browser', { concurrency: false, timeout: 300_000 }, () => {
  const tag = uniq();
  const WORDS = { green: 'Trong hạn', yellow: 'Sắp đến hạn', red: 'Quá hạn' };
  let browser, ward, wardId, citizen, cToken, recv, rToken, spec;
  const codes = {};

  before(async () => {
    mkdirSync(OUT, { recursive: true });
    ward = browserWard();
    wardId = Number(sqlValue(`SELECT id FROM agencies WHERE code = ${q(ward)}`));
    citizen = await newCitizen({ name: `Trình Duyệt ${tag}` });
    recv = await newOfficer('receiver', ward, `Tiếp Nhận ${tag}`);
    spec = await newOfficer('specialist', ward, `Chuyên Viên ${tag}`);
    [cToken, rToken] = await Promise.all([citizen, recv].map((x) => newToken(x.email)));
    for (const colour of ['green', 'yellow', 'red']) {
      const a = await request('/api/v1/dossiers', {
        method: 'POST', headers: bearer(cToken), body: toFormData({
          procedure: PROC, agency: ward, fields: JSON.stringify({ content: `Màu ${colour}` }),
          file: filePart(minimalPdf(`${colour} ${tag}`), `${colour}.pdf`),
        }),
      });
      assert.equal(a.status, 201, a.text);
      codes[colour] = a.json().code;
      await actOk(rToken, codes[colour], { action: 'accept' });
    }
    // The green one moves on to the specialist: its picture has a done step.
    await actOk(rToken, codes.green, { action: 'forward' });
    // Colours by the step's due and warning times, set in the database:
    // green due in 3 days (warning in 2), yellow warned an hour ago and due
    // tomorrow, red warned two hours ago and due an hour ago.
    const now = Date.now();
    const times = {
      green: [now + 72 * HOUR, now + 48 * HOUR],
      yellow: [now + 24 * HOUR, now - HOUR],
      red: [now - HOUR, now - 2 * HOUR],
    };
    for (const [c, [due, warn]] of Object.entries(times)) {
      sql(`UPDATE dossiers SET step_due_at = ${q(local(due))}, step_warn_at = ${q(local(warn))} ` +
        `WHERE code = ${q(codes[c])}`);
      sql(`UPDATE dossier_steps s JOIN dossiers d ON d.id = s.dossier_id AND s.seq = d.current_step ` +
        `SET s.due_at = ${q(local(due))} WHERE d.code = ${q(codes[c])}`);
    }
    // The inbox's counts are kept by transitions and by the worker when a
    // clock turns (every few seconds): an officer sees the new colours once
    // it has passed, so wait for it as they would (1 green, 2 yellow, 3 red).
    const want = { green: 1, yellow: 2, red: 3 };
    await until(() => Object.entries(codes).every(([c, code]) =>
      sqlValue(`SELECT counted_colour FROM dossiers WHERE code = ${q(code)}`) === String(want[c])),
    { timeout: 120_000, every: 500, what: 'the worker counting the new colours' });
    browser = await launchBrowser();
  });

  after(async () => {
    if (browser) await browser.close();
    // Leave the ward's inbox small for the next run.
    for (const code of Object.values(codes)) {
      await actOk(rToken, code, { action: 'withdraw', note: 'dọn dẹp sau kiểm thử' }).catch(() => {});
    }
  });

  /** A browser context logged in as the account, through the login form. */
  async function officer(who, width) {
    const ctx = await browser.newContext({ viewport: { width, height: width < 500 ? 800 : 900 }, deviceScaleFactor: 1 });
    const page = await ctx.newPage();
    await page.goto(`${BASE_URL}/dich-vu/dang-nhap`);
    await page.locator('#login').fill(who.email);
    await page.locator('#password').fill(who.password);
    await Promise.all([page.waitForURL(`${BASE_URL}/can-bo/`), page.locator('form.form button[type=submit]').click()]);
    await page.waitForLoadState('networkidle');
    return { ctx, page, w: watch(page) };
  }

  test('the inbox shows each dossier\'s colour (class, dot, words); the counts at the top match', async () => {
    const { ctx, page, w } = await officer(recv, 1280);
    try {
      await page.goto(`${BASE_URL}/can-bo/?agency=${wardId}`, { waitUntil: 'networkidle' });
      for (const [colour, code] of Object.entries(codes)) {
        const row = page.locator('table.inbox tbody tr', { has: page.locator(`a[href="/can-bo/ho-so/${code}"]`) });
        assert.equal(await row.count(), 1, `the inbox lists ${code}`);
        assert.match(await row.getAttribute('class'), new RegExp(`\\brow-${colour}\\b`), `${code} row is ${colour}`);
        assert.equal(await row.locator(`.dot-${colour}`).count(), 1, `${code} has a ${colour} dot`);
        assert.equal((await row.locator('.colour-text').innerText()).trim(), WORDS[colour],
          `${code} says "${WORDS[colour]}" in words, not only in colour`);
      }
      const shown = {};
      for (const c of ['red', 'yellow', 'green']) {
        const el = page.locator(`.colour-counts .count.${c}`);
        shown[c] = Number((await el.locator('strong').innerText()).trim());
        assert.match(await el.innerText(), new RegExp(WORDS[c]), `the ${c} count is labelled "${WORDS[c]}"`);
      }
      let want = dbCounts(wardId);
      if (JSON.stringify(want) !== JSON.stringify(shown)) {	// a clock turned meanwhile: look again
        await page.reload({ waitUntil: 'networkidle' });
        for (const c of ['red', 'yellow', 'green']) {
          shown[c] = Number((await page.locator(`.colour-counts .count.${c} strong`).innerText()).trim());
        }
        want = dbCounts(wardId);
      }
      assert.deepEqual(shown, want, 'the counts are the agency\'s running dossiers by colour');
      for (const c of ['red', 'yellow', 'green']) assert.ok(shown[c] >= 1, `at least our ${c} one`);
      if (await page.locator('.pager a').count() === 0) {
        for (const c of ['red', 'yellow', 'green']) {
          assert.equal(await page.locator(`table.inbox tbody tr.row-${c}`).count(), shown[c],
            `as many ${c} rows as the ${c} count says`);
        }
      }
      // Most urgent first: red before yellow before green.
      const order = await page.locator('table.inbox tbody tr a[href^="/can-bo/ho-so/"]').evaluateAll(
        (as) => as.map((a) => a.getAttribute('href').split('/').pop()));
      const at = (c) => order.indexOf(codes[c]);
      assert.ok(at('red') < at('yellow') && at('yellow') < at('green'), `most urgent first: ${order.join(', ')}`);
      assert.deepEqual(problems(w), [], 'no console errors and no failed requests');
    } finally {
      await ctx.close();
    }
  });

  test('the red count leads to a list of the overdue dossiers', async () => {
    const { ctx, page, w } = await officer(recv, 1280);
    try {
      await page.goto(`${BASE_URL}/can-bo/?agency=${wardId}`, { waitUntil: 'networkidle' });
      await Promise.all([page.waitForURL(/due=overdue/), page.locator('.colour-counts a.count.red').click()]);
      await page.waitForLoadState('networkidle');
      const listed = page.locator(`table.inbox a[href="/can-bo/ho-so/${codes.red}"]`);
      assert.equal(await listed.count(), 1, 'the dossier shown as "Quá hạn" is in the overdue list');
      assert.equal(await page.locator(`table.inbox a[href="/can-bo/ho-so/${codes.green}"]`).count(), 0,
        'an on-time one is not');
      assert.deepEqual(problems(w), []);
    } finally {
      await ctx.close();
    }
  });

  test('the workflow picture: done, current (aria-current="step") and remaining steps', async () => {
    const { ctx, page, w } = await officer(spec, 1280);
    try {
      await page.goto(`${BASE_URL}/can-bo/ho-so/${codes.green}`, { waitUntil: 'networkidle' });
      const steps = page.locator('ol.workflow > li');
      assert.equal(await steps.count(), 4, 'four steps');
      const classes = await steps.evaluateAll((ls) => ls.map((l) => l.className));
      assert.match(classes[0], /\bwf-done\b/, 'step 1 done');
      assert.match(classes[1], /\bwf-current\b/, 'step 2 current');
      assert.match(classes[2], /\bwf-todo\b/, 'step 3 to do');
      assert.match(classes[3], /\bwf-todo\b/, 'step 4 to do');
      assert.match(classes[1], /\bwf-green\b/, 'the current step carries the dossier\'s colour');
      assert.equal(await page.locator('ol.workflow [aria-current]').count(), 1, 'one current step');
      assert.equal(await steps.nth(1).getAttribute('aria-current'), 'step');
      const states = await steps.locator('.wf-state').allInnerTexts();
      assert.match(states[0], /^Đã xong/);
      assert.match(states[1], /^Đang xử lý/);
      assert.match(states[2], /^Chưa đến/);
      assert.equal((await steps.nth(1).locator('.wf-name').innerText()).trim(), 'Thẩm định, xử lý hồ sơ');
      // Told apart by more than colour: the shapes differ too.
      const look = await steps.evaluateAll((ls) => ls.map((l) => {
        const s = getComputedStyle(l);
        const n = getComputedStyle(l.querySelector('.wf-num'));
        return `${s.borderStyle}|${s.borderWidth}|${s.fontWeight}|${n.backgroundColor}|${n.borderStyle}`;
      }));
      assert.notEqual(look[0], look[1], 'done and current look different');
      assert.notEqual(look[1], look[2], 'current and to-do look different');
      assert.notEqual(look[0], look[2], 'done and to-do look different');
      assert.deepEqual(problems(w), []);
    } finally {
      await ctx.close();
    }
  });

  for (const width of [390, 1280]) {
    test(`inbox and dossier page at ${width} px: nothing sticks out sideways; screenshots`, async () => {
      const { ctx, page, w } = await officer(spec, width);
      try {
        for (const [name, p] of [['inbox', `/can-bo/?agency=${wardId}`], ['dossier', `/can-bo/ho-so/${codes.green}`]]) {
          await page.goto(BASE_URL + p, { waitUntil: 'networkidle' });
          await page.screenshot({ path: path.join(OUT, `office-${name}-${width}.png`), fullPage: true });
          const wide = await page.evaluate(() => document.documentElement.scrollWidth);
          assert.ok(wide <= width, `${p} is ${wide} px wide in a ${width} px window`);
          const h1 = await page.locator('h1').count();
          assert.equal(h1, 1, `${p} has one <h1>`);
        }
        const red = await page.locator('.dossier-colour').innerText();
        assert.match(red, /Trong hạn/, 'the dossier page says its colour in words');
        assert.deepEqual(problems(w), []);
      } finally {
        await ctx.close();
      }
    });
  }
});
