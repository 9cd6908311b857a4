// Static pages as browsers fetch them (issue 12): the generator writes .gz
// and .br copies beside every page, sitemap and search index (bin/motcua
// compress beside the CSS/JS of htdocs), and Apache serves the copy the
// browser accepts as it is: the page decoded from each encoding is exactly
// the HTML; Content-Type, Content-Encoding, Vary, validators and 304 on
// revalidation are right; Chromium shows the page normally. The programs'
// answers carry their Content-Length, compressed or not.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';

import { BASE_URL, PROC, PROC_NAME, RUNDIR, launchBrowser, watch } from './lib.mjs';

const SITE = path.join(RUNDIR, 'site');
const HTDOCS = path.join(RUNDIR, 'app', 'htdocs');

/** GET with the given headers; the raw body bytes, not decoded. */
function raw(p, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.get(BASE_URL + p, { headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.setTimeout(30_000, () => req.destroy(new Error(`timeout: ${p}`)));
  });
}

function decode(r) {
  switch (r.headers['content-encoding']) {
    case undefined: return r.body;
    case 'gzip': return gunzipSync(r.body);
    case 'br': return brotliDecompressSync(r.body);
    default: throw new Error(`unexpected Content-Encoding ${r.headers['content-encoding']}`);
  }
}

// Each URL, the file it stands for and its type.
const FILES = [
  [`/thu-tuc/${PROC}.html`, path.join(SITE, 'thu-tuc', `${PROC}.html`), /^text\/html; charset=utf-8$/],
  ['/', path.join(SITE, 'index.html'), /^text\/html; charset=utf-8$/],
  ['/en/', path.join(SITE, 'en', 'index.html'), /^text\/html; charset=utf-8$/],
  ['/tim-kiem.json', path.join(SITE, 'tim-kiem.json'), /^application\/json/],
  ['/static/css/site.css', path.join(HTDOCS, 'css', 'site.css'), /^text\/css/],
  ['/static/js/search.js', path.join(HTDOCS, 'js', 'search.js'), /^(text|application)\/javascript/],
];

// What a browser sends, and the encoding it must get.
const ENCODINGS = [
  ['', undefined],
  ['identity', undefined],
  ['gzip', 'gzip'],
  ['gzip, deflate', 'gzip'],
  ['br', 'br'],
  ['gzip, deflate, br, zstd', 'br'],
];

