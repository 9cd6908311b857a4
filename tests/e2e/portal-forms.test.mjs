// Every form of the citizen's pages performed through the page in Chromium
// (issue 7): register (and its errors), log in, log out, file a dossier
// (the receiving place found with the search box, with and without
// JavaScript; a missing place refused with everything kept), the supplement
// upload on the dossier page, withdraw, the public lookup (right and wrong
// ID number), the notifications page and "mark as read"; the links from the
// header, the home page and the dossier page reach the lookup and the
// notifications; the workflow picture is styled there; the phone menu shows
// every item.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { mkdirSync } from 'node:fs';

import {
  BASE_URL, PROC, PROC_NAME, TOP, assertAxe, launchBrowser, minimalPdf, newCitizen, newIdNumber, newOfficer,
  newToken, randomWard, request, sqlValue, q, uniq, until, watch, WARD_SLOTS,
} from './lib.mjs';

const OUT = path.join(TOP, 'tests', 'e2e', 'output');
mkdirSync(OUT, { recursive: true });

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { if (browser) await browser.close(); });

/** Clicks and waits for the page it leads to. */
async function submit(page, locator) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), locator.click()]);
}

async function h1(page) {
  return (await page.locator('main h1, h1').first().innerText()).trim();
}

async function loginPage(page, login, password) {
  await page.goto(`${BASE_URL}/dich-vu/dang-nhap`);
  await page.locator('#login').fill(login);
  await page.locator('#password').fill(password);
  await submit(page, page.locator('form.form button[type=submit]'));
}

async function badge(page) {
  return (await page.locator('dl.facts .badge').first().innerText()).trim();
}

/** A receiver of the ward with an API token, to move dossiers along. */
async function receiverOf(ward) {
  const r = await newOfficer('receiver', ward);
  r.token = await newToken(r.email);
  return r;
}

