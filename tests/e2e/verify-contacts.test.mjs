// A citizen's e-mail and phone verified (issue 9), through the pages in
// Chromium: registration leaves both waiting (nothing said about whether the
// e-mail is taken; a password reset link never goes to an unverified
// address), the link read from the outbox confirms the e-mail, a wrong SMS
// code is refused at the field and the right one confirms the phone; a new
// e-mail asked for on the account page leaves the verified one in use (and
// tells it) until its own link is opened; a used link is refused; a new
// phone waits beside the verified one, a wrong code refused at the field,
// until the right code is typed; the link sent again: refused at its button
// when too soon, later a second mail whose link works while the first one
// is refused as replaced. Once a change is proved, the old e-mail or phone
// is told (not where to), in English then Vietnamese when the change was
// made on an English page. The link
// and the code come from the outbox, as the mail server and the SMS gateway
// would get them. A code asked again while one is pending: refused at its
// button (429, the wait said) until the cooldown has passed (the code's
// sending moved back by SQL, as time would), then a new code that works
// while the replaced one is refused. Screenshots at 390 and 1280 px in
// tests/e2e/output.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  BASE_URL, uniq, newCitizen, newIdNumber, sqlValue, q, launchBrowser, watch, Visitor, csrfOf, textOf,
  submitAndWait, configValue, sql, until,
} from './lib.mjs';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'output');
mkdirSync(OUT, { recursive: true });

/** The latest e-mail to addr: { id, subject, body } (body on one line), or null. */
function lastMail(addr) {
  const id = sqlValue(`SELECT MAX(id) FROM outbox WHERE channel = 'email' AND recipient = ${q(addr)}`);
  if (!id || id === 'NULL') return null;
  return {
    id,
    subject: sqlValue(`SELECT subject FROM outbox WHERE id = ${id}`),
    body: sqlValue(`SELECT REPLACE(body, '\n', ' ') FROM outbox WHERE id = ${id}`),
  };
}

/** The confirmation link's path in the latest e-mail to addr. */
function linkTo(addr) {
  const m = lastMail(addr);
  assert.ok(m, `an e-mail went to ${addr}`);
  const found = m.body.match(/\/dich-vu\/xac-nhan-email\/[0-9a-f]{64}/);
  assert.ok(found, `the e-mail to ${addr} holds a confirmation link: ${m.body.slice(0, 300)}`);
  return found[0];
}

const lastSms = (phone) => sqlValue(`SELECT body FROM outbox WHERE channel = 'sms' AND recipient = ${q(phone)} ORDER BY id DESC LIMIT 1`) || '';