describe('pre-compressed static files', () => {
  for (const [url, file, type] of FILES) {
    test(`${url}: every encoding decodes to exactly the file, with the right headers`, async () => {
      const want = readFileSync(file);
      const etags = new Set();
      for (const [ae, enc] of ENCODINGS) {
        const r = await raw(url, ae ? { 'Accept-Encoding': ae } : {});
        assert.equal(r.status, 200, `${url} (${ae || 'no Accept-Encoding'})`);
        assert.equal(r.headers['content-encoding'], enc, `${url} with "${ae}": Content-Encoding`);
        assert.match(r.headers['content-type'], type, `${url} with "${ae}": Content-Type`);
        assert.ok((r.headers.vary || '').split(/\s*,\s*/).includes('Accept-Encoding'),
          `${url} with "${ae}": Vary lists Accept-Encoding (got "${r.headers.vary}")`);
        assert.ok(!/content-length/i.test(r.headers.vary || ''), `${url}: Vary names only what matters: ${r.headers.vary}`);
        assert.ok(r.headers.etag, `${url} with "${ae}": ETag`);
        assert.ok(r.headers['last-modified'], `${url} with "${ae}": Last-Modified`);
        assert.equal(Number(r.headers['content-length']), r.body.length, `${url}: sent as a file, with its length`);
        assert.ok(decode(r).equals(want), `${url} with "${ae}" decodes to exactly ${file}`);
        if (enc) {
          assert.ok(r.body.length < want.length / 2, `${url} ${enc}: ${r.body.length} bytes of ${want.length}`);
          // As it is on disk: not compressed again on the way out.
          assert.ok(r.body.equals(readFileSync(`${file}.${enc === 'gzip' ? 'gz' : 'br'}`)),
            `${url} ${enc}: the bytes of the copy on disk`);
        }
        etags.add(r.headers.etag);
      }
      assert.equal(etags.size, 3, `${url}: one ETag per representation (identity, gzip, br)`);
    });
  }

  test('a conditional request answers 304 for each encoding', async () => {
    for (const [ae] of [['identity'], ['gzip'], ['gzip, deflate, br']]) {
      const url = `/thu-tuc/${PROC}.html`;
      const first = await raw(url, { 'Accept-Encoding': ae });
      const byTag = await raw(url, { 'Accept-Encoding': ae, 'If-None-Match': first.headers.etag });
      assert.equal(byTag.status, 304, `If-None-Match with "${ae}"`);
      assert.equal(byTag.body.length, 0);
      assert.equal(byTag.headers.etag, first.headers.etag);
      const byDate = await raw(url, { 'Accept-Encoding': ae, 'If-Modified-Since': first.headers['last-modified'] });
      assert.equal(byDate.status, 304, `If-Modified-Since with "${ae}"`);
      // Another representation's tag is not this one's.
      const other = await raw(url, { 'Accept-Encoding': ae === 'identity' ? 'br' : 'identity', 'If-None-Match': first.headers.etag });
      assert.equal(other.status, 200, `the ${ae} ETag does not validate another encoding`);
    }
  });

  test('a missing page is still the 404 page, and the programs are not touched', async () => {
    const r = await raw('/thu-tuc/khong-co.html', { 'Accept-Encoding': 'gzip, br' });
    assert.equal(r.status, 404);
    assert.match(decode(r).toString(), /<html/);
    const login = await raw('/dich-vu/dang-nhap', { 'Accept-Encoding': 'gzip, br' });
    assert.equal(login.status, 200);
    assert.match(decode(login).toString(), /<form/);
  });

  // mod_proxy_fcgi drops a program's Content-Length; mod_buffer gives it
  // back: a page, an API answer and an error, plain and compressed, say
  // their size and are not chunked (a download's progress needs the size).
  test('the programs\' answers carry their Content-Length, compressed or not', async () => {
    for (const p of ['/dich-vu/dang-nhap', `/api/v1/procedures/${PROC}`, '/api/v1/dossiers/KHONG-CO?id_number=079000000001']) {
      for (const ae of ['identity', 'gzip']) {
        const r = await raw(p, { 'Accept-Encoding': ae });
        assert.ok([200, 404].includes(r.status), `${p}: ${r.status}`);
        assert.equal(r.headers['transfer-encoding'], undefined, `${p} (${ae}): not chunked`);
        assert.equal(r.headers['content-length'], String(r.body.length), `${p} (${ae}): the size of what came`);
        assert.ok(decode(r).length > 0, `${p} (${ae}): a body`);
      }
    }
    const page = await raw('/dich-vu/dang-nhap', { 'Accept-Encoding': 'gzip' });
    assert.equal(page.headers['content-encoding'], 'gzip', 'the page is still compressed');
  });

  describe('in Chromium', () => {
    let browser;
    before(async () => { browser = await launchBrowser(); });
    after(async () => { await browser?.close(); });

    test('the procedure page shows normally (br, then revalidated)', async () => {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await ctx.newPage();
      const w = watch(page);
      const encodings = {};
      page.on('response', async (r) => {
        encodings[new URL(r.url()).pathname] = (await r.allHeaders())['content-encoding'];
      });
      const res = await page.goto(`${BASE_URL}/thu-tuc/${PROC}.html`);
      assert.equal(res.status(), 200);
      assert.equal((await res.allHeaders())['content-encoding'], 'br', 'Chromium got the brotli copy');
      assert.equal((await page.locator('h1').innerText()).trim(), PROC_NAME);
      assert.match(await page.title(), new RegExp(PROC_NAME));
      // Its stylesheet arrived (compressed) and applies.
      assert.equal(encodings['/static/css/site.css'], 'br');
      const font = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
      assert.match(font, /system-ui/, 'the stylesheet applies');
      await page.screenshot({ path: 'tests/e2e/output/compressed-1280.png' });
      // The search on the page uses the compressed index.
      await page.reload();
      assert.equal((await page.locator('h1').innerText()).trim(), PROC_NAME);
      assert.deepEqual(w.problems(), []);
      await ctx.close();
    });
  });
});
