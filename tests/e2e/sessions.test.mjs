// Sessions (issue 9): the account page lists where the account is logged in
// (device, address, since, last used), marks this browser's session, logs
// out another one or every other one through the page, and a password change
// ends the others; a session unused for longer than the config's
// session_idle_minutes ends (aged by SQL here: the rule itself is in
// unit_password's test_sessions); logins and ended sessions reach the audit
// log, whose chain holds. Two and three Chromium browsers, vi and en.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { mkdirSync } from 'node:fs';

import {
  BASE_URL, TOP, configValue, launchBrowser, motcua, newCitizen, sql, sqlValue, uniq, watch,
} from './lib.mjs';

const OUT = path.join(TOP, 'tests', 'e2e', 'output');
mkdirSync(OUT, { recursive: true });
const ACCOUNT = `${BASE_URL}/dich-vu/tai-khoan`;
const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 '
  + '(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';
const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { if (browser) await browser.close(); });

async function submit(page, locator) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), locator.click()]);
}

/** A browser of its own (a context), logged in to the account through the page. */
async function loggedInBrowser(c, { userAgent, width = 1280, lang = 'vi' } = {}) {
  const ctx = await browser.newContext({ userAgent, viewport: { width, height: 900 } });
  const page = await ctx.newPage();
  await page.goto(`${BASE_URL}/dich-vu/dang-nhap?lang=${lang}`);
  await page.locator('#login').fill(c.email);
  await page.locator('#password').fill(c.password);
  await submit(page, page.locator('form.form button[type=submit]'));
  assert.notEqual(new URL(page.url()).pathname, '/dich-vu/dang-nhap', 'logged in');
  return { ctx, page };
}

/** Where the browser's next request for the account page lands (a path). */
async function landsOn(page) {
  await page.goto(ACCOUNT);
  return new URL(page.url()).pathname;
}

/** The sessions the account page lists: device, current, facts. */
async function listed(page) {
  const items = page.locator('#session-list li.session');
  const out = [];
  for (let i = 0; i < await items.count(); i++) {
    const li = items.nth(i);
    out.push({
      device: (await li.locator('.session-device').innerText()).trim(),
      current: (await li.getAttribute('class')).includes('session-current'),
      facts: (await li.locator('.session-facts').innerText()).trim(),
      id: (await li.getAttribute('id')).replace('session-', ''),
    });
  }
  return out;
}

