// The attachment key rotated on the running instance (issue 15;
// lib/domain/mc_files, tools/fileskey.sh --rotate, bin/motcua files-rekey):
// a citizen files a dossier with a PDF under the key of the day; the key
// is rotated while the instance runs (no restart); the old attachment is
// still downloaded through the dossier page with its exact bytes, a new
// one is written under the new key, and files-rekey rewrites the old one
// under the new key (its row says so) without losing a byte: downloaded
// again through the page, the same bytes; a second run leaves them as they
// are. Then dossiers are filed while the key is rotated twice and
// files-rekey runs meanwhile (an upload landing during a rotation: written
// under the old key after files-rekey walked past its folder, or read while
// it is rewritten); afterwards every one of them is read back through its
// dossier page with its exact bytes, under the current key, its row saying
// so. Runs alongside other suites: only its own files are asserted on.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';

import {
  PROC, TOP, attachments, configValue, csrfOf, filePart, fileOnline, launchBrowser,
  loggedIn, minimalPdf, motcua, newCitizen, q, randomWard, signIn, sqlValue, uniq, WARD_SLOTS,
} from './lib.mjs';

// A key file's id as the header names it: SHA-256("motcua files key" | key).
function keyId(file) {
  const hex = readFileSync(file, 'utf8').trim();
  return createHash('sha256').update('motcua files key').update(Buffer.from(hex, 'hex'))
    .digest('hex').slice(0, 8);
}

