// The "low" findings of issue 9 about what the programs accept, each as the
// attack found it: a POST from another site's page (an Origin that is not
// this site's) refused even with a valid form token; a chunked body of more
// than 64 KB read whole (it arrived empty: "missing procedure"), one over
// max_body refused 413; text fields with bidirectional controls (U+202E) or
// longer than allowed refused with a 422 naming the field, never dropped,
// through the page too (the other typed values kept); too many supplement
// items a 422, not a 503; the API's notes under the web's rule.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import {
  BASE_URL, PROC, Visitor, WARD_SLOTS, filePart, launchBrowser, minimalPdf, newCitizen, newIdNumber,
  newOfficer, newToken, personTag, portalLogin, q, randomWard, request, sqlValue, submitAndWait, textOf, toFormData, uniq,
} from './lib.mjs';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'output');
const ORIGIN = new URL(BASE_URL).origin;
const RLO = '\u202E';
const bearer = (t) => ({ authorization: `Bearer ${t}` });

/** POSTs body with Transfer-Encoding: chunked (no Content-Length), 16 KB a chunk. */
function postChunked(p, body, headers) {
  const u = new URL(p, BASE_URL);
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: u.hostname, port: u.port, path: u.pathname, method: 'POST',
      headers: { ...headers, 'transfer-encoding': 'chunked' }, timeout: 60_000,
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('no answer within 60 s')));
    (async () => {
      for (let off = 0; off < body.length && !req.destroyed; off += 16384) {
        if (!req.write(body.subarray(off, off + 16384))) await new Promise((r) => req.once('drain', r));
      }
      req.end();
    })().catch(() => {});
  });
}

