// Authorisation is decided before a handler runs (issue 9): every route of
// the back office and every API route that needs an account, read from the
// programs' route tables (a new route is covered), is tried by nobody and by
// a logged-in citizen (with a valid form token, so that only the role check
// can refuse a POST): nobody gets the login page (GET), 403 (POST) or 401
// (API); the citizen gets 403 (404 only where the address names a record),
// never a page, a redirect into the back office, or a 5xx. Officers of a
// sibling agency are office.test's, api.test's and unit_access's (dossier
// scope), accounts-admin's and eval-scope's (agency scope).
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { Visitor, csrfOf, newCitizen, newToken, request } from './lib.mjs';
import { readRoutes } from './routes.mjs';

/** The routes of a program, every entry of its tables read. */
function programRoutes(program) {
  const { routes, entries } = readRoutes([program]);
  assert.equal(routes.length, entries, `every route of ${program} read`);
  return routes;
}

const filled = (p) => p.replace(/\{\}/g, 'X1');
const bad = [];
const expect = (what, a, ok) => { if (!ok(a)) bad.push(`${what}: ${a.status} ${a.location || ''}`.trim()); };

describe('who may use the back office and the API (issue 9)', { concurrency: false, timeout: 300_000 }, () => {
  const office = programRoutes('office');
  const api = programRoutes('api').filter((r) => r.login);
  let citizen; let csrf; let token;

  before(async () => {
    const me = await newCitizen();
    citizen = new Visitor();
    await citizen.login(me.email, me.password);
    const mine = await citizen.get('/dich-vu/ho-so');
    assert.equal(mine.status, 200);
    csrf = csrfOf(mine.text);
    token = await newToken(me.email);
  });

  test('the route tables are read: the back office and the API routes that need an account', () => {
    assert.ok(office.length > 50, `${office.length} back office routes`);
    assert.ok(office.every((r) => r.pattern.startsWith('/can-bo/') && r.login), 'each a /can-bo/ route that needs a login');
    assert.ok(api.some((r) => r.handler === 'api_transition'), `the API's officer actions need an account (${api.length} routes do)`);
  });

  test('nobody: the login page for a GET, 403 for a POST, 401 from the API', async () => {
    bad.length = 0;
    for (const r of office) {
      const a = await request(filled(r.pattern), r.method === 'POST' ? { method: 'POST', body: new URLSearchParams({ a: 'b' }) } : {});
      expect(`nobody ${r.method} ${r.pattern}`, a, (x) => (r.method === 'GET' ?
        x.status === 303 && /^\/dich-vu\/dang-nhap\?next=/.test(x.location || '') : x.status === 403));
    }
    for (const r of api) {
      const a = await request(filled(r.pattern), r.method === 'GET' ? {} : { method: r.method, body: '{}', headers: { 'content-type': 'application/json' } });
      expect(`nobody ${r.method} ${r.pattern}`, a, (x) => x.status === 401);
    }
    assert.deepEqual(bad, []);
  });

  test('a citizen: 403 (404 for a record it cannot see), never a back office page', async () => {
    bad.length = 0;
    const refused = (r) => (x) => x.status === 403 || (x.status === 404 && r.pattern.includes('{}'));
    for (const r of office) {
      const a = r.method === 'POST' ?
        await citizen.postForm(filled(r.pattern), { csrf, a: 'b' }) : await citizen.get(filled(r.pattern));
      expect(`citizen ${r.method} ${r.pattern}`, a, refused(r));
    }
    // The API's two routes with an account are the citizen's too (filing, and
    // withdrawing through transitions: the handler decides by the dossier,
    // api.test); an API route kept for a role is tried here once there is one.
    for (const r of api.filter((x) => x.roles)) {
      const a = await request(filled(r.pattern), {
        method: r.method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(r.method === 'GET' ? {} : { body: '{}' }),
      });
      expect(`citizen token ${r.method} ${r.pattern}`, a, refused(r));
    }
    assert.deepEqual(bad, []);
  });
});
