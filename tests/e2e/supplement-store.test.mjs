// A refused supplement stores nothing (issue 9): a citizen sends two files
// where the second is not a PDF, JPEG or PNG; the request is refused (422)
// and the first, good file is not in the file store either (every file is
// checked before any is stored), through the dossier page in Chromium and
// through the API. The same good file sent alone then goes and is stored.
// (Files a refusal after the checks leaves behind are removed later by
// `motcua files-sweep`: tests/shell/files_sweep.sh.)
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  BASE_URL, PROC, WARD_SLOTS, configValue, filePart, launchBrowser, minimalPdf, newCitizen, newOfficer, newToken, q,
  randomWard, request, signIn, sqlValue, toFormData, uniq,
} from './lib.mjs';

const bearer = (t) => ({ authorization: `Bearer ${t}` });

describe('a refused supplement leaves no file in the store', { concurrency: false, timeout: 300_000 }, () => {
  const tag = uniq();
  const store = configValue('files_dir');
  let browser, citizen, token, recvToken, ward;

  const storedPath = (bytes) => {
    const sha = createHash('sha256').update(bytes).digest('hex');
    return path.join(store, sha.slice(0, 2), sha.slice(2, 4), sha);
  };
  const held = (code) => Number(sqlValue('SELECT COUNT(*) FROM dossier_files f JOIN dossiers d ON d.id = f.dossier_id ' +
    `WHERE d.code = ${q(code)}`));
  const statusOf = (code) => Number(sqlValue(`SELECT status FROM dossiers WHERE code = ${q(code)}`));
  /** Not a PDF, JPEG or PNG, whatever its name says. */
  const text = (t) => Buffer.from(`Chỉ là văn bản ${t}\n`.repeat(20));

  /** A dossier of the citizen waiting for a supplement (status 5): its code. */
  async function waiting() {
    const a = await request('/api/v1/dossiers', {
      method: 'POST', headers: bearer(token), body: toFormData({
        procedure: PROC, agency: ward, fields: JSON.stringify({ content: `Bổ sung ${tag}` }),
        file: filePart(minimalPdf(`to khai ${uniq()}`), 'to-khai.pdf'),
      }),
    });
    assert.equal(a.status, 201, a.text.slice(0, 300));
    const code = a.json().code;
    const r = await request(`/api/v1/dossiers/${encodeURIComponent(code)}/transitions`, {
      method: 'POST', headers: { ...bearer(recvToken), 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'request_completion', items: [{ item: 'Bản sao có chứng thực', reason: 'Thiếu' }] }),
    });
    assert.equal(r.status, 200, r.text.slice(0, 300));
    assert.equal(statusOf(code), 5);
    return code;
  }

  before(async () => {
    assert.ok(store && existsSync(store), `files_dir ${store} is there`);
    ward = randomWard(WARD_SLOTS.other);
    citizen = await newCitizen({ name: `Bổ Sung Tệp ${tag}` });
    const recv = await newOfficer('receiver', ward, `Tiếp Nhận ${tag}`);
    [token, recvToken] = await Promise.all([newToken(citizen.email), newToken(recv.email)]);
    browser = await launchBrowser();
  });

  after(async () => { if (browser) await browser.close(); });

  test('through the dossier page: a good file and a wrong-typed one: refused, neither stored; the good one alone goes', async () => {
    const code = await waiting();
    const files = held(code);
    const good = minimalPdf(`bo sung tot ${uniq()}`);
    const bad = text(uniq());
    const page = await signIn(browser, citizen.email, citizen.password);
    try {
      await page.goto(`${BASE_URL}/dich-vu/ho-so/${encodeURIComponent(code)}`);
      await page.locator('#file1').setInputFiles({ name: 'ban-sao.pdf', mimeType: 'application/pdf', buffer: good });
      await page.locator('#file2').setInputFiles({ name: 'ghi-chu.pdf', mimeType: 'application/pdf', buffer: bad });
      const note = `Bản sao bổ sung ${uniq()}`;
      await page.locator('#snote').fill(note);
      const [res] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/bo-sung'), { timeout: 60_000 }),
        page.locator('form[action$="/bo-sung"] button[type=submit]').click(),
      ]);
      assert.equal(res.status(), 422, 'a wrong-typed file refuses the supplement');
      await page.waitForLoadState('domcontentloaded');
      // The dossier page again, its supplement form with the reason on top
      // and the note as typed (files must be chosen again: browsers never
      // keep them), not an error page.
      assert.match(await page.locator('#supplement-error').innerText(), /PDF|JPEG|PNG/, 'the form says which types are taken');
      assert.equal(await page.locator('#snote').inputValue(), note, 'the note typed is kept');
      assert.equal(existsSync(storedPath(good)), false, 'the good file of the refused request is not in the store');
      assert.equal(existsSync(storedPath(bad)), false, 'nor the refused one');
      assert.equal(held(code), files, 'nothing attached');
      assert.equal(statusOf(code), 5, 'still waiting for the supplement');

      // Sent again from the page the refusal showed, the good file alone.
      await page.locator('#file1').setInputFiles({ name: 'ban-sao.pdf', mimeType: 'application/pdf', buffer: good });
      await Promise.all([page.waitForURL(/\?ok=1$/, { timeout: 60_000 }),
        page.locator('form[action$="/bo-sung"] button[type=submit]').click()]);
      assert.equal(existsSync(storedPath(good)), true, 'sent alone, the good file is stored');
      assert.equal(held(code), files + 1, 'and attached');
    } finally {
      await page.context().close();
    }
  });

  test('through the API: a "supplement" with a good file and a wrong-typed one: 422, neither stored', async () => {
    const code = await waiting();
    const files = held(code);
    const good = minimalPdf(`bo sung api ${uniq()}`);
    const bad = text(uniq());
    const a = await request(`/api/v1/dossiers/${encodeURIComponent(code)}/transitions`, {
      method: 'POST', headers: bearer(token), body: toFormData({
        action: 'supplement', file: [filePart(good, 'ban-sao.pdf'), filePart(bad, 'ghi-chu.pdf')],
      }),
    });
    assert.equal(a.status, 422, a.text.slice(0, 300));
    assert.equal(existsSync(storedPath(good)), false, 'the good file of the refused request is not in the store');
    assert.equal(existsSync(storedPath(bad)), false, 'nor the refused one');
    assert.equal(held(code), files, 'nothing attached');
    assert.equal(statusOf(code), 5, 'still waiting for the supplement');
    const ok = await request(`/api/v1/dossiers/${encodeURIComponent(code)}/transitions`, {
      method: 'POST', headers: bearer(token), body: toFormData({ action: 'supplement', file: filePart(good, 'ban-sao.pdf') }),
    });
    assert.equal(ok.status, 200, ok.text.slice(0, 300));
    assert.equal(existsSync(storedPath(good)), true, 'sent alone, it is stored');
  });
});