describe('e-mail verified by link, phone by SMS code, a change verified again (issue 9)', { concurrency: false, timeout: 240_000 }, () => {
  const tag = uniq();
  const me = {
    name: `Xác Minh ${tag}`,
    idNumber: newIdNumber(),
    email: `e2e-verify-${tag}@motcua.test`,
    email2: `e2e-verify2-${tag}@motcua.test`,
    phone: `09${String(Date.now() % 1e8).padStart(8, '0')}`,
    password: `hoa sen ${tag}`,
  };
  let browser;

  before(async () => { browser = await launchBrowser(); });
  after(async () => { if (browser) await browser.close(); });

  async function shots(page, name) {
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: path.join(OUT, `verify-${name}-${width}.png`), fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  test('registration says nothing of a taken e-mail, and sends no reset link to an unverified one', async () => {
    const owner = await newCitizen(); // made by the command line: verified
    const v = new Visitor();
    const page = await v.get('/dich-vu/dang-ky');
    const a = await v.postForm('/dich-vu/dang-ky', {
      csrf: csrfOf(page.text), name: `Người Khác ${tag}`, id_number: newIdNumber(), email: owner.email,
      phone: '', password: `khac ${tag}`, password2: `khac ${tag}`,
    });
    assert.equal(a.status, 303, 'the registration with a taken e-mail goes through like any other');
    assert.ok(!/Đã có tài khoản/.test(textOf(a.text)), 'nothing says an account exists');
    const told = lastMail(owner.email);
    assert.ok(told && /Tài khoản Một Cửa của bạn/.test(told.subject), 'the address\'s owner is told instead');
    assert.ok(!/xac-nhan-email/.test(told.body), 'and gets no link to confirm it for the other account');
    assert.equal(sqlValue(`SELECT COUNT(*) FROM accounts WHERE email = ${q(owner.email)}`), '1',
      'the verified e-mail stays with its account alone');
  });

  test('registered through the page: the link confirms the e-mail, a wrong code is refused, the right one confirms the phone', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    const w = watch(page);
    await page.goto(`${BASE_URL}/dich-vu/dang-ky`);
    assert.match(await page.locator('#register-verify').innerText(), /đường dẫn tới e-mail/);
    await page.locator('#name').fill(me.name);
    await page.locator('#id_number').fill(me.idNumber);
    await page.locator('#email').fill(me.email);
    await page.locator('#phone').fill(me.phone);
    await page.locator('#password').fill(me.password);
    await page.locator('#password2').fill(me.password);
    await submitAndWait(page, page.locator('form.form button[type=submit]'));
    assert.equal(new URL(page.url()).pathname, '/dich-vu/ho-so');
    assert.match(await page.locator('#contacts-note').innerText(), /E-mail của bạn chưa được xác nhận.*Số điện thoại của bạn chưa được xác nhận/s);
    const id = sqlValue(`SELECT id FROM accounts WHERE email_new = ${q(me.email)}`);
    assert.ok(Number(id) > 0, 'the typed e-mail waits for its proof');
    assert.equal(sqlValue(`SELECT COALESCE(email, '-') FROM accounts WHERE id = ${id}`), '-', 'not the account\'s e-mail yet');
    me.id = id;

    // No password reset link to an address nobody proved.
    const v = new Visitor();
    const forgot = await v.get('/dich-vu/quen-mat-khau');
    const f = await v.postForm('/dich-vu/quen-mat-khau', { csrf: csrfOf(forgot.text), email: me.email });
    assert.equal(f.status, 200);
    assert.equal(sqlValue(`SELECT COUNT(*) FROM outbox WHERE recipient = ${q(me.email)} AND subject LIKE 'Đặt lại mật khẩu%'`), '0',
      'no reset link to an unverified e-mail');

    // The account page: both not verified, with their actions.
    await page.locator('#contacts-note a').click();
    await page.waitForURL(/\/dich-vu\/tai-khoan/);
    assert.match(await page.locator('#email-pending').innerText(), new RegExp(`${me.email}\\s+Chưa xác nhận`));
    assert.match(await page.locator('#phone-pending').innerText(), new RegExp(`${me.phone}\\s+Chưa xác nhận`));
    assert.equal(await page.locator('#email_again button').count(), 1, 'the link can be sent again');
    await shots(page, 'pending');

    // The e-mail's link: the address and a button; pressed: verified.
    const link = linkTo(me.email);
    await page.goto(`${BASE_URL}${link}`);
    assert.equal(await page.locator('#verify-email').innerText(), me.email);
    await submitAndWait(page, page.locator('#verify-form button'));
    assert.match(await page.locator('#verify-done').innerText(), /Đã xác nhận e-mail/);
    await page.goto(`${BASE_URL}/dich-vu/tai-khoan`);
    assert.match(await page.locator('#email-status').innerText(), new RegExp(`${me.email}\\s+Đã xác nhận`));
    assert.equal(await page.locator('#email-pending').count(), 0);

    // The phone: a code by SMS naming its purpose; a wrong one refused.
    await submitAndWait(page, page.locator('#phone_send button'));
    assert.match(await page.locator('.flash').first().innerText(), /Đã gửi mã xác nhận qua tin nhắn/);
    const sms = lastSms(me.phone);
    assert.match(sms, /mã xác nhận số điện thoại cho tài khoản/, 'the SMS names its purpose');
    const code = sms.match(/\b(\d{6})\b/)[1];
    const wrong = code[0] === '9' ? `0${code.slice(1)}` : `${Number(code[0]) + 1}${code.slice(1)}`;
    await page.locator('#code').fill(wrong);
    const [resp] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'),
      page.locator('#code-form button').click()]);
    assert.equal(resp.status(), 422);
    await page.waitForSelector('#code-error');
    assert.match(await page.locator('#code-error').innerText(), /Mã xác nhận không đúng.*Còn số lần thử: 4/s);
    assert.match(await page.locator('#error-summary').innerText(), /Mã xác nhận không đúng/);
    assert.equal(await page.locator('#code').getAttribute('aria-invalid'), 'true');
    await shots(page, 'wrong-code');
    await page.locator('#code').fill(code);
    await submitAndWait(page, page.locator('#code-form button'));
    assert.match(await page.locator('.flash').first().innerText(), /Đã xác nhận số điện thoại/);
    assert.match(await page.locator('#phone-status').innerText(), new RegExp(`${me.phone}\\s+Đã xác nhận`));
    assert.equal(sqlValue(`SELECT CONCAT(email, ' ', phone) FROM accounts WHERE id = ${me.id}`), `${me.email} ${me.phone}`);

    // English too.
    await page.goto(`${BASE_URL}/dich-vu/tai-khoan?lang=en`);
    assert.match(await page.locator('#email-status').innerText(), new RegExp(`${me.email}\\s+Confirmed`));
    await page.goto(`${BASE_URL}/dich-vu/tai-khoan?lang=vi`);
    assert.deepEqual(w.problems().filter((p) => !/\b422\b/.test(p)), [], 'nothing else went wrong');
    await ctx.close();
  });

  test('a new e-mail waits beside the verified one (which is told) until its link is opened; a used link is refused', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    const w = watch(page);
    const oldLink = linkTo(me.email);
    // Logs in with the verified e-mail.
    await page.goto(`${BASE_URL}/dich-vu/dang-nhap?next=/dich-vu/tai-khoan`);
    await page.locator('#login').fill(me.email);
    await page.locator('#password').fill(me.password);
    await submitAndWait(page, page.locator('form.form button[type=submit]'));
    assert.equal(new URL(page.url()).pathname, '/dich-vu/tai-khoan', 'the verified e-mail is a login');

    // A wrong password with the change: refused at the field.
    await page.locator('#email-change summary').click();
    await page.locator('#new_email').fill(me.email2);
    await page.locator('#email_current').fill('not my password');
    const [resp] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'),
      page.locator('#email-form button').click()]);
    assert.equal(resp.status(), 422);
    await page.waitForSelector('#email_current-error');
    assert.match(await page.locator('#email_current-error').innerText(), /Mật khẩu hiện tại không đúng/);
    assert.equal(await page.locator('#new_email').inputValue(), me.email2, 'the new e-mail typed is kept');
    await page.locator('#email_current').fill(me.password);
    await submitAndWait(page, page.locator('#email-form button'));
    assert.match(await page.locator('.flash').first().innerText(), /Đã gửi đường dẫn xác nhận/);
    assert.match(await page.locator('#email-status').innerText(), new RegExp(`${me.email}\\s+Đã xác nhận`), 'the old one stays in use');
    assert.match(await page.locator('#email-pending').innerText(), new RegExp(`Đang chờ xác nhận: ${me.email2}\\s+Chưa xác nhận`));
    const notice = lastMail(me.email);
    assert.match(notice.subject, /Yêu cầu đổi e-mail/, 'the old e-mail is told of the change');
    assert.ok(notice.body.includes(me.email2));
    assert.equal(sqlValue(`SELECT email FROM accounts WHERE id = ${me.id}`), me.email);
    await shots(page, 'change-pending');

    const link = linkTo(me.email2);
    await page.goto(`${BASE_URL}${link}`);
    await submitAndWait(page, page.locator('#verify-form button'));
    assert.match(await page.locator('#verify-done').innerText(), /Đã xác nhận e-mail/);
    await page.goto(`${BASE_URL}/dich-vu/tai-khoan`);
    assert.match(await page.locator('#email-status').innerText(), new RegExp(`${me.email2}\\s+Đã xác nhận`));
    assert.equal(await page.locator('#email-pending').count(), 0);
    const changed = lastMail(me.email);
    assert.equal(changed.subject, 'E-mail của tài khoản Một Cửa đã được đổi', 'the old e-mail is told the change was made');
    assert.match(changed.body, /đã được đổi sang một địa chỉ khác lúc \d\d\/\d\d\/\d{4} \d\d:\d\d\..*tổng đài 1022/);
    assert.ok(!changed.body.includes(me.email2), 'not where to');

    // Used links: refused.
    for (const used of [link, oldLink]) {
      const r = await page.goto(`${BASE_URL}${used}`);
      assert.equal(r.status(), 410);
      assert.match(await page.locator('#verify-gone').innerText(), /đã được dùng, đã hết hạn/);
      assert.equal(await page.locator('#verify-form').count(), 0);
    }
    await shots(page, 'link-used');
    assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE account_id = ${me.id} AND event = 'contact_verified'`), '3',
      'each contact verified is in the audit log');
    assert.deepEqual(w.problems().filter((p) => !/\b(422|410)\b/.test(p)), [], 'nothing else went wrong');
    await ctx.close();
  });

  /** Logs in with the account's verified e-mail, onto the account page. */
  async function onAccount() {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(`${BASE_URL}/dich-vu/dang-nhap?next=/dich-vu/tai-khoan`);
    await page.locator('#login').fill(me.email2);
    await page.locator('#password').fill(me.password);
    await submitAndWait(page, page.locator('form.form button[type=submit]'));
    assert.equal(new URL(page.url()).pathname, '/dich-vu/tai-khoan');
    return { ctx, page };
  }

  test('a new phone: the code by SMS, a wrong one refused at the field, the old number in use until the right one is typed', async () => {
    const { ctx, page } = await onAccount();
    const w = watch(page);
    const phone2 = `08${String((Date.now() + 7) % 1e8).padStart(8, '0')}`;
    await page.locator('#phone-change summary').click();
    await page.locator('#new_phone').fill(phone2);
    await page.locator('#phone_current').fill(me.password);
    await submitAndWait(page, page.locator('#phone-form button'));
    assert.match(await page.locator('.flash').first().innerText(), /Đã gửi mã xác nhận qua tin nhắn/);
    assert.match(await page.locator('#phone-verified').innerText(), new RegExp(`^${me.phone}$`), 'the old number stays in use');
    assert.match(await page.locator('#phone-pending').innerText(), new RegExp(`Đang chờ xác nhận: ${phone2}\\s+Chưa xác nhận`));
    const sms = lastSms(phone2);
    assert.match(sms, /mã xác nhận số điện thoại cho tài khoản/, 'the code went to the new number');
    const code = sms.match(/\b(\d{6})\b/)[1];
    const wrong = code[0] === '9' ? `0${code.slice(1)}` : `${Number(code[0]) + 1}${code.slice(1)}`;

    await page.locator('#code').fill(wrong);
    const [resp] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'),
      page.locator('#code-form button').click()]);
    assert.equal(resp.status(), 422);
    await page.waitForSelector('#code-error');
    assert.match(await page.locator('#code-error').innerText(), /Mã xác nhận không đúng.*Còn số lần thử: 4/s);
    assert.equal(await page.locator('#code').getAttribute('aria-invalid'), 'true');
    assert.match(await page.locator('#phone-verified').innerText(), new RegExp(`^${me.phone}$`), 'still the old number');
    assert.equal(sqlValue(`SELECT phone FROM accounts WHERE id = ${me.id}`), me.phone);
    await shots(page, 'phone-wrong-code');

    await page.locator('#code').fill(code);
    await submitAndWait(page, page.locator('#code-form button'));
    assert.match(await page.locator('.flash').first().innerText(), /Đã xác nhận số điện thoại/);
    assert.match(await page.locator('#phone-status').innerText(), new RegExp(`${phone2}\\s+Đã xác nhận`));
    assert.equal(await page.locator('#phone-pending').count(), 0);
    assert.equal(sqlValue(`SELECT phone FROM accounts WHERE id = ${me.id}`), phone2);
    assert.match(lastSms(me.phone), /^Một Cửa: số điện thoại của tài khoản của bạn đã được đổi sang số khác lúc \d\d\/\d\d\/\d{4} \d\d:\d\d\. Nếu không phải bạn đổi, xin gọi ngay tổng đài 1022\.$/,
      'the old number is told of the change');
    assert.match(lastSms(phone2), /mã xác nhận số điện thoại/, 'the new one only got its code');
    me.phone = phone2;
    assert.deepEqual(w.problems().filter((p) => !/\b422\b/.test(p)), [], 'nothing else went wrong');
    await ctx.close();
  });

  test('the link sent again: too soon refused at the button; later a second mail, whose link works and ends the first one', async () => {
    const { ctx, page } = await onAccount();
    const w = watch(page);
    const email3 = `e2e-verify3-${tag}@motcua.test`;
    const links = () => Number(sqlValue(`SELECT COUNT(*) FROM outbox WHERE channel = 'email' AND recipient = ${q(email3)} AND subject = 'Xác nhận e-mail của tài khoản Một Cửa'`));
    await page.locator('#email-change summary').click();
    await page.locator('#new_email').fill(email3);
    await page.locator('#email_current').fill(me.password);
    await submitAndWait(page, page.locator('#email-form button'));
    assert.match(await page.locator('#email-pending').innerText(), new RegExp(`Đang chờ xác nhận: ${email3}\\s+Chưa xác nhận`));
    assert.equal(links(), 1);
    const first = linkTo(email3);

    // At once again: refused, said at the button, no second mail.
    const [resp] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'),
      page.locator('#email_again button').click()]);
    assert.equal(resp.status(), 429);
    await page.waitForSelector('#email_again-error');
    assert.match(await page.locator('#email_again-error').innerText(), /Vừa gửi xong: xin đợi một chút rồi gửi lại/);
    assert.match(await page.locator('#error-summary').innerText(), /Vừa gửi xong/);
    assert.equal(links(), 1, 'no second mail');

    // The wait over (the account's links moved back past it): sent again.
    sqlValue(`UPDATE email_verifications SET created_at = created_at - INTERVAL 5 MINUTE WHERE account_id = ${me.id}`);
    await page.goto(`${BASE_URL}/dich-vu/tai-khoan`);
    await submitAndWait(page, page.locator('#email_again button'));
    assert.match(await page.locator('.flash').first().innerText(), /Đã gửi đường dẫn xác nhận/);
    assert.equal(links(), 2, 'a second mail to the new address');
    const second = linkTo(email3);
    assert.notEqual(second, first, 'with a new link');

    // The first link: ended by the second, said so; the second one works.
    const r1 = await page.goto(`${BASE_URL}${first}`);
    assert.equal(r1.status(), 410);
    assert.match(await page.locator('#verify-gone').innerText(), /đã được thay bằng đường dẫn mới/);
    assert.equal(await page.locator('#verify-form').count(), 0);
    await page.goto(`${BASE_URL}${second}?lang=en`);
    assert.equal(await page.locator('#verify-email').innerText(), email3);
    await submitAndWait(page, page.locator('#verify-form button'));
    assert.match(await page.locator('#verify-done').innerText(), /Your e-mail is confirmed/);
    await page.goto(`${BASE_URL}/dich-vu/tai-khoan?lang=vi`);
    assert.match(await page.locator('#email-status').innerText(), new RegExp(`${email3}\\s+Đã xác nhận`));
    assert.equal(await page.locator('#email-pending').count(), 0);

    // The old address is told, in English then Vietnamese (the link was opened in English), not where to.
    const told = lastMail(me.email2);
    assert.equal(told.subject, 'The e-mail of your Một Cửa account was changed / E-mail của tài khoản Một Cửa đã được đổi');
    assert.match(told.body, /was changed to another address on \d\d\/\d\d\/\d{4} \d\d:\d\d\..*call the 1022 helpline.*đã được đổi sang một địa chỉ khác lúc \d\d\/\d\d\/\d{4} \d\d:\d\d\..*tổng đài 1022/);
    assert.ok(!told.body.includes(email3), 'the new address is not told to the old one');
    assert.deepEqual(w.problems().filter((p) => !/\b(429|410)\b/.test(p)), [], 'nothing else went wrong');
    await ctx.close();
  });
});

describe('a phone code sent again while one is pending (issue 9)', { concurrency: false, timeout: 240_000 }, () => {
  let browser;
  before(async () => { browser = await launchBrowser(); });
  after(async () => { if (browser) await browser.close(); });

  test('too soon: the wait is said at the button; after the cooldown a new code, which works, and the old one not', async () => {
    const phone1 = `09${String((Date.now() + 3) % 1e8).padStart(8, '0')}`;
    const who = await newCitizen({ phone: phone1 });
    const phone2 = `03${String((Date.now() + 11) % 1e8).padStart(8, '0')}`;
    const ctx = await browser.newContext({ viewport: { width: 390, height: 900 } });
    const page = await ctx.newPage();
    const w = watch(page);
    await page.goto(`${BASE_URL}/dich-vu/dang-nhap?next=/dich-vu/tai-khoan`);
    await page.locator('#login').fill(who.email);
    await page.locator('#password').fill(who.password);
    await submitAndWait(page, page.locator('form.form button[type=submit]'));
    await page.locator('#phone-change summary').click();
    await page.locator('#new_phone').fill(phone2);
    await page.locator('#phone_current').fill(who.password);
    await submitAndWait(page, page.locator('#phone-form button'));
    assert.match(await page.locator('.flash').first().innerText(), /Đã gửi mã xác nhận qua tin nhắn/);
    const first = lastSms(phone2).match(/\b(\d{6})\b/)[1];

    // Again at once: refused at its button, the code pending kept.
    const [again] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'),
      page.locator('#phone_send button').click()]);
    assert.equal(again.status(), 429);
    assert.ok(Number(again.headers()['retry-after']) > 0, 'Retry-After says how long');
    await page.waitForSelector('#phone_send-error');
    assert.match(await page.locator('#phone_send-error').innerText(), /Vừa gửi xong: xin đợi một chút rồi gửi lại/);
    assert.equal(Number(sqlValue(`SELECT COUNT(*) FROM outbox WHERE channel = 'sms' AND recipient = ${q(phone2)}`)), 1,
      'no second SMS');

    // The cooldown passed (the code's sending moved back as time would).
    const resend = Number(configValue('phone_code_resend_seconds') || 60);
    sql(`UPDATE phone_codes SET sent_at = sent_at - INTERVAL ${resend + 5} SECOND WHERE phone = ${q(phone2)}`);
    await submitAndWait(page, page.locator('#phone_send button'));
    assert.match(await page.locator('.flash').first().innerText(), /Đã gửi mã xác nhận qua tin nhắn/);
    await until(() => Number(sqlValue(`SELECT COUNT(*) FROM outbox WHERE channel = 'sms' AND recipient = ${q(phone2)}`)) === 2,
      { what: 'a second SMS' });
    const second = lastSms(phone2).match(/\b(\d{6})\b/)[1];

    // The first code no longer works (unless both drew the same digits).
    if (first !== second) {
      await page.locator('#code').fill(first);
      const [old] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'),
        page.locator('#code-form button').click()]);
      assert.equal(old.status(), 422, 'the replaced code is refused');
      await page.waitForSelector('#code-error');
      assert.equal(sqlValue(`SELECT phone FROM accounts WHERE id = ${who.id}`), phone1, 'still the old number');
    }
    await page.locator('#code').fill(second);
    await submitAndWait(page, page.locator('#code-form button'));
    assert.match(await page.locator('.flash').first().innerText(), /Đã xác nhận số điện thoại/);
    assert.equal(sqlValue(`SELECT phone FROM accounts WHERE id = ${who.id}`), phone2);
    assert.deepEqual(w.problems().filter((p) => !/\b(422|429)\b/.test(p)), [], 'nothing else went wrong');
    // Out of the address's hourly count (every suite sends from 127.0.0.1).
    sql(`UPDATE phone_codes SET sent_at = sent_at - INTERVAL 2 HOUR WHERE phone = ${q(phone2)}`);
    await ctx.close();
  });
});
