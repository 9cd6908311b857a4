// Re-authentication with the second factor (issue 9): a leader who has an
// authenticator (enrolled here through the account page) signs a result
// through the office's dossier page in Chromium: the password page asks for
// the current six-digit code too; the right password without a code, and
// with a wrong code, are refused with a message and sign nothing (each in
// the audit log as reauth_failed "code"); the right code signs. Through the
// API, "sign" needs the code ("otp") beside the password for such an
// account: missing or wrong, 403 and nothing signed; right, 200. Wrong
// codes count with wrong passwords: five of them and even the right pair
// waits (429, Retry-After). Codes are computed here (RFC 6238, SHA-1) from
// the key the enrolment page shows; each code is good once, so a code is
// taken from a step after the last one the account used (read from its row).
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import {
  BASE_URL, PROC, WARD_SLOTS, filePart, launchBrowser, minimalPdf, newCitizen, newOfficer, newToken, q,
  randomWard, request, sqlValue, toFormData, uniq, until, watch,
} from './lib.mjs';

const bearer = (t) => ({ authorization: `Bearer ${t}` });

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

/** The RFC 6238 code (6 digits, SHA-1, 30 s) of time step step. */
function codeAt(key, step) {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(step));
  const h = createHmac('sha1', key).update(msg).digest();
  const o = h[h.length - 1] & 15;
  const n = ((h[o] & 127) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3];
  return String(n % 1e6).padStart(6, '0');
}

const stepNow = () => Math.floor(Date.now() / 30_000);

