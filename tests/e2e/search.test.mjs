// Search that finds what people mean (issue 14): the one folding shared by
// the server and search.js (tests/data/fold.tsv), typos and run-together
// words corrected with "showing results for ... / search exactly what you
// typed", synonyms, never an empty page when something is close. Every row
// of the issue's table through the search page without JavaScript (the
// server), with JavaScript (the as-you-type box) and in Node on the
// generator's index.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  BASE_URL, DEMO_PASSWORD, RUNDIR, TOP, decodeHtml, launchBrowser, request, sql, sqlValue, until, watch,
} from './lib.mjs';

const require = createRequire(import.meta.url);
const SEARCH_JS = path.join(TOP, 'htdocs/js/search.js');

// The issue's table, and more of the same kinds: typed, the procedure that
// must come first, and the words the page says it searched instead (null:
// found as typed).
export const MEANT = [
  ['dang ki ket hon', '1.000894', null],
  ['Đăng kí kết hôn', '1.000894', null],
  ['dangky ket hon', '1.000894', 'dang ki ket hon'],
  ['dangkykethon', '1.000894', 'dang ki ket hon'],
  ['dang ki kte hon', '1.000894', 'dang ki ket hon'],
  ['giay xac nhan doc than', '1.004873', 'giay xac nhan tinh trang hon nhan'],
  ['li lich tu phap', '3.000333', null],
  ['dang ky khai snh', '1.001193', 'dang ki khai sinh'],
  // Everyday words (db/seed/synonyms.csv).
  ['hộ khẩu', '1.004222', 'thuong tru'],
  ['mất căn cước', '1.014064', 'cap lai the can cuoc'],
  ['lấy vợ', '1.000894', 'ket hon'],
  ['mở quán cà phê', '1.001612', 'thanh lap ho kinh doanh'],
];

/** The first result, the fix and the "some words" notes of the search page. */
async function searchPage(q, extra = '') {
  const a = await request(`/dich-vu/tim-kiem?q=${encodeURIComponent(q)}${extra}`);
  assert.equal(a.status, 200, `search "${q}"`);
  const m = a.text.match(/<ol class="results proc-list"[^>]*>\s*<li><a href="(?:\/en)?\/thu-tuc\/([^"]+)\.html"/);
  const fix = a.text.match(/<p class="search-fix" id="search-fix">([\s\S]*?)<\/p>/);
  const any = a.text.match(/<p class="search-fix" id="search-any">([\s\S]*?)<\/p>/);
  return {
    code: m ? decodeURIComponent(m[1]) : null, html: a.text,
    fix: fix ? fix[1] : null, used: fix ? decodeHtml(fix[1].match(/<strong>([^<]*)<\/strong>/)[1]) : null,
    any: any ? decodeHtml(any[1]) : null,
  };
}

describe('one folding (tests/data/fold.tsv)', () => {
  test('search.js folds every line of fold.tsv as the C unit test expects', () => {
    const s = require(SEARCH_JS);
    const lines = readFileSync(path.join(TOP, 'tests/data/fold.tsv'), 'utf8').split('\n')
      .filter((l) => l && !l.startsWith('#') && l.includes('\t'));
    assert.ok(lines.length >= 40, `${lines.length} cases`);
    for (const l of lines) {
      const [input, want] = l.split('\t');
      assert.equal(s.fold(input), want, `fold(${JSON.stringify(input)})`);
    }
  });
});

describe('search.js on the generator\'s index (Node)', () => {
  test('the issue\'s table: each finds its procedure first, with the same rewrite as the server', () => {
    const s = require(SEARCH_JS);
    s.use(JSON.parse(readFileSync(path.join(RUNDIR, 'site', 'tim-kiem.json'), 'utf8')));
    for (const [q, code, used] of MEANT) {
      const r = s.find(q, false);
      assert.equal(r.hits[0] && r.hits[0][0], code, `first for "${q}"`);
      assert.equal(r.used, used, `rewrite of "${q}"`);
    }
    const some = s.find('dang ky ket hon xyzxyz', false);
    assert.equal(some.hits[0][0], '1.000894');
    assert.equal(some.any, true);
    assert.equal(some.ignored, 'xyzxyz');
    assert.equal(s.find('dangky ket hon', true).hits.length, 0, 'exact: as typed only');
  });
});