describe('the attachment key rotated on a running instance', { concurrency: false }, () => {
  const store = configValue('files_dir');
  const key = configValue('files_key_file');
  const stored = (sha) => path.join(store, sha.slice(0, 2), sha.slice(2, 4), sha);
  const headerId = (sha) => readFileSync(stored(sha)).subarray(8, 12).toString('hex');
  const rowId = (sha) => sqlValue(`SELECT key_id FROM attachments WHERE sha256 = ${q(sha)}`);
  const oldPdf = minimalPdf(`MotCuaRekeyOld${uniq()}`);
  const newPdf = minimalPdf(`MotCuaRekeyNew${uniq()}`);
  const oldSha = createHash('sha256').update(oldPdf).digest('hex');
  const newSha = createHash('sha256').update(newPdf).digest('hex');
  let browser, me, v, oldId, newId;
  const filed = {};

  async function file(pdf, name) {
    const form = await v.get(`/dich-vu/nop-ho-so/${PROC}`);
    const a = await fileOnline(v, PROC, {
      csrf: csrfOf(form.text), name: me.name, id_number: me.idNumber, phone: '0912345678',
      email: me.email, address: '1 Trần Hưng Đạo', agency: randomWard(WARD_SLOTS.other),
      content: `Hồ sơ ${name}`, file: filePart(pdf, name),
    });
    assert.equal(a.status, 303, `filing redirects, got ${a.status}`);
    const code = decodeURIComponent(a.location.match(/^\/dich-vu\/ho-so\/([^/?]+)/)[1]);
    const files = attachments((await v.follow(a.location)).text);
    assert.equal(files.length, 1, 'the attachment is listed');
    return { code, href: files[0].href, name };
  }

  // Downloaded by a click on the dossier page, as the citizen does.
  async function download(f) {
    const page = await signIn(browser, me.email, me.password, 390);
    try {
      await page.goto(new URL(`/dich-vu/ho-so/${encodeURIComponent(f.code)}`, page.url()).href);
      const [dl] = await Promise.all([
        page.waitForEvent('download', { timeout: 60_000 }),
        page.locator(`a[href="${f.href}"]`).click(),
      ]);
      assert.equal(dl.suggestedFilename(), f.name);
      return readFileSync(await dl.path());
    } finally {
      await page.context().close();
    }
  }

  async function rekey() {
    // Exit 1 when a file of another suite is left broken on purpose, or
    // a row has no file: the counts are read either way.
    let out;
    try { out = await motcua('files-rekey'); } catch (e) { out = String(e.stdout || ''); }
    const m = out.match(/files-rekey: key ([0-9a-f]{8}): (\d+) rewritten under it now, (\d+) were already/);
    assert.ok(m, `files-rekey reports its counts: ${out}`);
    return { id: m[1], rewritten: Number(m[2]), already: Number(m[3]), out };
  }

  before(async () => {
    browser = await launchBrowser();
    me = await newCitizen();
    v = await loggedIn(me.email, me.password);
  });
  after(async () => { if (browser) await browser.close(); });

  test('a dossier filed under the key of the day: its row names that key', async () => {
    assert.ok(key, 'files_key_file is set');
    oldId = keyId(key);
    filed.old = await file(oldPdf, 'truoc-khi-doi-khoa.pdf');
    assert.equal(headerId(oldSha), oldId, 'the file is written under the current key');
    assert.equal(rowId(oldSha), oldId, 'its attachments row says which key');
  });

  test('rotated while running: the old attachment is downloaded with its exact bytes', async () => {
    const out = execFileSync(path.join(TOP, 'tools', 'fileskey.sh'), ['--rotate', key, 'www-data'],
      { encoding: 'utf8' });
    assert.match(out, /the old one kept as /, out);
    newId = keyId(key);
    assert.notEqual(newId, oldId, 'a new key');
    assert.equal(headerId(oldSha), oldId, 'the old file is still under the old key');
    assert.ok((await download(filed.old)).equals(oldPdf), 'the same bytes as uploaded');
  });

  test('a file filed after the rotation is written under the new key', async () => {
    filed.new = await file(newPdf, 'sau-khi-doi-khoa.pdf');
    assert.equal(headerId(newSha), newId, 'under the new key');
    assert.equal(rowId(newSha), newId, 'its row says so');
    assert.ok((await download(filed.new)).equals(newPdf), 'downloaded with its bytes');
  });

  test('files-rekey rewrites the old file under the new key; downloaded again, the same bytes', async () => {
    const r = await rekey();
    assert.equal(r.id, newId, 'the current key is the new one');
    assert.ok(r.rewritten >= 1, `at least our old file rewritten: ${r.out}`);
    assert.equal(headerId(oldSha), newId, 'the old file is now under the new key');
    assert.equal(rowId(oldSha), newId, 'and its row says so');
    assert.equal(readFileSync(stored(oldSha)).length, oldPdf.length + 40, 'still the encrypted format');
    assert.ok((await download(filed.old)).equals(oldPdf), 'the old attachment: the same bytes');
    assert.ok((await download(filed.new)).equals(newPdf), 'the new one too');

    // Run again: our files are left as they are (a rewrite would draw a
    // fresh nonce). Other suites' files are not looked at: one may be
    // altered and mended by files-at-rest meanwhile (run alongside).
    const before = [oldSha, newSha].map((sha) => readFileSync(stored(sha)));
    const again = await rekey();
    assert.equal(again.id, newId);
    assert.ok(again.already >= 2, `both files counted as under the key: ${again.out}`);
    [oldSha, newSha].forEach((sha, i) =>
      assert.ok(readFileSync(stored(sha)).equals(before[i]), 'a file under the key is not rewritten'));
  });

  test('files filed while the key rotates and files-rekey runs: every one read back whole', { timeout: 600_000 }, async () => {
    const execFileP = promisify(execFile);
    const CHAINS = 3;
    const EACH = 4;
    let filing = true;
    const sent = [];
    // Three citizens' browsers file one dossier after another...
    const uploads = Promise.all(Array.from({ length: CHAINS }, async (_, c) => {
      for (let i = 0; i < EACH; i++) {
        const pdf = minimalPdf(`MotCuaRekeyRace${uniq()}-${c}-${i}`);
        const f = await file(pdf, `trong-luc-doi-khoa-${c}-${i}.pdf`);
        sent.push({ pdf, sha: createHash('sha256').update(pdf).digest('hex'), f });
        // Read at once, maybe while files-rekey rewrites it.
        const got = await v.get(f.href);
        assert.equal(got.status, 200, `${f.name}: downloaded during the rotation`);
        assert.ok(got.body.equals(pdf), `${f.name}: its bytes during the rotation`);
      }
    })).finally(() => { filing = false; });
    // ...while the key is rotated and files-rekey runs, twice (the first
    // rotation once a dossier is filed, so that it lands among them).
    const rotations = (async () => {
      const ids = [];
      for (let n = 0; n < 2; n++) {
        while (filing && sent.length < (n + 1) * 2) await new Promise((r) => setTimeout(r, 50));
        await execFileP(path.join(TOP, 'tools', 'fileskey.sh'), ['--rotate', key, 'www-data']);
        ids.push(keyId(key));
        await rekey();
      }
      return ids;
    })();
    const [, ids] = await Promise.all([uploads, rotations]);
    assert.equal(sent.length, CHAINS * EACH, 'every dossier filed');
    assert.notEqual(ids[0], ids[1], 'two new keys');
    // An upload that landed after the last run's walk: one more run, as
    // the operator does until it says the old keys may be retired.
    const last = await rekey();
    const cur = keyId(key);
    assert.equal(last.id, cur);
    for (const s of sent) {
      assert.equal(headerId(s.sha), cur, `${s.f.name}: stored under the current key`);
      assert.equal(rowId(s.sha), cur, `${s.f.name}: its row names the current key`);
      const got = await v.get(s.f.href);
      assert.equal(got.status, 200, `${s.f.name}: downloaded`);
      assert.ok(got.body.equals(s.pdf), `${s.f.name}: the exact bytes filed`);
    }
  });
});
