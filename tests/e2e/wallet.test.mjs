// The document wallet, "Kho giấy tờ" (issues 9 and 13), in Chromium: a
// citizen files a dossier with an upload through the form; their wallet
// lists that document (its name, the document it was filed as, the
// dossier) and, once the officers return the dossier, the result issued;
// both download with the bytes sent; another citizen sees none of it,
// neither in their wallet nor by asking for the links. Removing a
// document from the wallet hides it and leaves the dossier's file. On the
// filing form each upload slot offers the wallet's documents (those filed
// before as the same document first): the one chosen is kept in the draft,
// shown on "check your answers", and filed as the same stored file, which
// the officer's page lists, ticks in the checklist and downloads; another
// citizen's forged choice is refused at the field and nothing is filed.
// The JSON API files a wallet document named by its hash ("wallet.<slot>")
// as the same file, in its slot; another citizen's, a hidden one, or one
// whose type the slot does not take is refused with 422.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { mkdirSync } from 'node:fs';

import {
  BASE_URL, TOP, launchBrowser, putEForm, minimalPdf, newCitizen, newOfficer, newToken, sql, sqlValue, q,
  randomWard, request, loggedIn, csrfOf, toFormData, filePart, uniq, watch, submitAndWait, portalLogin,
} from './lib.mjs';

const OUT = path.join(TOP, 'tests', 'e2e', 'output');
mkdirSync(OUT, { recursive: true });

/** A procedure no other test files: it gets its own form here. */
const PROC = '1.000094';
const FORM = {
  components: [
    { type: 'textfield', key: 'purpose', label: 'Mục đích', validate: { required: true } },
  ],
  documents: [
    { id: 'cccd', name: 'Căn cước công dân', required: true, types: ['pdf'] },
    { id: 'other', name: 'Giấy tờ khác', types: ['pdf'] },
  ],
};

const bearer = (t) => ({ authorization: `Bearer ${t}` });
// A 2x2 PNG (what libmagic must call image/png).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP4z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==', 'base64');

/** Files PROC at ward through the JSON API with token and the given parts. */
const apiFile = (token, ward, parts) => request('/api/v1/dossiers', {
  method: 'POST', headers: bearer(token),
  body: toFormData({ procedure: PROC, agency: ward, fields: JSON.stringify({ purpose: 'Qua API' }), ...parts }),
});

/** The bytes of a download event. */
async function bytesOf(download) {
  const parts = [];
  for await (const p of await download.createReadStream()) parts.push(p);
  return Buffer.concat(parts);
}