describe('synonyms (db/seed/synonyms.csv)', () => {
  test('at least 100 pairs, each with a source, each meaning found in the catalogue, all loaded', async () => {
    const s = require(SEARCH_JS);
    const idx = JSON.parse(readFileSync(path.join(RUNDIR, 'site', 'tim-kiem.json'), 'utf8'));
    const rows = readFileSync(path.join(TOP, 'db/seed/synonyms.csv'), 'utf8').trim().split('\n').slice(1);
    assert.ok(rows.length >= 100, `${rows.length} pairs`);
    for (const row of rows) {
      const m = row.match(/^([^,]+),([^,]+),(.+)$/);
      assert.ok(m, row);
      assert.match(m[3], /catalogue \d+\.\d+/, `source of ${m[1]}`);
      const words = s.fold(m[2]).split(' ');
      assert.ok(idx.procs.some((p) => words.every((w) => (' ' + p[2] + ' ').includes(' ' + w + ' '))),
        `"${m[2]}" (for "${m[1]}") is in the catalogue`);
    }
    assert.ok(Number(sqlValue('SELECT COUNT(*) FROM search_synonyms WHERE updated_by IS NULL')) >= rows.length);
    assert.ok(idx.syn.length >= 100, 'the index carries them to search.js');
  });
});

describe('search without JavaScript (the server)', () => {
  for (const [q, code, used] of MEANT) {
    test(`"${q}" finds ${code} first${used ? `, showing results for "${used}"` : ''}`, async () => {
      const r = await searchPage(q);
      assert.equal(r.code, code, `first result for "${q}"`);
      assert.equal(r.used, used);
      if (used) {
        // The link searches exactly what was typed: nothing is rewritten.
        const href = decodeHtml(r.fix.match(/href="([^"]+)"/)[1]);
        assert.match(href, /&exact=1$/);
        const exact = await request(href);
        assert.doesNotMatch(exact.text, /id="search-fix"/);
      }
    });
  }

  test('never an empty page when something is close: ranked by the words that match, the ignored word named', async () => {
    const r = await searchPage('dang ky ket hon xyzxyz');
    assert.equal(r.code, '1.000894');
    assert.match(r.any, /xếp theo số từ khớp/);
    assert.match(r.any, /xyzxyz/);
    const none = await searchPage('xyzxyz qwqwq');
    assert.equal(none.code, null);
    assert.match(none.html, /<strong>0<\/strong> kết quả/);
  });

  test('in English: "showing results for" and "search exactly for"', async () => {
    const r = await searchPage('dangky ket hon', '&lang=en');
    assert.equal(r.code, '1.000894');
    assert.match(r.fix, /Showing results for/);
    assert.match(r.fix, /Search exactly for/);
    assert.match(r.fix, /href="\/dich-vu\/tim-kiem\?q=dangky\+ket\+hon&amp;exact=1&amp;lang=en"/);
    const any = await searchPage('dang ky ket hon xyzxyz', '&lang=en');
    assert.match(any.any, /ranked by the words that match/);
  });
});

describe('search in a browser', { timeout: 240_000 }, () => {
  let browser;
  before(async () => { browser = await launchBrowser(); });
  after(async () => { if (browser) await browser.close(); });

  test('without JavaScript: the form on the home page submits, the page says what it searched', async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    try {
      const page = await ctx.newPage();
      for (const [q, code, used] of MEANT) {
        await page.goto(BASE_URL + '/');
        await page.fill('#search-q', q);
        await Promise.all([page.waitForNavigation(), page.click('.search-form button[type=submit]')]);
        assert.match(page.url(), /\/dich-vu\/tim-kiem\?q=/);
        const first = await page.locator('ol.results li a').first().getAttribute('href');
        assert.equal(first, `/thu-tuc/${code}.html`, `first result for "${q}"`);
        if (used) {
          assert.equal(await page.locator('#search-fix strong').innerText(), used);
          await Promise.all([page.waitForNavigation(), page.click('#search-fix a')]);
          assert.match(page.url(), /exact=1/);
          assert.equal(await page.locator('#search-fix').count(), 0, 'exactly what was typed');
        }
      }
      await page.screenshot({ path: path.join(TOP, 'tests/e2e/output/search-fix-390.png'), fullPage: false });
    } finally { await ctx.close(); }
  });

  test('with JavaScript: the as-you-type box corrects, splits and says so', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await ctx.newPage();
      const w = watch(page);
      await page.goto(BASE_URL + '/');
      for (const [q, code, used] of MEANT) {
        await page.fill('#search-q', '');
        await page.type('#search-q', q, { delay: 5 });
        const first = page.locator('.suggest ol li a').first();
        await until(async () => (await first.getAttribute('href')) === `/thu-tuc/${code}.html`,
          { timeout: 30_000, what: `first suggestion for "${q}" is ${code}` });
        if (used) {
          await until(async () => (await page.locator('.suggest-fix strong').count()) === 1 &&
            (await page.locator('.suggest-fix strong').innerText()) === used, { what: `fix for "${q}"` });
        } else {
          assert.equal(await page.locator('.suggest-fix').count(), 0, `no fix for "${q}"`);
        }
      }
      await page.fill('#search-q', 'dang ky ket hon xyzxyz');
      await until(async () => /xyzxyz/.test(await page.locator('.suggest-any').innerText().catch(() => '')),
        { what: 'the ignored word named' });
      await page.screenshot({ path: path.join(TOP, 'tests/e2e/output/search-any-1280.png') });
      // The fix's link is the server's exact search.
      await page.fill('#search-q', 'dangky ket hon');
      await until(async () => (await page.locator('.suggest-fix a').count()) === 1, { what: 'exact link' });
      await Promise.all([page.waitForNavigation(), page.click('.suggest-fix a')]);
      assert.match(page.url(), /exact=1/);
      assert.equal(await page.locator('#search-fix').count(), 0);
      assert.deepEqual(w.problems(), []);
    } finally { await ctx.close(); }
  });
});

