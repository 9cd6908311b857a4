// Every error a visitor can cause answers a real page: the status, in
// Vietnamese (or English when asked), with the request id, never blank and
// never SQL or a trace; under /api/ the same as JSON.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  Visitor, assertErrorPage, assertJsonError, configValue, csrfOf, postLarge, request,
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
