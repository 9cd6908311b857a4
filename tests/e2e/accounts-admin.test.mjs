// Account management in the back office (issue 9): an agency's
// administrator creates an officer in their ward through the page (asked
// for their password again, which they type), the new officer logs in and
// sees the inbox; an administrator of a sibling ward can neither find nor
// disable that officer (403); disabling the account from the page ends the
// officer's session at once; every change is in the audit log.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import {
  BASE_URL, Visitor, WARD_SLOTS, csrfOf, launchBrowser, newOfficer, q, randomWard, signIn, sql, sqlValue, uniq, watch,
} from './lib.mjs';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'output');


describe('account management in the back office', { concurrency: false, timeout: 240_000 }, () => {
  const tag = uniq();
  const officer = { email: `e2e-new-${tag}@motcua.test`, name: `Cán Bộ Mới ${tag}`, password: `Sao Mai ${tag} 77` };
  let browser, ward, wardId, admin, sibling;

  before(async () => {
    mkdirSync(OUT, { recursive: true });
    ward = randomWard(WARD_SLOTS.other);
    let other = randomWard(WARD_SLOTS.other);
    for (let i = 0; other === ward && i < 20; i++) other = randomWard(WARD_SLOTS.other);
    assert.notEqual(other, ward);
    wardId = sqlValue(`SELECT id FROM agencies WHERE code = ${q(ward)}`);
    admin = await newOfficer('admin', ward, `Quản Trị Phường ${tag}`);
    sibling = await newOfficer('admin', other, `Quản Trị Bên Cạnh ${tag}`);
    browser = await launchBrowser();
  });

  after(async () => { if (browser) await browser.close(); });

  test('the ward admin creates an officer (password asked again); the officer sees the inbox; a sibling gets 403; disabling ends the session', async () => {
    const page = await signIn(browser, admin.email, admin.password, 390);
    const w = watch(page);
    await page.goto(`${BASE_URL}/can-bo/quan-tri/tai-khoan`);
    await page.locator('#new-email').fill(officer.email);
    await page.locator('#new-name').fill(officer.name);
    await page.locator('#new-password').fill(officer.password);
    await page.locator('#new-role').selectOption('receiver');
    await page.locator('#new-agency').selectOption(wardId);
    await page.screenshot({ path: path.join(OUT, 'accounts-new-390.png'), fullPage: true });
    await Promise.all([page.waitForNavigation(), page.locator('#account-new button[type=submit]').click()]);

    // A role given: the admin's password first (a wrong one refused).
    await page.locator('#reauth-password').fill('not my password');
    await Promise.all([page.waitForNavigation(), page.locator('#reauth button[type=submit]').click()]);
    assert.match(await page.locator('#reauth-error').innerText(), /không đúng/);
    w.clear(); // the 422 of the wrong password is what the page should answer
    await page.locator('#reauth-password').fill(admin.password);
    await Promise.all([page.waitForNavigation(), page.locator('#reauth button[type=submit]').click()]);
    assert.match(page.url(), /ok=2/);
    assert.match(await page.locator('#account-roles').innerText(), /Cán bộ tiếp nhận/);
    const id = sqlValue(`SELECT id FROM accounts WHERE email = ${q(officer.email)}`);
    assert.equal(sqlValue(`SELECT id_verified OR id_number IS NULL FROM accounts WHERE id = ${id}`), '1');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: path.join(OUT, 'accounts-created-1280.png'), fullPage: true });

    // The new officer logs in and sees the inbox.
    const off = await signIn(browser, officer.email, officer.password);
    await off.goto(`${BASE_URL}/can-bo/`);
    assert.match(await off.locator('h1').innerText(), /Hồ sơ cần xử lý/);

    // An administrator of a sibling ward: not found, and 403 on a change.
    const sib = new Visitor();
    await sib.login(sibling.email, sibling.password);
    const found = await sib.get(`/can-bo/quan-tri/tai-khoan?email=${encodeURIComponent(officer.email)}`);
    assert.match(found.text, /id="account-none"/);
    const csrf = csrfOf(found.text);
    const dis = await sib.postForm(`/can-bo/quan-tri/tai-khoan/${id}/khoa`, { csrf });
    assert.equal(dis.status, 403, 'a sibling ward\'s admin may not disable the officer');
    const grant = await sib.postForm(`/can-bo/quan-tri/tai-khoan/${id}/vai-tro`, { csrf, role: 'leader', agency: wardId });
    assert.equal(grant.status, 403, 'nor give them a role in the ward');

    // The ward admin disables the account (re-authenticated just now).
    await Promise.all([page.waitForNavigation(), page.locator('#account-disable button[type=submit]').click()]);
    assert.match(page.url(), /ok=5/);
    await off.goto(`${BASE_URL}/can-bo/`);
    assert.match(off.url(), /\/dich-vu\/dang-nhap/, 'the officer\'s session ended at once');
    assert.deepEqual(w.problems(), []);

    const n = (ev) => sqlValue(`SELECT COUNT(*) FROM audit_log WHERE account_id = ${id} AND event = '${ev}'`);
    assert.equal(n('account_create'), '1');
    assert.equal(n('role_grant'), '1');
    assert.equal(n('account_disable'), '1');
    await off.context().close();
    await page.context().close();
  });

  test('the ward admin withdraws a role on the page; the officer loses access; the audit page shows it', async () => {
    const rec = await newOfficer('receiver', ward, `Tiếp Nhận Thu Hồi ${tag}`);
    const wardName = sqlValue(`SELECT name FROM agencies WHERE id = ${wardId}`);
    const off = await signIn(browser, rec.email, rec.password);
    await off.goto(`${BASE_URL}/can-bo/`);
    assert.match(await off.locator('h1').innerText(), /Hồ sơ cần xử lý/, 'a receiver before');

    const page = await signIn(browser, admin.email, admin.password);
    const w = watch(page);
    await page.goto(`${BASE_URL}/can-bo/quan-tri/tai-khoan?email=${encodeURIComponent(rec.email)}`);
    const role = page.locator('#account-roles li', { hasText: 'Cán bộ tiếp nhận' });
    await Promise.all([page.waitForNavigation(), role.locator('button[type=submit]').click()]);
    await page.locator('#reauth-password').fill(admin.password); // a new session: asked again
    await Promise.all([page.waitForNavigation(), page.locator('#reauth button[type=submit]').click()]);
    assert.match(page.url(), /ok=4/);
    assert.match(await page.locator('.flash').first().innerText(), /Đã thu hồi vai trò/);
    assert.equal(await page.locator('#account-roles li').count(), 0, 'no role left on the page');

    const back = await off.goto(`${BASE_URL}/can-bo/`);
    assert.equal(back.status(), 403, 'the officer no longer enters the back office');

    await page.goto(`${BASE_URL}/can-bo/quan-tri/nhat-ky?event=role_revoke&account=${encodeURIComponent(rec.email)}`);
    const rows = page.locator('#audit-entries tbody tr');
    assert.equal(await rows.count(), 1, 'the one withdrawal');
    const text = await rows.first().innerText();
    assert.match(text, /Thu hồi vai trò/);
    assert.ok(text.includes(admin.email) && text.includes(rec.email), 'by whom, from whom');
    assert.ok(text.includes(wardName), 'where');
    assert.deepEqual(w.problems(), []);
    await off.context().close();
    await page.context().close();
  });

  test('an administrator of two wards picks which one the accounts page shows', async () => {
    sql(`INSERT IGNORE INTO account_roles (account_id, role, agency_id) VALUES (${sibling.id}, 'admin', ${wardId})`);
    try {
      const page = await signIn(browser, sibling.email, sibling.password, 1280);
      const w = watch(page);
      await page.goto(`${BASE_URL}/can-bo/quan-tri/tai-khoan`);
      const picker = page.locator('#admin-scope select#noi');
      assert.equal(await picker.locator('option').count(), 2, 'both wards offered');
      const holders = () => page.locator('#holders').innerText();
      const first = await picker.inputValue();
      await picker.selectOption(String(first) === String(wardId) ? { index: 1 } : wardId);
      await Promise.all([page.waitForNavigation(), page.locator('#admin-scope button[type=submit]').click()]);
      const shown = await picker.inputValue();
      assert.ok(new URL(page.url()).searchParams.get('noi'), 'the pick is in the address');
      if (String(shown) === String(wardId)) assert.match(await holders(), new RegExp(`Quản Trị Phường ${tag}`));
      else assert.doesNotMatch(await holders(), new RegExp(`Quản Trị Phường ${tag}`));
      // The other one, explicitly: the ward's own administrator is listed there.
      await page.goto(`${BASE_URL}/can-bo/quan-tri/tai-khoan?noi=${wardId}`);
      assert.equal(await picker.inputValue(), String(wardId));
      assert.match(await holders(), new RegExp(`Quản Trị Phường ${tag}`));
      await page.screenshot({ path: path.join(OUT, 'accounts-scope-1280.png'), fullPage: false });
      // Not one of theirs: their first ward, not the city.
      const a = await page.goto(`${BASE_URL}/can-bo/quan-tri/tai-khoan?noi=1`);
      assert.equal(a.status(), 200);
      assert.notEqual(await picker.inputValue(), '1');
      assert.deepEqual(w.problems(), []);
      await page.context().close();
    } finally {
      sql(`DELETE FROM account_roles WHERE account_id = ${sibling.id} AND role = 'admin' AND agency_id = ${wardId}`);
    }
  });
});