function act(token, code, body) {
  return request(`/api/v1/dossiers/${encodeURIComponent(code)}/transitions`, {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

const wardName = (code) => sqlValue(`SELECT name FROM agencies WHERE code = ${q(code)}`);

/** Files a dossier through the page (JavaScript on), choosing the ward by typing its name. */
async function fileThroughPage(page, ward, content) {
  await page.goto(`${BASE_URL}/dich-vu/nop-ho-so/${PROC}`);
  await page.locator('#agency_q').fill(wardName(ward));
  await page.locator('#agency').selectOption(ward);
  await page.locator('#f-content').fill(content);
  await page.locator('#doc-d1').setInputFiles({ name: 'to-khai.pdf', mimeType: 'application/pdf', buffer: minimalPdf(content) });
  await submit(page, page.locator('#continue'));
  // Issue 13: "check your answers" comes before sending.
  assert.match(new URL(page.url()).pathname, /\/kiem-tra$/, `the check page, got ${page.url()}`);
  await submit(page, page.locator('#submit-dossier'));
  const m = new URL(page.url()).pathname.match(/^\/dich-vu\/ho-so\/([^/]+)$/);
  assert.ok(m, `filing leads to the dossier's page, got ${page.url()}`);
  return decodeURIComponent(m[1]);
}

describe('the citizen\'s forms, through the pages', { concurrency: false }, () => {
  const ward = randomWard(WARD_SLOTS.portalForms);
  const tag = uniq();
  let me, ctx, page, w, recv, code, code2;

  before(async () => {
    recv = await receiverOf(ward);
    ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
    page = await ctx.newPage();
    w = watch(page);
  });
  after(async () => { if (ctx) await ctx.close(); });

  test('register: errors shown next to their fields with what was typed kept; then the account is made', async () => {
    const idn = newIdNumber();
    await page.goto(`${BASE_URL}/`);
    await page.locator('a.user-link', { hasText: 'Đăng ký' }).click();
    await page.waitForURL(`${BASE_URL}/dich-vu/dang-ky`);
    await page.locator('#name').fill('Lê Văn Tâm');
    await page.locator('#id_number').fill(idn);
    await page.locator('#email').fill(`e2e-forms-${tag}@motcua.test`);
    await page.locator('#password').fill('ngan');
    await page.locator('#password2').fill('ngan');
    await submit(page, page.locator('form.form button[type=submit]'));
    let text = await page.locator('main').innerText();
    assert.match(text, /Mật khẩu cần ít nhất 8 ký tự\./, 'a short password is refused with its reason');
    assert.equal(await page.locator('#name').inputValue(), 'Lê Văn Tâm', 'the name is kept');
    assert.equal(await page.locator('#id_number').inputValue(), idn, 'the ID number is kept');
    assert.equal(await page.locator('#password').inputValue(), '', 'the password is not echoed');

    await page.locator('#password').fill(`Mk-${tag}`);
    await page.locator('#password2').fill(`Mk-${tag}-khac`);
    await submit(page, page.locator('form.form button[type=submit]'));
    text = await page.locator('main').innerText();
    assert.match(text, /Hai mật khẩu không giống nhau\./, 'two different passwords are refused');

    await page.locator('#id_number').fill('123');
    await page.locator('#password').fill(`Mk-${tag}`);
    await page.locator('#password2').fill(`Mk-${tag}`);
    await submit(page, page.locator('form.form button[type=submit]'));
    text = await page.locator('main').innerText();
    assert.match(text, /Số định danh cá nhân gồm đúng 12 chữ số\./, 'a short ID number is refused');

    // (An ID number or an e-mail is a claim that several accounts may make,
    // and nothing says whether one is taken: identity.test.mjs and
    // verify-contacts.test.mjs.)
    await page.locator('#id_number').fill(idn);
    await page.locator('#password').fill(`Mk-${tag}`);
    await page.locator('#password2').fill(`Mk-${tag}`);
    await submit(page, page.locator('form.form button[type=submit]'));
    assert.equal(new URL(page.url()).pathname, '/dich-vu/ho-so', 'registration lands on "my dossiers"');
    assert.equal(await h1(page), 'Hồ sơ của tôi');
    assert.match(await page.locator('.user-name').innerText(), /Lê Văn Tâm/, 'the header greets the new citizen');
    me = { email: `e2e-forms-${tag}@motcua.test`, password: `Mk-${tag}`, idNumber: idn, name: 'Lê Văn Tâm' };
  });

  test('log out, then a wrong password is refused and the right one logs in', async () => {
    await submit(page, page.locator('form.logout-form button'));
    assert.equal(new URL(page.url()).pathname, '/', 'logging out goes home');
    assert.equal(await page.locator('a.user-link', { hasText: 'Đăng nhập' }).count(), 1, 'the header offers to log in again');
    assert.equal(await page.locator('.user-name').count(), 0, 'no greeting any more');

    await loginPage(page, me.email, 'sai-mat-khau');
    assert.match(await page.locator('main').innerText(), /Thông tin đăng nhập không đúng/, 'a wrong password is said so');
    assert.equal(await page.locator('#login').inputValue(), me.email, 'the login is kept');
    await page.locator('#password').fill(me.password);
    await submit(page, page.locator('form.form button[type=submit]'));
    assert.equal(new URL(page.url()).pathname, '/dich-vu/ho-so');
    assert.match(await page.locator('.user-name').innerText(), /Lê Văn Tâm/);
  });

  test('filing: no place chosen in advance; refused without one, everything typed and attached kept', async () => {
    await page.goto(`${BASE_URL}/dich-vu/nop-ho-so/${PROC}`);
    assert.equal(await h1(page), PROC_NAME);
    assert.equal(await page.locator('#agency').inputValue(), '', 'no receiving place chosen for the citizen');
    assert.equal(await page.locator('#agency option:checked').innerText(), '— Chọn nơi tiếp nhận —');
    assert.equal(await page.locator('#agency option[value]:not([value=""])').count(), 168, 'the 168 wards and communes are offered');
    await page.locator('#address').fill('12 Lê Lợi');
    await page.locator('#f-content').fill(`Khai sinh cho con ${tag}`);
    await page.locator('#doc-d1').setInputFiles({ name: 'giay-chung-sinh.pdf', mimeType: 'application/pdf', buffer: minimalPdf(tag) });
    const r = page.waitForResponse((a) => a.request().method() === 'POST');
    await submit(page, page.locator('form.form button.btn[type=submit]:not([name])'));
    assert.equal((await r).status(), 422, 'refused with 422');
    w.clear();
    const err = page.locator('.agency-pick .error-message');
    assert.match(await err.innerText(), /Xin chọn nơi tiếp nhận hồ sơ/, 'the place field says what is missing');
    assert.match(await page.locator('.error-summary').innerText(), /Có lỗi cần sửa[\s\S]*Nơi tiếp nhận: chưa được trả lời/);
    assert.equal(await page.locator('#address').inputValue(), '12 Lê Lợi', 'the address is kept');
    assert.equal(await page.locator('#f-content').inputValue(), `Khai sinh cho con ${tag}`, 'the request is kept');
    assert.match(await page.locator('#doc-d1-group').innerText(), /giay-chung-sinh\.pdf/, 'the attachment is kept, by name');
    await page.screenshot({ path: path.join(OUT, 'portal-file-missing-place-390.png'), fullPage: true });

    // As you type, accents optional: "vung tau" finds "Phường Vũng Tàu".
    await page.locator('#agency_q').fill('vung tau');
    const names = await page.locator('#agency option[value]:not([value=""])').allInnerTexts();
    assert.ok(names.includes('Phường Vũng Tàu'), `"vung tau" finds Phường Vũng Tàu, got ${names.join(', ')}`);
    assert.ok(names.length < 5, `the list narrows, got ${names.length}`);
    assert.match(await page.locator('#agency-count').innerText(), /nơi phù hợp/);
    // The ward of this test, typed without accents and chosen.
    const plain = wardName(ward).normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
    await page.locator('#agency_q').fill(plain);
    await page.locator('#agency').selectOption(ward);
    await submit(page, page.locator('#continue'));
    await submit(page, page.locator('#submit-dossier'));
    const m = new URL(page.url()).pathname.match(/^\/dich-vu\/ho-so\/([^/]+)$/);
    assert.ok(m, `filed without attaching again, got ${page.url()}`);
    code = decodeURIComponent(m[1]);
    assert.equal(await badge(page), 'Mới đăng ký');
    assert.match(await page.locator('main').innerText(), new RegExp(wardName(ward)), 'the chosen ward receives it');
    assert.match(await page.locator('main').innerText(), /giay-chung-sinh\.pdf/, 'the kept file is attached');
    assert.deepEqual(w.problems(), [], 'no console errors and no failed requests');
  });

  test('filing again: the ward of the last dossier is chosen in advance', async () => {
    await page.goto(`${BASE_URL}/dich-vu/nop-ho-so/${PROC}`);
    assert.equal(await page.locator('#agency').inputValue(), ward, 'the last dossier\'s ward is known');
  });

  test('without JavaScript the search box filters on the server, nothing lost', async () => {
    const c2 = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
    try {
      const p = await c2.newPage();
      const other = await newCitizen();
      await loginPage(p, other.email, other.password);
      await p.goto(`${BASE_URL}/dich-vu/nop-ho-so/${PROC}`);
      assert.equal(await p.locator('#agency').inputValue(), '', 'no place chosen in advance');
      await p.locator('#f-content').fill('Không JavaScript');
      await p.locator('#doc-d1').setInputFiles({ name: 'nojs.pdf', mimeType: 'application/pdf', buffer: minimalPdf('nojs') });
      await p.locator('#agency_q').fill('vung tau');
      await submit(p, p.locator('button[name=filter]'));
      const names = await p.locator('#agency option[value]:not([value=""])').allInnerTexts();
      assert.deepEqual(names, ['Phường Vũng Tàu'], 'the server narrows the list, accents optional');
      assert.equal(await p.locator('#agency option:checked').innerText(), 'Phường Vũng Tàu', 'a single match is chosen');
      assert.equal(await p.locator('#f-content').inputValue(), 'Không JavaScript', 'the request is kept');
      assert.match(await p.locator('#doc-d1-group').innerText(), /nojs\.pdf/, 'the attachment is kept');
      await p.screenshot({ path: path.join(OUT, 'portal-file-nojs-1280.png'), fullPage: true });
      await p.locator('#agency_q').fill('khong co phuong nay');
      await submit(p, p.locator('button[name=filter]'));
      assert.match(await p.locator('#agency-count').innerText(), /Không có nơi nào khớp/, 'no match is said so');
      assert.equal(await p.locator('#agency option[value]:not([value=""])').count(), 168, 'and the whole list is back');
    } finally {
      await c2.close();
    }
  });

  test('the dossier page links to the notifications and the public lookup; its workflow picture is styled', async () => {
    // Accept and ask for a supplement at step 2 through the API, so the picture has steps.
    await page.goto(`${BASE_URL}/dich-vu/ho-so/${encodeURIComponent(code)}`);
    const items = [{ item: `Bản sao giấy đăng ký kết hôn ${tag}`, reason: 'Thiếu theo thành phần hồ sơ' }];
    const a = await act(recv.token, code, { action: 'request_completion', items });
    assert.equal(a.status, 200, a.text.slice(0, 300));
    await page.reload();
    assert.equal(await badge(page), 'Yêu cầu bổ sung');
    await page.locator('main a', { hasText: 'Thông báo của tôi' }).click();
    await page.waitForURL(`${BASE_URL}/dich-vu/thong-bao`);
    assert.equal(await h1(page), 'Thông báo');
    await page.goBack();
    await page.locator('main a', { hasText: 'Tra cứu công khai hồ sơ này' }).click();
    await page.waitForURL(/\/dich-vu\/tra-cuu\?ma=/);
    assert.equal(await page.locator('#ma').inputValue(), code, 'the lookup knows the dossier\'s code');
  });

  test('the supplement form on the dossier page: back to "Mới đăng ký" with the new file', async () => {
    await page.goto(`${BASE_URL}/dich-vu/ho-so/${encodeURIComponent(code)}`);
    assert.match(await page.locator('main').innerText(), new RegExp(`Bản sao giấy đăng ký kết hôn ${tag}`), 'what to add is shown');
    await page.locator('#file1').setInputFiles({ name: 'ban-sao-ket-hon.pdf', mimeType: 'application/pdf', buffer: minimalPdf(`bs ${tag}`) });
    await page.locator('#snote').fill('Đã bổ sung bản sao');
    await submit(page, page.locator('section.card form button[type=submit]'));
    assert.match(page.url(), /\?ok=1$/);
    assert.match(await page.locator('[role=status], .flash').first().innerText(), /Đã gửi yêu cầu của bạn/);
    assert.equal(await badge(page), 'Mới đăng ký', 'the dossier is back at the counter');
    assert.match(await page.locator('main').innerText(), /ban-sao-ket-hon\.pdf/, 'the new file is attached');
    assert.equal(await page.locator('#file1').count(), 0, 'the upload form is gone');
  });

  test('withdraw from the dossier page: "Công dân yêu cầu rút hồ sơ"', async () => {
    await page.locator('details.withdraw summary').click();
    await page.locator('#wnote').fill('Nộp nhầm');
    await submit(page, page.locator('details.withdraw button[type=submit]'));
    assert.equal(await badge(page), 'Công dân yêu cầu rút hồ sơ');
    assert.equal(await page.locator('details.withdraw').count(), 0, 'no second withdrawal offered');
  });

  test('the public lookup: the right ID number shows the dossier with a styled workflow picture; a wrong one is refused', async () => {
    // A second dossier, accepted, so the lookup has a process picture.
    code2 = await fileThroughPage(page, ward, `Lần hai ${tag}`);
    const a = await act(recv.token, code2, { action: 'accept' });
    assert.equal(a.status, 200, a.text.slice(0, 300));
    const anon = await browser.newContext({ viewport: { width: 390, height: 844 } });
    try {
      const p = await anon.newPage();
      const pw = watch(p);
      await p.goto(`${BASE_URL}/`);
      await p.locator('.site-nav a', { hasText: 'Tra cứu hồ sơ' }).click();
      await p.waitForURL(`${BASE_URL}/dich-vu/tra-cuu`);
      assert.equal(await p.locator('.site-nav a[aria-current=page]').innerText(), 'Tra cứu hồ sơ', 'the menu shows where one is');
      await p.locator('#ma').fill(code2);
      await p.locator('#id_number').fill(newIdNumber());
      await submit(p, p.locator('form.form button[type=submit]'));
      assert.match(await p.locator('[role=alert]').innerText(), /Không tìm thấy hồ sơ với mã và số định danh này\./);
      assert.equal(await p.locator('ol.workflow').count(), 0, 'nothing of the dossier is shown');
      await p.locator('#id_number').fill(me.idNumber);
      await submit(p, p.locator('form.form button[type=submit]'));
      assert.match(await p.locator('main h2').first().innerText(), new RegExp(code2));
      assert.equal(await badge(p), 'Được tiếp nhận');
      const step = p.locator('ol.workflow li.wf-step').first();
      assert.ok(await step.count() > 0, 'the process picture is there');
      const style = await step.evaluate((el) => {
        const s = getComputedStyle(el);
        return { border: s.borderTopStyle, list: getComputedStyle(el.parentElement).display };
      });
      assert.deepEqual(style, { border: 'solid', list: 'flex' }, 'the steps are drawn as boxes in a row (site.css)');
      const todo = await p.locator('ol.workflow li.wf-todo').last().evaluate((el) => getComputedStyle(el).borderTopStyle);
      assert.equal(todo, 'dashed', 'the steps to come are dashed');
      const cur = await p.locator('ol.workflow li[aria-current=step]').evaluate((el) => getComputedStyle(el).borderTopWidth);
      assert.equal(cur, '3px', 'the current step stands out');
      await p.screenshot({ path: path.join(OUT, 'portal-lookup-390.png'), fullPage: true });
      assert.deepEqual(pw.problems().filter((x) => !/HTTP 4\d\d/.test(x)), [], 'no console errors');
    } finally {
      await anon.close();
    }
    await page.goto(`${BASE_URL}/dich-vu/ho-so/${encodeURIComponent(code2)}`);
    const border = await page.locator('ol.workflow li.wf-step').first().evaluate((el) => getComputedStyle(el).borderTopStyle);
    assert.equal(border, 'solid', 'the citizen\'s dossier page styles the picture too');
    await page.screenshot({ path: path.join(OUT, 'portal-dossier-390.png'), fullPage: true });
  });

  test('notifications: reached from the header, unread ones marked read one by one and all at once', async () => {
    await page.goto(`${BASE_URL}/dich-vu/ho-so`);
    await until(async () => Number(sqlValue(`SELECT COUNT(*) FROM notifications WHERE account_id = (SELECT id FROM accounts WHERE email_new = ${q(me.email)}) AND read_at IS NULL`)) >= 2,
      { what: 'two unread notifications' });
    await page.reload();
    const nav = page.locator('.site-nav a', { hasText: 'Thông báo' });
    assert.match(await nav.innerText(), /Thông báo\s*\d+/, 'the header counts the unread ones');
    await nav.click();
    await page.waitForURL(`${BASE_URL}/dich-vu/thong-bao`);
    assert.equal(await page.locator('.site-nav a[aria-current=page]').innerText().then((s) => s.replace(/\s*\d+.*$/s, '')), 'Thông báo');
    const before = Number(await page.locator('.unread-count').innerText());
    assert.ok(before >= 2, `at least two unread, got ${before}`);
    await submit(page, page.locator('.notifications-unread li').first().locator('form button'));
    assert.equal(Number(await page.locator('.unread-count').innerText()), before - 1, 'one fewer unread');
    await submit(page, page.locator('form', { has: page.locator('input[name=upto]') }).locator('button'));
    assert.match(await page.locator('main .lead').innerText(), /Không có thông báo mới\./, 'all read');
    assert.equal(await page.locator('.notifications-unread li').count(), 0);
    assert.ok(await page.locator('.notifications-read li').count() >= 2, 'they are listed as read');
    // A notification links to its dossier.
    await page.locator('.notifications-read li a', { hasText: 'Xem hồ sơ' }).first().click();
    await page.waitForURL(/\/dich-vu\/ho-so\/[^/]+$/);
  });
});

describe('links and the menu', () => {
  test('the home page links to the lookup and the notifications', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const p = await ctx.newPage();
      await p.goto(`${BASE_URL}/`);
      await p.locator('section.tasks a', { hasText: 'Tra cứu tình trạng hồ sơ' }).click();
      await p.waitForURL(`${BASE_URL}/dich-vu/tra-cuu`);
      assert.equal(await h1(p), 'Tra cứu hồ sơ');
      await p.goto(`${BASE_URL}/`);
      await p.locator('section.tasks a', { hasText: 'Thông báo của tôi' }).click();
      await p.waitForURL(/\/dich-vu\/dang-nhap\?next=(%2F|\/)dich-vu(%2F|\/)thong-bao/);
      assert.equal(await h1(p), 'Đăng nhập', 'notifications ask a visitor to log in first');
      const c = await newCitizen();
      await p.locator('#login').fill(c.email);
      await p.locator('#password').fill(c.password);
      await submit(p, p.locator('form.form button[type=submit]'));
      assert.equal(new URL(p.url()).pathname, '/dich-vu/thong-bao', 'and then show them');
      assert.equal(await h1(p), 'Thông báo');
      await p.screenshot({ path: path.join(OUT, 'portal-header-1280.png') });
    } finally {
      await ctx.close();
    }
  });

  for (const width of [360, 390]) {
    test(`at ${width} px every menu item is in sight, none cut off or scrolled away`, async () => {
      const ctx = await browser.newContext({ viewport: { width, height: 800 } });
      try {
        const p = await ctx.newPage();
        for (const where of ['/', '/dich-vu/tra-cuu']) {
          await p.goto(`${BASE_URL}${where}`);
          const items = await p.locator('.site-nav li a').evaluateAll((as) => as.map((a) => {
            const r = a.getBoundingClientRect();
            return { text: a.innerText.trim(), left: r.left, right: r.right, top: r.top, bottom: r.bottom };
          }));
          assert.ok(items.length >= 8, `the menu has its ${items.length} items`);
          for (const it of items) {
            assert.ok(it.left >= 0 && it.right <= width, `"${it.text}" is within the screen (${it.left}..${it.right}) at ${width} px on ${where}`);
            assert.ok(it.bottom - it.top >= 40, `"${it.text}" is a touch target`);
          }
          const scroll = await p.locator('.site-nav ul').evaluate((ul) => ul.scrollWidth - ul.clientWidth);
          assert.equal(scroll, 0, 'nothing hides in a sideways strip');
          await p.screenshot({ path: path.join(OUT, `portal-menu-${width}${where === '/' ? '-home' : '-lookup'}.png`) });
        }
      } finally {
        await ctx.close();
      }
    });
  }
});

describe('the filing form is accessible', () => {
  test('with its errors shown, in both languages: no serious or critical WCAG violation (axe-core)', async () => {
    // axe is injected as a script: the page's CSP (rightly) forbids that.
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    try {
      const p = await ctx.newPage();
      const c = await newCitizen();
      await loginPage(p, c.email, c.password);
      for (const lang of ['vi', 'en']) {
        await p.goto(`${BASE_URL}/dich-vu/nop-ho-so/${PROC}?lang=${lang}`);
        await p.locator('#agency_q').fill('phuong');
        await submit(p, p.locator('form.form button.btn[type=submit]:not([name])'));
        assert.equal(await p.locator('.agency-pick.has-error').count(), 1, 'the place is marked as missing');
        await assertAxe(p, lang);
      }
    } finally {
      await ctx.close();
    }
  });
});
