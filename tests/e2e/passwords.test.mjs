// Passwords (issue 9): registration, the password change and the reset by
// e-mailed link refuse a common password (db/seed/common-passwords.txt, also
// dressed up with a few digits), one's own ID number or name, or a weak one,
// each with its reason in Vietnamese and English, through the pages in
// Chromium; a change ends the other sessions; a reset link works once.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { mkdirSync } from 'node:fs';

import {
  BASE_URL, TOP, launchBrowser, newCitizen, newIdNumber, q, request, sqlValue, uniq, until, watch,
} from './lib.mjs';

const OUT = path.join(TOP, 'tests', 'e2e', 'output');
mkdirSync(OUT, { recursive: true });

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { if (browser) await browser.close(); });

async function submit(page, locator) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), locator.click()]);
}

async function errorOf(page, id = 'password-error') {
  return (await page.locator(`#${id}`).innerText()).trim();
}

async function loginPage(page, login, password) {
  await page.goto(`${BASE_URL}/dich-vu/dang-nhap`);
  await page.locator('#login').fill(login);
  await page.locator('#password').fill(password);
  await submit(page, page.locator('form.form button[type=submit]'));
}

/** The page's user: the header's name, or null when logged out. */
async function who(page) {
  await page.goto(`${BASE_URL}/dich-vu/`);
  const n = page.locator('.user-name strong');
  return (await n.count()) ? (await n.innerText()).trim() : null;
}

/** The reset link of the newest reset e-mail queued to an address. */
function resetLink(email) {
  const body = sqlValue(`SELECT REPLACE(body, '\\n', ' ') FROM outbox WHERE channel = 'email' AND recipient = ${q(email)}
    AND subject LIKE '%mật khẩu%' ORDER BY id DESC LIMIT 1`);
  if (!body) return null;
  const m = body.match(/https?:\/\/\S+\/dich-vu\/dat-lai-mat-khau\/[0-9a-f]{64}/);
  return m ? m[0] : null;
}

