// The public site (issue 4): the generated pages in both languages, their
// links, titles, canonical and Open Graph metadata, the language switch,
// sitemap and robots, the 404 page, page weight; search without JavaScript
// (real queries with their expected first result, filters, paging) and with
// it (the generator's index, folded exactly like the server); regeneration
// (incremental, atomic, from the webmaster's button), and the importer
// updating a page when a procedure changes.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, statSync, writeFileSync, readdirSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';

import {
  BASE_URL, DEMO_PASSWORD, MOTCUA_CONFIG, RUNDIR, TOP, Visitor, csrfOf, launchBrowser, loggedIn,
  motcua, q, request, sql, sqlValue, until, watch,
} from './lib.mjs';

const execFileP = promisify(execFile);
/** How many times the audit log recorded the setting's change (issue 9). */
const audited = (subject) => Number(sqlValue(
  `SELECT COUNT(*) FROM audit_log WHERE event = 'config_change' AND subject = ${q(subject)}`));
const SITE = path.join(RUNDIR, 'site');

// Real queries and the procedure a citizen expects first. Each is also
// asked without diacritics and in capitals: the same first result.
export const QUERIES = [
  ['đăng ký kết hôn', '1.000894'],
  ['khai sinh', '1.001193'],
  ['đăng ký khai tử', '1.000656'],
  ['đăng ký thường trú', '1.004222'],
  ['đăng ký tạm trú', '1.004194'],
  ['cấp đổi thẻ căn cước', '1.014063'],
  ['giấy phép xây dựng', '1.013225'],
  ['hộ kinh doanh', '1.001612'],
  ['xác nhận tình trạng hôn nhân', '1.004873'],
  ['lý lịch tư pháp', '3.000333'],
  ['cấp bản sao giấy khai sinh', '2.000635'],
  ['chứng thực di chúc', '2.001019'],
];

/** Strips Vietnamese marks and đ the way a hurried typist does. */
function plain(s) {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

/** The first result of the search page for a query (and extra params). */
async function firstResult(q, extra = '') {
  const a = await request(`/dich-vu/tim-kiem?q=${encodeURIComponent(q)}${extra}`);
  assert.equal(a.status, 200, `search "${q}"`);
  const m = a.text.match(/<ol class="results proc-list"[^>]*>\s*<li><a href="(?:\/en)?\/thu-tuc\/([^"]+)\.html"/);
  return { code: m ? decodeURIComponent(m[1]) : null, html: a.text };
}

/** Bytes on the wire of a gzip-compressed answer (Apache's mod_deflate). */
function compressedSize(p) {
  return new Promise((resolve, reject) => {
    http.get(BASE_URL + p, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, bytes: Buffer.concat(chunks).length,
        encoding: res.headers['content-encoding'] }));
    }).on('error', reject);
  });
}

function head(html) {
  const get = (re) => { const m = html.match(re); return m ? m[1] : null; };
  return {
    lang: get(/<html lang="([a-z]+)">/),
    title: get(/<title>([^<]*)<\/title>/),
    canonical: get(/<link rel="canonical" href="([^"]+)">/),
    description: get(/<meta name="description" content="([^"]*)">/),
    ogTitle: get(/<meta property="og:title" content="([^"]*)">/),
    ogUrl: get(/<meta property="og:url" content="([^"]*)">/),
    ogImage: get(/<meta property="og:image" content="([^"]*)">/),
    alt: get(/<a class="lang-switch"[^>]* href="([^"]+)"/),
    h1: (html.match(/<h1[ >]/g) || []).length,
  };
}

/** `motcua site` with the instance's config; returns its summary numbers. */
async function site(...args) {
  const out = await motcua('site', ...args);
  const m = out.match(/site: (\d+) pages written, (\d+) unchanged, (\d+) skipped, (\d+) removed, (\d+) ms/);
  assert.ok(m, `the generator's summary: ${out}`);
  return { written: +m[1], unchanged: +m[2], skipped: +m[3], removed: +m[4], ms: +m[5] };
}

const mtime = (rel) => statSync(path.join(SITE, rel)).mtimeMs;

const PAGES = [
  '/', '/thu-tuc/', '/thu-tuc/1.000894.html', '/linh-vuc/ho-tich.html', '/cap/xa.html',
  '/cap/tinh.html', '/muc-do/chua-phan-loai.html', '/co-quan/', '/co-quan/000.00.01.H29.html',
  '/co-quan/000.01.60.H29.html', '/su-kien/ket-hon.html', '/hoi-dap/', '/tin-tuc/', '/thong-ke/',
];

