// The dashboards (issue 11) in headless Chromium: a ward leader keeps the
// dashboard open while a dossier is filed at the ward and then refused
// through the dossier page; the figures of the ward change in place (the
// page's script reloads them, the page itself is not reloaded); the leader
// sees only the ward; an officer sees their own queue and no leader's
// figures; 390 px and 1280 px screenshots; the charts' numbers as tables.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import {
  BASE_URL, PROC, WARD_SLOTS, assertAxe, filePart, launchBrowser, minimalPdf, newCitizen, newOfficer,
  newToken, q, randomWard, request, signIn, sql, sqlValue, toFormData, uniq, until, watch,
  awayFromMidnight,
} from './lib.mjs';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'output');
const bearer = (t) => ({ authorization: `Bearer ${t}` });

async function act(token, code, body) {
  const a = await request(`/api/v1/dossiers/${encodeURIComponent(code)}/transitions`, {
    method: 'POST', headers: { ...bearer(token), 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  assert.equal(a.status, 200, `${body.action}: ${a.status} ${a.text.slice(0, 300)}`);
}

// Today's figures are read after today's filings: not across midnight.
await awayFromMidnight();

describe('the dashboards', { concurrency: false, timeout: 300_000 }, () => {
  const tag = uniq();
  let browser, ward, wardId, otherId, leader, recv, citizen, cToken, code;

  before(async () => {
    mkdirSync(OUT, { recursive: true });
    ward = randomWard(WARD_SLOTS.dashboard);
    wardId = Number(sqlValue(`SELECT id FROM agencies WHERE code = ${q(ward)}`));
    let other;
    do other = randomWard(WARD_SLOTS.other); while (other === ward);
    otherId = Number(sqlValue(`SELECT id FROM agencies WHERE code = ${q(other)}`));
    citizen = await newCitizen({ name: `Bảng Điều Khiển ${tag}` });
    recv = await newOfficer('receiver', ward, `Tiếp Nhận ${tag}`);
    leader = await newOfficer('leader', ward, `Lãnh Đạo ${tag}`);
    cToken = await newToken(citizen.email);
    browser = await launchBrowser();
  });

  const late = [];
  after(async () => {
    if (browser) await browser.close();
    const lToken = await newToken(leader.email);
    for (const c of late) await act(lToken, c, { action: 'stop', note: 'dọn dẹp sau kiểm thử' }).catch(() => {});
  });

  /** A dossier filed online at the ward, accepted and forwarded to step 2. */
  async function atStep2(rToken, what) {
    const a = await request('/api/v1/dossiers', {
      method: 'POST', headers: bearer(cToken), body: toFormData({
        procedure: PROC, agency: ward, fields: JSON.stringify({ content: `${what} ${tag}` }),
        file: filePart(minimalPdf(`${what} ${tag}`), 'f.pdf'),
      }),
    });
    assert.equal(a.status, 201, a.text);
    const c = a.json().code;
    await act(rToken, c, { action: 'accept' });
    await act(rToken, c, { action: 'forward' });
    return c;
  }

  /** The figure of the ward's line in a column (0 when it has no line). */
  async function cell(page, col) {
    const c = page.locator(`#dash-agencies tr[data-agency="${wardId}"] td[data-col="${col}"]`);
    return (await c.count()) ? Number((await c.innerText()).replace(/\D/g, '')) : 0;
  }
  const tile = async (page, id) => Number((await page.locator(`#${id}`).innerText()).replace(/\D/g, ''));

  test('a leader watches the figures change as a dossier is filed and refused through the page', async () => {
    const page = await signIn(browser, leader.email, leader.password, 1280);
    const w = watch(page);
    try {
      // From the inbox's link; another ward asked for gives the leader's own.
      await Promise.all([page.waitForURL(/bang-dieu-khien/), page.locator('#link-dashboard').click()]);
      await page.goto(`${BASE_URL}/can-bo/bang-dieu-khien?agency=${otherId}&refresh=5`);
      assert.match(await page.locator('h1').innerText(), /Bảng điều khiển/);
      const html = await page.content();
      assert.match(html, /<noscript><meta http-equiv="refresh" content="5"><\/noscript>/, 'a refresh without JavaScript');
      const before0 = { today: await tile(page, 't-today-received'), month: await tile(page, 't-month-received'),
        received: await cell(page, 'today_received'), open: await cell(page, 'open'),
        trend: Number(await page.locator(`#dash-trend-table tr[data-day] >> nth=-1 >> td[data-col="received"]`).innerText()) };
      assert.equal(await page.locator('#dash-trend-table tbody tr').count(), 30, 'the trend has 30 days in its table');
      await page.evaluate(() => { window.dashMark = 1; });

      // A dossier filed online at the ward.
      const a = await request('/api/v1/dossiers', {
        method: 'POST', headers: bearer(cToken), body: toFormData({
          procedure: PROC, agency: ward, fields: JSON.stringify({ content: `Bảng điều khiển ${tag}` }),
          file: filePart(minimalPdf(`dash ${tag}`), 'dash.pdf'),
        }),
      });
      assert.equal(a.status, 201, a.text);
      code = a.json().code;
      await until(async () => await cell(page, 'today_received') === before0.received + 1 &&
        await cell(page, 'open') === before0.open + 1,
      { timeout: 60_000, every: 500, what: 'the ward\'s line counts the new dossier' });
      assert.equal(await tile(page, 't-today-received'), before0.today + 1, 'today\'s tile counts it');
      assert.equal(await tile(page, 't-month-received'), before0.month + 1, 'the month\'s tile counts it');
      assert.equal(Number(await page.locator(`#dash-trend-table tr[data-day] >> nth=-1 >> td[data-col="received"]`).innerText()),
        before0.trend + 1, 'today\'s bar in the trend\'s table counts it');
      assert.equal(await page.evaluate(() => window.dashMark), 1, 'the figures changed without reloading the page');
      // Scope: only the ward's line.
      const ids = await page.locator('#dash-agencies tbody tr').evaluateAll((rs) => rs.map((r) => r.dataset.agency));
      assert.deepEqual([...new Set(ids)], [String(wardId)], 'the ward leader sees the ward only');
      await page.screenshot({ path: path.join(OUT, 'dashboard-1280.png'), fullPage: true });

      // The receiver refuses it through the dossier page: open goes back.
      const rp = await signIn(browser, recv.email, recv.password, 1280);
      try {
        await rp.goto(`${BASE_URL}/can-bo/ho-so/${encodeURIComponent(code)}`);
        const details = rp.locator('section.actions details', { has: rp.locator('input[name=action][value="refuse"]') });
        if (!(await details.evaluate((d) => d.open))) await details.locator('summary').click();
        const form = details.locator('form');
        for (const sel of await form.locator('select[name=reason]').all()) await sel.selectOption({ index: 1 });
        if (await form.locator('textarea[name=note]').count()) await form.locator('textarea[name=note]').fill(`Từ chối ${tag}`);
        await Promise.all([rp.waitForURL(/\?ok=1$/), form.locator('button[type=submit]').click()]);
        // The receiver's own dashboard: their queue, no leader's figures.
        await rp.goto(`${BASE_URL}/can-bo/bang-dieu-khien`);
        assert.equal(await rp.locator('#dash-me').count(), 1, 'the officer sees their own queue');
        assert.equal(await rp.locator('#dash-agencies, #t-today-received').count(), 0, 'and no leader\'s figures');
        for (const id of ['me-intime', 'me-soon', 'me-overdue', 'me-steps']) {
          assert.match(await rp.locator(`#${id}`).innerText(), /^\d+$/, `${id} is a number`);
        }
      } finally {
        await rp.context().close();
      }
      await until(async () => await cell(page, 'open') === before0.open,
        { timeout: 60_000, every: 500, what: 'the refused dossier leaves the open count' });
      assert.equal(await cell(page, 'today_received'), before0.received + 1, 'it still counts as received today');
      assert.equal(await page.evaluate(() => window.dashMark), 1, 'still the same page');
      assert.deepEqual(w.problems().filter((p) => !/logo\.svg/.test(p)), []);
    } finally {
      await page.context().close();
    }
  });

  test('a phone shows the dashboard; the page passes axe; charts have their tables', async () => {
    // axe is injected as a script, which the CSP forbids: bypassed here only.
    const ctx = await browser.newContext({ viewport: { width: 390, height: 800 }, bypassCSP: true });
    const page = await ctx.newPage();
    try {
      await page.goto(`${BASE_URL}/dich-vu/dang-nhap`);
      await page.locator('#login').fill(leader.email);
      await page.locator('#password').fill(leader.password);
      await Promise.all([page.waitForNavigation(), page.locator('form.form button[type=submit]').click()]);
      await page.goto(`${BASE_URL}/can-bo/bang-dieu-khien?agency=${wardId}`);
      await page.screenshot({ path: path.join(OUT, 'dashboard-390.png'), fullPage: true });
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(wide <= 390, `no sideways scrolling on a phone (${wide} px)`);
      assert.equal(await page.locator('svg.trend[aria-hidden="true"]').count(), 1, 'the trend chart is drawn');
      assert.ok(await page.locator('#dash-trend-table caption').count(), 'its numbers are a table');
      await page.goto(`${BASE_URL}/can-bo/bang-dieu-khien?agency=${wardId}&lang=en`);
      assert.match(await page.locator('h1').innerText(), /Dashboard/);
      await assertAxe(page, 'the dashboard');
    } finally {
      await ctx.close();
    }
  });

  test('a rating given on the dossier page moves this month\'s satisfaction of the ward', async (t) => {
    const spec = await newOfficer('specialist', ward, `Chuyên Viên ${tag}`);
    const [rToken, sToken, lToken] = await Promise.all([recv, spec, leader].map((x) => newToken(x.email)));
    // A dossier of the citizen at the ward, taken to "returned".
    const c = await atStep2(rToken, 'Hài lòng');
    await act(sToken, c, { action: 'forward' });
    await act(lToken, c, { action: 'approve' });
    await act(rToken, c, { action: 'return', method: 1 });
    const month = () => sqlValue("SELECT DATE_FORMAT(NOW(), '%Y-%m')");
    const m0 = month();
    /** The ward's satisfaction tile: its per cent (null: none yet) and its ratings. */
    const sat = async (page) => {
      const pct = (await page.locator('#t-sat').innerText()).trim();
      const n = (await page.locator('#t-sat + .tile-l').innerText()).replace(/\D/g, '');
      return { pct: /\d/.test(pct) ? Number(pct.replace(/[^\d,.]/g, '').replace(',', '.')) : null, n: Number(n) };
    };
    const page = await signIn(browser, leader.email, leader.password, 1280);
    const cp = await signIn(browser, citizen.email, citizen.password, 1280);
    const w = watch(page);
    try {
      await page.goto(`${BASE_URL}/can-bo/bang-dieu-khien?agency=${wardId}&refresh=5`);
      const before1 = await sat(page);
      const satisfied0 = before1.n ? Math.round((before1.pct * before1.n) / 100) : 0;
      // The citizen rates on the dossier page: satisfied overall.
      await cp.goto(`${BASE_URL}/dich-vu/ho-so/${encodeURIComponent(c)}`);
      const form = cp.locator('section#danh-gia form.eval-form');
      for (const a of ['a1', 'a2', 'a3', 'a4']) await form.locator(`input[type=radio][name="${a}"][value="1"]`).check();
      await Promise.all([cp.waitForURL(/\?danh-gia=1(#|$)/), form.locator('button[type=submit]').click()]);
      assert.equal(await cp.locator('#eval-answers').count(), 1, 'the citizen sees the rating given');
      // The leader's figures change in place: one rating more, one more satisfied.
      await until(async () => (await sat(page)).n === before1.n + 1,
        { timeout: 60_000, every: 500, what: 'the ward\'s satisfaction counts the rating' });
      if (month() !== m0) return t.skip('the month turned meanwhile');
      const after1 = await sat(page);
      const want = (100 * (satisfied0 + 1)) / (before1.n + 1);
      assert.ok(Math.abs(after1.pct - want) < 0.06, `satisfied ${after1.pct} %, expected ${want.toFixed(1)} %`);
      assert.deepEqual(w.problems().filter((p) => !/logo\.svg/.test(p)), []);
    } finally {
      await page.context().close();
      await cp.context().close();
    }
  });

  test('the satisfaction per cent has a decimal comma in Vietnamese and a decimal point in English', async (t) => {
    const month = () => sqlValue("SELECT DATE_FORMAT(NOW(), '%Y-%m')");
    const m0 = month();
    const rated = Number(sqlValue(`SELECT COUNT(*) FROM eval_ratings
      WHERE agency_id = ${wardId} AND created_at >= DATE_FORMAT(NOW(), '%Y-%m-01')`));
    if (rated === 0) return t.skip('no rating at the ward this month: the month turned since the test before gave one');
    const page = await signIn(browser, leader.email, leader.password, 1280);
    const w = watch(page);
    try {
      const tile = async (lang) => {
        await page.goto(`${BASE_URL}/can-bo/bang-dieu-khien?agency=${wardId}&lang=${lang}`);
        return { pct: (await page.locator('#t-sat').innerText()).trim(), label: await page.locator('#t-sat + .tile-l').innerText() };
      };
      const vi = await tile('vi');
      const en = await tile('en');
      if (month() !== m0) return t.skip('the month turned meanwhile');
      assert.match(vi.pct, /^\d{1,3},\d %$/, `Vietnamese: ${vi.pct}`);
      assert.match(en.pct, /^\d{1,3}\.\d %$/, `English: ${en.pct}`);
      assert.match(vi.label, /hài lòng/i);
      assert.match(en.label, /satisf/i);
      if (vi.label.replace(/\D/g, '') === en.label.replace(/\D/g, '')) {
        assert.equal(en.pct, vi.pct.replace(',', '.'), 'the same figure in both languages');
      }
      assert.deepEqual(w.problems().filter((p) => !/logo\.svg/.test(p)), []);
    } finally {
      await page.context().close();
    }
  });

  test('the leader\'s list says early which dossier will be late, naming the slow step', async () => {
    const [rToken, lToken] = await Promise.all([recv, leader].map((x) => newToken(x.email)));
    // A history at the ward: two dossiers decided right after step 2 began
    // (in the same second too: counted, 0 minutes).
    const pid = Number(sqlValue(`SELECT id FROM procedures WHERE code = ${q(PROC)}`));
    const history = () => Number(sqlValue(`SELECT COALESCE(SUM(n), 0) FROM stats_remain
      WHERE procedure_id = ${pid} AND agency_id = ${wardId} AND seq = 2`));
    const n0 = history();
    for (const i of [1, 2]) {
      const c = await atStep2(rToken, `Lịch sử ${i}`);
      await act(lToken, c, { action: 'decide' });
    }
    assert.equal(history(), n0 + 2, 'both are in the history of step 2');
    // A third at step 2 whose legal due time (a fixture: ten minutes from
    // now) comes before the history's expectation (an hour of work).
    const c = await atStep2(rToken, 'Dự kiến trễ');
    late.push(c);
    sql(`UPDATE dossiers SET due_at = NOW() + INTERVAL 10 MINUTE WHERE code = ${q(c)}`);
    const page = await signIn(browser, leader.email, leader.password, 1280);
    const w = watch(page);
    try {
      await page.goto(`${BASE_URL}/can-bo/lanh-dao?agency=${wardId}`);
      const row = page.locator(`#risk tr[data-code="${c}"]`);
      assert.equal(await row.count(), 1, 'the dossier is on the list of those expected late');
      const step = await row.locator('.risk-step').innerText();
      const wardName = sqlValue(`SELECT name FROM agencies WHERE id = ${wardId}`);
      const stepName = sqlValue(`SELECT s.name FROM dossier_steps s JOIN dossiers d ON d.id = s.dossier_id
        WHERE d.code = ${q(c)} AND s.seq = 2`);
      assert.ok(step.includes('2') && step.includes(wardName), `the slow step and its agency: ${step}`);
      assert.ok(stepName.length > 0);
      assert.match(await row.locator('.risk-expected').innerText(), /\d\d\/\d\d\/\d{4} \d\d:\d\d/, 'when it is expected');
      // Early: it is not on the overdue list yet.
      assert.equal(await page.locator(`a[href="/can-bo/ho-so/${c}"]`).count(), 1, 'listed once, not as overdue');
      await row.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(OUT, 'leader-risk-1280.png') });
      await page.setViewportSize({ width: 390, height: 900 });
      await row.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(OUT, 'leader-risk-390.png') });
      assert.deepEqual(w.problems().filter((p) => !/logo\.svg/.test(p)), []);
    } finally {
      await page.context().close();
    }
  });
});
