// Accessibility: axe-core (from npm, run in Debian's Chromium) over the
// public site's main pages in both languages (home, a procedure, lists,
// the agency directory, search results, the FAQ) reports no serious or
// critical violation of WCAG 2.x A/AA; nor do the webmasters' pages.
// Screenshots of the same pages at 360 px, 640 px (a 1280 px window at
// 200 % zoom) and 1280 px go to tests/e2e/output/ for a human look.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { BASE_URL, DEMO_PASSWORD, assertAxe, launchBrowser, watch } from './lib.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const OUT = path.join(HERE, 'output');

const PAGES = [
  ['home', '/'],
  ['procedure', '/thu-tuc/1.001193.html'],
  ['catalogue', '/thu-tuc/'],
  ['field', '/linh-vuc/ho-tich.html'],
  ['agencies', '/co-quan/'],
  ['agency', '/co-quan/000.00.01.H29.html'],
  ['faq', '/hoi-dap/'],
  ['search', '/dich-vu/tim-kiem?q=dang+ky+ket+hon'],
  ['search-filters', '/dich-vu/tim-kiem?q=dang+ky&level=xa&page=2'],
  ['not-found', '/khong-co-trang-nay'],
];

/** The page's address in a language (dynamic pages take ?lang=). */
function address(p, lang) {
  if (lang === 'vi') return p;
  if (p.startsWith('/dich-vu/')) return p + (p.includes('?') ? '&' : '?') + 'lang=en';
  return '/en' + p;
}

describe('accessibility (axe-core) and screenshots', { timeout: 600_000 }, () => {
  let browser;
  before(async () => {
    mkdirSync(OUT, { recursive: true });
    browser = await launchBrowser();
  });
  after(async () => { if (browser) await browser.close(); });

  for (const lang of ['vi', 'en']) {
    for (const [name, p] of PAGES) {
      const url = address(p, lang);
      test(`${url}: no serious or critical WCAG violation`, async () => {
        // axe is injected as a script: the page's CSP (rightly) forbids that.
        const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
        try {
          const page = await ctx.newPage();
          const res = await page.goto(BASE_URL + url, { waitUntil: 'load' });
          assert.equal(res.status(), name === 'not-found' ? 404 : 200);
          // Apache answers every missing page with the one Vietnamese 404
          // page (which points to the English site in English).
          assert.equal(await page.getAttribute('html', 'lang'), lang);
          // Moderate and minor ones are reported, not failed.
          await assertAxe(page, url);
        } finally {
          await ctx.close();
        }
      });
    }
  }

  test('the webmasters\' pages (signed in): no serious or critical violation', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    try {
      const page = await ctx.newPage();
      await page.goto(BASE_URL + '/dich-vu/dang-nhap');
      await page.fill('#login', 'admin@motcua.test');
      await page.fill('#password', DEMO_PASSWORD);
      await page.locator('form.form button[type=submit]').click();
      await page.waitForURL(/\/can-bo\//);
      for (const p of ['/can-bo/quan-tri-trang/', '/can-bo/quan-tri-trang/hoi-dap',
        '/can-bo/quan-tri-trang/hoi-dap/4', '/can-bo/quan-tri-trang/tin-tuc/moi',
        '/can-bo/quan-tri-trang/muc-do?q=khai+sinh']) {
        const res = await page.goto(BASE_URL + p, { waitUntil: 'load' });
        assert.equal(res.status(), 200, p);
        await assertAxe(page, p);
        await page.screenshot({ path: path.join(OUT, `webmaster-${p.split('/').filter(Boolean).slice(2).join('-').replace(/\?.*/, '') || 'home'}-1280.png`), fullPage: true });
      }
    } finally {
      await ctx.close();
    }
  });

  // 640 px is a 1280 px window at 200 % zoom.
  for (const width of [360, 640, 1280]) {
    test(`screenshots at ${width} px; nothing wider than the window`, async () => {
      const ctx = await browser.newContext({ viewport: { width, height: width < 500 ? 740 : 900 }, deviceScaleFactor: 1 });
      try {
        const page = await ctx.newPage();
        const w = watch(page);
        for (const lang of ['vi', 'en']) {
          for (const [name, p] of PAGES) {
            if (name === 'not-found' || name === 'search-filters') continue;
            await page.goto(BASE_URL + address(p, lang), { waitUntil: 'load' });
            await page.screenshot({ path: path.join(OUT, `site-${name}-${lang}-${width}.png`), fullPage: name !== 'agencies' && name !== 'field' });
            const wide = await page.evaluate(() => document.documentElement.scrollWidth);
            assert.ok(wide <= width, `${address(p, lang)} is ${wide} px wide in a ${width} px window`);
          }
        }
        // Results as you type, on a phone.
        await page.goto(BASE_URL + '/');
        await page.type('#search-q', 'dang ky ket hon');
        await page.locator('.suggest ol li a').first().waitFor();
        await page.screenshot({ path: path.join(OUT, `site-suggest-${width}.png`) });
        assert.deepEqual(w.problems(), [], 'no console errors (CSP included), no failed requests');
      } finally {
        await ctx.close();
      }
    });
  }
});
