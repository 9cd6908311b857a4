// Attachments encrypted at rest (issue 15; lib/domain/mc_files,
// files_key_file): a citizen files a dossier whose PDF holds a unique
// marker; the marker is in no file of the attachment store (grep -r), the
// stored file is the encrypted format, and downloading it through the
// dossier page (a click in Chromium) gives back the exact bytes. A stored
// file altered on disk is refused with a 500 page (never served), the log
// naming it; mended, `bin/motcua check --files` finds every attachment whole.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';

import {
  PROC, RUNDIR, assertErrorPage, attachments, configValue, csrfOf, filePart, fileOnline, launchBrowser,
  loggedIn, minimalPdf, motcua, newCitizen, randomWard, signIn, uniq, until, WARD_SLOTS,
} from './lib.mjs';

describe('attachments encrypted at rest', { concurrency: false }, () => {
  const marker = `MotCuaFileAtRest${uniq()}`;
  const pdf = minimalPdf(marker);
  const sha = createHash('sha256').update(pdf).digest('hex');
  const store = configValue('files_dir');
  const stored = path.join(store, sha.slice(0, 2), sha.slice(2, 4), sha);
  let browser, me, v, code, href;

  before(async () => {
    browser = await launchBrowser();
    me = await newCitizen();
    v = await loggedIn(me.email, me.password);
  });
  after(async () => { if (browser) await browser.close(); });

  test('the store is configured with a key outside it', () => {
    const key = configValue('files_key_file');
    assert.ok(key, 'files_key_file is set (tools/instance.sh makes one)');
    assert.ok(!path.resolve(key).startsWith(path.resolve(store) + '/'), 'the key is not in the store');
  });

  test('a dossier filed with a PDF: its text is in no file of the store', async () => {
    assert.ok(pdf.includes(marker), 'the PDF holds the marker in clear');
    const form = await v.get(`/dich-vu/nop-ho-so/${PROC}`);
    const a = await fileOnline(v, PROC, {
      csrf: csrfOf(form.text), name: me.name, id_number: me.idNumber, phone: '0912345678',
      email: me.email, address: '1 Trần Hưng Đạo', agency: randomWard(WARD_SLOTS.other),
      content: `Hồ sơ ${marker}`, file: filePart(pdf, 'to-khai-mat.pdf'),
    });
    assert.equal(a.status, 303, `filing redirects, got ${a.status}`);
    code = decodeURIComponent(a.location.match(/^\/dich-vu\/ho-so\/([^/?]+)/)[1]);
    const page = await v.follow(a.location);
    const files = attachments(page.text);
    assert.equal(files.length, 1, 'the attachment is listed');
    assert.equal(files[0].size, pdf.length, 'listed with its own size');
    href = files[0].href;

    const raw = readFileSync(stored);
    assert.equal(raw.subarray(0, 4).toString('latin1'), 'MCAE', 'stored in the encrypted format');
    assert.equal(raw.length, pdf.length + 40, 'header and tag around a ciphertext as long as the file');
    let found = '';
    try {
      found = execFileSync('grep', ['-r', '-a', '-l', '-F', marker, store], { encoding: 'utf8' });
    } catch (e) {
      assert.equal(e.status, 1, `grep found nothing (status 1), got ${e.status}: ${e.stderr}`);
    }
    assert.equal(found, '', `the marker is in no file of ${store}`);
  });

  test('downloaded through the dossier page: the exact bytes', async () => {
    assert.ok(href, 'filed in the step before');
    const page = await signIn(browser, me.email, me.password, 390);
    try {
      await page.goto(new URL(`/dich-vu/ho-so/${encodeURIComponent(code)}`, page.url()).href);
      const [dl] = await Promise.all([
        page.waitForEvent('download'),
        page.locator(`a[href="${href}"]`).click(),
      ]);
      assert.equal(dl.suggestedFilename(), 'to-khai-mat.pdf');
      const got = readFileSync(await dl.path());
      assert.ok(got.equals(pdf), 'the downloaded bytes are the uploaded bytes');
    } finally {
      await page.context().close();
    }
  });

  test('a stored file altered on disk is refused (500), named in the log; mended, check --files passes', async () => {
    // Written over in place: the file keeps its owner (the programs').
    const orig = readFileSync(stored);
    const log = path.join(RUNDIR, 'logs', 'portal.log');
    try {
      const raw = Buffer.from(orig);
      raw[raw.length - 20] ^= 1;
      writeFileSync(stored, raw);
      const a = await v.get(href);
      assertErrorPage(a, 500);
      assert.ok(!a.body.includes(Buffer.from('%PDF')), 'nothing of the file is served');
      await until(() => readFileSync(log, 'utf8').includes(`attachment ${sha}`), { what: 'the log names the file' });
    } finally {
      writeFileSync(stored, orig);
    }
    const again = await v.get(href);
    assert.equal(again.status, 200);
    assert.ok(again.body.equals(pdf), 'mended: served again');
    // The whole store's verdict is the shell suite's (consistency_check
    // breaks files of its own); here: ours is read whole.
    let out;
    try { out = await motcua('check', '--files'); } catch (e) { out = String(e.stdout || ''); }
    assert.match(out, /attachment\(s\) read/, `check --files ran: ${out}`);
    assert.ok(!out.includes(sha), `check --files does not name our file: ${out}`);
  });
});
