// Languages in the browser (issue 7): the citizen's and the officer's pages
// in English show dates as "6 Dec 2026, 14:05", numbers with a decimal
// point and English words; in Vietnamese as "06/12/2026 14:05" with a
// decimal comma. No page shows a raw "2026-12-06 14:05:33". The language is
// chosen as people do: the ?lang=en link of the login page (a cookie keeps
// it) or the Vietnamese default.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import {
  BASE_URL, PROC, WARD_SLOTS, filePart, launchBrowser, minimalPdf, newCitizen, newOfficer, newToken,
  randomWard, request, toFormData, uniq, watch,
} from './lib.mjs';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'output');
const RAW = /\b\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?\b/;
const EN_DATETIME = /\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}, \d{2}:\d{2}\b/;
const VI_DATETIME = /\b\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\b/;
/** Vietnamese words that an English page must not show where English belongs. */
const VI_STATUS = ['Mới tiếp nhận', 'Đã tiếp nhận', 'Đang giải quyết', 'Đã trả kết quả', 'Chờ bổ sung', 'Không đủ điều kiện'];
const VI_WORDS = ['ngày làm việc', 'giờ làm việc', 'Nhận lúc', 'Hạn xử lý', 'Ngày nộp',
  'Thẩm định, xử lý hồ sơ', 'Phê duyệt kết quả', 'Trả kết quả'];
/** Letters only Vietnamese uses (a reason or a label left untranslated). */
const VI_LETTERS = /[ạảãàáâậầấẩẫăắằặẳẵđêếềệểễôốồộổỗơớờợởỡưứừựửữ]/i;

const bearer = (t) => ({ authorization: `Bearer ${t}` });

