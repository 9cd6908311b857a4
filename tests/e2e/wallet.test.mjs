// The document wallet, "Kho giấy tờ" (issues 9 and 13), in Chromium: a
// citizen files a dossier with an upload through the form; their wallet
// lists that document (its name, the document it was filed as, the
// dossier) and, once the officers return the dossier, the result issued;
// both download with the bytes sent; another citizen sees none of it,
// neither in their wallet nor by asking for the links. Removing a
// document from the wallet hides it and leaves the dossier's file.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { mkdirSync } from 'node:fs';

import {
  BASE_URL, TOP, launchBrowser, putEForm, minimalPdf, newCitizen, newOfficer, newToken,
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
  let browser, ward, ann, bob, tokens = {}, ctx, page, w, code1;

  before(async () => {
    putEForm(PROC, FORM);
    ward = randomWard();
    [ann, bob] = await Promise.all([newCitizen(), newCitizen()]);
    const [recv, spec, lead] = await Promise.all([
      newOfficer('receiver', ward), newOfficer('specialist', ward), newOfficer('leader', ward),
    ]);
    for (const [k, acc] of Object.entries({ recv, spec, lead })) tokens[k] = await newToken(acc.email);
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
    const sha = (await doc.getAttribute('id')).replace(/^doc-/, '');
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

  test('removing a document hides it from the wallet; its dossier keeps the file', async () => {
    await page.goto(`${BASE_URL}/dich-vu/kho-giay-to`);
    const doc = page.locator('li.wallet-doc[data-kind="file"]', { hasText: `cccd-${tag}.pdf` });
    await submitAndWait(page, doc.locator('.wallet-hide button'));
    assert.match(await page.locator('.flash').innerText(), /Đã bỏ giấy tờ khỏi kho/);
    assert.equal(await page.locator('li.wallet-doc', { hasText: `cccd-${tag}.pdf` }).count(), 0, 'gone from the wallet');
    assert.equal(await page.locator('li.wallet-doc', { hasText: `giay-phep-${tag}.pdf` }).count(), 1, 'the result stays');
    await page.goto(`${BASE_URL}/dich-vu/ho-so/${encodeURIComponent(code1)}`);
    assert.match(await page.locator('body').innerText(), new RegExp(`cccd-${tag}\\.pdf`), 'the dossier keeps its file');
    assert.deepEqual(w.problems(), []);
  });
});