describe('what the programs accept (issue 9, low findings)', { concurrency: false, timeout: 300_000 }, () => {
  let citizen, recv, cToken, rToken, ward;

  before(async () => {
    ward = randomWard(WARD_SLOTS.other);
    citizen = await newCitizen({ name: `Đầu Vào ${personTag()}` });
    recv = await newOfficer('receiver', ward, `Nhận Vào ${personTag()}`);
    [cToken, rToken] = await Promise.all([citizen, recv].map((x) => newToken(x.email)));
  });

  test("a POST whose Origin is another site's is refused, even with a valid form token", async () => {
    const v = new Visitor();
    const csrf = await v.csrf();
    const creds = { csrf, login: citizen.email, password: citizen.password };
    for (const origin of ['http://evil.example', 'null', 'http://127.0.0.1.evil.example']) {
      const a = await v.postForm('/dich-vu/dang-nhap', creds, { headers: { origin } });
      assert.equal(a.status, 403, `Origin ${origin}`);
      assert.ok(!v.cookies.has('mc_session'), `no session from Origin ${origin}`);
    }
    const ok = await v.postForm('/dich-vu/dang-nhap', creds, { headers: { origin: ORIGIN } });
    assert.equal(ok.status, 303, "this site's own Origin");
    assert.ok(v.cookies.has('mc_session'));
  });

  test('a chunked body of more than 64 KB is read whole; one over max_body is refused 413', async () => {
    const fields = new URLSearchParams({ procedure: PROC, agency: ward, fields: JSON.stringify({ content: `chunked ${uniq()}` }),
      pad: 'x'.repeat(100_000) }).toString();
    const headers = { ...bearer(cToken), 'content-type': 'application/x-www-form-urlencoded' };
    const sized = await request('/api/v1/dossiers', { method: 'POST', headers, body: fields });
    const chunked = await postChunked('/api/v1/dossiers', Buffer.from(fields), headers);
    assert.notEqual(chunked.status, 400, `not "missing procedure": ${chunked.text.slice(0, 200)}`);
    assert.equal(chunked.status, sized.status, `the same answer as with a length: ${chunked.text.slice(0, 200)}`);
    assert.equal(JSON.parse(chunked.text).error, JSON.parse(sized.text).error);
    const huge = await postChunked('/api/v1/dossiers', Buffer.alloc(30 << 20, 'x'), headers);
    assert.equal(huge.status, 413, huge.text.slice(0, 200));
    assert.match(JSON.parse(huge.text).error, /vượt quá dung lượng/);
  });

  test('a too long or bidi-spoofed field is refused by name (422), never dropped', async () => {
    const v = new Visitor();
    const csrf = await v.csrf('/dich-vu/dang-ky');
    const form = { csrf, name: 'Nguyễn Văn An', id_number: newIdNumber(), email: `e2e-in-${uniq()}@motcua.test`,
      password: `Pw-${uniq()}-x`, password2: '' };
    form.password2 = form.password;
    const long = await v.postForm('/dich-vu/dang-ky', { ...form, name: 'A'.repeat(201) });
    assert.equal(long.status, 422);
    assert.match(textOf(long.text), /Ô “Họ và tên” dài quá mức cho phép/);
    const spoof = await v.postForm('/dich-vu/dang-ky', { ...form, name: `Nguyễn ${RLO}nA năV` });
    assert.equal(spoof.status, 422);
    assert.match(textOf(spoof.text), /Ô “Họ và tên” có ký tự điều khiển chiều viết/);
    assert.equal(sqlValue(`SELECT COUNT(*) FROM accounts WHERE email = ${q(form.email)}`), '0', 'no account made');
  });

  test('supplement items beyond the form 02 and API notes with control characters are a 422', async () => {
    const a = await request('/api/v1/dossiers', {
      method: 'POST', headers: bearer(cToken), body: toFormData({
        procedure: PROC, agency: ward, fields: JSON.stringify({ content: `Đầu vào ${uniq()}` }),
        file: filePart(minimalPdf('input rules'), 'giay-to.pdf'),
      }),
    });
    assert.equal(a.status, 201, a.text);
    const code = a.json().code;
    const act = (body) => request(`/api/v1/dossiers/${encodeURIComponent(code)}/transitions`, {
      method: 'POST', headers: { ...bearer(rToken), 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
    const items = Array.from({ length: 200 }, (_, i) => ({ item: `Giấy tờ ${i} ${'x'.repeat(400)}`, reason: 'thiếu' }));
    const many = await act({ action: 'request_completion', items });
    assert.equal(many.status, 422, many.text);
    const bell = await act({ action: 'refuse', note: 'Không thuộc thẩm quyền\u0007' });
    assert.equal(bell.status, 422, bell.text);
    const spoof = await act({ action: 'refuse', note: `Không ${RLO}thuộc thẩm quyền` });
    assert.equal(spoof.status, 422, spoof.text);
    assert.equal(sqlValue(`SELECT status FROM dossiers WHERE code = ${q(code)}`), '1', 'the dossier is as it was');
    const ok = await act({ action: 'refuse', note: 'Không thuộc thẩm quyền' });
    assert.equal(ok.status, 200, ok.text);
  });
});

describe('through the page', { concurrency: false, timeout: 300_000 }, () => {
  let browser;
  before(async () => {
    mkdirSync(OUT, { recursive: true });
    browser = await launchBrowser();
  });
  after(async () => { if (browser) await browser.close(); });

  test('a name pasted with a bidi control: the form again, 422, the message at the field, what was typed kept', async () => {
    const email = `e2e-bidi-${uniq()}@motcua.test`;
    for (const width of [390, 1280]) {
      const ctx = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await ctx.newPage();
      await page.goto(`${BASE_URL}/dich-vu/dang-ky`);
      await page.locator('#name').fill(`Trần Thị ${RLO}nạB`);
      await page.locator('#id_number').fill(newIdNumber());
      await page.locator('#email').fill(email);
      await page.locator('#phone').fill('0912345678');
      const pw = `Pw-${uniq()}-x`;
      await page.locator('#password').fill(pw);
      await page.locator('#password2').fill(pw);
      const answer = page.waitForResponse((a) => a.request().method() === 'POST');
      await Promise.all([page.waitForNavigation(), page.locator('form button[type=submit]').first().click()]);
      assert.equal((await answer).status(), 422);
      assert.match(await page.locator('#name-refused').innerText(), /Ô “Họ và tên” có ký tự điều khiển chiều viết/);
      assert.match(await page.locator('#refused-summary').innerText(), /Ô “Họ và tên” có ký tự điều khiển chiều viết/);
      assert.equal(await page.locator('#email').inputValue(), email, 'the e-mail typed is still there');
      assert.equal(await page.locator('#phone').inputValue(), '0912345678');
      assert.equal(await page.locator('#name').inputValue(), `Trần Thị ${RLO}nạB`, 'the name as typed, to correct');
      await page.screenshot({ path: path.join(OUT, `input-rules-bidi-${width}.png`), fullPage: true });
      await ctx.close();
    }
    assert.equal(sqlValue(`SELECT COUNT(*) FROM accounts WHERE email = ${q(email)}`), '0');
  });

  test('the filing form: a bidi name, then an over-long address, each shown at its field, the answers kept, nothing saved', async () => {
    const who = await newCitizen();
    const tag = `Khai sinh ${uniq()}`;
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    const page = await ctx.newPage();
    await portalLogin(page, who);
    await page.goto(`${BASE_URL}/dich-vu/nop-ho-so/${PROC}?lang=en`);
    await page.locator('#name').fill(`Lê ${RLO}nạB`);
    await page.locator('#address').fill('12 Lê Lợi');
    await page.locator('#f-content').fill(tag);
    let answer = page.waitForResponse((a) => a.request().method() === 'POST');
    await submitAndWait(page, page.locator('form.form button.btn[type=submit]:not([name])'));
    assert.equal((await answer).status(), 422);
    assert.match(await page.locator('#name-refused').innerText(), /“Full name” holds a text-direction control character/);
    assert.equal(await page.locator('#address').inputValue(), '12 Lê Lợi', 'the address kept');
    assert.equal(await page.locator('#f-content').inputValue(), tag, 'the answer kept');
    await page.locator('#name').fill('Lê Văn Bạn');
    await page.locator('#address').fill('Số 12 '.repeat(100));
    answer = page.waitForResponse((a) => a.request().method() === 'POST');
    await submitAndWait(page, page.locator('form.form button.btn[type=submit]:not([name])'));
    assert.equal((await answer).status(), 422);
    assert.match(await page.locator('#address-refused').innerText(), /“Address” is longer than allowed/);
    assert.match(await page.locator('#refused-summary').innerText(), /“Address” is longer than allowed/);
    assert.equal(await page.locator('#name').inputValue(), 'Lê Văn Bạn', 'the corrected name kept');
    assert.equal(await page.locator('#f-content').inputValue(), tag, 'the answer still kept');
    await page.screenshot({ path: path.join(OUT, 'input-rules-filing-1280.png'), fullPage: true });
    await ctx.close();
    const id = sqlValue(`SELECT id FROM accounts WHERE email = ${q(who.email)}`);
    assert.equal(sqlValue(`SELECT COUNT(*) FROM dossiers WHERE account_id = ${id}`), '0', 'no dossier');
    assert.equal(sqlValue(`SELECT COUNT(*) FROM form_drafts WHERE account_id = ${id}`), '0', 'no draft saved');
  });
});
