// The expected finish of an open dossier (issue 11) in headless Chromium:
// a citizen's dossier at step 2 of a ward of this file's own slot shows
// either the honest "no estimate yet" (no dossier of the procedure has
// gone from that step to a result there) or, once two dossiers have gone
// from step 2 to a result through the API, "expected by <date>, 9 in 10
// by <date>" counting them, in Vietnamese and, through the page's
// language switch, in English; the officer's page of the same dossier
// shows it too. The history read is only this ward's (summary rows of
// stats_remain, compared before and after).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  BASE_URL, PROC, Visitor, WARD_SLOTS, filePart, launchBrowser, minimalPdf, newCitizen, newOfficer, newToken, q,
  randomWard, request, sqlValue, toFormData, uniq, until, watch,
} from './lib.mjs';

const bearer = (t) => ({ authorization: `Bearer ${t}` });
const WHEN = /^\d\d\/\d\d\/\d{4} \d\d:\d\d$/;

async function act(token, code, body) {
  const a = await request(`/api/v1/dossiers/${encodeURIComponent(code)}/transitions`, {
    method: 'POST', headers: { ...bearer(token), 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  assert.equal(a.status, 200, `${body.action}: ${a.status} ${a.text.slice(0, 300)}`);
}

describe('the expected finish of a dossier', { concurrency: false, timeout: 300_000 }, () => {
  const tag = uniq();
  let browser, ward, wardId, pid, citizen, recv, cToken, rToken, lToken;
  const codes = [];
  /** The dossiers of the history: gone from step 2 to a result here. */
  const history = () => Number(sqlValue(`SELECT COALESCE(SUM(n), 0) FROM stats_remain
    WHERE procedure_id = ${pid} AND agency_id = ${wardId} AND seq = 2`));

  before(async () => {
    ward = randomWard(WARD_SLOTS.expect);
    wardId = Number(sqlValue(`SELECT id FROM agencies WHERE code = ${q(ward)}`));
    pid = Number(sqlValue(`SELECT id FROM procedures WHERE code = ${q(PROC)}`));
    citizen = await newCitizen({ name: `Dự Kiến ${tag}` });
    recv = await newOfficer('receiver', ward);
    const leader = await newOfficer('leader', ward);
    [cToken, rToken, lToken] = await Promise.all([citizen, recv, leader].map((x) => newToken(x.email)));
    for (let i = 0; i < 3; i++) {
      const a = await request('/api/v1/dossiers', {
        method: 'POST', headers: bearer(cToken), body: toFormData({
          procedure: PROC, agency: ward, fields: JSON.stringify({ content: `Dự kiến ${i} ${tag}` }),
          file: filePart(minimalPdf(`${i} ${tag}`), `${i}.pdf`),
        }),
      });
      assert.equal(a.status, 201, a.text);
      codes.push(a.json().code);
      await act(rToken, codes[i], { action: 'accept' });
      await act(rToken, codes[i], { action: 'forward' });
    }
    browser = await launchBrowser();
  });

  after(async () => {
    if (browser) await browser.close();
    await act(lToken, codes[2], { action: 'stop', note: 'dọn dẹp sau kiểm thử' }).catch(() => {});
  });

  test('the citizen\'s dossier page says when to expect the result, honestly', async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 900 } });
    const page = await ctx.newPage();
    const w = watch(page);
    try {
      await page.goto(`${BASE_URL}/dich-vu/dang-nhap`);
      await page.locator('#login').fill(citizen.email);
      await page.locator('#password').fill(citizen.password);
      await Promise.all([page.waitForURL((u) => !u.pathname.endsWith('/dang-nhap')),
        page.locator('form.form button[type=submit]').click()]);
      const mine = `${BASE_URL}/dich-vu/ho-so/${encodeURIComponent(codes[2])}`;
      await page.goto(mine);
      const expected = page.locator('#expected');
      const n0 = history();
      if (n0 === 0) {
        assert.equal(await expected.getAttribute('data-state'), 'none');
        assert.match(await expected.innerText(), /^Chưa thể dự kiến: chưa có hồ sơ nào/);
      }
      // Two dossiers go from step 2 to a result: the history grows by two.
      await act(lToken, codes[0], { action: 'decide' });
      await act(lToken, codes[1], { action: 'decide' });
      assert.equal(history(), n0 + 2, 'the summary counts both');
      await until(async () => {
        await page.goto(mine);
        return await expected.getAttribute('data-state') === 'ok';
      }, { timeout: 60_000, every: 500, what: 'an estimate on the page' });
      const median = (await expected.locator('[data-expect="median"]').innerText()).trim();
      const p90 = (await expected.locator('[data-expect="p90"]').innerText()).trim();
      assert.match(median, WHEN);
      assert.match(p90, WHEN);
      const text = await expected.innerText();
      assert.ok(text.startsWith(`Dự kiến trước ${median}, 9 trên 10 hồ sơ trước ${p90}`), text);
      assert.ok(Number(await expected.locator('[data-expect="n"]').innerText()) >= n0 + 2, 'counts the history');
      const ymd = (s) => s.replace(/^(\d\d)\/(\d\d)\/(\d{4}) (.*)$/, '$3-$2-$1 $4');
      assert.ok(ymd(median) <= ymd(p90), 'half come no later than nine in ten');
      await page.locator('dl.facts').screenshot({ path: 'tests/e2e/output/expect-390.png' });
      // In English through the page's language switch.
      await Promise.all([page.waitForURL(/lang=en/), page.locator('a.lang-switch').click()]);
      const en = await expected.innerText();
      assert.match(en, /^Expected by \d{1,2} \w{3} \d{4}, \d\d:\d\d, 9 in 10 by \d{1,2} \w{3} \d{4}, \d\d:\d\d/, en);
      assert.match(await expected.innerText(), /past dossiers of this procedure .* in working time\.$/);
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.locator('dl.facts').screenshot({ path: 'tests/e2e/output/expect-1280.png' });
      assert.deepEqual(w.problems(), []);
    } finally {
      await ctx.close();
    }
    // The officer's page of the dossier says the same.
    const v = new Visitor();
    await v.login(recv.email, recv.password);
    const html = (await v.get(`/can-bo/ho-so/${encodeURIComponent(codes[2])}`)).text;
    assert.match(html, /<dd id="expected" data-state="ok">Dự kiến trước <strong data-expect="median">/);
  });
});
