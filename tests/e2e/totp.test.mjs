// Officers' two-step verification (issue 9), through the pages in Chromium:
// an officer enrols an authenticator from the QR code (read back with
// zbarimg) and a first code, gets ten recovery codes, then every login asks
// for a code (computed here with node's crypto, RFC 6238); a code is good
// once; a recovery code stands in once; an administrator resets it from the
// back office (the officer's sessions end and the officer pages send them to
// enrol again); an administrator of another agency cannot find the account.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { BASE_URL, TOP, launchBrowser, newOfficer, randomWard, sqlValue, until, watch } from './lib.mjs';

const OUT = path.join(TOP, 'tests', 'e2e', 'output');
mkdirSync(OUT, { recursive: true });
const CITY = '000.00.00.H29';

/** RFC 4648 base32 to bytes. */
function base32(s) {
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0, value = 0;
  const out = [];
  for (const ch of s.replace(/=+$/, '').toUpperCase()) {
    const i = A.indexOf(ch);
    if (i < 0) throw new Error(`not base32: ${ch}`);
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) { out.push((value >>> (bits - 8)) & 255); bits -= 8; }
  }
  return Buffer.from(out);
}

/** RFC 6238 (HOTP of RFC 4226 on the time step), SHA-1. */
function totp(key, t = Date.now() / 1000, digits = 6) {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(Math.floor(t / 30)));
  const h = createHmac('sha1', key).update(msg).digest();
  const o = h[h.length - 1] & 15;
  const n = ((h[o] & 127) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3];
  return String(n % 10 ** digits).padStart(digits, '0');
}

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { if (browser) await browser.close(); });

async function submit(page, locator) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), locator.click()]);
}

async function loginPage(page, login, password) {
  await page.goto(`${BASE_URL}/dich-vu/dang-nhap`);
  await page.locator('#login').fill(login);
  await page.locator('#password').fill(password);
  await submit(page, page.locator('form.form button[type=submit]'));
}

async function codePage(page, code) {
  await page.locator('#code').fill(code);
  await submit(page, page.locator('form.form button[type=submit]'));
}

const pathOf = (page) => new URL(page.url()).pathname;

test('the test computes RFC 6238 codes right (appendix B, SHA-1)', () => {
  const key = Buffer.from('12345678901234567890');
  assert.equal(totp(key, 59, 8), '94287082');
  assert.equal(totp(key, 1111111109, 8), '07081804');
  assert.equal(totp(key, 20000000000, 8), '65353130');
});