describe('dates, numbers and words in the reader\'s language', { concurrency: false, timeout: 300_000 }, () => {
  const tag = uniq();
  let browser, ward, citizen, recv, rToken, code, fresh;

  before(async () => {
    mkdirSync(OUT, { recursive: true });
    ward = randomWard(WARD_SLOTS.other);
    citizen = await newCitizen({ name: `Ngôn Ngữ ${tag}` });
    recv = await newOfficer('receiver', ward, `Tiếp Nhận ${tag}`);
    let cToken;
    [cToken, rToken] = await Promise.all([citizen, recv].map((x) => newToken(x.email)));
    const file = async () => {
      const a = await request('/api/v1/dossiers', {
        method: 'POST', headers: bearer(cToken), body: toFormData({
          procedure: PROC, agency: ward, fields: JSON.stringify({ content: `Ngôn ngữ ${tag}` }),
          file: filePart(minimalPdf(`i18n ${tag}`), 'giay-to.pdf'),
        }),
      });
      assert.equal(a.status, 201, a.text);
      return a.json().code;
    };
    code = await file();
    fresh = await file();	// left submitted: the receiver may refuse it or ask for completion
    const t = await request(`/api/v1/dossiers/${encodeURIComponent(code)}/transitions`, {
      method: 'POST', headers: { ...bearer(rToken), 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'accept' }),
    });
    assert.equal(t.status, 200, t.text);
    browser = await launchBrowser();
  });

  after(async () => {
    if (browser) await browser.close();
    // Leave the ward's inbox as it was.
    for (const c of [code, fresh].filter(Boolean)) {
      await request(`/api/v1/dossiers/${encodeURIComponent(c)}/transitions`, {
        method: 'POST', headers: { ...bearer(rToken), 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'withdraw', note: 'dọn dẹp sau kiểm thử' }),
      }).catch(() => {});
    }
  });

  /** A logged-in page through the login form, in English when lang is 'en'. */
  async function login(who, lang, width = 1280) {
    const ctx = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
    const page = await ctx.newPage();
    await page.goto(`${BASE_URL}/dich-vu/dang-nhap${lang === 'en' ? '?lang=en' : ''}`);
    await page.locator('#login').fill(who.email);
    await page.locator('#password').fill(who.password);
    await Promise.all([page.waitForNavigation(), page.locator('form.form button[type=submit]').click()]);
    return { ctx, page, w: watch(page) };
  }

  /** The visible text of the main content. */
  const mainText = (page) => page.locator('main').innerText();

  function assertEnglish(text, where) {
    assert.doesNotMatch(text, RAW, `${where}: no raw SQL time`);
    assert.doesNotMatch(text, VI_DATETIME, `${where}: no Vietnamese date`);
    for (const w of [...VI_STATUS, ...VI_WORDS]) assert.ok(!text.includes(w), `${where}: no "${w}" on the English page`);
  }

  function assertVietnamese(text, where) {
    assert.doesNotMatch(text, RAW, `${where}: no raw SQL time`);
    assert.doesNotMatch(text, EN_DATETIME, `${where}: no English date`);
    assert.match(text, VI_DATETIME, `${where}: dd/mm/yyyy HH:MM`);
  }

  test('every search the English pages suggest finds procedures on the English search page', async () => {
    const page = await (await browser.newContext()).newPage();
    try {
      // An English query that finds nothing shows the hint and the no-result advice.
      await page.goto(`${BASE_URL}/dich-vu/tim-kiem?q=${encodeURIComponent('zzqx no such words')}&lang=en`);
      const text = await mainText(page);
      const suggested = [...text.matchAll(/“([^”]+)”/g)].map((m) => m[1]).filter((q) => q !== 'zzqx no such words');
      assert.ok(suggested.length >= 3, `the English hint and advice suggest searches: ${text.slice(0, 400)}`);
      for (const q of suggested) {
        await page.goto(`${BASE_URL}/dich-vu/tim-kiem?q=${encodeURIComponent(q)}&lang=en`);
        assert.equal(await page.locator('html').getAttribute('lang'), 'en', 'still the English page');
        const n = await page.locator('main .results > li').count();
        assert.ok(n >= 1, `the suggested search "${q}" finds at least one procedure (found ${n})`);
      }
    } finally {
      await page.context().close();
    }
  });

  test('the citizen in English: dossier, list and notifications with English dates and words', async () => {
    const { ctx, page } = await login(citizen, 'en');
    try {
      await page.goto(`${BASE_URL}/dich-vu/ho-so/${encodeURIComponent(code)}`);
      let text = await mainText(page);
      assertEnglish(text, 'dossier page');
      assert.match(text, EN_DATETIME, 'the dossier page writes times as 6 Dec 2026, 14:05');
      assert.match(text, /Accepted/, 'the status in English');
      assert.match(text, /\d+(\.\d+)? working days?\b/, 'the legal time in working days');
      assert.doesNotMatch(text, /\b1 working days\b/, 'one working day, not days');
      await page.screenshot({ path: path.join(OUT, 'i18n-citizen-dossier-en.png'), fullPage: true });

      await page.goto(`${BASE_URL}/dich-vu/ho-so`);
      text = await mainText(page);
      assertEnglish(text, 'my dossiers');
      assert.match(text, EN_DATETIME, 'the list writes the filing time in English');

      await page.goto(`${BASE_URL}/dich-vu/thong-bao`);
      text = await mainText(page);
      assert.doesNotMatch(text, RAW, 'notifications: no raw SQL time');
      assert.doesNotMatch(text, VI_DATETIME, 'notifications: no Vietnamese date');
      assert.match(text, EN_DATETIME, 'notifications are dated in English');
      assert.ok(text.includes(`Dossier ${code} has been accepted`), `the acceptance notice in English: ${text}`);
      assert.match(text, /Result due: \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}\./, 'its due time in English');
      for (const w of ['đã được tiếp nhận', 'đã được nộp', 'Thời hạn trả kết quả', 'Cơ quan sẽ']) {
        assert.ok(!text.includes(w), `no "${w}" in the English notifications`);
      }
      const iso = await page.locator('.notifications-unread time').first().getAttribute('datetime');
      assert.match(iso, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, 'the <time> element keeps the ISO time');
    } finally {
      await ctx.close();
    }
  });

  test('the citizen in Vietnamese: dd/mm/yyyy HH:MM and decimal commas', async () => {
    const { ctx, page } = await login(citizen, 'vi', 390);
    try {
      await page.goto(`${BASE_URL}/dich-vu/ho-so/${encodeURIComponent(code)}?lang=vi`);
      const text = await mainText(page);
      assertVietnamese(text, 'trang hồ sơ');
      assert.match(text, /\d+(,\d+)? ngày làm việc/, 'the legal time in working days');
      assert.doesNotMatch(text, /\d\.\d+ (ngày|giờ)/, 'no decimal point before a unit');
      await page.screenshot({ path: path.join(OUT, 'i18n-citizen-dossier-vi-390.png'), fullPage: true });
      await page.goto(`${BASE_URL}/dich-vu/thong-bao`);
      const notes = await mainText(page);
      assertVietnamese(notes, 'thông báo');
      assert.ok(notes.includes(`Hồ sơ ${code} đã được tiếp nhận`), 'the acceptance notice in Vietnamese');
      assert.match(notes, /Thời hạn trả kết quả: \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\./, 'its due time as dd/mm/yyyy HH:MM');
    } finally {
      await ctx.close();
    }
  });

  test('the receiver in English: inbox and dossier page', async () => {
    const { ctx, page } = await login(recv, 'en');
    try {
      await page.goto(`${BASE_URL}/can-bo/`);
      let text = await mainText(page);
      assertEnglish(text, 'inbox');
      assert.match(text, EN_DATETIME, 'the inbox writes the step\'s due time in English');
      await page.goto(`${BASE_URL}/can-bo/ho-so/${encodeURIComponent(code)}`);
      text = await mainText(page);
      assertEnglish(text, 'officer\'s dossier page');
      assert.match(text, EN_DATETIME, 'the officer\'s dossier page writes times in English');
      assert.match(text, /\d+(\.\d+)? working hours/, 'time used with a decimal point');
      assert.ok(text.includes('Receiving the dossier') && text.includes('Approving the result'),
        'the default workflow\'s steps in English');
      // A submitted dossier: refusing and asking for completion offer reasons.
      await page.goto(`${BASE_URL}/can-bo/ho-so/${encodeURIComponent(fresh)}`);
      const reasons = await page.locator('select[name="reason"] option[value]:not([value=""]), select[name^="why"] option')
        .evaluateAll((os) => os.map((o) => ({ label: o.textContent, value: o.value })));
      assert.ok(reasons.length > 0, 'the page offers reasons to pick');
      for (const r of reasons) {
        assert.doesNotMatch(r.label, VI_LETTERS, `the reason "${r.label}" is shown in English`);
        assert.match(r.value, VI_LETTERS, `the reason recorded stays the Vietnamese text ("${r.value}")`);
      }
      await page.screenshot({ path: path.join(OUT, 'i18n-officer-dossier-en.png'), fullPage: true });
      await page.goto(`${BASE_URL}/can-bo/thong-bao`);
      text = await mainText(page);
      assert.doesNotMatch(text, RAW, 'officer\'s notifications: no raw SQL time');
      assert.doesNotMatch(text, VI_DATETIME, 'officer\'s notifications: no Vietnamese date');
      assert.ok(!/Việc mới|Đôn đốc|sắp đến hạn|đã quá hạn/.test(text), `officer's notifications in English: ${text.slice(0, 300)}`);
    } finally {
      await ctx.close();
    }
  });

  test('the receiver in Vietnamese: inbox and dossier page', async () => {
    const { ctx, page } = await login(recv, 'vi');
    try {
      await page.goto(`${BASE_URL}/can-bo/?lang=vi`);
      assertVietnamese(await mainText(page), 'hộp việc');
      await page.goto(`${BASE_URL}/can-bo/ho-so/${encodeURIComponent(code)}`);
      const text = await mainText(page);
      assertVietnamese(text, 'trang hồ sơ của cán bộ');
      assert.match(text, /\d+(,\d+)? giờ làm việc/, 'time used with a decimal comma');
    } finally {
      await ctx.close();
    }
  });
});
