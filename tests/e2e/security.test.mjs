// What keeps a visitor's account theirs: the login's "next" never leads off
// the site, the session cookie is not readable by scripts, logging out ends
// the session on the server, a new login ends the session the browser had,
// a session past its absolute expiry opens nothing, and every answer (pages,
// API, static files, error pages, downloads) carries the security headers.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import {
  BASE_URL, PROC, Visitor, attachments, csrfOf, filePart, fileOnline, minimalPdf,
  newCitizen, q, randomWard, request, sql, sqlValue, uniq,
} from './lib.mjs';

const ORIGIN = new URL(BASE_URL).origin;

describe('accounts and sessions', () => {
  let me;
  before(async () => { me = await newCitizen(); });

  test('after login, "next" only ever leads to a page of this site', async () => {
    // How a browser reads the Location header decides: the WHATWG URL parser
    // drops tabs and newlines, so "/\t/host" is "//host".
    const nexts = ['//evil.example/', '/\\evil.example/', '/\t/evil.example/', '/ /evil.example/',
      'https://evil.example/', '/%09/evil.example/', '/\t\\evil.example/'];
    const offsite = [];
    for (const next of nexts) {
      const v = new Visitor();
      const a = await v.postForm('/dich-vu/dang-nhap', { csrf: await v.csrf(), login: me.email, password: me.password, next });
      assert.equal(a.status, 303, `login with next=${JSON.stringify(next)}`);
      const to = new URL(a.location, BASE_URL);
      if (to.origin !== ORIGIN) offsite.push(`${JSON.stringify(next)} -> Location ${JSON.stringify(a.location)} = ${to.href}`);
    }
    assert.deepEqual(offsite, [], 'redirects that leave the site');
    const v = new Visitor();
    const page = await v.get('/dich-vu/dang-nhap?next=/dich-vu/ho-so');
    assert.match(page.text, /name="next" value="\/dich-vu\/ho-so"/, 'a local next is kept');
    const a = await v.postForm('/dich-vu/dang-nhap', { csrf: csrfOf(page.text), login: me.email, password: me.password, next: '/dich-vu/ho-so' });
    assert.equal(a.location, '/dich-vu/ho-so');
  });

  test('the session cookie is HttpOnly and SameSite; logging out ends it on the server', async () => {
    const v = new Visitor();
    const csrf = await v.csrf();
    const res = await fetch(`${BASE_URL}/dich-vu/dang-nhap`, {
      method: 'POST', redirect: 'manual',
      headers: { cookie: v.cookieHeader() },
      body: new URLSearchParams({ csrf, login: me.email, password: me.password }),
    });
    assert.equal(res.status, 303);
    const sc = res.headers.getSetCookie().find((c) => c.startsWith('mc_session='));
    assert.ok(sc, 'a session cookie is set');
    assert.match(sc, /;\s*HttpOnly/i);
    assert.match(sc, /;\s*SameSite=(Lax|Strict)/i);
    assert.match(sc, /;\s*Path=\//);
    const session = sc.split(';')[0].split('=')[1];
    assert.match(session, /^[0-9a-f]{64}$/);

    const stolen = new Visitor();
    stolen.cookies.set('mc_session', session);
    const mine = await stolen.get('/dich-vu/ho-so');
    assert.equal(mine.status, 200, 'the cookie opens the session');
    const out = await stolen.postForm('/dich-vu/dang-xuat', { csrf: csrfOf(mine.text) });
    assert.equal(out.status, 303);
    const replay = new Visitor();
    replay.cookies.set('mc_session', session);
    const after = await replay.get('/dich-vu/ho-so');
    assert.equal(after.status, 303, 'the old cookie no longer opens anything after logout');
    assert.match(after.location, /^\/dich-vu\/dang-nhap/);
  });

  test('a new login in the same browser ends the session that browser had (issue 9, finding 4)', async () => {
    const v = new Visitor();
    await v.login(me.email, me.password);
    const first = v.cookies.get('mc_session');
    const other = await newCitizen();
    await v.login(other.email, other.password);
    const second = v.cookies.get('mc_session');
    assert.notEqual(second, first, 'the second login gets a session of its own');
    const mine = await v.get('/dich-vu/ho-so');
    assert.equal(mine.status, 200, 'the new session opens my dossiers');
    const replay = new Visitor();
    replay.cookies.set('mc_session', first);
    const old = await replay.get('/dich-vu/ho-so');
    assert.equal(old.status, 303, 'the first session opens nothing any more');
    assert.match(old.location, /^\/dich-vu\/dang-nhap/);
  });

  test('a session past its absolute expiry opens nothing, even in use', async () => {
    const v = new Visitor();
    await v.login(me.email, me.password);
    const token = v.cookies.get('mc_session');
    assert.equal((await v.get('/dich-vu/ho-so')).status, 200, 'the session opens my dossiers');
    const hash = `UNHEX(SHA2(${q(token)}, 256))`;
    assert.equal(sqlValue(`SELECT COUNT(*) FROM sessions WHERE token_hash = ${hash}`), '1', 'stored by its hash');
    // Used a moment ago (not idle), but its absolute end is long past.
    sql(`UPDATE sessions SET expires_at = '2001-01-01 00:00:00' WHERE token_hash = ${hash}`);
    const after = await v.get('/dich-vu/ho-so');
    assert.equal(after.status, 303, 'an expired session is sent to the login');
    assert.match(after.location, /^\/dich-vu\/dang-nhap/);
  });

  test('dynamic pages and API answers carry the security headers and are not cached', async () => {
    for (const p of ['/dich-vu/dang-nhap', '/api/v1/procedures?q=x', '/dich-vu/khong-co']) {
      const a = await request(p);
      assert.equal(a.headers.get('x-content-type-options'), 'nosniff', p);
      assert.equal(a.headers.get('x-frame-options'), 'DENY', p);
      assert.match(a.headers.get('content-security-policy') || '', /default-src 'self'/, p);
      assert.match(a.headers.get('content-security-policy') || '', /frame-ancestors 'none'/, p);
      assert.equal(a.headers.get('cache-control'), 'no-store', p);
      assert.equal(a.headers.get('content-security-policy').match(/default-src/g).length, 1, `${p}: one CSP, not two`);
    }
  });

  test('static files, Apache and program error pages and downloads carry the headers too (issue 9)', async () => {
    const check = (a, what) => {
      assert.equal(a.headers.get('x-content-type-options'), 'nosniff', what);
      assert.equal(a.headers.get('x-frame-options'), 'DENY', what);
      assert.match(a.headers.get('referrer-policy') || '', /^(strict-origin-when-cross-origin|strict-origin|same-origin|no-referrer)$/,
        `${what}: a strict referrer policy`);
      const csp = a.headers.get('content-security-policy') || '';
      assert.match(csp, /default-src 'self'/, what);
      assert.match(csp, /frame-ancestors 'none'/, what);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, `${what}: no inline script or style allowed`);
      assert.equal(csp.match(/default-src/g).length, 1, `${what}: one CSP, not two`);
    };
    const answers = [
      ['/', 200, 'the generated home page'],
      ['/static/css/site.css', 200, 'a static stylesheet'],
      ['/khong-co-trang-nay.html', 404, "Apache's static 404 page"],
      ['/can-bo/khong-co', 404, "the back office's 404 page"],
      ['/dich-vu/ho-so/%FF%FE', 400, 'a 400 page (invalid UTF-8 in the path)'],
      ['/api/v1/dossiers/X/transitions', 405, 'an API 405 in JSON'],
    ];
    for (const [p, status, what] of answers) {
      const a = await request(p);
      assert.equal(a.status, status, `${what}: ${p}`);
      check(a, `${what} (${p})`);
    }
    // A citizen's own attachment, downloaded.
    const me = await newCitizen();
    const v = new Visitor();
    await v.login(me.email, me.password);
    const form = await v.get(`/dich-vu/nop-ho-so/${PROC}`);
    assert.equal(form.status, 200, 'the filing form');
    const tag = uniq();
    const a = await fileOnline(v, PROC, {
      csrf: csrfOf(form.text), name: me.name, id_number: me.idNumber,
      phone: `09${String(process.pid % 10000).padStart(4, '0')}${String(Date.now() % 10000).padStart(4, '0')}`,
      email: me.email, address: '12 Lê Lợi', agency: randomWard(),
      content: `Tiêu đề bảo mật ${tag}`, file: filePart(minimalPdf(`headers ${tag}`), 'giay.pdf'),
    });
    assert.equal(a.status, 303, `filed: ${a.status}`);
    const page = await v.follow(a.location);
    const files = attachments(page.text);
    assert.equal(files.length, 1, 'the attachment is listed');
    const dl = await v.get(files[0].href);
    assert.equal(dl.status, 200, 'the download');
    assert.match(dl.headers.get('content-disposition') || '', /^attachment;/, 'as an attachment');
    assert.match(dl.type, /^application\/pdf/, 'with its stored type');
    check(dl, 'a download');
  });
});
