// Feedback without a login, with a verified phone (issue 10), through the
// pages in Chromium: a visitor fills the form with a phone number and a
// photo, gets a one-time code by SMS (read from the outbox, as the SMS
// gateway would get it), a wrong code is refused with the attempts left and
// nothing typed lost, "send a new code" at once is refused with a clear
// message, the right code sends it; the visitor follows it by the link sent
// by SMS (a forged token: 404), the ward's officer answers, the visitor is
// told by SMS, sends it back through the link (a second tab still showing
// the answer is then refused with a message), and once answered again
// marks it resolved through the link. Screenshots at 390
// and 1280 px in tests/e2e/output.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  BASE_URL, WARD_SLOTS, randomWard, uniq, newOfficer, newCitizen, sql, sqlValue, q, launchBrowser, watch,
  assertAxe, Visitor, csrfOf, until,
} from './lib.mjs';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'output');
mkdirSync(OUT, { recursive: true });

/** The latest SMS to phone in the outbox (the gateway's stand-in). */
const lastSms = (phone) => sqlValue(`SELECT body FROM outbox WHERE channel = 'sms' AND recipient = ${q(phone)} ORDER BY id DESC LIMIT 1`) || '';

/** A 1x1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

describe('feedback without a login, with a verified phone (issue 10)', { concurrency: false, timeout: 240_000 }, () => {
  const tag = uniq();
  const phone = `09${String(Date.now() % 1e8).padStart(8, '0')}`;
  let browser, ward, gso, officer;

  before(async () => {
    ward = randomWard(WARD_SLOTS.other);
    gso = sqlValue(`SELECT gso_code FROM agencies WHERE code = ${q(ward)}`);
    officer = await newOfficer('receiver', ward, `Tiếp Nhận SĐT ${tag}`);
    browser = await launchBrowser();
  });

  after(async () => {
    if (browser) await browser.close();
  });

  async function shots(page, name) {
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: path.join(OUT, `feedback-phone-${name}-${width}.png`), fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  test('sent with the SMS code (a wrong one refused, nothing lost), followed, answered, resolved by its link', async () => {
    const body = `Biển niêm yết thủ tục ở bộ phận một cửa bị mờ ${tag}.`;
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    const page = await ctx.newPage();
    const w = watch(page);
    // Found where citizens look: the portal's footer, beside the published answers.
    await page.goto(`${BASE_URL}/dich-vu/tra-cuu`);
    const send = page.locator('footer.site-footer a#footer-feedback-send');
    assert.equal((await send.innerText()).trim(), 'Gửi phản ánh, kiến nghị');
    await Promise.all([page.waitForURL(`${BASE_URL}/dich-vu/phan-anh/gui`), send.click()]);
    assert.equal(page.url(), `${BASE_URL}/dich-vu/phan-anh/gui`, 'no login asked');
    assert.match(await page.locator('#anon-note').innerText(), /không cần đăng nhập/);
    assert.equal(await page.locator('#dossier').count(), 0, 'about a dossier only when logged in');
    await page.locator('#category').selectOption('info');
    await page.locator('#ward').selectOption(gso);
    await page.locator('#body').fill(body);
    await page.locator('#photo1').setInputFiles({ name: 'bien-niem-yet.png', mimeType: 'image/png', buffer: PNG });
    // A bad phone number first: 422, the message at the field.
    await page.locator('#phone').fill('12ab');
    let [resp] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'),
      page.locator('form.form button[type=submit]').click()]);
    assert.equal(resp.status(), 422);
    assert.match(await page.locator('#phone-error').innerText(), /số điện thoại di động/);
    assert.equal(await page.locator('#body').inputValue(), body);
    // The number: the code goes by SMS, the form comes back for it.
    await page.locator('#phone').fill(phone);
    await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST' && r.status() === 200),
      page.locator('form.form button[type=submit]').click()]);
    await page.waitForSelector('#code');
    assert.match(await page.locator('.flash').innerText(), new RegExp(`Đã gửi mã xác nhận qua tin nhắn tới số ${phone}`));
    const sms = lastSms(phone);
    assert.match(sms, /^Một Cửa: \d{6} là mã xác nhận số điện thoại để gửi phản ánh, kiến nghị\. Mã có hiệu lực 10 phút\./);
    const code = sms.match(/(\d{6})/)[1];
    assert.match(await page.locator('#kept-photos').innerText(), /bien-niem-yet\.png/);
    await assertAxe(page, 'feedback form, code sent');
    await shots(page, 'code');

    // "Send a new code" at once: refused, with the reason.
    [resp] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'),
      page.locator('#resend').click()]);
    assert.equal(resp.status(), 422);
    assert.match(await page.locator('#code-error').innerText(), /đợi một phút/);
    assert.equal(lastSms(phone), sms, 'no second SMS');

    // A wrong code: refused, the attempts left, nothing lost.
    const wrong = String((Number(code) + 1) % 1e6).padStart(6, '0');
    await page.locator('#code').fill(wrong);
    [resp] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'),
      page.locator('form.form button[type=submit]').first().click()]);
    assert.equal(resp.status(), 422);
    assert.match(await page.locator('#code-error').innerText(), /Mã xác nhận không đúng[\s\S]*Số lần thử còn lại: 4/);
    assert.match(await page.locator('#error-summary').innerText(), /Mã xác nhận không đúng/);
    assert.equal(await page.locator('#body').inputValue(), body);
    assert.equal(await page.locator('#phone').inputValue(), phone);
    assert.equal(await page.locator('#category').inputValue(), 'info');
    assert.equal(await page.locator('#ward').inputValue(), gso);
    assert.match(await page.locator('#kept-photos').innerText(), /bien-niem-yet\.png/);
    assert.equal(Number(sqlValue(`SELECT COUNT(*) FROM feedback WHERE phone = ${q(phone)}`)), 0, 'not accepted');
    await shots(page, 'wrong-code');

    // The right code: sent, shown at its follow link.
    await page.locator('#code').fill(code);
    await Promise.all([page.waitForURL(/\/dich-vu\/phan-anh\/theo-doi\/PA-\d{6}-\d+\/[0-9a-f]{32}\?moi=1$/),
      page.locator('form.form button[type=submit]').first().click()]);
    const [, fb, token] = page.url().match(/theo-doi\/(PA-\d{6}-\d+)\/([0-9a-f]{32})/);
    assert.match(await page.locator('.flash').innerText(), /Đã nhận phản ánh/);
    assert.equal((await page.locator('#fb-status').innerText()).trim(), 'Đang chờ trả lời');
    assert.equal((await page.locator('#fb-body').innerText()).trim(), body);
    assert.match(await page.locator('#follow-note').innerText(), /Lưu lại địa chỉ/);
    const photo = await page.request.get(`${BASE_URL}/dich-vu/phan-anh/theo-doi/${fb}/${token}/anh/1`);
    assert.equal(photo.status(), 200);
    assert.equal(photo.headers()['content-type'], 'image/png');
    await assertAxe(page, 'feedback followed without a login');
    await shots(page, 'sent');
    const link = `/dich-vu/phan-anh/theo-doi/${fb}/${token}`;
    assert.match(lastSms(phone), new RegExp(`^Một Cửa: đã nhận phản ánh ${fb}\\. Theo dõi và xem trả lời tại: \\S+${link}$`),
      'the SMS carries the follow link');
    assert.deepEqual(sql(`SELECT account_id IS NULL, agency_id = (SELECT id FROM agencies WHERE code = ${q(ward)}) FROM feedback WHERE code = ${q(fb)}`),
      [['1', '1']], 'no account; routed to the ward');
    // A forged token, and its code's page for a logged-in stranger: 404.
    const v = new Visitor();
    assert.equal((await v.get(`/dich-vu/phan-anh/theo-doi/${fb}/${token.replace(/^./, (c) => (c === '0' ? '1' : '0'))}`)).status, 404);
    const stranger = await newCitizen();
    await v.login(stranger.email, stranger.password);
    assert.equal((await v.get(`/dich-vu/phan-anh/${fb}`)).status, 404);

    // The ward's officer sees the phone as its sender and answers.
    const o = new Visitor();
    await o.login(officer.email, officer.password);
    const list = await o.get('/can-bo/phan-anh?status=open');
    assert.equal(list.status, 200);
    assert.ok(list.text.includes(fb) && list.text.includes(phone), 'listed, the phone as its sender');
    const show = await o.get(`/can-bo/phan-anh/${fb}`);
    const ans = await o.postForm(`/can-bo/phan-anh/${fb}/tra-loi`, { csrf: csrfOf(show.text), answer: `Đã thay biển niêm yết mới ${tag}.` });
    assert.equal(ans.status, 303, ans.text);
    await until(() => /đã được trả lời/.test(lastSms(phone)), { what: 'the SMS of the answer' });
    assert.ok(lastSms(phone).includes(link), 'with the follow link');

    // The visitor opens the link in two tabs; in the first it is not
    // resolved yet: sent back to the ward with a note, a new round.
    await page.goto(`${BASE_URL}${link}`);
    assert.match(await page.locator('#fb-answer').innerText(), new RegExp(`Đã thay biển niêm yết mới ${tag}`));
    const stale = await ctx.newPage();
    await stale.goto(`${BASE_URL}${link}`);
    await page.locator('#note').fill(`Biển vẫn chưa thay ${tag}`);
    await Promise.all([page.waitForURL(new RegExp(`${link}\\?ok=1$`)), page.locator('button[value=reopen]').click()]);
    assert.equal((await page.locator('#fb-status').innerText()).trim(), 'Đang chờ trả lời');
    assert.match(await page.locator('#fb-history').innerText(), new RegExp(`Biển vẫn chưa thay ${tag}`));
    assert.equal(await page.locator('button[value=resolve]').count(), 0, 'nothing to confirm until answered again');
    assert.equal(sqlValue(`SELECT status FROM feedback WHERE code = ${q(fb)}`), 'open');
    // The second tab still shows the answer: "resolved" there is refused
    // with a message saying why, and the feedback stays sent back.
    const [stateRes] = await Promise.all([stale.waitForResponse((res) => res.url().endsWith(`${link}/xac-nhan`)),
      stale.locator('button[value=resolve]').click()]);
    assert.equal(stateRes.status(), 409);
    assert.match(await stale.locator('#fb-state-error').innerText(), /không còn ở trạng thái này/);
    assert.equal(sqlValue(`SELECT status FROM feedback WHERE code = ${q(fb)}`), 'open');
    await stale.close();
    const again = await o.get('/can-bo/phan-anh?status=open');
    assert.ok(again.text.includes(fb), 'back in the ward\'s open list');
    const show2 = await o.get(`/can-bo/phan-anh/${fb}`);
    const ans2 = await o.postForm(`/can-bo/phan-anh/${fb}/tra-loi`, { csrf: csrfOf(show2.text), answer: `Đã thay biển lần hai ${tag}.` });
    assert.equal(ans2.status, 303, ans2.text);

    // Answered again: the visitor marks it resolved.
    await page.goto(`${BASE_URL}${link}`);
    assert.match(await page.locator('#fb-answer').innerText(), new RegExp(`Đã thay biển lần hai ${tag}`));
    await Promise.all([page.waitForURL(new RegExp(`${link}\\?ok=1$`)), page.locator('button[value=resolve]').click()]);
    assert.equal((await page.locator('#fb-status').innerText()).trim(), 'Đã giải quyết');
    assert.equal(sqlValue(`SELECT status FROM feedback WHERE code = ${q(fb)}`), 'resolved');
    assert.deepEqual(w.problems().filter((p) => !/422/.test(p)), []);
    await ctx.close();
  });
});