describe('officers\' two-step verification, through the pages', { concurrency: false }, () => {
  const ward = randomWard();
  let officer, key, recovery, ctxs = [];

  before(async () => { officer = await newOfficer('receiver', ward, 'Cán Bộ Hai Bước'); });
  after(async () => { for (const c of ctxs) await c.close(); });

  async function fresh(width = 1280) {
    const ctx = await browser.newContext({ viewport: { width, height: 900 } });
    ctxs.push(ctx);
    const page = await ctx.newPage();
    return { ctx, page, w: watch(page) };
  }

  test('an officer enrols from the QR code and a first code, and gets recovery codes', async () => {
    const { page, w } = await fresh(390);
    await loginPage(page, officer.email, officer.password);
    assert.equal(pathOf(page), '/can-bo/', 'not enrolled yet: the password alone (the test instance is "optional")');
    await page.goto(`${BASE_URL}/dich-vu/tai-khoan`);
    await page.locator('#mfa-link').click();
    await page.waitForURL(`${BASE_URL}/dich-vu/tai-khoan/xac-thuc-hai-buoc`);
    const secret = (await page.locator('#totp-secret').innerText()).trim();
    assert.match(secret, /^[A-Z2-7]{32}$/, 'the key to type by hand');
    const qr = page.locator('#totp-qr');
    await until(async () => (await qr.evaluate((img) => img.complete && img.naturalWidth)) > 0, { what: 'the QR code shown' });
    const png = path.join(OUT, 'totp-qr.png');
    await qr.screenshot({ path: png });
    const uri = execFileSync('zbarimg', ['--quiet', '--raw', png], { encoding: 'utf8' }).trim();
    assert.match(uri, /^otpauth:\/\/totp\/M%E1%BB%99t%20C%E1%BB%ADa:/, 'an otpauth URI');
    assert.equal(new URL(uri).searchParams.get('secret'), secret, 'the QR code holds the key shown');
    assert.equal(new URL(uri).searchParams.get('issuer'), 'Một Cửa');
    await page.screenshot({ path: path.join(OUT, 'totp-enrol-390.png'), fullPage: true });
    key = base32(secret);

    await page.locator('#code').fill(totp(key, Date.now() / 1000 - 300));
    await submit(page, page.locator('form.form button[type=submit]'));
    assert.match(await page.locator('#code-error').innerText(), /Mã không đúng/, 'an old code is refused');

    await page.locator('#code').fill(totp(key));
    await submit(page, page.locator('form.form button[type=submit]'));
    assert.match(await page.locator('#mfa-on').innerText(), /Đã bật xác thực hai bước/);
    recovery = await page.locator('#recovery-codes li').allInnerTexts();
    assert.equal(recovery.length, 10, 'ten recovery codes');
    for (const c of recovery) assert.match(c.trim(), /^[a-z2-9]{5}-[a-z2-9]{5}$/);
    await page.screenshot({ path: path.join(OUT, 'totp-codes-390.png'), fullPage: true });
    await submit(page, page.locator('#mfa-continue'));
    assert.equal(pathOf(page), '/can-bo/', 'on to the inbox');
    assert.deepEqual(w.problems().filter((p) => /exception|Content Security Policy|HTTP 5/.test(p)), []);
  });

  test('a login then asks for the code; a wrong one and a used one are refused', async () => {
    const { page } = await fresh();
    await loginPage(page, officer.email, officer.password);
    assert.equal(pathOf(page), '/dich-vu/dang-nhap/ma-xac-thuc', 'the password leads to the code page');
    assert.equal(await page.locator('.user-name').count(), 0, 'no session before the code');
    const inbox = await page.request.get(`${BASE_URL}/can-bo/`, { maxRedirects: 0 });
    assert.equal(inbox.status(), 303, 'the office is not open yet');

    await codePage(page, '123456');
    assert.match(await page.locator('#code-error').innerText(), /Mã không đúng/);
    await page.screenshot({ path: path.join(OUT, 'totp-login-1280.png'), fullPage: true });

    // The enrolment used this step's code: the next step's is in the window.
    const code = totp(key, Date.now() / 1000 + 30);
    await codePage(page, code);
    assert.equal(pathOf(page), '/can-bo/', 'the right code opens the inbox');
    assert.match(await page.locator('.user-name').innerText(), /Cán Bộ Hai Bước/);

    const other = await fresh();
    await loginPage(other.page, officer.email, officer.password);
    await codePage(other.page, code);
    assert.match(await other.page.locator('#code-error').innerText(), /đã được dùng/, 'a code is good once');
    await codePage(other.page, recovery[0].toUpperCase());
    assert.equal(pathOf(other.page), '/dich-vu/tai-khoan/xac-thuc-hai-buoc', 'a recovery code logs in');
    assert.match(await other.page.locator('.flash-error').innerText(), /mã khôi phục/);
    assert.equal((await other.page.locator('#recovery-left strong').innerText()).trim(), '9');

    const third = await fresh();
    await loginPage(third.page, officer.email, officer.password);
    await codePage(third.page, recovery[0]);
    assert.match(await third.page.locator('#code-error').innerText(), /Mã không đúng/, 'a recovery code is good once');
    officer.page = page;
  });

  test('an administrator of another agency cannot find the officer; the city\'s resets the second factor', async () => {
    let other = randomWard();
    while (other === ward) other = randomWard(); // another agency, never the officer's
    const otherAdmin = await newOfficer('admin', other, 'Quản Trị Phường Khác');
    const o = await fresh();
    await loginPage(o.page, otherAdmin.email, otherAdmin.password);
    await o.page.goto(`${BASE_URL}/can-bo/quan-tri/tai-khoan`);
    await o.page.locator('#email').fill(officer.email);
    await submit(o.page, o.page.locator('#account-find button[type=submit]'));
    assert.match(await o.page.locator('#account-none').innerText(), /Không có tài khoản/);
    assert.equal(await o.page.locator('#totp-reset').count(), 0);

    const admin = await newOfficer('admin', CITY, 'Quản Trị Thành Phố');
    const a = await fresh();
    await loginPage(a.page, admin.email, admin.password);
    await a.page.goto(`${BASE_URL}/can-bo/quan-tri/tai-khoan`);
    await a.page.locator('#email').fill(officer.email);
    await submit(a.page, a.page.locator('#account-find button[type=submit]'));
    assert.equal((await a.page.locator('#account-totp').innerText()).trim(), 'Đang bật');
    await submit(a.page, a.page.locator('#totp-reset button[type=submit]'));
    // The administrator's password again first (a wrong one resets nothing).
    await a.page.locator('#reauth-password').fill('not my password');
    await submit(a.page, a.page.locator('#reauth button[type=submit]'));
    assert.match(await a.page.locator('#reauth-error').innerText(), /không đúng/);
    assert.equal(sqlValue(`SELECT COUNT(*) FROM account_totp WHERE account_id = ${officer.id} AND confirmed_at IS NOT NULL`), '1',
      'nothing reset yet');
    await a.page.locator('#reauth-password').fill(admin.password);
    await submit(a.page, a.page.locator('#reauth button[type=submit]'));
    assert.match(await a.page.locator('.flash-success').innerText(), /Đã đặt lại xác thực hai bước/);
    assert.match(await a.page.locator('#account-totp').innerText(), /Phải bật lại/);
    await a.page.screenshot({ path: path.join(OUT, 'totp-admin-reset-1280.png'), fullPage: true });

    // The officer's session ended at once.
    await officer.page.goto(`${BASE_URL}/can-bo/`);
    assert.equal(pathOf(officer.page), '/dich-vu/dang-nhap', 'the officer was logged out');
  });

  test('after the reset the officer pages send the officer to enrol again, then open', async () => {
    const { page } = await fresh(390);
    await loginPage(page, officer.email, officer.password);
    assert.equal(pathOf(page), '/dich-vu/tai-khoan/xac-thuc-hai-buoc', 'sent to enrol before the office');
    assert.match(await page.locator('#mfa-must').innerText(), /phải bật xác thực hai bước/);
    const post = await page.request.post(`${BASE_URL}/can-bo/ho-so/X/xu-ly`, { form: { csrf: 'x' }, maxRedirects: 0 });
    assert.equal(post.status(), 403, 'no officer action before enrolling');

    const secret = (await page.locator('#totp-secret').innerText()).trim();
    assert.notEqual(base32(secret).toString('hex'), key.toString('hex'), 'a new key');
    await page.locator('#code').fill(totp(base32(secret)));
    await submit(page, page.locator('form.form button[type=submit]'));
    assert.equal(await page.locator('#recovery-codes li').count(), 10);
    await submit(page, page.locator('#mfa-continue'));
    assert.equal(pathOf(page), '/can-bo/', 'back to the page asked for');
  });
});
