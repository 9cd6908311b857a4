// The OpenID Connect provider the tests run (tools/oidc.sh: LemonLDAP::NG on
// loopback), used headlessly exactly as the portal's single sign-on will use
// it (issue 9): discovery, an authorization request with acr_values, the login
// form posted with the ID number and password, 302 with a code to the portal's
// callback, the code exchanged with the client secret, the RS256 id_token
// verified against the JWKS with Node's crypto, and the claims.
//
// tools/test.sh starts the provider and exports OIDC_ISSUER, OIDC_CLIENT_ID,
// OIDC_CLIENT_SECRET, OIDC_PORT; by hand, `tools/oidc.sh start` writes them to
// $RUNDIR/oidc/oidc.env, read here when the environment lacks them.
import assert from 'node:assert/strict';
import { createPublicKey, randomBytes, verify as verifySig } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import test from 'node:test';
import { RUNDIR, TOP } from './lib.mjs';

function oidcEnv() {
  const env = {};
  const file = path.join(RUNDIR, 'oidc', 'oidc.env');
  if (!process.env.OIDC_ISSUER && existsSync(file)) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const m = line.match(/^(OIDC_[A-Z_]+)=(.*)$/);
      if (m) env[m[1]] = m[2];
    }
  }
  for (const k of ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_PORT', 'OIDC_REDIRECT_URI'])
    if (process.env[k]) env[k] = process.env[k];
  return env;
}
const ENV = oidcEnv();
const ISSUER = ENV.OIDC_ISSUER;
const PORT = process.env.PORT || new URL(process.env.BASE_URL || 'http://127.0.0.1:8080').port;
const REDIRECT = ENV.OIDC_REDIRECT_URI || `http://127.0.0.1:${PORT}/dich-vu/dang-nhap/sso/callback`;
const SCOPE = 'openid profile email phone so_dinh_danh';

// The test people (tools/oidc/people.csv).
const PEOPLE = readFileSync(path.join(TOP, 'tools', 'oidc', 'people.csv'), 'utf8')
  .trim().split('\n').slice(1).map((l) => {
    const [id, name, email, phone, loa, password, sub] = l.split(',');
    return { id, name, email, phone, loa, password, sub };
  });
const LOA2 = PEOPLE.find((p) => p.loa === 'LoA2');
const LOA1 = PEOPLE.find((p) => p.loa === 'LoA1');

test.before(() => {
  assert.ok(ISSUER, 'OIDC_ISSUER is set (tools/test.sh starts the provider; by hand: tools/oidc.sh start)');
  assert.ok(ENV.OIDC_CLIENT_ID && ENV.OIDC_CLIENT_SECRET, 'client id and secret are set');
});

const b64url = (s) => Buffer.from(s, 'base64url');
const jsonPart = (s) => JSON.parse(b64url(s).toString('utf8'));

let discovery;
async function getDiscovery() {
  if (!discovery) {
    const r = await fetch(`${ISSUER}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(10_000) });
    assert.equal(r.status, 200, 'discovery answers 200');
    discovery = await r.json();
  }
  return discovery;
}

/** Cookies of a response as one Cookie header value. */
function cookiesOf(res, jar = new Map()) {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const i = pair.indexOf('=');
    jar.set(pair.slice(0, i).trim(), pair.slice(i + 1));
  }
  return jar;
}
const cookieHeader = (jar) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
const hidden = (html, name) => {
  const m = html.match(new RegExp(`name="${name}"[^>]*value="([^"]*)"`));
  return m ? m[1] : undefined;
};

/**
 * The browser's part of the authorization-code flow, without a browser:
 * GET the authorization URL (a login form), POST the form back with the
 * ID number and password. Returns the last response (302 on success).
 */
async function login(person, password, { acr = 'LoA2', state = randomBytes(8).toString('hex'), nonce = randomBytes(8).toString('hex') } = {}) {
  const d = await getDiscovery();
  const u = new URL(d.authorization_endpoint);
  u.search = new URLSearchParams({
    response_type: 'code', client_id: ENV.OIDC_CLIENT_ID, redirect_uri: REDIRECT,
    scope: SCOPE, state, nonce, acr_values: acr,
  }).toString();
  const r1 = await fetch(u, { redirect: 'manual', signal: AbortSignal.timeout(10_000) });
  assert.equal(r1.status, 200, 'the authorization request shows the login form');
  const jar = cookiesOf(r1);
  const html = await r1.text();
  assert.match(html, /name="password"/, 'a password field');
  const form = new URLSearchParams({ user: person.id, password });
  for (const k of ['url', 'token', 'skin']) {
    const v = hidden(html, k);
    if (v !== undefined) form.set(k, v);
  }
  assert.ok(form.get('token'), 'the form carries its one-time token');
  const r2 = await fetch(u, {
    method: 'POST', redirect: 'manual', body: form,
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(jar) },
    signal: AbortSignal.timeout(10_000),
  });
  return { res: r2, body: await r2.text(), state, nonce };
}

async function exchange(code, secret = ENV.OIDC_CLIENT_SECRET) {
  const d = await getDiscovery();
  return fetch(d.token_endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: 'Basic ' + Buffer.from(`${ENV.OIDC_CLIENT_ID}:${secret}`).toString('base64'),
    },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT }),
    signal: AbortSignal.timeout(10_000),
  });
}