describe('sessions, through the account page', { concurrency: false }, () => {
  test('two browsers: both listed, this one marked; logging the other out sends it to the login page (vi)', async () => {
    const c = await newCitizen({ name: 'Lê Thị Hai Máy' });
    const a = await loggedInBrowser(c);
    const b = await loggedInBrowser(c, { userAgent: IPHONE, width: 390 });
    const w = watch(a.page);
    try {
      await a.page.goto(ACCOUNT);
      assert.equal((await a.page.locator('#sessions-title').innerText()).trim(), 'Phiên đăng nhập');
      let s = await listed(a.page);
      assert.equal(s.length, 2, 'both browsers are listed');
      const mine = s.find((x) => x.current);
      const other = s.find((x) => !x.current);
      assert.ok(mine && other, 'exactly one is marked as this one');
      assert.equal(s.filter((x) => x.current).length, 1);
      assert.equal(mine.device, 'Chrome, Linux', 'this browser is named from its User-Agent');
      assert.equal(other.device, 'Safari, iOS', 'the other one too');
      assert.match(await a.page.locator('li.session-current .badge').innerText(), /Thiết bị này/);
      assert.match(other.facts, /Địa chỉ 127\.0\.0\.1 · bắt đầu \d\d\/\d\d\/\d{4} \d\d:\d\d · dùng lần cuối/);
      assert.equal(await a.page.locator('li.session-current form.session-end').count(), 0,
        'this session has no "log out this session" button (the logout is that)');
      assert.equal(await a.page.locator('#idle-minutes').innerText(), configValue('session_idle_minutes') || '30',
        'the idle timeout is stated');
      await a.page.screenshot({ path: path.join(OUT, 'sessions-1280.png'), fullPage: true });
      await b.page.goto(ACCOUNT);
      await b.page.screenshot({ path: path.join(OUT, 'sessions-390.png'), fullPage: true });

      // A crafted post for another account's session ends nothing.
      const x = await newCitizen();
      const xb = await loggedInBrowser(x);
      try {
        const xid = sqlValue(`SELECT id FROM sessions WHERE account_id = ${x.id}`);
        const csrf = await a.page.locator('#sessions-end-all input[name=csrf]').inputValue();
        const r = await a.page.request.post(`${ACCOUNT}/phien/${xid}/dang-xuat`, {
          form: { csrf }, maxRedirects: 0,
        });
        assert.equal(r.status(), 303, 'answered like any other');
        assert.equal(await landsOn(xb.page), '/dich-vu/tai-khoan', 'the other account stays logged in');
      } finally { await xb.ctx.close(); }

      await a.page.goto(ACCOUNT);
      await submit(a.page, a.page.locator(`#session-${other.id} form.session-end button`));
      assert.equal(new URL(a.page.url()).pathname, '/dich-vu/tai-khoan');
      assert.match(await a.page.locator('.flash-success').innerText(), /Đã đăng xuất phiên đó/);
      s = await listed(a.page);
      assert.deepEqual(s.map((x) => x.current), [true], 'only this one is left');
      assert.equal(await a.page.locator('#sessions-end-all').count(), 0, 'nothing else to log out');
      assert.equal(await landsOn(b.page), '/dich-vu/dang-nhap', 'the other browser lands on the login page');
      assert.equal(await landsOn(a.page), '/dich-vu/tai-khoan', 'this one stays logged in');
      const audit = (ev) => sqlValue(`SELECT COUNT(*) FROM audit_log WHERE account_id = ${c.id} AND event = '${ev}'`);
      assert.equal(audit('login'), '2', 'both logins are in the audit log');
      assert.equal(audit('session_end'), '1', 'and the session ended');
      assert.match(await motcua('audit-check'), /the chain is intact/);
      assert.deepEqual(w.problems().filter((p) => /exception|Content Security Policy|HTTP 5/.test(p)), []);
    } finally {
      await a.ctx.close();
      await b.ctx.close();
    }
  });

  test('"log out everywhere else" ends every other session and keeps this one (en)', async () => {
    const c = await newCitizen({ name: 'Tran Van Ba May' });
    const a = await loggedInBrowser(c, { lang: 'en' });
    const b = await loggedInBrowser(c, { userAgent: IPHONE });
    const d = await loggedInBrowser(c, { userAgent: FIREFOX });
    try {
      await a.page.goto(`${ACCOUNT}?lang=en`);
      assert.equal((await a.page.locator('#sessions-title').innerText()).trim(), 'Sessions');
      const s = await listed(a.page);
      assert.equal(s.length, 3);
      assert.deepEqual(s.map((x) => x.device).sort(), ['Chrome, Linux', 'Firefox, Windows', 'Safari, iOS']);
      assert.match(await a.page.locator('li.session-current .badge').innerText(), /This device/);
      assert.match(await a.page.locator('#session-list').innerText(), /Log out this session/);
      await submit(a.page, a.page.locator('#sessions-end-all button'));
      assert.equal(new URL(a.page.url()).pathname, '/dich-vu/tai-khoan');
      assert.match(await a.page.locator('.flash-success').innerText(), /Every other session was logged out/);
      assert.equal((await listed(a.page)).length, 1);
      assert.equal(await landsOn(b.page), '/dich-vu/dang-nhap', 'the phone is logged out');
      assert.equal(await landsOn(d.page), '/dich-vu/dang-nhap', 'the Firefox browser too');
      assert.equal(await landsOn(a.page), '/dich-vu/tai-khoan', 'this browser stays');
      assert.equal(sqlValue(`SELECT COUNT(*) FROM sessions WHERE account_id = ${c.id}`), '1');
      assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE account_id = ${c.id} AND event = 'sessions_end'`), '1',
        'the audit log has it');
      await a.page.goto(`${ACCOUNT}?lang=vi`);
    } finally {
      await a.ctx.close();
      await b.ctx.close();
      await d.ctx.close();
    }
  });

  test('a login form opened before logging in in another tab still logs in (not "no permission")', async () => {
    // The same browser, two tabs: the first tab's form was made for the
    // anonymous visitor; the second tab logs in. Posting the first form
    // then must log in again, as a browser retrying a login that answered
    // 503 after its session began does (the chaos run found that one).
    const c = await newCitizen({ name: 'Phan Văn Hai Thẻ' });
    const ctx = await browser.newContext();
    try {
      const first = await ctx.newPage();
      await first.goto(`${BASE_URL}/dich-vu/dang-nhap`);
      const second = await ctx.newPage();
      await second.goto(`${BASE_URL}/dich-vu/dang-nhap`);
      await second.locator('#login').fill(c.email);
      await second.locator('#password').fill(c.password);
      await submit(second, second.locator('form.form button[type=submit]'));
      assert.equal(new URL(second.url()).pathname, '/dich-vu/ho-so');
      await first.locator('#login').fill(c.email);
      await first.locator('#password').fill(c.password);
      const [resp] = await Promise.all([
        first.waitForResponse((r) => r.request().method() === 'POST'),
        first.locator('form.form button[type=submit]').click(),
      ]);
      await first.waitForLoadState('load');
      assert.equal(resp.status(), 303, 'the older form logs in too');
      assert.equal(new URL(first.url()).pathname, '/dich-vu/ho-so');
      await first.goto(ACCOUNT);
      assert.equal((await listed(first)).filter((x) => x.current).length, 1);
    } finally {
      await ctx.close();
    }
  });

  test('a password change leaves only this session in the list', async () => {
    const c = await newCitizen({ name: 'Võ Văn Đổi Khoá' });
    const a = await loggedInBrowser(c);
    const b = await loggedInBrowser(c, { userAgent: IPHONE });
    try {
      await a.page.goto(ACCOUNT);
      assert.equal((await listed(a.page)).length, 2);
      const next = `đổi khoá phiên ${uniq().slice(-5)}`;
      const form = a.page.locator('#password-form');
      await form.locator('#current').fill(c.password);
      await form.locator('#password').fill(next);
      await form.locator('#password2').fill(next);
      await submit(a.page, form.locator('button[type=submit]'));
      assert.match(await a.page.locator('.flash-success').innerText(), /Đã đổi mật khẩu/);
      assert.deepEqual((await listed(a.page)).map((x) => x.current), [true]);
      assert.equal(await landsOn(b.page), '/dich-vu/dang-nhap');
    } finally {
      await a.ctx.close();
      await b.ctx.close();
    }
  });

  test('a session unused for longer than session_idle_minutes ends; one in use does not', async () => {
    const idle = Number(configValue('session_idle_minutes') || 30);
    const c = await newCitizen({ name: 'Đinh Thị Ngủ Quên' });
    const a = await loggedInBrowser(c);
    const b = await loggedInBrowser(c, { userAgent: IPHONE });
    try {
      // The phone was last used idle + 1 minutes ago; this browser idle - 1.
      const age = (ua, m) => sql(`UPDATE sessions SET created_at = created_at - INTERVAL ${m} MINUTE,
        last_seen_at = last_seen_at - INTERVAL ${m} MINUTE WHERE account_id = ${c.id}
        AND user_agent ${ua ? '=' : '<>'} '${IPHONE}'`);
      age(true, idle + 1);
      age(false, idle - 1);
      assert.equal(await landsOn(a.page), '/dich-vu/tai-khoan', 'a session within the limit goes on');
      const s = await listed(a.page);
      assert.equal(s.length, 1, 'the idle one is no longer listed');
      assert.equal(s[0].device, 'Chrome, Linux');
      assert.equal(await landsOn(b.page), '/dich-vu/dang-nhap', 'the idle one lands on the login page');
      // Its use just now started this browser's idle clock again.
      assert.equal(sqlValue(`SELECT COUNT(*) FROM sessions WHERE account_id = ${c.id}
        AND last_seen_at > created_at AND user_agent <> '${IPHONE}'`), '1');
    } finally {
      await a.ctx.close();
      await b.ctx.close();
    }
  });
});
