// Multi-level evaluation management (issue 10): an evaluation manager held
// at a ward (not the city) manages that ward's rating devices and sees its
// evaluation reports through the pages in Chromium; the sibling ward's
// devices page, reports and devices are refused (403 / 404), and the
// sibling's device stays as it was.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';

import {
  BASE_URL, WARD_SLOTS, randomWard, uniq, newOfficer, sqlValue, q, launchBrowser, watch, Visitor, csrfOf,
} from './lib.mjs';

describe('evaluation managed per agency: a ward\'s evaluator, never the sibling\'s (issue 10)', { concurrency: false, timeout: 180_000 }, () => {
  const tag = uniq();
  let browser, wardA, wardB, idA, idB, evalA, evalB;

  before(async () => {
    wardA = randomWard(WARD_SLOTS.eval);
    do wardB = randomWard(WARD_SLOTS.eval); while (wardB === wardA);
    idA = Number(sqlValue(`SELECT id FROM agencies WHERE code = ${q(wardA)}`));
    idB = Number(sqlValue(`SELECT id FROM agencies WHERE code = ${q(wardB)}`));
    [evalA, evalB] = await Promise.all([newOfficer('evaluator', wardA, `Quản Lý ĐG A ${tag}`),
      newOfficer('evaluator', wardB, `Quản Lý ĐG B ${tag}`)]);
    browser = await launchBrowser();
  });

  after(async () => {
    if (browser) await browser.close();
  });

  test('the ward\'s evaluator registers a kiosk and sees the reports of the ward; the sibling\'s are refused', async () => {
    // The sibling ward's evaluator registers a kiosk of theirs.
    const b = new Visitor();
    await b.login(evalB.email, evalB.password);
    const formB = await b.get('/can-bo/danh-gia/thiet-bi');
    assert.equal(formB.status, 200);
    const addB = await b.postForm('/can-bo/danh-gia/thiet-bi', { csrf: csrfOf(formB.text), kind: 'kiosk', name: `Ki-ốt B ${tag}` });
    assert.equal(addB.status, 200);
    const devB = Number(sqlValue(`SELECT id FROM eval_devices WHERE name = ${q(`Ki-ốt B ${tag}`)}`));
    assert.equal(Number(sqlValue(`SELECT agency_id FROM eval_devices WHERE id = ${devB}`)), idB);

    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    const w = watch(page);
    await page.goto(`${BASE_URL}/dich-vu/dang-nhap`);
    await page.locator('#login').fill(evalA.email);
    await page.locator('#password').fill(evalA.password);
    await Promise.all([page.waitForNavigation(), page.locator('form.form button[type=submit]').click()]);
    // Its ward's devices: a kiosk registered through the form.
    await page.goto(`${BASE_URL}/can-bo/danh-gia/thiet-bi`);
    await page.locator('#device-add input[name=kind][value=kiosk]').check();
    await page.locator('#name').fill(`Ki-ốt A ${tag}`);
    await Promise.all([page.waitForLoadState('domcontentloaded'), page.locator('#device-add button[type=submit]').click()]);
    assert.match((await page.locator('#pair-code-value').innerText()).trim(), /^\d{8}$/);
    const rows = page.locator('#devices tbody tr');
    assert.equal(await rows.filter({ hasText: `Ki-ốt A ${tag}` }).count(), 1);
    assert.equal(await rows.filter({ hasText: `Ki-ốt B ${tag}` }).count(), 0, 'not the sibling\'s');
    assert.equal(Number(sqlValue(`SELECT agency_id FROM eval_devices WHERE name = ${q(`Ki-ốt A ${tag}`)}`)), idA);
    // Its ward's reports: the manager's view (the ward and those under it).
    let resp = await page.goto(`${BASE_URL}/can-bo/danh-gia/diem`);
    assert.equal(resp.status(), 200);
    assert.match(await page.locator('p.lead').innerText(), /của cơ quan và các đơn vị trực thuộc/);
    assert.match(await page.locator('#scores-csv').getAttribute('href'), new RegExp(`agency=${idA}&`));
    w.clear();
    // The sibling's devices and reports: 403; its device: not found, kept.
    resp = await page.goto(`${BASE_URL}/can-bo/danh-gia/thiet-bi?agency=${idB}`);
    assert.equal(resp.status(), 403);
    resp = await page.goto(`${BASE_URL}/can-bo/danh-gia/diem?agency=${idB}`);
    assert.equal(resp.status(), 403);
    resp = await page.goto(`${BASE_URL}/can-bo/danh-gia/diem.csv?agency=${idB}`);
    assert.equal(resp.status(), 403);
    await page.goto(`${BASE_URL}/can-bo/danh-gia/thiet-bi`);
    const csrf = await page.locator('#device-add input[name=csrf]').inputValue();
    const revoke = await page.request.post(`${BASE_URL}/can-bo/danh-gia/thiet-bi/${devB}/thu-hoi`, {
      form: { csrf }, headers: { origin: BASE_URL },
    });
    assert.equal(revoke.status(), 404);
    assert.equal(sqlValue(`SELECT revoked_at IS NULL FROM eval_devices WHERE id = ${devB}`), '1', 'the sibling\'s kiosk stays');
    assert.ok(w.problems().every((p) => /40[34]/.test(p)), w.problems().join('\n'));
    await ctx.close();
  });
});