describe('passwords, through the pages', { concurrency: false }, () => {
  let ctx, page, w;

  before(async () => {
    ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
    page = await ctx.newPage();
    w = watch(page);
  });
  after(async () => { if (ctx) await ctx.close(); });

  test('registration refuses common, dressed-up, personal and weak passwords, each with its reason', async () => {
    const tag = uniq();
    const idn = newIdNumber();
    const email = `e2e-pw-${tag}@motcua.test`;
    await page.goto(`${BASE_URL}/dich-vu/dang-ky`);
    assert.match(await page.locator('#password-hint').innerText(), /Ít nhất 8 ký tự.*12345678/s,
      'the rule is said before typing');
    const tries = [
      ['12345678', /quá phổ biến/, 'the password the attack got accepted'],
      ['Matkhau2026!', /quá phổ biến/, 'a common word with digits and a sign'],
      [idn, /số định danh, số điện thoại, e-mail hay họ tên/, 'one\'s own ID number'],
      ['Tran Thi Hoa 99', /số định danh, số điện thoại, e-mail hay họ tên/, 'one\'s own name'],
      ['abababab', /ít nhất 5 ký tự khác nhau/, 'a few characters repeated'],
      ['ngan', /Mật khẩu cần ít nhất 8 ký tự\./, 'a short one'],
    ];
    for (const [pw, want, what] of tries) {
      await page.locator('#name').fill('Trần Thị Hoa');
      await page.locator('#id_number').fill(idn);
      await page.locator('#email').fill(email);
      await page.locator('#password').fill(pw);
      await page.locator('#password2').fill(pw);
      await submit(page, page.locator('form.form button[type=submit]'));
      assert.equal(new URL(page.url()).pathname, '/dich-vu/dang-ky', `${what}: stays on the form`);
      assert.match(await errorOf(page), want, `${what} is refused with its reason`);
      assert.equal(await page.locator('#password').getAttribute('aria-invalid'), 'true');
      assert.equal(await page.locator('#name').inputValue(), 'Trần Thị Hoa', 'the name is kept');
      assert.equal(await page.locator('#password').inputValue(), '', 'the password is not echoed');
    }
    await page.screenshot({ path: path.join(OUT, 'password-common-390.png'), fullPage: true });
    assert.equal(sqlValue(`SELECT COUNT(*) FROM accounts WHERE ${q(email)} IN (email, email_new)`), '0', 'no account made');

    // English: the same refusal in English.
    await page.goto(`${BASE_URL}/dich-vu/dang-ky?lang=en`);
    await page.locator('#name').fill('Tran Thi Hoa');
    await page.locator('#id_number').fill(idn);
    await page.locator('#password').fill('iloveyou');
    await page.locator('#password2').fill('iloveyou');
    await submit(page, page.locator('form.form button[type=submit]'));
    assert.match(await errorOf(page), /This password is too common/);
    assert.match(await page.locator('#password-hint').innerText(), /No special characters required/);
    await page.goto(`${BASE_URL}/dich-vu/?lang=vi`);

    await page.goto(`${BASE_URL}/dich-vu/dang-ky`);
    await page.locator('#name').fill('Trần Thị Hoa');
    await page.locator('#id_number').fill(idn);
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(`hoa sen nở ${tag.slice(-4)}`);
    await page.locator('#password2').fill(`hoa sen nở ${tag.slice(-4)}`);
    await submit(page, page.locator('form.form button[type=submit]'));
    assert.equal(new URL(page.url()).pathname, '/dich-vu/ho-so', 'a good password (a few words) is taken');
    // The refusals answer 422 (as they should); nothing else may go wrong.
    assert.deepEqual(w.problems().filter((p) => /exception|Content Security Policy|HTTP 5/.test(p)), [],
      'no script error, no CSP violation, no 5xx');
    await ctx.clearCookies();
  });

  test('the password change: wrong current and common new ones refused; then the other sessions end', async () => {
    const c = await newCitizen({ name: 'Đỗ Văn Đổi' });
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    try {
      await loginPage(otherPage, c.email, c.password);
      assert.equal(await who(otherPage), 'Đỗ Văn Đổi', 'the other browser is logged in');

      await loginPage(page, c.email, c.password);
      await page.locator('a.account-link').click();
      await page.waitForURL(`${BASE_URL}/dich-vu/tai-khoan`);
      assert.equal((await page.locator('h1').innerText()).trim(), 'Tài khoản của tôi');
      const form = page.locator('#password-form');
      const next = `đổi mật khẩu ${uniq().slice(-5)}`;

      await form.locator('#current').fill('not-the-password');
      await form.locator('#password').fill(next);
      await form.locator('#password2').fill(next);
      await submit(page, form.locator('button[type=submit]'));
      assert.match(await errorOf(page, 'current-error'), /Mật khẩu hiện tại không đúng/);

      await form.locator('#current').fill(c.password);
      await form.locator('#password').fill('anhyeuem');
      await form.locator('#password2').fill('anhyeuem');
      await submit(page, form.locator('button[type=submit]'));
      assert.match(await errorOf(page), /quá phổ biến/, 'a common new password is refused');

      await form.locator('#current').fill(c.password);
      await form.locator('#password').fill(next);
      await form.locator('#password2').fill(next);
      await submit(page, form.locator('button[type=submit]'));
      assert.equal(new URL(page.url()).pathname, '/dich-vu/tai-khoan');
      assert.match(await page.locator('.flash-success').innerText(), /Đã đổi mật khẩu/);
      await page.screenshot({ path: path.join(OUT, 'password-changed-390.png'), fullPage: true });
      assert.equal(await who(page), 'Đỗ Văn Đổi', 'this browser stays logged in');
      assert.equal(await who(otherPage), null, 'the other browser was logged out');

      await loginPage(otherPage, c.email, c.password);
      assert.equal(await who(otherPage), null, 'the old password no longer works');
      await loginPage(otherPage, c.email, next);
      assert.equal(await who(otherPage), 'Đỗ Văn Đổi', 'the new one does');
    } finally {
      await other.close();
      await ctx.clearCookies();
    }
  });

  test('a forgotten password: the link by e-mail sets a new one once, and ends every session', async () => {
    const c = await newCitizen({ name: 'Phan Thị Quên' });
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    try {
      await loginPage(otherPage, c.email, c.password);
      assert.equal(await who(otherPage), 'Phan Thị Quên');

      await page.goto(`${BASE_URL}/dich-vu/dang-nhap`);
      await page.locator('#forgot-link').click();
      await page.waitForURL(`${BASE_URL}/dich-vu/quen-mat-khau`);
      await page.locator('#email').fill(c.email);
      await submit(page, page.locator('form.form button[type=submit]'));
      assert.match(await page.locator('#reset-sent').innerText(), /Nếu có tài khoản với e-mail này/);
      const link = await until(() => resetLink(c.email), { what: 'the reset e-mail in the outbox' });
      assert.ok(link.startsWith(BASE_URL), `the link goes to this site: ${link}`);

      // An unknown address gets the same answer and no e-mail.
      const nobody = `e2e-nobody-${uniq()}@motcua.test`;
      await page.goto(`${BASE_URL}/dich-vu/quen-mat-khau`);
      await page.locator('#email').fill(nobody);
      await submit(page, page.locator('form.form button[type=submit]'));
      assert.match(await page.locator('#reset-sent').innerText(), /Nếu có tài khoản với e-mail này/);
      assert.equal(sqlValue(`SELECT COUNT(*) FROM outbox WHERE recipient = ${q(nobody)}`), '0');

      await page.goto(link);
      await page.locator('#password').fill('password1');
      await page.locator('#password2').fill('password1');
      await submit(page, page.locator('form.form button[type=submit]'));
      assert.match(await errorOf(page), /quá phổ biến/, 'the reset refuses a common password too');

      const next = `quên rồi nhớ lại ${uniq().slice(-5)}`;
      await page.locator('#password').fill(next);
      await page.locator('#password2').fill(next);
      await submit(page, page.locator('form.form button[type=submit]'));
      assert.equal(new URL(page.url()).pathname, '/dich-vu/dang-nhap');
      assert.match(await page.locator('.flash-success').innerText(), /Đã đặt mật khẩu mới/);
      assert.equal(await who(otherPage), null, 'the session in the other browser ended');

      await loginPage(page, c.email, c.password);
      assert.equal(await who(page), null, 'the old password no longer works');
      await loginPage(page, c.email, next);
      assert.equal(await who(page), 'Phan Thị Quên', 'the new one does');

      await page.goto(link);
      assert.match(await page.locator('#reset-gone').innerText(), /đã được dùng hoặc đã hết hạn/, 'the link works once');
      const again = await request(new URL(link).pathname);
      assert.equal(again.status, 410);
    } finally {
      await other.close();
      await ctx.clearCookies();
    }
  });

  test('at most three reset links an hour go to one account', async () => {
    const c = await newCitizen();
    for (let i = 0; i < 5; i++) {
      await page.goto(`${BASE_URL}/dich-vu/quen-mat-khau`);
      await page.locator('#email').fill(c.email);
      await submit(page, page.locator('form.form button[type=submit]'));
      assert.match(await page.locator('#reset-sent').innerText(), /Nếu có tài khoản/);
    }
    assert.equal(sqlValue(`SELECT COUNT(*) FROM outbox WHERE recipient = ${q(c.email)}`), '3');
  });
});
