// Every error a visitor can cause answers a real page: the status, in
// Vietnamese (or English when asked), with the request id, never blank and
// never SQL or a trace; under /api/ the same as JSON.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  Visitor, assertErrorPage, assertJsonError, configValue, csrfOf, postLarge, request,
  BASE_URL, PROC, WARD_SLOTS, filePart, launchBrowser, minimalPdf, newCitizen, newOfficer, newToken, q, randomWard, signIn,
  sqlValue, toFormData,
} from './lib.mjs';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe('error pages', () => {
  test('an unknown page under /dich-vu/ and /can-bo/ is a 404 page', async () => {
    assertErrorPage(await request('/dich-vu/khong-co-trang-nay'), 404);
    assertErrorPage(await request('/dich-vu/ho-so/A/B/C/D'), 404);
    assertErrorPage(await request('/can-bo/khong-co'), 404);
  });

  test('an unknown static page is the generated 404 page', async () => {
    const page = await request('/404.html');
    assert.equal(page.status, 200);
    for (const p of ['/khong-co-trang-nay.html', '/thu-tuc/9.999999.html', '/static/css/khong-co.css']) {
      const a = await request(p);
      assert.equal(a.status, 404, p);
      assert.match(a.type, /^text\/html/);
      assert.ok(a.body.equals(page.body), `${p} answers the generated 404 page`);
    }
    assert.match(page.text, /<html lang="vi"/);
    assert.match(page.text, /<h1>Không tìm thấy trang<\/h1>/);
    assert.match(page.text, /action="\/dich-vu\/tim-kiem"/, 'it offers the search');
  });

  test('a wrong method is a 405 (HTML on pages, JSON under /api/)', async () => {
    const a = await request('/dich-vu/dang-nhap', { method: 'PUT', headers: FORM, body: 'a=b' });
    assertErrorPage(a, 405);
    assert.match(a.headers.get('allow') || '', /\bGET\b.*\bPOST\b/);
    assertErrorPage(await request('/dich-vu/ho-so', { method: 'DELETE' }), 405);
    assertJsonError(await request('/api/v1/procedures', { method: 'DELETE' }), 405);
    assertJsonError(await request('/api/v1/dossiers/X/transitions', { method: 'GET' }), 405);
  });

  test('a 405 names the methods the address accepts (Allow)', async () => {
    const a = await request('/api/v1/procedures', { method: 'DELETE' });
    assert.equal(a.status, 405);
    const allow = (a.headers.get('allow') || '').split(/\s*,\s*/).sort();
    assert.deepEqual(allow, ['GET', 'HEAD'], '/api/v1/procedures takes GET (and HEAD) only');
    const b = await request('/api/v1/dossiers/X/transitions', { method: 'GET' });
    assert.deepEqual((b.headers.get('allow') || '').split(/\s*,\s*/).sort(), ['POST']);
  });

  test('a body larger than max_body is a 413 page (and JSON under /api/)', async () => {
    const max = Number(configValue('max_body'));
    assert.ok(max > 1024, `max_body in ${process.env.MOTCUA_CONFIG}: ${max}`);
    const big = Buffer.alloc(Math.max(30 << 20, max + (1 << 20)), 0x61);
    assert.ok(big.length > max);
    assertErrorPage(await postLarge('/dich-vu/dang-nhap', big, FORM), 413);
    assertJsonError(await postLarge('/api/v1/dossiers', big, { 'content-type': 'multipart/form-data; boundary=x' }), 413);
  });

  test('a malformed multipart body is a 400', async () => {
    const v = new Visitor();
    const csrf = await v.csrf();
    const body = `--RIGHT\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${csrf}\r\n--RIGHT--\r\n`;
    for (const ct of ['multipart/form-data; boundary=WRONG', 'multipart/form-data', 'multipart/form-data; boundary=']) {
      assertErrorPage(await v.fetch('/dich-vu/dang-nhap', { method: 'POST', headers: { 'content-type': ct }, body }), 400);
    }
    const cut = `--RIGHT\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${csrf}`;
    assertErrorPage(await v.fetch('/dich-vu/dang-nhap', {
      method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=RIGHT' }, body: cut,
    }), 400);
    assertJsonError(await request('/api/v1/dossiers', {
      method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=WRONG', authorization: `Bearer ${'a'.repeat(64)}` }, body,
    }), 400);
  });

  test('malformed percent-encoding is a 400', async () => {
    const v = new Visitor();
    const csrf = await v.csrf();
    assertErrorPage(await v.fetch('/dich-vu/dang-nhap', { method: 'POST', headers: FORM, body: `csrf=${csrf}&a=%zz` }), 400);
    assertErrorPage(await v.fetch('/dich-vu/dang-nhap', { method: 'POST', headers: FORM, body: `csrf=${csrf}&login=%4` }), 400);
    assertErrorPage(await request('/dich-vu/tim-kiem?q=%zz'), 400);
    assertJsonError(await request('/api/v1/procedures?q=%zz'), 400);
  });

  test('invalid UTF-8 in a form field or a query is a 400', async () => {
    const v = new Visitor();
    const csrf = await v.csrf();
    assertErrorPage(await v.fetch('/dich-vu/dang-nhap', {
      method: 'POST', headers: FORM, body: `csrf=${csrf}&login=%FF%FEabc&password=12345678`,
    }), 400);
    const raw = Buffer.concat([
      Buffer.from(`--B0\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${csrf}\r\n`),
      Buffer.from('--B0\r\nContent-Disposition: form-data; name="login"\r\n\r\n'),
      Buffer.from([0xc3, 0x28, 0xa0, 0xa1]),
      Buffer.from('\r\n--B0--\r\n'),
    ]);
    assertErrorPage(await v.fetch('/dich-vu/dang-nhap', {
      method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=B0' }, body: raw,
    }), 400);
    assertErrorPage(await request('/dich-vu/tim-kiem?q=%C3%28'), 400);
    assertJsonError(await request('/api/v1/procedures?q=%E1%BA'), 400);
  });

  test('invalid UTF-8 in the path is a 400 page with the request id', async () => {
    assertErrorPage(await request('/dich-vu/ho-so/%FF%FE'), 400);
    assertErrorPage(await request('/dich-vu/tim-kiem/%C3%28'), 400);
    assertJsonError(await request('/api/v1/procedures/%C3%28'), 400);
  });

  test('an unsupported body type is a 415 page', async () => {
    assertErrorPage(await request('/dich-vu/dang-nhap', {
      method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'login=x',
    }), 415, { title: 'Kiểu dữ liệu không được hỗ trợ' });
  });

  test('a POST without a csrf, with a wrong one or with someone else\'s is a 403', async () => {
    const v = new Visitor();
    const csrf = await v.csrf();
    const creds = { login: 'citizen@motcua.test', password: 'MotCua@2026' };
    assertErrorPage(await v.postForm('/dich-vu/dang-nhap', creds), 403);
    assertErrorPage(await v.postForm('/dich-vu/dang-nhap', { ...creds, csrf: 'f'.repeat(64) }), 403);
    assertErrorPage(await v.postForm('/dich-vu/dang-nhap', { ...creds, csrf: csrf.slice(0, 63) }), 403);
    const other = new Visitor();
    // A token bound to another visitor's cookie is worth nothing.
    assertErrorPage(await other.postForm('/dich-vu/dang-nhap', { ...creds, csrf }), 403);
    assert.ok(!v.cookies.has('mc_session') && !other.cookies.has('mc_session'), 'nobody got logged in');
    const ok = await v.postForm('/dich-vu/dang-nhap', { ...creds, csrf });
    assert.equal(ok.status, 303, 'the right token works');
    // Logged in, the token follows the session: the anonymous one no longer counts.
    assertErrorPage(await v.postForm('/dich-vu/dang-xuat', { csrf }), 403);
    const page = await v.get('/dich-vu/ho-so');
    assert.equal((await v.postForm('/dich-vu/dang-xuat', { csrf: csrfOf(page.text) })).status, 303);
  });

  test('a failed login says so on the form (422), in Vietnamese', async () => {
    const v = new Visitor();
    const a = await v.postForm('/dich-vu/dang-nhap', { csrf: await v.csrf(), login: 'citizen@motcua.test', password: 'sai-mat-khau' });
    assert.equal(a.status, 422);
    assert.match(a.text, /Thông tin đăng nhập không đúng/);
    assert.match(a.text, /value="citizen@motcua\.test"/, 'the login is kept in the form');
    assert.ok(!v.cookies.has('mc_session'));
  });

  test('?lang=en gives the error page in English and remembers it in a cookie', async () => {
    const v = new Visitor();
    const a = await v.get('/dich-vu/khong-co?lang=en');
    assertErrorPage(a, 404, { lang: 'en', title: 'Page not found' });
    assert.match(a.text, /Request ID:/);
    assert.doesNotMatch(a.text, /Không tìm thấy trang/);
    assert.equal(v.cookies.get('lang'), 'en', 'the choice is kept in the lang cookie');
    assertErrorPage(await v.get('/dich-vu/van-khong-co'), 404, { lang: 'en', title: 'Page not found' });
    assertErrorPage(await v.fetch('/dich-vu/dang-nhap', { method: 'PUT' }), 405, { lang: 'en', title: 'Method not allowed' });
    const j = assertJsonError(await v.get('/api/v1/procedures/9.999999'), 404);
    assert.match(j.error, /^[\x20-\x7e]+$/, `the API message is in English: ${j.error}`);
    assertErrorPage(await v.get('/dich-vu/khong-co?lang=vi'), 404);
    assert.equal(v.cookies.get('lang'), 'vi');
  });
});