describe('re-authentication asks an account with an authenticator for its code', { concurrency: false, timeout: 600_000 }, () => {
  const tag = uniq();
  const pdf = minimalPdf(`Ky so ${tag}`);
  let browser, ward, citizen, recv, spec, lead, key, tokens = {};

  /** The last step the leader's authenticator used (each code is good once). */
  const lastStep = () => Number(sqlValue(`SELECT COALESCE(last_step, 0) FROM account_totp WHERE account_id = ${lead.id}`));

  /**
   * A code the server takes now: the next step's (the window is one step
   * either side), once that step is after the last one used; waits for the
   * clock's next step when it is not (up to 30 s).
   */
  async function freshCode() {
    await until(() => stepNow() + 1 > lastStep(), { timeout: 90_000, every: 500, what: 'a time step not used yet' });
    return codeAt(key, stepNow() + 1);
  }

  /** A code the server takes at no step near now. */
  function wrongCode() {
    const near = new Set([-2, -1, 0, 1, 2, 3].map((d) => codeAt(key, stepNow() + d)));
    for (let d = 10; ; d++) {
      const c = codeAt(key, stepNow() - d);
      if (!near.has(c)) return c;
    }
  }

  const signedAt = (code) => sqlValue(`SELECT COUNT(signed_at) FROM dossiers WHERE code = ${q(code)}`);
  const failedCodes = () => Number(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE account_id = ${lead.id} ` +
    "AND event = 'reauth_failed' AND subject = 'code'"));

  async function transition(code, token, body) {
    return request(`/api/v1/dossiers/${encodeURIComponent(code)}/transitions`, {
      method: 'POST', headers: { ...bearer(token), 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
  }

  /** A dossier of the citizen approved and waiting at the return step (status 9), where the leader signs. */
  async function decided() {
    const a = await request('/api/v1/dossiers', {
      method: 'POST', headers: bearer(tokens.citizen), body: toFormData({
        procedure: PROC, agency: ward, fields: JSON.stringify({ content: `Ký số ${tag}` }),
        file: filePart(minimalPdf(`to khai ${tag}`), 'to-khai.pdf'),
      }),
    });
    assert.equal(a.status, 201, a.text);
    const code = a.json().code;
    for (const [k, action] of [['recv', 'accept'], ['recv', 'forward'], ['spec', 'forward'], ['lead', 'approve']]) {
      const t = await transition(code, tokens[k], { action });
      assert.equal(t.status, 200, `${action}: ${t.text.slice(0, 200)}`);
    }
    return code;
  }

  before(async () => {
    ward = randomWard(WARD_SLOTS.other);
    citizen = await newCitizen({ name: `Ký Hai Bước ${tag}` });
    [recv, spec, lead] = await Promise.all([
      newOfficer('receiver', ward, `Tiếp Nhận ${tag}`),
      newOfficer('specialist', ward, `Thẩm Định ${tag}`),
      newOfficer('leader', ward, `Lãnh Đạo Hai Bước ${tag}`),
    ]);
    for (const [k, acc] of Object.entries({ citizen, recv, spec, lead })) tokens[k] = await newToken(acc.email);
    browser = await launchBrowser();
  });

  after(async () => { if (browser) await browser.close(); });

  test('through the page: the password page asks for the code; none or a wrong one signs nothing, the right one signs', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    const w = watch(page);
    try {
      // The leader enrols an authenticator (the key typed in by hand).
      await page.goto(`${BASE_URL}/dich-vu/dang-nhap`);
      await page.locator('#login').fill(lead.email);
      await page.locator('#password').fill(lead.password);
      await Promise.all([page.waitForURL(`${BASE_URL}/can-bo/`, { timeout: 60_000 }),
        page.locator('form.form button[type=submit]').click()]);
      await page.goto(`${BASE_URL}/dich-vu/tai-khoan/xac-thuc-hai-buoc`);
      const secret = (await page.locator('#totp-secret').innerText()).trim();
      assert.match(secret, /^[A-Z2-7]{32}$/);
      key = base32(secret);
      await page.locator('#code').fill(codeAt(key, stepNow()));
      await Promise.all([page.waitForNavigation(), page.locator('form.form button[type=submit]').click()]);
      await page.locator('#mfa-on').waitFor({ timeout: 60_000 });

      // A sign through the dossier page: the password page, with a code field.
      const code = await decided();
      await page.goto(`${BASE_URL}/can-bo/ho-so/${code}`);
      const details = page.locator('section.actions details', { has: page.locator('input[name=action][value="sign"]') });
      if (!(await details.evaluate((d) => d.open))) await details.locator('summary').click();
      const post = () => page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/xu-ly'),
        { timeout: 60_000 });
      let [answer] = await Promise.all([post(), details.locator('form button[type=submit]').click()]);
      assert.equal(answer.status(), 200, 'signing asks for the password first');
      await page.locator('#reauth-code').waitFor({ timeout: 60_000 });
      assert.match(await page.locator('label[for=reauth-code]').innerText(), /Mã xác thực/);

      // The right password, no code: refused, said, nothing signed.
      await page.locator('#reauth-password').fill(lead.password);
      [answer] = await Promise.all([post(), page.locator('#reauth button[type=submit]').click()]);
      assert.equal(answer.status(), 422, 'no code: refused');
      await page.waitForLoadState('domcontentloaded');
      assert.match(await page.locator('#reauth-error').innerText(), /cần nhập cả mã xác thực 6 chữ số/);
      assert.equal(signedAt(code), '0', 'not signed without the code');
      assert.equal(failedCodes(), 1, 'the missing code is in the audit log');

      // The right password, a wrong code: refused, said, nothing signed.
      await page.locator('#reauth-password').fill(lead.password);
      await page.locator('#reauth-code').fill(wrongCode());
      [answer] = await Promise.all([post(), page.locator('#reauth button[type=submit]').click()]);
      assert.equal(answer.status(), 422, 'a wrong code: refused');
      await page.waitForLoadState('domcontentloaded');
      assert.match(await page.locator('#reauth-error').innerText(), /Mã xác thực không đúng hoặc đã được dùng/);
      assert.equal(signedAt(code), '0', 'not signed with a wrong code');
      assert.equal(failedCodes(), 2, 'the wrong code is in the audit log');

      // Both right: signed.
      await page.locator('#reauth-password').fill(lead.password);
      await page.locator('#reauth-code').fill(await freshCode());
      [answer] = await Promise.all([post(), page.locator('#reauth button[type=submit]').click()]);
      assert.equal(answer.status(), 303, 'the password and the code sign');
      await page.waitForURL(new RegExp(`/can-bo/ho-so/${code}\\?ok=1$`), { timeout: 60_000 });
      assert.equal(signedAt(code), '1', 'signed');
      assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE account_id = ${lead.id} AND event = 'reauth'`), '1',
        'the re-authentication is in the audit log');
      assert.deepEqual(w.problems().filter((p) => !/logo\.svg|HTTP 422: \S+\/xu-ly$|status of 422/.test(p)), []);
    } finally {
      await ctx.close();
    }
  });

  test('through the API: "sign" needs the code ("otp") with the password; missing or wrong, nothing is signed', async () => {
    assert.ok(key, 'the leader enrolled in the test before');
    const code = await decided();
    const none = await transition(code, tokens.lead, { action: 'sign', password: lead.password });
    assert.equal(none.status, 403, none.text);
    assert.match(none.json().error, /mã xác thực 6 chữ số/);
    const wrong = await transition(code, tokens.lead, { action: 'sign', password: lead.password, otp: wrongCode() });
    assert.equal(wrong.status, 403, wrong.text);
    assert.match(wrong.json().error, /mã xác thực/);
    const part = await request(`/api/v1/dossiers/${encodeURIComponent(code)}/transitions`, {
      method: 'POST', headers: bearer(tokens.lead), body: toFormData({
        action: 'sign', password: lead.password, result: filePart(pdf, 'ky-so.pdf'),
      }),
    });
    assert.equal(part.status, 403, `multipart without the code: ${part.text}`);
    assert.equal(signedAt(code), '0', 'not signed');
    assert.equal(failedCodes(), 5, 'each refused code in the audit log');
    const ok = await transition(code, tokens.lead, { action: 'sign', password: lead.password, otp: await freshCode() });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(signedAt(code), '1', 'signed with the password and the code');
  });

  test('wrong codes count as wrong passwords do: after five, even the right password and code wait', async () => {
    assert.ok(key, 'the leader enrolled in the test before');
    const code = await decided();
    for (let i = 1; i <= 5; i++) {
      const a = await transition(code, tokens.lead, { action: 'sign', password: lead.password, otp: wrongCode() });
      assert.equal(a.status, i < 5 ? 403 : 429, `wrong code ${i}: ${a.text}`);
    }
    const blocked = await transition(code, tokens.lead, { action: 'sign', password: lead.password, otp: await freshCode() });
    assert.equal(blocked.status, 429, blocked.text);
    assert.ok(Number(blocked.headers.get('retry-after')) > 0, 'a Retry-After');
    assert.equal(signedAt(code), '0', 'not signed while blocked');
  });

  test('an account without an authenticator is asked for the password only, as before', async () => {
    const code = await decided();
    const plain = await newOfficer('leader', ward, `Lãnh Đạo Một Bước ${tag}`);
    const ok = await transition(code, await newToken(plain.email), { action: 'sign', password: plain.password });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(signedAt(code), '1');
  });
});
