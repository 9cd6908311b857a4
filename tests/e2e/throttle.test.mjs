// Guessing limits (issue 9, medium findings), through the pages in Chromium:
// after 5 wrong passwords for one account the login page says to wait, and
// even the right password is refused until the block ends (the test moves
// the block into the past, as time would); the public lookup refuses a code
// after 5 wrong ID numbers, on the portal's page and in the API alike. The
// limits per address are checked in unit_identity (here every test shares
// 127.0.0.1). Counted in the database, so every worker agrees.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import {
  BASE_URL, MYCNF, PROC, WARD_SLOTS, filePart, launchBrowser, minimalPdf, newCitizen, newToken, randomWard,
  request, toFormData, watch,
} from './lib.mjs';

const hashOf = (kind, key) => createHash('sha256').update(`${kind}:${key.toLowerCase()}`).digest('hex');

/** Blocks a key for ten minutes, as five wrong tries would. */
function startBlock(kind, key) {
  execFileSync('mariadb', [`--defaults-file=${MYCNF}`, 'motcua', '-e',
    'INSERT INTO throttle (kind, subject, failures, window_start, blocked_until) ' +
    `VALUES ('${kind}', UNHEX('${hashOf(kind, key)}'), 5, NOW(), NOW() + INTERVAL 10 MINUTE)`]);
}

/** Ends a block as time would (the window and the block in the past). */
function endBlock(kind, key) {
  execFileSync('mariadb', [`--defaults-file=${MYCNF}`, 'motcua', '-e',
    'UPDATE throttle SET window_start = window_start - INTERVAL 1 DAY, ' +
    'blocked_until = blocked_until - INTERVAL 1 DAY ' +
    `WHERE kind = '${kind}' AND subject = UNHEX('${hashOf(kind, key)}')`]);
}

describe('limits on guessing', { concurrency: false, timeout: 300_000 }, () => {
  let browser, ctx, page, w, citizen;

  before(async () => {
    citizen = await newCitizen({ name: 'Chống Dò Mật Khẩu' });
    browser = await launchBrowser();
    ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
    page = await ctx.newPage();
    w = watch(page);
  });
  after(async () => { if (browser) await browser.close(); });

  async function tryLogin(login, password) {
    await page.goto(`${BASE_URL}/dich-vu/dang-nhap`);
    await page.locator('#login').fill(login);
    await page.locator('#password').fill(password);
    const r = page.waitForResponse((x) => x.request().method() === 'POST');
    await page.locator('form.form button[type=submit]').click();
    const status = (await r).status();
    await page.waitForLoadState();
    return status;
  }

  test('5 wrong passwords: the login page says to wait; the right one is refused until the block ends', async () => {
    for (let i = 1; i <= 4; i++) {
      assert.equal(await tryLogin(citizen.email, `sai-${i}-mat-khau`), 422, `wrong password ${i}: 422`);
      assert.match(await page.locator('main').innerText(), /Thông tin đăng nhập không đúng/);
    }
    assert.equal(await tryLogin(citizen.email, 'sai-5-mat-khau'), 429, 'the fifth failure blocks');
    const msg = await page.locator('#login-throttled').innerText();
    assert.match(msg, /Đã nhập sai quá nhiều lần/, 'the page says why');
    assert.match(msg, /Xin thử lại sau 15 phút/, 'and how long to wait');
    assert.equal(await tryLogin(citizen.email, citizen.password), 429, 'the right password is refused while blocked');
    assert.match(await page.locator('#login-throttled').innerText(), /thử lại sau \d+ phút/);
    // Upper case is the same login.
    assert.equal(await tryLogin(citizen.email.toUpperCase(), citizen.password), 429);
    await page.screenshot({ path: 'tests/e2e/output/login-throttled-390.png', fullPage: true }).catch(() => {});
    endBlock('login', citizen.email);
    w.clear();
    assert.equal(await tryLogin(citizen.email, citizen.password), 303, 'after the wait the right password logs in');
    assert.equal(new URL(page.url()).pathname, '/dich-vu/ho-so');
  });

  test('the public lookup: 5 wrong ID numbers for a code, then even the right one waits; the API agrees', async () => {
    const token = await newToken(citizen.email);
    const filed = await request('/api/v1/dossiers', {
      method: 'POST', headers: { authorization: `Bearer ${token}` },
      body: toFormData({ procedure: PROC, agency: randomWard(WARD_SLOTS.other), fields: '{}',
        file: filePart(minimalPdf('lookup'), 'a.pdf') }),
    });
    assert.equal(filed.status, 201, filed.text);
    const code = filed.json().code;
    const lookup = async (idn) => {
      await page.goto(`${BASE_URL}/dich-vu/tra-cuu`);
      await page.locator('#ma').fill(code);
      await page.locator('#id_number').fill(idn);
      const r = page.waitForResponse((x) => x.url().includes('/dich-vu/tra-cuu?'));
      await page.locator('main form button[type=submit]').click();
      const status = (await r).status();
      await page.waitForLoadState();
      return status;
    };
    for (let i = 0; i < 5; i++) {
      const wrong = '0790' + String(10000000 + i).padStart(8, '0');
      assert.equal(await lookup(wrong), 200, `wrong ID number ${i + 1} answers "not found"`);
      assert.match(await page.locator('main').innerText(), /Không tìm thấy hồ sơ/);
    }
    assert.equal(await lookup(citizen.idNumber), 429, 'the right ID number now waits too');
    assert.match(await page.locator('#lookup-throttled').innerText(), /tạm ngừng tra cứu\. Xin thử lại sau 15 phút/);
    assert.equal(await page.locator('#ma').inputValue(), code, 'the form is kept');
    const api = await request(`/api/v1/dossiers/${encodeURIComponent(code)}?id_number=${citizen.idNumber}`);
    assert.equal(api.status, 429, 'the API counts the same');
    assert.ok(Number(api.headers.get('retry-after')) > 0, 'with Retry-After');
    endBlock('lookup', code);
    w.clear();
    assert.equal(await lookup(citizen.idNumber), 200, 'after the wait the lookup works');
    assert.match(await page.locator('main').innerText(), new RegExp(code));
  });

  test('the API\'s lookup asked again (answered from each process\'s memory) waits while the code is blocked', async () => {
    const token = await newToken(citizen.email);
    const filed = await request('/api/v1/dossiers', {
      method: 'POST', headers: { authorization: `Bearer ${token}` },
      body: toFormData({ procedure: PROC, agency: randomWard(WARD_SLOTS.other), fields: '{}',
        file: filePart(minimalPdf('kept'), 'a.pdf') }),
    });
    assert.equal(filed.status, 201, filed.text);
    const code = filed.json().code;
    const api = () => request(`/api/v1/dossiers/${encodeURIComponent(code)}?id_number=${citizen.idNumber}`);
    // Most of the workers (8) answer it in 24 asks and keep the answer; the others look it up.
    for (let i = 0; i < 24; i++) assert.equal((await api()).status, 200, `ask ${i + 1}`);
    startBlock('lookup', code);
    try {
      for (let i = 0; i < 24; i++) {
        const r = await api();
        assert.equal(r.status, 429, `ask ${i + 1} while blocked: ${r.text}`);
        assert.ok(Number(r.headers.get('retry-after')) > 0, 'with Retry-After');
      }
    } finally {
      endBlock('lookup', code);
    }
    const r = await api();
    assert.equal(r.status, 200, 'after the block the kept answer is given again');
    assert.equal(r.json().code, code);
  });
});