// A supplement over the dossier's upload limit (max_dossier_bytes, 50 MB by
// default: the files the dossier holds and the new ones together): the same
// form again, 422, saying why in the reader's language, the note kept, and
// none of the refused files in the store; a smaller file then goes through.
describe('a supplement over the dossier\'s upload limit', { concurrency: false, timeout: 300_000 }, () => {
  const MB = 1 << 20;
  const store = configValue('files_dir');
  const limit = Number(configValue('max_dossier_bytes') || 50 * MB);
  const perFile = Math.min(Number(configValue('max_upload') || 10 * MB), 10 * MB) - 64 * 1024;
  const maxBody = Number(configValue('max_body'));
  let browser, citizen, token, recvToken, code;

  /** A PDF of n bytes, unique (random bytes after its end). */
  const bigPdf = (n, tag) => {
    const head = Buffer.concat([minimalPdf(`limit ${tag}`), Buffer.from('\n%')]);
    return Buffer.concat([head, randomBytes(n - head.length)]);
  };
  const storedPath = (bytes) => {
    const sha = createHash('sha256').update(bytes).digest('hex');
    return path.join(store, sha.slice(0, 2), sha.slice(2, 4), sha);
  };
  const bearer = (t) => ({ authorization: `Bearer ${t}` });
  const held = () => Number(sqlValue('SELECT COALESCE(SUM(b.size), 0) FROM dossier_files f JOIN attachments b ' +
    `ON b.sha256 = f.sha256 JOIN dossiers d ON d.id = f.dossier_id WHERE d.code = ${q(code)}`));

  async function askCompletion() {
    const a = await request(`/api/v1/dossiers/${encodeURIComponent(code)}/transitions`, {
      method: 'POST', headers: { ...bearer(recvToken), 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'request_completion', items: [{ item: 'Bản sao có chứng thực', reason: 'Thiếu' }] }),
    });
    assert.equal(a.status, 200, a.text.slice(0, 300));
  }

  before(async () => {
    const ward = randomWard(WARD_SLOTS.other);
    citizen = await newCitizen();
    const recv = await newOfficer('receiver', ward, 'Tiếp Nhận Giới Hạn');
    [token, recvToken] = await Promise.all([newToken(citizen.email), newToken(recv.email)]);
    // Filed with two files near the per-file limit, then a supplement of two
    // more (each request under max_body): the dossier holds about 40 MB.
    const two = (t) => [filePart(bigPdf(perFile, `${t}a`), 'a.pdf'), filePart(bigPdf(perFile, `${t}b`), 'b.pdf')];
    assert.ok(2 * perFile + MB < maxBody, 'two files fit in one request');
    const a = await request('/api/v1/dossiers', {
      method: 'POST', headers: bearer(token), body: toFormData({
        procedure: PROC, agency: ward, fields: JSON.stringify({ content: 'Hồ sơ nhiều tệp' }), file: two('f'),
      }),
    });
    assert.equal(a.status, 201, a.text.slice(0, 300));
    code = a.json().code;
    await askCompletion();
    const s = await request(`/api/v1/dossiers/${encodeURIComponent(code)}/transitions`, {
      method: 'POST', headers: bearer(token), body: toFormData({ action: 'supplement', file: two('s') }),
    });
    assert.equal(s.status, 200, s.text.slice(0, 300));
    await askCompletion();
    browser = await launchBrowser();
  });

  after(async () => { if (browser) await browser.close(); });

  test('refused on the same form (422), why in Vietnamese and English, the note kept, nothing stored; a smaller file goes', async () => {
    const have = held();
    assert.ok(have < limit && have + 2 * perFile > limit, `the dossier holds ${have} bytes: two more files go over ${limit}`);
    const page = await signIn(browser, citizen.email, citizen.password);
    try {
      const note = `Tôi gửi bản scan <b>đầy đủ</b> ${Date.now()}`;
      const files = [bigPdf(perFile, 'p1'), bigPdf(Math.min(perFile, limit - have + MB), 'p2')];
      for (const lang of ['vi', 'en']) {
        await page.goto(`${BASE_URL}/dich-vu/ho-so/${encodeURIComponent(code)}?lang=${lang}`);
        if (lang === 'vi') await page.locator('#snote').fill(note);
        else await page.locator('#snote').fill(`${note} (en)`);
        await page.locator('#file1').setInputFiles({ name: 'scan-1.pdf', mimeType: 'application/pdf', buffer: files[0] });
        await page.locator('#file2').setInputFiles({ name: 'scan-2.pdf', mimeType: 'application/pdf', buffer: files[1] });
        const [res] = await Promise.all([
          page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/bo-sung'), { timeout: 120_000 }),
          page.locator('form[action$="/bo-sung"] button[type=submit]').click(),
        ]);
        assert.equal(res.status(), 422, `${lang}: over the limit is a 422`);
        await page.locator('#supplement-error').waitFor({ timeout: 60_000 });
        const why = await page.locator('#supplement-error').innerText();
        assert.match(why, lang === 'vi' ? /50 MB/ : /50 MB/);
        assert.match(why, lang === 'vi' ? /không được lưu.*Ghi chú của bạn vẫn được giữ/s : /were not kept.*Your note is kept/s, why);
        assert.equal(await page.locator('#snote').inputValue(), lang === 'vi' ? note : `${note} (en)`, 'the note as typed');
        assert.equal(await page.locator('#file1').count(), 1, 'the form is there again');
      }
      for (const f of files) assert.equal(existsSync(storedPath(f)), false, 'a refused file is not in the store');
      assert.equal(held(), have, 'nothing attached');
      assert.equal(Number(sqlValue(`SELECT status FROM dossiers WHERE code = ${q(code)}`)), 5, 'still waiting for the supplement');
      // A file that fits: sent with the note kept on the page.
      const small = minimalPdf(`small ${Date.now()}`);
      await page.locator('#file1').setInputFiles({ name: 'nho.pdf', mimeType: 'application/pdf', buffer: small });
      await Promise.all([page.waitForURL(/\?ok=1$/, { timeout: 60_000 }),
        page.locator('form[action$="/bo-sung"] button[type=submit]').click()]);
      assert.equal(existsSync(storedPath(small)), true, 'the accepted file is stored');
      assert.equal(held(), have + small.length, 'and attached');
      assert.notEqual(Number(sqlValue(`SELECT status FROM dossiers WHERE code = ${q(code)}`)), 5, 'supplemented');
      assert.equal(sqlValue('SELECT COUNT(*) FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id ' +
        `WHERE d.code = ${q(code)} AND e.note LIKE ${q(`%${note} (en)%`)}`), '1', 'the kept note went with it');
    } finally {
      await page.context().close();
    }
  });
});