describe('the document wallet', { concurrency: false, timeout: 300_000 }, () => {
  const tag = uniq();
  const upload = minimalPdf(`cccd ${tag}`);
  const result = minimalPdf(`giay phep ${tag}`);
  let browser, ward, ann, bob, tokens = {}, officers, ctx, page, w, code1, sha;

  before(async () => {
    putEForm(PROC, FORM);
    ward = randomWard();
    [ann, bob] = await Promise.all([newCitizen(), newCitizen()]);
    const [recv, spec, lead] = await Promise.all([
      newOfficer('receiver', ward), newOfficer('specialist', ward), newOfficer('leader', ward),
    ]);
    officers = { recv, spec, lead };
    for (const [k, acc] of Object.entries(officers)) tokens[k] = await newToken(acc.email);
    browser = await launchBrowser();
    ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await ctx.newPage();
    w = watch(page);
    await portalLogin(page, ann);
  });

  after(async () => { if (browser) await browser.close(); });

  test('a document filed through the form and a result issued are in the wallet, downloadable by their owner only', async () => {
    // Filed through the form, with an upload.
    await page.goto(`${BASE_URL}/dich-vu/nop-ho-so/${PROC}`);
    await page.locator('#agency').selectOption(ward);
    await page.locator('#f-purpose').fill(`Lần đầu ${tag}`);
    await page.locator('#doc-cccd').setInputFiles({ name: `cccd-${tag}.pdf`, mimeType: 'application/pdf', buffer: upload });
    await submitAndWait(page, page.locator('#continue'));
    assert.match(new URL(page.url()).pathname, /\/kiem-tra$/, `the check page, got ${page.url()}`);
    await submitAndWait(page, page.locator('#submit-dossier'));
    const m = new URL(page.url()).pathname.match(/^\/dich-vu\/ho-so\/([^/]+)$/);
    assert.ok(m, `sent: the dossier's page, got ${page.url()}`);
    code1 = decodeURIComponent(m[1]);

    // The officers handle it and return it with a result file.
    const transition = (token, body) => request(`/api/v1/dossiers/${encodeURIComponent(code1)}/transitions`, {
      method: 'POST', headers: { ...bearer(token), 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
    for (const [k, action] of [['recv', 'accept'], ['recv', 'forward'], ['spec', 'forward'], ['lead', 'approve']]) {
      const t = await transition(tokens[k], { action });
      assert.equal(t.status, 200, `${action}: ${t.text.slice(0, 200)}`);
    }
    const ret = await request(`/api/v1/dossiers/${encodeURIComponent(code1)}/transitions`, {
      method: 'POST', headers: bearer(tokens.recv), body: toFormData({
        action: 'return', method: '2', result: filePart(result, `giay-phep-${tag}.pdf`),
      }),
    });
    assert.equal(ret.status, 200, ret.text.slice(0, 300));

    // The wallet, reached from "my dossiers".
    await page.goto(`${BASE_URL}/dich-vu/ho-so`);
    await submitAndWait(page, page.locator('#wallet-link'));
    assert.equal(new URL(page.url()).pathname, '/dich-vu/kho-giay-to');
    assert.equal(await page.locator('h1').innerText(), 'Kho giấy tờ của tôi');
    const doc = page.locator('li.wallet-doc[data-kind="file"]', { hasText: `cccd-${tag}.pdf` });
    assert.equal(await doc.count(), 1, 'the uploaded document is listed once');
    const docText = await doc.innerText();
    assert.match(docText, /Đã nộp làm Căn cước công dân/, 'with the document it was filed as');
    assert.ok(docText.includes(code1), 'and its dossier');
    const res = page.locator('li.wallet-doc[data-kind="result"]', { hasText: `giay-phep-${tag}.pdf` });
    assert.equal(await res.count(), 1, 'the result issued is listed');
    assert.match(await res.innerText(), /Kết quả đã cấp/);

    // Each downloads with the bytes sent.
    const [d1] = await Promise.all([page.waitForEvent('download'), doc.locator('a.wallet-file').click()]);
    assert.ok((await bytesOf(d1)).equals(upload), 'the document downloads with the bytes uploaded');
    assert.equal(d1.suggestedFilename(), `cccd-${tag}.pdf`);
    const [d2] = await Promise.all([page.waitForEvent('download'), res.locator('a.wallet-file').click()]);
    assert.ok((await bytesOf(d2)).equals(result), 'the result downloads with the bytes issued');
    const hrefs = [await doc.locator('a.wallet-file').getAttribute('href'),
      await res.locator('a.wallet-file').getAttribute('href')];
    sha = (await doc.getAttribute('id')).replace(/^doc-/, '');
    assert.match(sha, /^[0-9a-f]{64}$/);

    await page.screenshot({ path: path.join(OUT, 'wallet-1280.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: path.join(OUT, 'wallet-390.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${BASE_URL}/dich-vu/kho-giay-to?lang=en`);
    assert.equal(await page.locator('h1').innerText(), 'My documents');
    assert.match(await page.locator('li.wallet-doc[data-kind="file"]', { hasText: `cccd-${tag}.pdf` }).innerText(),
      /Filed as Căn cước công dân/);
    await page.goto(`${BASE_URL}/dich-vu/kho-giay-to?lang=vi`);
    assert.deepEqual(w.problems(), [], 'no console errors and no failed requests');

    // Another citizen: an empty wallet, and the links and removal refused.
    const other = await loggedIn(bob.email, bob.password);
    const theirs = await other.get('/dich-vu/kho-giay-to');
    assert.equal(theirs.status, 200);
    assert.ok(!theirs.text.includes(tag), 'nothing of the first citizen in another wallet');
    assert.match(theirs.text, /id="wallet-empty"/);
    for (const href of hrefs) {
      const a = await other.get(href);
      assert.ok([403, 404].includes(a.status), `${href}: another citizen gets 403/404, not ${a.status}`);
      assert.ok(!a.body.equals(upload) && !a.body.equals(result));
    }
    const hide = await other.postForm('/dich-vu/kho-giay-to/an', { csrf: csrfOf(theirs.text), tep: sha });
    assert.equal(hide.status, 404, 'nobody removes another citizen\'s document');
    const anon = await request('/dich-vu/kho-giay-to');
    assert.notEqual(anon.status, 200, 'nobody logged in has a wallet');
  });

  test('a new dossier takes a document from the wallet: kept in the draft, checked, filed as the same file the officer downloads', async () => {
    await page.goto(`${BASE_URL}/dich-vu/nop-ho-so/${PROC}`);
    await page.locator('#agency').selectOption(ward);
    await page.locator('#f-purpose').fill(`Lần hai ${tag}`);
    // The slot offers the document filed before as the same document first;
    // the other slot offers it (and the result) among the others.
    const same = page.locator('#wallet-cccd optgroup').first();
    assert.equal(await same.getAttribute('label'), 'Đã nộp làm giấy tờ này');
    assert.match(await same.locator('option').first().innerText(), new RegExp(`^cccd-${tag}\\.pdf \\(${code1.replace(/\./g, '\\.')}, `));
    assert.equal(await same.locator('option').first().getAttribute('value'), sha);
    const others = await page.locator('#wallet-other optgroup[label="Giấy tờ khác trong kho"] option').allInnerTexts();
    assert.ok(others.some((t) => t.startsWith(`cccd-${tag}.pdf (Căn cước công dân, `)), `the other slot offers it too: ${others}`);
    assert.ok(others.some((t) => t.startsWith(`giay-phep-${tag}.pdf (Kết quả đã cấp, `)), `and the result: ${others}`);
    await page.locator('#wallet-cccd').selectOption(sha);
    await page.screenshot({ path: path.join(OUT, 'wallet-choose-1280.png'), fullPage: true });

    // Saved as a draft: the slot holds it, as a file from the wallet.
    await submitAndWait(page, page.locator('#save-draft'));
    assert.match(page.url(), /nhap=\d+&luu=1/);
    assert.match(await page.locator('#doc-cccd-group ul.files').innerText(), new RegExp(`cccd-${tag}\\.pdf .*từ kho giấy tờ`));
    assert.equal(await page.locator('#wallet-cccd option[value="' + sha + '"]').count(), 0, 'not offered again for that slot');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('#doc-cccd-group').screenshot({ path: path.join(OUT, 'wallet-choose-390.png') });
    await page.setViewportSize({ width: 1280, height: 900 });

    // Check your answers, then send.
    await submitAndWait(page, page.locator('#continue'));
    assert.match(new URL(page.url()).pathname, /\/kiem-tra$/, `the check page, got ${page.url()}`);
    assert.match(await page.locator('#check-docs').innerText(), new RegExp(`cccd-${tag}\\.pdf \\(từ kho giấy tờ\\)`));
    await submitAndWait(page, page.locator('#submit-dossier'));
    const m = new URL(page.url()).pathname.match(/^\/dich-vu\/ho-so\/([^/]+)$/);
    assert.ok(m, `sent: the dossier's page, got ${page.url()}`);
    const code2 = decodeURIComponent(m[1]);
    assert.notEqual(code2, code1);
    assert.deepEqual(sql(`SELECT f.sha256, f.filename FROM dossier_files f JOIN dossiers d ON d.id = f.dossier_id
      WHERE d.code = ${q(code2)}`), [[sha, `cccd-${tag}.pdf`]], 'a new file row of the same stored file');
    assert.deepEqual(w.problems(), []);

    // The officer: listed in the dossier and in the checklist's slot, downloads whole.
    const octx = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    try {
      const op = await octx.newPage();
      const ow = watch(op);
      await op.goto(`${BASE_URL}/dich-vu/dang-nhap`);
      await op.locator('#login').fill(officers.recv.email);
      await op.locator('#password').fill(officers.recv.password);
      await Promise.all([op.waitForURL(`${BASE_URL}/can-bo/`), op.locator('form.form button[type=submit]').click()]);
      await op.goto(`${BASE_URL}/can-bo/ho-so/${encodeURIComponent(code2)}`);
      const row = op.locator('#checklist fieldset', { hasText: 'Căn cước công dân' });
      assert.match(await row.locator('.check-files').innerText(), new RegExp(`cccd-${tag}\\.pdf`), 'the checklist counts it in its slot');
      const link = op.locator('ul.files a', { hasText: `cccd-${tag}.pdf` });
      assert.equal(await link.count(), 1, 'the officer\'s page lists the file');
      const [dl] = await Promise.all([op.waitForEvent('download'), link.click()]);
      assert.ok((await bytesOf(dl)).equals(upload), 'the officer downloads the bytes first uploaded');
      assert.deepEqual(ow.problems(), []);
    } finally { await octx.close(); }
  });

  test('another citizen\'s forged choice (the first one\'s document) is refused at the field; nothing is filed or saved', async () => {
    const other = await loggedIn(bob.email, bob.password);
    const form = await other.get(`/dich-vu/nop-ho-so/${PROC}`);
    assert.equal(form.status, 200);
    assert.ok(!form.text.includes(sha), 'the first citizen\'s document is not offered');
    const a = await other.postMultipart(`/dich-vu/nop-ho-so/${PROC}`, {
      csrf: csrfOf(form.text), agency: ward, 'f.purpose': `Giả mạo ${tag}`, 'wallet.cccd': sha,
    });
    assert.equal(a.status, 422, a.text.slice(0, 300));
    assert.match(a.text, /Căn cước công dân: giấy tờ đã chọn không có trong kho giấy tờ của Ông\/Bà/, 'the error in the summary');
    assert.match(a.text, /id="doc-cccd-group"[^>]*>[\s\S]*?class="error-message">giấy tờ đã chọn không có trong kho/, 'and at the field');
    assert.ok(!a.text.includes(`cccd-${tag}.pdf`), 'nothing of the first citizen\'s document shown');
    // Sent straight to the check page without a draft: nothing either.
    const check = await other.postForm(`/dich-vu/nop-ho-so/${PROC}/kiem-tra`, { csrf: csrfOf(form.text) });
    assert.equal(check.status, 404, 'no draft, no dossier');
    assert.equal(sqlValue(`SELECT COUNT(*) FROM dossiers WHERE account_id = ${bob.id}`), '0', 'nothing filed');
    assert.equal(sqlValue(`SELECT COUNT(*) FROM form_drafts WHERE account_id = ${bob.id}`), '0', 'nothing saved');
    assert.equal(sqlValue(`SELECT COUNT(*) FROM dossier_files f JOIN dossiers d ON d.id = f.dossier_id
      WHERE f.sha256 = ${q(sha)} AND d.account_id <> ${ann.id}`), '0', 'the file is attached to nobody else');
    // Through the page, in English, with a choice forged into the select.
    const bctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
    try {
      const bp = await bctx.newPage();
      await portalLogin(bp, bob);
      await bp.goto(`${BASE_URL}/dich-vu/nop-ho-so/${PROC}?lang=en`);
      await bp.locator('#agency').selectOption(ward);
      await bp.locator('#f-purpose').fill(`Forged ${tag}`);
      assert.equal(await bp.locator('#wallet-cccd').count(), 0, 'an empty wallet offers nothing');
      await bp.evaluate((h) => {
        const s = document.createElement('select');
        s.name = 'wallet.cccd';
        s.id = 'forged';
        s.add(new Option('forged', h, true, true));
        document.querySelector('#doc-cccd-group').append(s);
      }, sha);
      await submitAndWait(bp, bp.locator('#continue'));
      assert.match(await bp.locator('.error-summary').innerText(), /Căn cước công dân: the document chosen is not among your documents/);
      assert.match(await bp.locator('#doc-cccd-group .error-message').innerText(), /the document chosen is not among your documents/);
      assert.equal(await bp.locator('#f-purpose').inputValue(), `Forged ${tag}`, 'what was typed is kept');
      await bp.screenshot({ path: path.join(OUT, 'wallet-forged-390.png'), fullPage: true });
    } finally { await bctx.close(); }
    assert.equal(sqlValue(`SELECT COUNT(*) FROM dossiers WHERE account_id = ${bob.id}`), '0', 'still nothing filed');
    assert.equal(sqlValue(`SELECT COUNT(*) FROM form_drafts WHERE account_id = ${bob.id}`), '0', 'still nothing saved');
  });

  test('through the API a wallet document is named by its hash instead of uploaded again; another citizen\'s, or one the slot does not take, is refused', async () => {
    const [annT, bobT] = await Promise.all([newToken(ann.email), newToken(bob.email)]);
    const a = await apiFile(annT, ward, { 'wallet.cccd': sha, file: filePart(PNG, `anh-${tag}.png`, 'image/png') });
    assert.equal(a.status, 201, a.text.slice(0, 300));
    const code = a.json().code;
    const got = await request(`/api/v1/dossiers/${encodeURIComponent(code)}`, { headers: bearer(annT) });
    assert.equal(got.status, 200);
    const files = got.json().files.map((f) => [f.sha256, f.filename]).sort();
    const pngSha = sqlValue(`SELECT f.sha256 FROM dossier_files f JOIN dossiers d ON d.id = f.dossier_id
      WHERE d.code = ${q(code)} AND f.filename = ${q(`anh-${tag}.png`)}`);
    assert.deepEqual(files, [[sha, `cccd-${tag}.pdf`], [pngSha, `anh-${tag}.png`]].sort(),
      'the wallet document filed under its first name, beside the upload');
    const docs = JSON.parse(sqlValue(`SELECT e.documents FROM dossiers d
      JOIN dossier_answers e ON e.dossier_id = d.id WHERE d.code = ${q(code)}`));
    assert.deepEqual(docs.cccd.map((f) => [f.sha256, f.name, f.wallet]), [[sha, `cccd-${tag}.pdf`, true]], 'in its slot, from the wallet');

    // A PNG of the wallet in a slot that takes PDF only: refused at that slot.
    const before = sqlValue(`SELECT COUNT(*) FROM dossiers WHERE account_id = ${ann.id}`);
    const png = await apiFile(annT, ward, { 'wallet.cccd': pngSha });
    assert.equal(png.status, 422, png.text.slice(0, 300));
    assert.deepEqual(png.json().errors.map((e) => [e.field, e.code]), [['doc.cccd', 'file_type']], 'the slot refuses its type');
    // Another citizen naming the first one's document: refused, nothing filed.
    const forged = await apiFile(bobT, ward, { 'wallet.cccd': sha });
    assert.equal(forged.status, 422);
    assert.equal(forged.json().error, 'Giấy tờ (wallet) không có trong kho giấy tờ của tài khoản.');
    const junk = await apiFile(annT, ward, { wallet: 'not-a-hash' });
    assert.equal(junk.status, 422, 'a value that is no document of the wallet');
    assert.equal(junk.json().error, forged.json().error);
    assert.equal(sqlValue(`SELECT COUNT(*) FROM dossiers WHERE account_id = ${ann.id}`), before, 'nothing filed by the refused ones');
    assert.equal(sqlValue(`SELECT COUNT(*) FROM dossiers WHERE account_id = ${bob.id}`), '0');
  });

  test('removing a document hides it from the wallet; its dossier keeps the file', async () => {
    await page.goto(`${BASE_URL}/dich-vu/kho-giay-to`);
    const doc = page.locator('li.wallet-doc[data-kind="file"]', { hasText: `cccd-${tag}.pdf` });
    await submitAndWait(page, doc.locator('.wallet-hide button'));
    assert.match(await page.locator('.flash').innerText(), /Đã bỏ giấy tờ khỏi kho/);
    assert.equal(await page.locator('li.wallet-doc', { hasText: `cccd-${tag}.pdf` }).count(), 0, 'gone from the wallet');
    assert.equal(await page.locator('li.wallet-doc', { hasText: `giay-phep-${tag}.pdf` }).count(), 1, 'the result stays');
    await page.goto(`${BASE_URL}/dich-vu/ho-so/${encodeURIComponent(code1)}`);
    assert.match(await page.locator('body').innerText(), new RegExp(`cccd-${tag}\\.pdf`), 'the dossier keeps its file');
    const hidden = await apiFile(await newToken(ann.email), ward, { 'wallet.cccd': sha });
    assert.equal(hidden.status, 422, 'a hidden document is no longer the API\'s to file');
    assert.deepEqual(w.problems(), []);
  });
});