/** Verifies an RS256 JWT against the provider's JWKS; returns its claims. */
async function verifyIdToken(jwt) {
  const d = await getDiscovery();
  const [h, p, s] = jwt.split('.');
  const header = jsonPart(h);
  assert.equal(header.alg, 'RS256', 'id_token signed with RS256 (never none or HS*)');
  const jwks = await (await fetch(d.jwks_uri, { signal: AbortSignal.timeout(10_000) })).json();
  const jwk = jwks.keys.find((k) => k.kid === header.kid);
  assert.ok(jwk, `the JWKS holds the key ${header.kid}`);
  const key = createPublicKey({ key: jwk, format: 'jwk' });
  const ok = verifySig('RSA-SHA256', Buffer.from(`${h}.${p}`), key, b64url(s));
  return { ok, header, claims: jsonPart(p) };
}

async function fullFlow(person, acr) {
  const { res, state, nonce } = await login(person, person.password, { acr });
  assert.equal(res.status, 302, 'a right password: 302');
  const loc = new URL(res.headers.get('location'));
  assert.equal(`${loc.origin}${loc.pathname}`, REDIRECT, 'back to the portal\'s callback');
  assert.equal(loc.searchParams.get('state'), state, 'state echoed');
  const code = loc.searchParams.get('code');
  assert.ok(code, 'a code');
  const t = await exchange(code);
  assert.equal(t.status, 200, 'the code is exchanged with the client secret');
  const tok = await t.json();
  assert.ok(tok.id_token && tok.access_token, 'an id_token and an access token');
  const v = await verifyIdToken(tok.id_token);
  assert.ok(v.ok, 'the id_token\'s signature verifies against the JWKS');
  assert.equal(v.claims.iss, ISSUER);
  assert.deepEqual([v.claims.aud].flat(), [ENV.OIDC_CLIENT_ID]);
  assert.equal(v.claims.nonce, nonce, 'nonce echoed');
  assert.ok(v.claims.exp * 1000 > Date.now(), 'not expired');
  return { tok, claims: v.claims, code };
}

test('discovery: issuer, endpoints, RS256, the levels of assurance LoA1 and LoA2', async () => {
  const t0 = Date.now();
  const d = await getDiscovery();
  assert.equal(d.issuer, ISSUER);
  for (const k of ['authorization_endpoint', 'token_endpoint', 'userinfo_endpoint', 'jwks_uri'])
    assert.ok(d[k]?.startsWith(ISSUER + '/'), `${k} on the issuer`);
  assert.ok(d.id_token_signing_alg_values_supported.includes('RS256'));
  assert.deepEqual([...d.acr_values_supported].sort(), ['LoA1', 'LoA2']);
  assert.ok(d.response_types_supported.includes('code'));
  assert.ok(Date.now() - t0 < 5000, 'answers quickly');
});

test('a LoA2 person logs in: code, token, verified RS256 id_token with ID number, name, e-mail, phone, acr LoA2', async () => {
  const { tok, claims } = await fullFlow(LOA2, 'LoA2');
  assert.equal(claims.acr, 'LoA2');
  assert.equal(claims.so_dinh_danh, LOA2.id);
  assert.match(claims.so_dinh_danh, /^[0-9]{12}$/);
  assert.equal(claims.name, LOA2.name);
  assert.equal(claims.email, LOA2.email);
  assert.equal(claims.phone_number, LOA2.phone);
  assert.equal(claims.sub, LOA2.sub, 'sub is the provider\'s opaque subject, not the ID number');
  assert.ok(claims.auth_time > 0, 'auth_time set');
  // The same claims from userinfo with the access token.
  const d = await getDiscovery();
  const u = await fetch(d.userinfo_endpoint, { headers: { authorization: `Bearer ${tok.access_token}` } });
  assert.equal(u.status, 200);
  const info = await u.json();
  assert.equal(info.sub, LOA2.sub);
  assert.equal(info.so_dinh_danh, LOA2.id);
  assert.equal(info.name, LOA2.name);
});

test('a LoA1 person gets acr LoA1 even when LoA2 was asked (the relying party must check acr)', async () => {
  const { claims } = await fullFlow(LOA1, 'LoA2');
  assert.equal(claims.acr, 'LoA1');
  assert.equal(claims.so_dinh_danh, LOA1.id);
});

test('a tampered id_token does not verify; a code works once; a wrong client secret is refused', async () => {
  const { tok, code } = await fullFlow(LOA2, 'LoA2');
  const [h, p, s] = tok.id_token.split('.');
  const claims = jsonPart(p);
  claims.so_dinh_danh = LOA1.id;
  const forged = `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`;
  assert.equal((await verifyIdToken(forged)).ok, false, 'a changed claim breaks the signature');
  const again = await exchange(code);
  assert.ok(again.status >= 400, `a used code is refused (${again.status})`);
  const { res } = await login(LOA2, LOA2.password);
  const code2 = new URL(res.headers.get('location')).searchParams.get('code');
  const bad = await exchange(code2, 'not-the-secret');
  assert.ok(bad.status === 400 || bad.status === 401, `a wrong secret is refused (${bad.status})`);
});

test('a wrong password is refused: the form again, no code, no redirect', async () => {
  const { res, body } = await login(LOA2, LOA2.password + 'x');
  assert.notEqual(res.status, 302, 'no redirect');
  assert.ok(!(res.headers.get('location') || '').includes('code='), 'no code');
  assert.match(body, /name="password"/, 'the login form is shown again');
  // An ID number nobody has: refused the same way.
  const { res: r2 } = await login({ id: '000000000000' }, LOA2.password);
  assert.notEqual(r2.status, 302);
});