describe('generated pages', () => {
  for (const p of PAGES) {
    for (const lang of ['vi', 'en']) {
      const url = (lang === 'en' ? '/en' : '') + p;
      test(`${url}: one <h1>, title, description, canonical, Open Graph, language switch to the same page`, async () => {
        const a = await request(url);
        assert.equal(a.status, 200);
        assert.match(a.type, /^text\/html; charset=utf-8/i);
        const h = head(a.text);
        assert.equal(h.lang, lang);
        assert.equal(h.h1, 1, 'exactly one <h1>');
        assert.match(h.title, / – Một Cửa$/);
        assert.ok(h.description && h.description.length > 20, 'a meta description');
        assert.equal(h.canonical, BASE_URL + url);
        assert.equal(h.ogUrl, BASE_URL + url);
        assert.ok(h.ogTitle, 'og:title');
        assert.equal(h.ogImage, `${BASE_URL}/static/images/og.png`);
        const other = lang === 'en' ? p : '/en' + p;
        assert.equal(h.alt, other, 'the switch goes to the same page in the other language');
        assert.match(a.text, new RegExp(`<link rel="alternate" hreflang="${lang === 'en' ? 'vi' : 'en'}" href="${BASE_URL}${other.replace(/[.?]/g, '\\$&')}">`));
        assert.equal((await request(other)).status, 200, `${other} exists`);
        if (lang === 'en') {
          assert.doesNotMatch(a.text.replace(/<a class="lang-switch"[^>]*>/, ''),
            /href="\/(thu-tuc|linh-vuc|co-quan|hoi-dap|tin-tuc)\//, 'English pages link to English pages');
        }
      });
    }
  }

  test('English pages are in English and say when the content is Vietnamese only', async () => {
    const a = await request('/en/thu-tuc/1.000894.html');
    assert.match(a.text, /<a href="\/en\/thu-tuc\/"[^>]*>Procedures<\/a>/);
    assert.match(a.text, /<p class="lang-note">This content is available in Vietnamese only\.<\/p>/);
    assert.match(a.text, /<h1 lang="vi">Thủ tục đăng ký kết hôn<\/h1>/);
    assert.match(a.text, /href="\/en\/linh-vuc\/ho-tich\.html">Civil status<\/a>/);
    assert.match(a.text, /How to apply/);
    assert.doesNotMatch(a.text, /Cách thức thực hiện|Trang chủ|Thành phần hồ sơ/, 'no Vietnamese interface text');
    const home = await request('/en/');
    assert.match(home.text, /Ho Chi Minh City public services/);
    assert.match(home.text, /<input type="hidden" name="lang" value="en">/, 'the search keeps English');
  });

  test('a procedure page: documents, channels with time and fee, agency, legal basis, service level, related, FAQ, file online', async () => {
    const a = await request('/thu-tuc/1.001193.html');
    for (const want of ['Thành phần hồ sơ', 'Cách thức thực hiện', 'Trình tự thực hiện', 'Căn cứ pháp lý',
      'Mức độ dịch vụ công trực tuyến', 'Chưa phân loại', 'Thủ tục cùng lĩnh vực',
      'href="/dich-vu/nop-ho-so/1.001193"', '>Miễn phí<', 'Giấy chứng sinh', 'href="/su-kien/sinh-con.html"',
      'Đăng ký khai sinh cần những giấy tờ gì']) {
      assert.ok(a.text.includes(want), `the page shows ${want}`);
    }
    assert.doesNotMatch(a.text, /Từ khóa|Chọn cơ quan thực hiện/, 'no leftovers of the source page');
    const dept = await request('/thu-tuc/2.000635.html');
    assert.match(dept.text, /<a href="\/co-quan\/000\.00\.01\.H29\.html">Sở Tư pháp<\/a>/);
  });

  test('no broken links: every site link of the main pages answers 200', async () => {
    // The files beside this one rebuild the site (a news item added, then
    // removed): a page read before such a build may link what the build
    // then removed. Pages and links are read again (at most five times);
    // a link broken on every pass fails.
    let bad = [];
    for (let pass = 0; pass < 5; pass++) {
      if (pass > 0) await new Promise((r) => setTimeout(r, 3000));
      const seen = new Set();
      for (const p of ['/', '/en/', '/thu-tuc/', '/co-quan/', '/thu-tuc/1.000894.html', '/en/hoi-dap/', '/thong-ke/']) {
        const a = await request(p);
        for (const m of a.text.matchAll(/href="(\/[^"#?]*)(?:[#?][^"]*)?"/g)) {
          if (!/^\/(dich-vu|can-bo|api)\//.test(m[1])) seen.add(m[1]);
        }
      }
      assert.ok(seen.size > 150, `${seen.size} links`);
      bad = [];
      const list = [...seen];
      for (let i = 0; i < list.length; i += 16) {
        const res = await Promise.all(list.slice(i, i + 16).map((l) => request(l, { method: 'HEAD' })));
        res.forEach((r, k) => { if (r.status !== 200) bad.push(`${list[i + k]} ${r.status}`); });
      }
      if (bad.length === 0) break;
    }
    assert.deepEqual(bad, []);
  });

  test('sitemap.xml lists every page of both languages; robots.txt points to it', async () => {
    const a = await request('/sitemap.xml');
    assert.equal(a.status, 200);
    const locs = [...a.text.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    const procs = Number(sqlValue('SELECT COUNT(*) FROM procedures'));
    assert.equal(locs.filter((l) => /\/thu-tuc\/[^/]+\.html$/.test(l)).length, 2 * procs);
    assert.ok(locs.every((l) => l.startsWith(BASE_URL + '/')), 'absolute URLs on the site');
    assert.equal(new Set(locs).size, locs.length, 'no duplicates');
    for (const l of [locs[0], locs[locs.length - 1], ...locs.filter((_, i) => i % 400 === 7)]) {
      assert.equal((await request(l, { method: 'HEAD' })).status, 200, l);
    }
    const r = await request('/robots.txt');
    assert.match(r.text, new RegExp(`^Sitemap: ${BASE_URL}/sitemap\\.xml$`, 'm'));
    assert.match(r.text, /^Disallow: \/dich-vu\/$/m);
  });

  test('a missing page: the 404 page in its language, with a way to the other', async () => {
    for (const p of ['/thu-tuc/9.999999.html', '/khong-co-trang-nay']) {
      const a = await request(p);
      assert.equal(a.status, 404, p);
      assert.match(a.text, /<h1>Không tìm thấy trang<\/h1>/);
      assert.match(a.text, /<a href="\/en\/" hreflang="en">Một Cửa in English<\/a>/);
      assert.match(a.text, /action="\/dich-vu\/tim-kiem"/, 'a search box');
    }
    // Under /en/ the English 404 page answers (apache-conf: LocationMatch).
    for (const p of ['/en/khong-co', '/en/thu-tuc/9.999999.html']) {
      const a = await request(p);
      assert.equal(a.status, 404, p);
      assert.match(a.text, /<html lang="en"/, p);
      assert.match(a.text, /<h1>Page not found<\/h1>/, p);
    }
  });

  test('light: the largest procedure page, with its CSS, JS and logo, is under 100 KB transferred', async () => {
    let largest = null;
    for (const dir of ['thu-tuc', 'en/thu-tuc']) {
      for (const f of readdirSync(path.join(SITE, dir))) {
        const size = statSync(path.join(SITE, dir, f)).size;
        if (f !== 'index.html' && (!largest || size > largest.size)) largest = { p: `/${dir}/${f}`, size };
      }
    }
    const page = await compressedSize(largest.p);
    assert.equal(page.status, 200);
    assert.equal(page.encoding, 'gzip', 'Apache compresses pages');
    let total = page.bytes;
    for (const asset of ['/static/css/site.css', '/static/js/search.js', '/static/images/logo.svg']) {
      total += (await compressedSize(asset)).bytes;
    }
    assert.ok(total < 100 * 1024, `${largest.p} (${largest.size} bytes raw) and its assets: ${total} bytes transferred`);
    const usual = await compressedSize('/thu-tuc/1.001193.html');
    assert.ok(usual.bytes < 20 * 1024, `a usual procedure page is ${usual.bytes} bytes transferred`);
  });
});

describe('search without JavaScript', () => {
  for (const [q, code] of QUERIES) {
    test(`"${q}" finds ${code} first, with or without diacritics, in capitals, composed or decomposed`, async () => {
      for (const form of [q, plain(q), q.toUpperCase(), plain(q).toUpperCase(), q.normalize('NFD')]) {
        const r = await firstResult(form);
        assert.equal(r.code, code, `first result for "${form}"`);
      }
    });
  }

  test('a code or the start of a code finds the procedure', async () => {
    assert.equal((await firstResult('1.000894')).code, '1.000894');
    const r = await firstResult('2.00063');
    assert.equal(r.code, '2.000635');
  });

  test('filters by field, agency, level and service level; paging', async () => {
    const field = sqlValue("SELECT id FROM fields WHERE slug = 'ho-tich'");
    const all = await request('/dich-vu/tim-kiem?q=dang+ky');
    const total = Number(all.text.match(/<strong>(\d+)<\/strong> kết quả/)[1]);
    const f = await request(`/dich-vu/tim-kiem?q=dang+ky&field=${field}`);
    const nf = Number(f.text.match(/<strong>(\d+)<\/strong> kết quả/)[1]);
    assert.ok(nf > 10 && nf < total, `field filter: ${nf} of ${total}`);
    assert.ok(!/Hải quan/.test(f.text.split('<ol')[1] || ''), 'only civil status');
    const prov = await request('/dich-vu/tim-kiem?q=dang+ky&level=tinh');
    assert.doesNotMatch(prov.text, /href="\/thu-tuc\/1\.000894\.html"/, 'marriage is commune level');
    const ward = await request('/dich-vu/tim-kiem?q=ket+hon&agency=000.01.60.H29');
    assert.match(ward.text, /href="\/thu-tuc\/1\.000894\.html"/, 'a ward receives commune-level procedures');
    const dept = await request('/dich-vu/tim-kiem?q=ket+hon&agency=000.00.02.H29');
    assert.doesNotMatch(dept.text, /href="\/thu-tuc\/1\.000894\.html"/);
    const none = await request('/dich-vu/tim-kiem?q=dang+ky&service=full');
    assert.match(none.text, /<strong>0<\/strong> kết quả/);
    const only = await request(`/dich-vu/tim-kiem?field=${field}&level=xa`);
    assert.match(only.text, /<strong>\d+<\/strong> kết quả/, 'filters alone list procedures');
    // Paging: page 2 continues page 1, with a link back.
    const p1 = [...all.text.matchAll(/<li><a href="\/thu-tuc\/([^"]+)\.html"/g)].map((m) => m[1]);
    const a2 = await request('/dich-vu/tim-kiem?q=dang+ky&page=2');
    const p2 = [...a2.text.matchAll(/<li><a href="\/thu-tuc\/([^"]+)\.html"/g)].map((m) => m[1]);
    assert.equal(p1.length, 20);
    assert.ok(p2.length > 0 && !p2.some((c) => p1.includes(c)), 'page 2 holds other procedures');
    assert.match(a2.text, /<ol class="results proc-list" start="21">/);
    assert.match(a2.text, /href="\/dich-vu\/tim-kiem\?q=dang\+ky&amp;page=1" rel="prev"/);
  });

  test('in English: the interface in English, results link to English pages, the switch keeps the query', async () => {
    const a = await request('/dich-vu/tim-kiem?q=khai+sinh&lang=en');
    assert.match(a.text, /<html lang="en">/);
    assert.match(a.text, /<h1>Find an administrative procedure<\/h1>/);
    assert.match(a.text, /<li><a href="\/en\/thu-tuc\/1\.001193\.html"/);
    assert.match(a.text, /class="lang-switch"[^>]*href="\/dich-vu\/tim-kiem\?q=khai\+sinh&amp;lang=vi"/);
  });
});

describe('search with JavaScript', { timeout: 240_000 }, () => {
  let browser;
  before(async () => { browser = await launchBrowser(); });
  after(async () => { if (browser) await browser.close(); });

  test('the index folds every name exactly like the server (composed and decomposed)', async () => {
    const ctx = await browser.newContext();
    try {
      const page = await ctx.newPage();
      await page.goto(BASE_URL + '/');
      const res = await page.evaluate(async () => {
        const idx = await window.MotCuaSearch.load();
        const f = window.MotCuaSearch.fold;
        const bad = [];
        for (const p of idx.procs) {
          if (f(p[1]) !== p[2]) bad.push(`${p[0]}: ${f(p[1])} != ${p[2]}`);
          if (f(p[1].normalize('NFD')) !== p[2]) bad.push(`${p[0]} (NFD)`);
          if (f(p[1].toUpperCase()) !== p[2]) bad.push(`${p[0]} (upper)`);
        }
        return { n: idx.procs.length, bad: bad.slice(0, 5), nbad: bad.length };
      });
      assert.equal(res.n, Number(sqlValue('SELECT COUNT(*) FROM procedures')));
      assert.equal(res.nbad, 0, res.bad.join('; '));
      // And the index's folded names are the database's search text.
      const folded = sqlValue("SELECT search_text FROM procedures WHERE code = '1.000894'");
      const idx = JSON.parse(readFileSync(path.join(SITE, 'tim-kiem.json'), 'utf8'));
      assert.equal('1.000894 ' + idx.procs.find((p) => p[0] === '1.000894')[2], folded);
    } finally { await ctx.close(); }
  });

  test('results as you type give the same first result as the search page', async () => {
    const ctx = await browser.newContext({ viewport: { width: 360, height: 740 } });
    try {
      const page = await ctx.newPage();
      const w = watch(page);
      await page.goto(BASE_URL + '/');
      for (const [q, code] of QUERIES) {
        for (const form of [q, plain(q).toUpperCase()]) {
          await page.fill('#search-q', '');
          await page.type('#search-q', form, { delay: 5 });
          const first = page.locator('.suggest ol li a').first();
          await until(async () => (await first.getAttribute('href')) === `/thu-tuc/${code}.html`,
            { timeout: 30_000, what: `first suggestion for "${form}" is ${code}` });
        }
      }
      await page.fill('#search-q', '1.0008');
      await until(async () => (await page.locator('.suggest ol li a').first().getAttribute('href')) === '/thu-tuc/1.000802.html',
        { what: 'a code prefix' });
      await page.fill('#search-q', 'xyzxyz qwqwq');
      await until(async () => /Không tìm thấy/.test(await page.locator('.suggest').innerText()), { what: 'no result message' });
      assert.deepEqual(w.problems(), []);
    } finally { await ctx.close(); }
  });

  test('on English pages the suggestions lead to English pages', async () => {
    const ctx = await browser.newContext();
    try {
      const page = await ctx.newPage();
      await page.goto(BASE_URL + '/en/');
      await page.type('#search-q', 'ket hon');
      await until(async () => (await page.locator('.suggest ol li a').first().getAttribute('href')) === '/en/thu-tuc/1.000894.html',
        { what: 'English suggestion' });
      assert.match(await page.locator('.suggest-status').innerText(), /results/);
    } finally { await ctx.close(); }
  });
});

describe('regeneration', { timeout: 300_000 }, () => {
  test('run again with nothing changed: no page is written', async () => {
    // The other e2e file running beside this one may change what the site
    // shows meanwhile (a webmaster's synonym rewrites tim-kiem.json, a
    // procedure edit its pages, a deleted row leaves no trace): settle, then
    // run again; a run that wrote something is tried again, up to five
    // times. A generator that rewrites unchanged pages fails every try.
    const changedSince = (t) => Number(sqlValue(
      `SELECT (SELECT COUNT(*) FROM procedures WHERE updated_at >= '${t}')` +
      ` + (SELECT COUNT(*) FROM faqs WHERE updated_at >= '${t}')` +
      ` + (SELECT COUNT(*) FROM news WHERE updated_at >= '${t}')` +
      ` + (SELECT COUNT(*) FROM search_synonyms WHERE updated_at >= '${t}')`));
    let first = await site();
    for (let attempt = 1; ; attempt++) {
      // updated_at has whole seconds: start on a fresh second.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const since = sqlValue('SELECT NOW() - INTERVAL 1 SECOND');
      const t0 = Date.now();
      const r = await site();
      const touched = [];
      const walk = (dir) => {
        for (const e of readdirSync(dir, { withFileTypes: true })) {
          const f = path.join(dir, e.name);
          if (e.isDirectory()) walk(f);
          else if (!e.name.startsWith('.') && statSync(f).mtimeMs >= t0) touched.push(path.relative(SITE, f));
        }
      };
      walk(SITE);
      // Dossiers another file moved meanwhile rewrite the public
      // statistics' pages and CSV (thong-ke/ho-so/): only those.
      const moved = Number(sqlValue(`SELECT COUNT(*) FROM dossier_events WHERE at >= '${since}'`)) > 0;
      const isStats = (f) => /^(en\/)?thong-ke\/ho-so\//.test(f);
      if (moved) {
        const stats = touched.filter((f) => isStats(f) && !/\.(gz|br)$/.test(f)).length;
        touched.splice(0, touched.length, ...touched.filter((f) => !isStats(f)));
        r.written -= stats;
      }
      if ((r.written > 0 || touched.length > 0) && attempt < 5) {
        console.log(`# try ${attempt} wrote ${r.written} (rows changed meanwhile: ${changedSince(since)}): ${touched.slice(0, 5).join(' ')}`);
        first = r;
        continue;
      }
      assert.equal(r.written, 0, `nothing changed, nothing written: ${JSON.stringify(r)} ` +
        `(before: ${JSON.stringify(first)}, try ${attempt}): ${touched.slice(0, 10).join(' ')}`);
      assert.deepEqual(touched, []);
      assert.equal(r.removed, 0);
      break;
    }
  });

  test('incremental in proportion to the change (issue 12): own content, service level, and nothing missed', async () => {
    // No margin: only what changed after the last run counts.
    const env = { ...process.env, MOTCUA_CONFIG, MOTCUA_SITEGEN_MARGIN: '0' };
    const run = async (...args) => {
      const { stdout } = await execFileP(path.join(TOP, 'bin', 'motcua'), ['site', ...args], { cwd: TOP, env, timeout: 300_000 });
      const m = stdout.match(/site: (\d+) pages written, (\d+) unchanged, (\d+) skipped, (\d+) removed, (\d+) ms/);
      assert.ok(m, stdout);
      return { written: +m[1], rendered: +m[1] + +m[2], ms: +m[5] };
    };
    const code = '1.000656';
    const file = `thu-tuc/${code}.html`;
    const level = sqlValue(`SELECT service_level FROM procedures WHERE code = '${code}'`);
    // Other files' tests may change the catalogue meanwhile: exact counts
    // only when nothing else changed since t. Their dossiers move the
    // public statistics' pages (thong-ke/ho-so/), read by every run: none
    // may have moved since before the idle run either.
    const dbNow = () => sqlValue('SELECT NOW()');
    await run();
    const tIdle = dbNow();
    const quiet = (t) => Number(sqlValue(`SELECT (SELECT COUNT(*) FROM procedures WHERE updated_at >= '${t}' AND code <> '${code}')` +
      ` + (SELECT COUNT(*) FROM faqs WHERE updated_at >= '${t}') + (SELECT COUNT(*) FROM news WHERE updated_at >= '${t}')` +
      ` + (SELECT COUNT(*) FROM dossier_events WHERE at >= '${tIdle}' - INTERVAL 1 SECOND)`)) === 0;
    const idle = await run();                   // what a run renders when nothing changed
    try {
      // Its own text: its two pages (vi, en) and nothing else.
      const t0 = dbNow();
      sql(`UPDATE procedures SET steps_text = CONCAT(IFNULL(steps_text, ''), ' Bước kiểm thử tỉ lệ.'), updated_at = NOW() WHERE code = '${code}'`);
      const own = await run();
      if (quiet(t0)) {
        // Its two pages (a row changed in the same second as the last
        // run's clock may add one or two: updated_at has whole seconds).
        assert.ok(own.rendered - idle.rendered <= 4, `own content: ${JSON.stringify(own)} (idle ${JSON.stringify(idle)})`);
        assert.equal(own.written, 2, `own content: ${JSON.stringify(own)}`);
      } else {
        assert.ok(own.rendered - idle.rendered < 120, `own content (others changed too): ${JSON.stringify(own)}`);
      }
      assert.match(readFileSync(path.join(SITE, file), 'utf8'), /Bước kiểm thử tỉ lệ\./);
      // Its service level: the pages that show it, a few dozen, not the site.
      const to = level === 'partial' ? 'full' : 'partial';
      const t1 = dbNow();
      sql(`UPDATE procedures SET service_level = '${to}', updated_at = NOW() WHERE code = '${code}'`);
      const lvl = await run();
      assert.ok(lvl.rendered - idle.rendered < 120, `service level: ${JSON.stringify(lvl)}`);
      assert.ok(lvl.written >= 6, `service level: ${JSON.stringify(lvl)}`);
      const list = readFileSync(path.join(SITE, 'muc-do', to === 'full' ? 'toan-trinh.html' : 'mot-phan.html'), 'utf8');
      assert.ok(list.includes(code), `the ${to} list shows ${code}`);
      // Nothing missed: a full run over it writes nothing.
      const full = await run('--full');
      if (quiet(t1)) assert.equal(full.written, 0, `a full run after the incremental ones: ${JSON.stringify(full)}`);
    } finally {
      sql(`UPDATE procedures SET steps_text = NULLIF(REPLACE(steps_text, ' Bước kiểm thử tỉ lệ.', ''), ''), ` +
        `service_level = ${level === null ? 'NULL' : `'${level}'`}, updated_at = NOW() WHERE code = '${code}'`);
      await run();
    }
    assert.doesNotMatch(readFileSync(path.join(SITE, file), 'utf8'), /Bước kiểm thử tỉ lệ/);
  });

  test('atomic: while every page is rewritten, readers never see a missing or half-written page', async () => {
    const pages = ['/thu-tuc/1.000894.html', '/en/thu-tuc/1.001193.html', '/', '/cap/tinh.html', '/co-quan/'];
    let stop = false;
    const problems = [];
    let reads = 0;
    const reader = (async () => {
      while (!stop) {
        for (const p of pages) {
          const a = await request(p);
          reads++;
          if (a.status !== 200) problems.push(`${p}: ${a.status}`);
          else if (!a.text.endsWith('</html>\n')) problems.push(`${p}: cut at ${a.body.length} bytes`);
        }
      }
    })();
    // Another base URL changes every page (canonical links); then back.
    const env = { ...process.env, MOTCUA_CONFIG, MOTCUA_BASE_URL: 'https://dichvucong.example' };
    const changed = await execFileP(path.join(TOP, 'bin', 'motcua'), ['site'], { cwd: TOP, env, timeout: 120_000 });
    const back = await site();
    stop = true;
    await reader;
    assert.match(changed.stdout, /site: [1-9]\d{3,} pages written/, changed.stdout);
    assert.ok(back.written > 1000, `written back: ${back.written}`);
    assert.ok(reads > 20, `${reads} reads during the rebuilds`);
    assert.deepEqual(problems, []);
    assert.equal(head((await request('/')).text).canonical, `${BASE_URL}/`);
  });

  test('the webmaster sets a service level and updates the site from the back office: only what changed is written, with progress', async () => {
    const admin = await loggedIn('admin@motcua.test', DEMO_PASSWORD);
    const other = 'thu-tuc/1.001612.html';        // another field: must not be touched
    const before = mtime(other);
    const home = await admin.get('/can-bo/quan-tri-trang/');
    assert.equal(home.status, 200);
    const set = async (service) => {
      const levels = await admin.get('/can-bo/quan-tri-trang/muc-do?q=1.000894');
      assert.match(levels.text, /name="code" value="1\.000894"/);
      const n = audited(`service_level 1.000894 ${service}`);
      const a = await admin.postForm('/can-bo/quan-tri-trang/muc-do',
        { csrf: csrfOf(levels.text), code: '1.000894', service, q: '1.000894' });
      assert.equal(a.status, 303);
      assert.equal(audited(`service_level 1.000894 ${service}`), n + 1, 'the change is in the audit log');
    };
    const build = async (full = '0') => {
      const h = await admin.get('/can-bo/quan-tri-trang/');
      const a = await admin.postForm('/can-bo/quan-tri-trang/cap-nhat', { csrf: csrfOf(h.text), full });
      assert.equal(a.status, 303);
      const id = a.location.match(/cap-nhat\/(\d+)$/)[1];
      const pageA = await admin.get(`/can-bo/quan-tri-trang/cap-nhat/${id}`);
      assert.equal(pageA.status, 200);
      assert.match(pageA.text, /<progress id="build-progress"/);
      return until(async () => {
        const s = JSON.parse((await admin.get(`/can-bo/quan-tri-trang/cap-nhat/${id}/trang-thai`)).text);
        return s.state === 'done' || s.state === 'failed' ? s : null;
      }, { timeout: 120_000, every: 300, what: 'the build to end' });
    };
    await set('full');
    const s = await build();
    assert.equal(s.state, 'done');
    assert.ok(Number(s.written) >= 2 && Number(s.written) < 120, `pages written: ${s.written}`);
    assert.equal(Number(s.pages_done), Number(s.pages_total));
    const a = await request('/thu-tuc/1.000894.html');
    assert.match(a.text, /<span class="tag tag-level-full">Toàn trình<\/span>/);
    assert.match((await request('/en/thu-tuc/1.000894.html')).text, /Fully online/);
    assert.match((await request('/muc-do/toan-trinh.html')).text, /href="\/thu-tuc\/1\.000894\.html"/);
    assert.equal(mtime(other), before, `${other} was not rewritten`);
    await set('none');
    const back = await build();
    assert.equal(back.state, 'done');
    assert.match((await request('/thu-tuc/1.000894.html')).text, /tag-level-none/);
    // Not for citizens.
    const citizen = await loggedIn('citizen@motcua.test', DEMO_PASSWORD);
    assert.equal((await citizen.get('/can-bo/quan-tri-trang/')).status, 403);
    assert.equal((await new Visitor().get('/can-bo/quan-tri-trang/cap-nhat/1/trang-thai')).status, 303);
  });

  test('a webmaster adds a question for a procedure: it gets its page and shows on the procedure; deleted, both go', async () => {
    const admin = await loggedIn('admin@motcua.test', DEMO_PASSWORD);
    const form = await admin.get('/can-bo/quan-tri-trang/hoi-dap/moi');
    const q = `Câu hỏi thử ${Date.now()} <b>đậm</b>?`;
    const bad = await admin.postForm('/can-bo/quan-tri-trang/hoi-dap/moi',
      { csrf: csrfOf(form.text), question: q, answer: 'x', procedure: '9.999999', published: '1' });
    assert.equal(bad.status, 422, 'an unknown procedure code is refused');
    assert.match(bad.text, /Không có thủ tục với mã này/);
    const ok = await admin.postForm('/can-bo/quan-tri-trang/hoi-dap/moi',
      { csrf: csrfOf(form.text), question: q, answer: 'Dòng một.\nDòng hai.', procedure: '1.001193', published: '1' });
    assert.equal(ok.status, 303);
    const id = sqlValue(`SELECT MAX(id) FROM faqs`);
    assert.equal(audited(`faq ${id} saved`), 1, 'in the audit log');
    await site();
    const p = await request(`/hoi-dap/${id}.html`);
    assert.equal(p.status, 200);
    assert.ok(p.text.includes('&lt;b&gt;đậm&lt;/b&gt;'), 'shown as text');
    assert.match((await request('/thu-tuc/1.001193.html')).text, new RegExp(`href="/hoi-dap/${id}\\.html"`));
    assert.match((await request(`/en/hoi-dap/${id}.html`)).text, /This content is available in Vietnamese only/);
    const edit = await admin.get(`/can-bo/quan-tri-trang/hoi-dap/${id}`);
    const del = await admin.postForm(`/can-bo/quan-tri-trang/hoi-dap/${id}`, { csrf: csrfOf(edit.text), action: 'delete' });
    assert.equal(del.status, 303);
    assert.equal(audited(`faq ${id} deleted`), 1, 'in the audit log');
    const r = await site();
    assert.ok(r.removed >= 2, `its pages removed: ${JSON.stringify(r)}`);
    assert.equal((await request(`/hoi-dap/${id}.html`)).status, 404);
    assert.doesNotMatch((await request('/thu-tuc/1.001193.html')).text, new RegExp(`/hoi-dap/${id}\\.html`));
  });

  test('a webmaster publishes news with an English version: on the home pages and its own, in each language', async () => {
    const admin = await loggedIn('admin@motcua.test', DEMO_PASSWORD);
    const form = await admin.get('/can-bo/quan-tri-trang/tin-tuc/moi');
    assert.equal(form.status, 200);
    const tag = Date.now();
    const empty = await admin.postForm('/can-bo/quan-tri-trang/tin-tuc/moi',
      { csrf: csrfOf(form.text), kind: 'news', title: '', body: '', published: '1' });
    assert.equal(empty.status, 422, 'a title and a text are required');
    const ok = await admin.postForm('/can-bo/quan-tri-trang/tin-tuc/moi', {
      csrf: csrfOf(form.text), kind: 'announcement', title: `Thông báo nghỉ lễ ${tag}`,
      summary: 'Tóm tắt', body: 'Đoạn một.\nĐoạn hai.', title_en: `Holiday notice ${tag}`,
      body_en: 'First paragraph.', published: '1' });
    assert.equal(ok.status, 303);
    const id = sqlValue(`SELECT id FROM news WHERE title = 'Thông báo nghỉ lễ ${tag}'`);
    assert.equal(audited(`news ${id} saved`), 1, 'in the audit log');
    await site();
    assert.match((await request('/')).text, new RegExp(`href="/tin-tuc/${id}\\.html">Thông báo nghỉ lễ ${tag}</a>`));
    assert.match((await request('/en/')).text, new RegExp(`href="/en/tin-tuc/${id}\\.html">Holiday notice ${tag}</a>`));
    const en = await request(`/en/tin-tuc/${id}.html`);
    assert.match(en.text, /<p>First paragraph\.<\/p>/);
    assert.doesNotMatch(en.text, /Vietnamese only/, 'it has its English version');
    const vi = await request(`/tin-tuc/${id}.html`);
    assert.match(vi.text, /<p>Đoạn hai\.<\/p>/);
    const edit = await admin.get(`/can-bo/quan-tri-trang/tin-tuc/${id}`);
    assert.equal((await admin.postForm(`/can-bo/quan-tri-trang/tin-tuc/${id}`,
      { csrf: csrfOf(edit.text), action: 'delete' })).status, 303);
    assert.equal(audited(`news ${id} deleted`), 1, 'in the audit log');
    await site();
    assert.equal((await request(`/tin-tuc/${id}.html`)).status, 404);
    assert.doesNotMatch((await request('/')).text, new RegExp(`nghỉ lễ ${tag}`));
  });

  test('importing a newer version of a procedure updates its page; the same file again changes nothing', async () => {
    const seed = gunzipSync(readFileSync(path.join(TOP, 'db/seed/procedures.jsonl.gz'))).toString('utf8').split('\n');
    const line = seed.find((l) => l.includes('"code": "1.000894"') || l.includes('"code":"1.000894"'));
    assert.ok(line, 'the seed holds 1.000894');
    const orig = JSON.parse(line);
    const tmp = mkdtempSync('/tmp/motcua-e2e-import-');
    try {
      const newer = path.join(tmp, 'newer.jsonl');
      const name = `${orig.name} (sửa đổi ${Date.now()})`;
      writeFileSync(newer, JSON.stringify({ ...orig, name }) + '\n' + '{"code": "bad", "levels": ["Cấp xã"]}\n');
      const v0 = Number(sqlValue("SELECT version FROM procedures WHERE code = '1.000894'"));
      const { stdout, stderr } = await execFileP(path.join(TOP, 'bin', 'motcua'), ['import-catalogue', newer],
        { cwd: TOP, env: { ...process.env, MOTCUA_CONFIG } });
      assert.match(stdout, /imported 0 new, 1 updated, 0 unchanged, 0 skipped, 1 rejected/);
      assert.match(stderr, /newer\.jsonl:2: bad: rejected/, 'the bad row is reported with its line');
      assert.equal(Number(sqlValue("SELECT version FROM procedures WHERE code = '1.000894'")), v0 + 1);
      const r = await site();
      assert.ok(r.written >= 2, `written: ${r.written}`);
      const page = await request('/thu-tuc/1.000894.html');
      assert.ok(page.text.includes(name.normalize('NFC')), 'the page shows the new name (stored NFC)');
      const again = await motcua('import-catalogue', newer).catch((e) => e.stdout);
      assert.match(again, /imported 0 new, 0 updated, 1 unchanged/);
      assert.equal(Number(sqlValue("SELECT version FROM procedures WHERE code = '1.000894'")), v0 + 1);
      // Back to the catalogue as seeded.
      const first = path.join(tmp, 'orig.jsonl');
      writeFileSync(first, line + '\n');
      assert.match(await motcua('import-catalogue', first), /1 updated/);
      await site();
      assert.ok(!(await request('/thu-tuc/1.000894.html')).text.includes(name.normalize('NFC')), 'the old name is back');
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
