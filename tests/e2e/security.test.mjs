// What keeps a visitor's account theirs: the login's "next" never leads off
// the site, the session cookie is not readable by scripts, logging out ends
// the session on the server, and dynamic pages carry the security headers.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { BASE_URL, Visitor, csrfOf, newCitizen, request } from './lib.mjs';

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
});
