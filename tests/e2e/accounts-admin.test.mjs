// Account management in the back office (issue 9): an agency's
// administrator creates an officer in their ward through the page (asked
// for their password again, which they type), the new officer logs in and
// sees the inbox; an administrator of a sibling ward can neither find nor
// disable that officer (403); disabling the account from the page ends the
// officer's session at once; every change is in the audit log. A webmaster
// made on the same page edits and publishes the portal's content and is
// refused the accounts, the workflows and the dossiers (403). The working
// calendar is the city's: its administrator changes a day and fills a
// year's holidays through the page (and is labelled "city administrator");
// a ward's administrator sees it without the forms and a POST of theirs,
// with a valid form token, answers 403 and changes nothing.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import {
  BASE_URL, PROC, Visitor, WARD_SLOTS, csrfOf, filePart, launchBrowser, minimalPdf, newCitizen, newOfficer, newToken, q,
  randomWard, request, signIn, sql, sqlValue, toFormData, uniq, watch,
} from './lib.mjs';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'output');


describe('account management in the back office', { concurrency: false, timeout: 240_000 }, () => {
  const tag = uniq();
  const officer = { email: `e2e-new-${tag}@motcua.test`, name: `Cán Bộ Mới ${tag}`, password: `Sao Mai ${tag} 77` };
  let browser, ward, wardId, admin, sibling, cityAdmin;

  before(async () => {
    mkdirSync(OUT, { recursive: true });
    ward = randomWard(WARD_SLOTS.other);
    let other = randomWard(WARD_SLOTS.other);
    for (let i = 0; other === ward && i < 20; i++) other = randomWard(WARD_SLOTS.other);
    assert.notEqual(other, ward);
    wardId = sqlValue(`SELECT id FROM agencies WHERE code = ${q(ward)}`);
    admin = await newOfficer('admin', ward, `Quản Trị Phường ${tag}`);
    sibling = await newOfficer('admin', other, `Quản Trị Bên Cạnh ${tag}`);
    cityAdmin = await newOfficer('admin', '000.00.00.H29', `Quản Trị Thành Phố ${tag}`);
    browser = await launchBrowser();
  });

  after(async () => { if (browser) await browser.close(); });

  /** A dossier filed in the ward through the API by a new citizen: its code. */
  async function wardDossier() {
    const c = await newCitizen();
    const a = await request('/api/v1/dossiers', {
      method: 'POST', headers: { authorization: `Bearer ${await newToken(c.email)}` },
      body: toFormData({ procedure: PROC, agency: ward, fields: JSON.stringify({ content: 'Đăng ký khai sinh' }),
        file: filePart(minimalPdf(`accounts ${uniq()}`), 'giay-to.pdf') }),
    });
    assert.equal(a.status, 201, `filing answers 201: ${a.text.slice(0, 300)}`);
    return a.json().code;
  }

  test('the ward admin makes a webmaster (password asked again); the webmaster edits and publishes a question, and is refused accounts, workflows and dossiers', async () => {
    const wm = { email: `e2e-wm-${tag}@motcua.test`, name: `Biên Tập Viên ${tag}`, password: `Trang Tin ${tag} 58` };
    const page = await signIn(browser, admin.email, admin.password);
    const w = watch(page);
    await page.goto(`${BASE_URL}/can-bo/quan-tri/tai-khoan`);
    await page.locator('#new-email').fill(wm.email);
    await page.locator('#new-name').fill(wm.name);
    await page.locator('#new-password').fill(wm.password);
    await page.locator('#new-role').selectOption('webmaster');
    await page.locator('#new-agency').selectOption(wardId);
    await Promise.all([page.waitForNavigation(), page.locator('#account-new button[type=submit]').click()]);
    await page.locator('#reauth-password').fill(admin.password); // a new session: asked again
    await Promise.all([page.waitForNavigation(), page.locator('#reauth button[type=submit]').click()]);
    assert.match(page.url(), /ok=2/);
    assert.match(await page.locator('#account-roles').innerText(), /Quản trị cổng thông tin/);
    const id = sqlValue(`SELECT id FROM accounts WHERE email = ${q(wm.email)}`);
    assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE account_id = ${id} AND event = 'role_grant'`), '1');
    assert.deepEqual(w.problems(), []);
    await page.context().close();

    // The webmaster logs in and lands on the site's pages; writes a question.
    const web = await signIn(browser, wm.email, wm.password);
    const ww = watch(web);
    assert.equal(new URL(web.url()).pathname, '/can-bo/quan-tri-trang/', 'a webmaster lands on the site\'s pages');
    const question = `Hỏi thử biên tập viên ${tag}?`;
    await web.goto(`${BASE_URL}/can-bo/quan-tri-trang/hoi-dap/moi`);
    await web.locator('#question').fill(question);
    await web.locator('#answer').fill('Trả lời của biên tập viên.');
    await web.locator('#published').check();
    await Promise.all([web.waitForURL(/\/hoi-dap\?ok=1$/), web.locator('button[value=save]').click()]);
    const faq = sqlValue(`SELECT id FROM faqs WHERE question = ${q(question)}`);
    assert.ok(faq, 'the question is saved');
    assert.equal(sqlValue(`SELECT CONCAT(published, ':', updated_by) FROM faqs WHERE id = ${faq}`), `1:${id}`);
    assert.match(await web.locator('main').innerText(), new RegExp(question.replace('?', '\\?')));
    // ... and asks for the public site's update.
    await web.goto(`${BASE_URL}/can-bo/quan-tri-trang/`);
    await Promise.all([web.waitForURL(/\/can-bo\/quan-tri-trang\/cap-nhat\/\d+$/),
      web.getByRole('button', { name: 'Cập nhật trang công khai' }).click()]);
    const build = web.url().match(/cap-nhat\/(\d+)$/)[1];
    assert.match(await web.locator('[role=status]').innerText(), /Đang chờ|Đang chạy|Xong/);
    assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE (actor_id = ${id} OR account_id = ${id}) AND event = 'config_change'
      AND subject REGEXP ${q(`^(faq ${faq} saved|site build ${build} (asked|joined)\\b.*)$`)}`), '2', 'both in the audit log');

    // Nothing else: not the accounts, the workflows, the inbox or a dossier of their own ward.
    const code = await wardDossier();
    for (const p of ['/can-bo/quan-tri/tai-khoan', '/can-bo/quan-tri/quy-trinh', '/can-bo/quan-tri/thu-tuc',
      '/can-bo/quan-tri/nhat-ky', '/can-bo/', `/can-bo/ho-so/${code}`]) {
      const a = await web.goto(`${BASE_URL}${p}`);
      assert.equal(a.status(), 403, `a webmaster is refused ${p}`);
    }
    ww.clear(); // the 403s just seen are the point
    const v = new Visitor();
    await v.login(wm.email, wm.password);
    const csrf = csrfOf((await v.get('/can-bo/quan-tri-trang/')).text);
    const made = `e2e-wm-made-${tag}@motcua.test`;
    const tries = [
      [`/can-bo/quan-tri/tai-khoan/moi`, { email: made, name: 'X', password: wm.password, role: 'admin', agency: wardId }],
      [`/can-bo/quan-tri/tai-khoan/${id}/vai-tro`, { role: 'admin', agency: wardId }],
      ['/can-bo/quan-tri/quy-trinh', { action: 'save' }],
      [`/can-bo/ho-so/${code}/xu-ly`, { action: 'accept' }],
    ];
    for (const [p, f] of tries) {
      assert.equal((await v.postForm(p, { csrf, ...f })).status, 403, `a webmaster may not POST ${p}`);
    }
    assert.equal(sqlValue(`SELECT COUNT(*) FROM accounts WHERE email = ${q(made)}`), '0');
    assert.equal(sqlValue(`SELECT GROUP_CONCAT(role) FROM account_roles WHERE account_id = ${id}`), 'webmaster');
    assert.equal(sqlValue(`SELECT status FROM dossiers WHERE code = ${q(code)}`), '1', 'the dossier untouched');

    // The question goes again through its page.
    await web.goto(`${BASE_URL}/can-bo/quan-tri-trang/hoi-dap/${faq}`);
    await Promise.all([web.waitForURL(/\/hoi-dap\?ok=1$/), web.locator('button[value=delete]').click()]);
    assert.equal(sqlValue(`SELECT COUNT(*) FROM faqs WHERE id = ${faq}`), '0');
    assert.deepEqual(ww.problems(), []);
    await web.context().close();
  });

  test('the city admin changes the working calendar (password asked again: a wrong one changes nothing); a ward admin sees no forms and a POST of theirs answers 403, changing nothing', async () => {
    // A day of a far year (nobody's deadline reaches it), one per run.
    const n = Number(tag.replace(/\D/g, '').slice(-6)) % 300;
    const day = new Date(Date.UTC(2093, 0, 2 + n)).toISOString().slice(0, 10);
    const held = () => sqlValue(`SELECT CONCAT(kind, ':', source, ':', name) FROM calendar_days WHERE day = ${q(day)}`);
    const was = held();
    const page = await signIn(browser, cityAdmin.email, cityAdmin.password);
    const w = watch(page);
    await page.goto(`${BASE_URL}/can-bo/quan-tri/lich?year=2093`);
    await page.locator('#day').fill(day);
    await page.locator('#kind-off').check();
    await page.locator('#name').fill(`Nghỉ thử ${tag}`);
    await Promise.all([page.waitForNavigation(), page.locator('form.card button[type=submit]').click()]);
    await page.locator('#reauth-password').fill('not my password');
    await Promise.all([page.waitForNavigation(), page.locator('#reauth button[type=submit]').click()]);
    assert.match(await page.locator('#reauth-error').innerText(), /không đúng/);
    assert.equal(held(), was, 'a wrong password changes nothing');
    w.clear(); // the 422 of the wrong password is what the page should answer
    await page.locator('#reauth-password').fill(cityAdmin.password);
    await Promise.all([page.waitForURL(/ok=saved/, { timeout: 30_000 }), page.locator('#reauth button[type=submit]').click()]);
    assert.match(await page.locator('.flash').first().innerText(), /Đã lưu ngày/);
    const set = `off:admin:Nghỉ thử ${tag}`;
    assert.equal(held(), set);

    // A ward's administrator sees the day, but no form that changes the calendar.
    const ward = await signIn(browser, admin.email, admin.password);
    const ww = watch(ward);
    const shown = await ward.goto(`${BASE_URL}/can-bo/quan-tri/lich?year=2093`);
    assert.equal(shown.status(), 200, 'a ward admin may view the calendar');
    await ward.locator('tr', { hasText: `Nghỉ thử ${tag}` }).waitFor({ timeout: 30_000 });
    assert.match(await ward.locator('#city-only').innerText(), /chỉ quản trị viên của Thành phố/);
    assert.equal(await ward.locator('form[method=post][action="/can-bo/quan-tri/lich"]').count(), 0, 'no change form');
    assert.equal(await ward.locator('button[name=delete], button[name=fill], #day, #name').count(), 0);
    assert.deepEqual(ww.problems(), []);
    await ward.context().close();
    // ... and a hand-made POST of theirs, with a valid form token, is refused.
    const v = new Visitor();
    await v.login(admin.email, admin.password);
    const csrf = csrfOf((await v.get('/can-bo/quan-tri/tai-khoan')).text);
    const tries = [
      { day, kind: 'work', name: `Làm bù trái phép ${tag}`, reauth: admin.password },
      { day, delete: '1', reauth: admin.password },
      { year: '2093', fill: '1', reauth: admin.password },
    ];
    for (const f of tries) {
      const a = await v.postForm('/can-bo/quan-tri/lich', { csrf, ...f });
      assert.equal(a.status, 403, `a ward admin may not change the calendar: ${JSON.stringify(f)}`);
    }
    assert.equal(held(), set, 'the day unchanged');
    assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE account_id = ${admin.id} AND event = 'config_change'
      AND subject LIKE 'calendar %'`), '0', 'nothing of theirs in the audit log');

    // Within reauth_minutes of typing it: the city admin's removal is not asked again.
    const row = page.locator('tr', { hasText: `Nghỉ thử ${tag}` });
    await Promise.all([page.waitForURL(/ok=removed/, { timeout: 30_000 }), row.locator('button[name=delete]').click()]);
    assert.notEqual(held(), set, 'the admin\'s setting removed');
    assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE account_id = ${cityAdmin.id} AND event = 'config_change'
      AND subject LIKE ${q(`calendar ${day} %`)}`), '2', 'set and unset, in the audit log');
    assert.deepEqual(w.problems(), []);
    await page.context().close();
  });

  test('the city admin fills a year\'s holidays through the page (password asked again): the page then lists them as days off', async () => {
    // 2097: a year no other test and no deadline uses. Its computed rows are
    // this test's: cleared before (the page then says the year is empty)
    // and after (the page offers no removal of computed days).
    const YEAR = 2097;
    const clear = () => sql(`DELETE FROM calendar_days WHERE day BETWEEN '${YEAR}-01-01' AND '${YEAR}-12-31' AND source = 'computed'`);
    const rows = () => Number(sqlValue(`SELECT COUNT(*) FROM calendar_days WHERE day BETWEEN '${YEAR}-01-01' AND '${YEAR}-12-31'`));
    clear();
    const page = await signIn(browser, cityAdmin.email, cityAdmin.password);
    const w = watch(page);
    try {
      await page.goto(`${BASE_URL}/can-bo/quan-tri/lich?year=${YEAR}`);
      assert.match(await page.locator('main').innerText(), /Chưa có ngày nghỉ nào cho năm này/);
      const fill = page.locator('button[name=fill]');
      assert.match(await fill.innerText(), new RegExp(`Tính ngày lễ năm ${YEAR}`));
      await Promise.all([page.waitForNavigation(), fill.click()]);
      await page.locator('#reauth-password').fill('not my password');
      await Promise.all([page.waitForNavigation(), page.locator('#reauth button[type=submit]').click()]);
      assert.match(await page.locator('#reauth-error').innerText(), /không đúng/);
      assert.equal(rows(), 0, 'a wrong password fills nothing');
      w.clear(); // the 422 of the wrong password is what the page should answer
      await page.locator('#reauth-password').fill(cityAdmin.password);
      await Promise.all([page.waitForURL(new RegExp(`year=${YEAR}&ok=filled$`), { timeout: 60_000 }),
        page.locator('#reauth button[type=submit]').click()]);
      assert.match(await page.locator('.flash').first().innerText(), /Đã tính lại các ngày lễ của năm/);
      // What the admin sees: the year's holidays, each a day off, computed.
      const want = { [`${YEAR}-01-01`]: /Tết Dương lịch/, [`${YEAR}-04-30`]: /30\/4|Giải phóng|Chiến thắng|Thống nhất/,
        [`${YEAR}-05-01`]: /Lao động/, [`${YEAR}-09-02`]: /Quốc khánh \(2\/9\)/ };
      for (const [day, name] of Object.entries(want)) {
        const row = page.locator('tr', { has: page.locator(`time[datetime="${day}"]`) });
        assert.equal(await row.count(), 1, `the page lists ${day}`);
        const text = await row.innerText();
        assert.match(text, name, `${day} is named`);
        assert.match(text, /Nghỉ/, `${day} is a day off`);
        assert.match(text, /Tính tự động/, `${day} is computed`);
      }
      const tet = await page.locator('tr', { hasText: 'Tết Nguyên Đán' }).count();
      assert.ok(tet >= 5, `the lunar new year's days are listed (${tet})`);
      assert.ok(Number(await page.locator('p', { hasText: 'Số ngày nghỉ rơi vào ngày thường' }).locator('strong').innerText()) > 0,
        'the weekdays off are counted');
      assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE account_id = ${cityAdmin.id} AND event = 'config_change'
        AND subject = 'calendar fill ${YEAR}'`), '1', 'the fill is in the audit log');
      assert.deepEqual(w.problems(), []);
    } finally {
      clear();
      await page.context().close();
    }
  });

  test('the accounts page calls the admin role held at the root agency "Quản trị thành phố" / "City administrator", a ward\'s "Quản trị viên"', async () => {
    const page = await signIn(browser, cityAdmin.email, cityAdmin.password);
    const w = watch(page);
    try {
      const roleOf = async (email, lang) => {
        await page.goto(`${BASE_URL}/can-bo/quan-tri/tai-khoan?email=${encodeURIComponent(email)}&lang=${lang}`);
        return page.locator('#account-roles .role').allInnerTexts();
      };
      assert.deepEqual(await roleOf(cityAdmin.email, 'vi'), ['Quản trị thành phố']);
      assert.deepEqual(await roleOf(admin.email, 'vi'), ['Quản trị viên'], 'a ward\'s admin is not the city\'s');
      assert.deepEqual(await roleOf(cityAdmin.email, 'en'), ['City administrator']);
      assert.deepEqual(await roleOf(admin.email, 'en'), ['Administrator']);
      await page.goto(`${BASE_URL}/can-bo/quan-tri/tai-khoan?lang=vi`);
      assert.deepEqual(w.problems(), []);
    } finally {
      await page.context().close();
    }
  });

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

  test('the password page counts wrong passwords as failed logins: after five, even the right one waits and nothing is done', async () => {
    const guesser = await newOfficer('admin', ward, `Quản Trị Đoán Mò ${tag}`);
    const email = `e2e-guessed-${tag}@motcua.test`;
    const page = await signIn(browser, guesser.email, guesser.password);
    const w = watch(page);
    try {
      await page.goto(`${BASE_URL}/can-bo/quan-tri/tai-khoan`);
      await page.locator('#new-email').fill(email);
      await page.locator('#new-name').fill(`Cán Bộ Đoán ${tag}`);
      await page.locator('#new-password').fill(`Sao Hom ${tag} 55`);
      await page.locator('#new-role').selectOption('receiver');
      await page.locator('#new-agency').selectOption(wardId);
      await Promise.all([page.waitForNavigation(), page.locator('#account-new button[type=submit]').click()]);
      for (let i = 1; i <= 5; i++) {
        await page.locator('#reauth-password').fill(`guess ${i}`);
        const [answer] = await Promise.all([page.waitForNavigation(), page.locator('#reauth button[type=submit]').click()]);
        assert.equal(answer.status(), i < 5 ? 422 : 429, `wrong password ${i}`);
      }
      assert.match(await page.locator('#reauth-error').innerText(), /quá nhiều lần.*\d+ phút/);
      // The right password now waits too, and the account is not made.
      await page.locator('#reauth-password').fill(guesser.password);
      const [blocked] = await Promise.all([page.waitForNavigation(), page.locator('#reauth button[type=submit]').click()]);
      assert.equal(blocked.status(), 429);
      assert.ok(Number(blocked.headers()['retry-after']) > 0, 'a Retry-After');
      assert.match(await page.locator('#reauth-error').innerText(), /quá nhiều lần/);
      await page.screenshot({ path: path.join(OUT, 'accounts-reauth-wait.png'), fullPage: true });
      assert.equal(sqlValue(`SELECT COUNT(*) FROM accounts WHERE email = ${q(email)}`), '0', 'nothing made');
      // The same count stops the API's "sign" with the same password.
      const token = await newToken(guesser.email);
      const code = await wardDossier();
      const r = await request(`/api/v1/dossiers/${encodeURIComponent(code)}/transitions`, {
        method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'sign', password: guesser.password }),
      });
      assert.equal(r.status, 429, 'the API waits as well');
      w.clear(); // the 422s and 429s above are the page's answers
    } finally {
      await page.context().close();
    }
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
