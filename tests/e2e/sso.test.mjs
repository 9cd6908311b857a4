// Single sign-on through the portal's login page in Chromium (issue 9),
// against the real OpenID Connect provider tools/test.sh starts
// (LemonLDAP::NG, tools/oidc.sh): the button "Đăng nhập bằng VNeID / Cổng
// DVC quốc gia" leads to the provider's login form; back on the portal the
// person is logged in. At LoA2 the ID number is verified (the account is the
// number's verified holder; a password account made by an administrator for
// the same number is the same account); at LoA1 the account is made but its
// number stays a claim. A callback with another state is refused.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  BASE_URL, RUNDIR, TOP, Visitor, launchBrowser, motcua, q, sql, sqlValue, textOf, uniq, watch,
} from './lib.mjs';

function oidcEnv() {
  const env = {};
  const file = path.join(RUNDIR, 'oidc', 'oidc.env');
  if (!process.env.OIDC_ISSUER && existsSync(file)) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const m = line.match(/^(OIDC_[A-Z_]+)=(.*)$/);
      if (m) env[m[1]] = m[2];
    }
  }
  if (process.env.OIDC_ISSUER) env.OIDC_ISSUER = process.env.OIDC_ISSUER;
  return env;
}
const ISSUER = oidcEnv().OIDC_ISSUER;
const SKIP = ISSUER ? false : 'OIDC_ISSUER is unset: no OpenID Connect provider (tools/test.sh starts one; by hand tools/oidc.sh start)';

const PEOPLE = readFileSync(path.join(TOP, 'tools', 'oidc', 'people.csv'), 'utf8')
  .trim().split('\n').slice(1).map((l) => {
    const [id, name, email, phone, loa, password, sub] = l.split(',');
    return { id, name, email, phone, loa, password, sub };
  });
const [AN, BINH, CUONG] = PEOPLE;

describe('single sign-on from the login page', { concurrency: false, timeout: 300_000, skip: SKIP }, () => {
  let browser;

  before(async () => { browser = await launchBrowser(); });
  after(async () => { if (browser) await browser.close(); });

  /** Through the pages: the button, the provider's form, back; the page. */
  async function ssoLogin(person, { width = 1280, shot } = {}) {
    const ctx = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await ctx.newPage();
    const w = watch(page);
    await page.goto(`${BASE_URL}/dich-vu/dang-nhap`);
    const button = page.locator('#sso-login');
    assert.equal(await button.innerText(), 'Đăng nhập bằng VNeID / Cổng DVC quốc gia');
    if (shot) await page.screenshot({ path: `tests/e2e/output/${shot}-${width}.png`, fullPage: true });
    await Promise.all([page.waitForURL((u) => u.origin === new URL(ISSUER).origin), button.click()]);
    await page.locator('input[name=user]').fill(person.id);
    await page.locator('input[name=password]').fill(person.password);
    await Promise.all([page.waitForURL((u) => u.origin === new URL(BASE_URL).origin, { timeout: 30_000 }),
      page.locator('input[name=password]').press('Enter')]);
    await page.waitForLoadState();
    return { ctx, page, w };
  }

  const identity = (p) => sql(`SELECT account_id, acr FROM account_identities WHERE issuer = ${q(ISSUER)} ` +
    `AND subject = ${q(p.sub)}`)[0];

  test('LoA2: logged in through the provider, the ID number verified', async () => {
    const { ctx, page } = await ssoLogin(AN, { shot: 'login-sso' });
    assert.equal(new URL(page.url()).pathname, '/dich-vu/ho-so', 'lands on "my dossiers"');
    assert.match(await page.locator('.user-name').innerText(), /\S/, 'the header greets the person');
    const [accountId, acr] = identity(AN);
    assert.equal(acr, 'LoA2');
    assert.equal(sqlValue(`SELECT verified_id_number FROM accounts WHERE id = ${accountId}`), AN.id,
      'the account is the verified holder of the ID number');
    assert.equal(sqlValue(`SELECT COUNT(*) FROM accounts WHERE verified_id_number = ${q(AN.id)}`), '1');
    // Again: the same account, no second one.
    await ctx.close();
    const again = await ssoLogin(AN);
    assert.equal(new URL(again.page.url()).pathname, '/dich-vu/ho-so');
    assert.equal(identity(AN)[0], accountId, 'the second login finds the same account');
    await again.ctx.close();
  });

  test('the same person by password and by single sign-on is one account (matched by the verified ID number)', async () => {
    const tag = uniq();
    // An account an administrator made for the number (verified), or the one
    // an earlier run linked: the command finds it by the verified number.
    const email = sqlValue(`SELECT email FROM accounts WHERE verified_id_number = ${q(CUONG.id)}`) ||
      `e2e-sso-${tag}@motcua.test`;
    const password = `Pw-${tag}`;
    const id = Number(await motcua('user', 'add', '--role', 'citizen', '--id-number', CUONG.id,
      '--email', email, '--password', password, '--name', CUONG.name));
    const { ctx, page } = await ssoLogin(CUONG, { width: 390, shot: 'sso-landed' });
    assert.equal(new URL(page.url()).pathname, '/dich-vu/ho-so');
    assert.equal(Number(identity(CUONG)[0]), id, 'single sign-on lands in the password account of the same number');
    await ctx.close();
  });

  test('LoA1: logged in, but the ID number stays a claim (not verified)', async () => {
    const { ctx, page } = await ssoLogin(BINH);
    assert.equal(new URL(page.url()).pathname, '/dich-vu/ho-so');
    const [accountId, acr] = identity(BINH);
    assert.equal(acr, 'LoA1');
    const row = sql(`SELECT id_number, id_verified FROM accounts WHERE id = ${accountId}`)[0];
    assert.equal(row[1], '0', 'a LoA1 login does not verify the ID number');
    assert.ok(row[0] === BINH.id || row[0] === null, 'the number is recorded as a claim');
    await ctx.close();
  });

  test('a callback whose state is not this browser\'s is refused, nobody logged in', async () => {
    const v = new Visitor();
    const start = await v.get('/dich-vu/dang-nhap/sso');
    assert.equal(start.status, 303);
    assert.ok(start.location.startsWith(ISSUER), 'off to the provider');
    assert.ok(v.cookies.has('mc_oidc'), 'the flow is kept in a cookie');
    const forged = await v.get(`/dich-vu/dang-nhap/sso/callback?code=abc&state=${'0'.repeat(64)}`);
    assert.equal(forged.status, 400);
    assert.match(textOf(forged.text), /Không đăng nhập được qua VNeID/);
    assert.ok(!v.cookies.has('mc_session'), 'no session');
    const bare = await new Visitor().get('/dich-vu/dang-nhap/sso/callback?code=abc&state=' + 'a'.repeat(64));
    assert.equal(bare.status, 400, 'without the flow cookie: refused');
  });
});