describe('webmasters keep the synonyms (back office)', { timeout: 240_000 }, () => {
  let browser;
  const term = `xyzvui${Date.now() % 100000}`;
  before(async () => { browser = await launchBrowser(); });
  after(async () => {
    if (browser) await browser.close();
    sql(`DELETE FROM search_synonyms WHERE term = '${term}'`);
  });

  test('add a pair through the page (a missing source is a 422 that keeps the words), search uses it, turn it off', async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
    try {
      const page = await ctx.newPage();
      const w = watch(page);
      await page.goto(`${BASE_URL}/dich-vu/dang-nhap`);
      await page.locator('#login').fill('admin@motcua.test');
      await page.locator('#password').fill(DEMO_PASSWORD);
      await Promise.all([page.waitForURL(/\/can-bo\//), page.locator('form.form button[type=submit]').click()]);
      await page.goto(`${BASE_URL}/can-bo/quan-tri-trang/`);
      await Promise.all([page.waitForNavigation(), page.click('a[href="/can-bo/quan-tri-trang/tu-dong-nghia"]')]);
      assert.match(await page.locator('h1').innerText(), /Từ đồng nghĩa/);
      assert.ok(await page.locator('#syn-list tbody tr').count() >= 100);
      // Before: the made-up word finds nothing.
      assert.equal((await searchPage(term)).code, null);
      await page.fill('#term', term);
      await page.fill('#means', 'đăng ký kết hôn');
      const [bad] = await Promise.all([page.waitForNavigation(), page.click('#syn-add button[type=submit]')]);
      assert.equal(bad.status(), 422);
      assert.match(await page.locator('#source-err').innerText(), /nguồn/);
      assert.equal(await page.inputValue('#term'), term, 'what was typed stays');
      await page.fill('#source', 'kiểm thử e2e');
      await Promise.all([page.waitForNavigation(), page.click('#syn-add button[type=submit]')]);
      assert.match(page.url(), /ok=1/);
      assert.match(await page.title(), /Từ đồng nghĩa khi tìm kiếm/);
      assert.match(await page.locator('body').innerText(), /Đã lưu\. Tìm kiếm trên máy chủ dùng ngay/);
      const row = page.locator('#syn-list tr', { hasText: term });
      assert.equal(await row.count(), 1);
      await page.screenshot({ path: path.join(TOP, 'tests/e2e/output/synonyms-390.png'), fullPage: false });
      // The server's search uses it within seconds (each process rereads).
      await until(async () => (await searchPage(term)).code === '1.000894', { timeout: 15_000, what: 'the new synonym used' });
      // Turned off, the search no longer uses it.
      await Promise.all([page.waitForNavigation(), row.locator('button').click()]);
      assert.match(await page.locator('#syn-list tr', { hasText: term }).innerText(), /Đã tắt/);
      await until(async () => (await searchPage(term)).code === null, { timeout: 15_000, what: 'the synonym off' });
      // Both changes are in the audit log (issue 9), shown on its page.
      const synId = sqlValue(`SELECT id FROM search_synonyms WHERE term = '${term}'`);
      await page.goto(`${BASE_URL}/can-bo/quan-tri/nhat-ky?account=admin%40motcua.test&event=config_change`);
      const log = await page.locator('main table').innerText();
      assert.match(log, new RegExp(`synonym added: ${term} = đăng ký kết hôn`));
      assert.match(log, new RegExp(`synonym ${synId} turned off`));
      // A 422 is the test; a navigation may abort an image still loading.
      assert.deepEqual(w.problems().filter((p) => !/422|ERR_ABORTED/.test(p)), []);
    } finally { await ctx.close(); }
  });
});
