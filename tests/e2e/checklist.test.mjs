// The document checklist at intake (issue 13), through the dossier's page
// in Chromium: the receiving officer marks each upload slot complete,
// missing or invalid; an invalid one without a reason is refused (422) with
// everything ticked kept; once saved, the missing and invalid documents are
// the supplement request's items already filled in, the request (form 02)
// lists what was received and what to complete, and the receipt (form 01)
// of a dossier accepted lists only the complete documents. Each save is in
// the audit log.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { mkdirSync } from 'node:fs';

import {
  BASE_URL, TOP, filePart, launchBrowser, minimalPdf, newCitizen, newOfficer, newToken, pdfHas, pdfText,
  putEForm, q, randomWard, request, sqlValue, toFormData, uniq, watch,
  submitAndWait, portalLogin,
} from './lib.mjs';

const OUT = path.join(TOP, 'tests', 'e2e', 'output');
mkdirSync(OUT, { recursive: true });

/** A procedure no other test files: its form with three slots is put here. */
const PROC = '1.004837';

const FORM = {
  components: [
    { type: 'textfield', key: 'ward_name', label: 'Họ tên người được giám hộ', validate: { required: true } },
  ],
  documents: [
    { id: 'd1', name: 'Tờ khai đăng ký giám hộ', originals: 1, copies: 0, required: true, types: ['pdf'] },
    { id: 'd2', name: 'Văn bản cử người giám hộ', originals: 1, copies: 0, required: false },
    { id: 'd3', name: 'Giấy xác nhận nơi cư trú', originals: 0, copies: 1, required: false },
  ],
};

const submit = submitAndWait;
const login = portalLogin;

/** Files a dossier through the API with files in d1 and d3. */
async function file(ward, token, tag) {
  const a = await request('/api/v1/dossiers', {
    method: 'POST', headers: { authorization: `Bearer ${token}` },
    body: toFormData({ procedure: PROC, agency: ward, fields: JSON.stringify({ ward_name: `Người ${tag}` }),
      'doc.d1': filePart(minimalPdf(tag), `to-khai-${tag}.pdf`),
      'doc.d3': filePart(minimalPdf(tag), `cu-tru-${tag}.pdf`) }),
  });
  assert.equal(a.status, 201, a.text.slice(0, 300));
  return JSON.parse(a.text).code;
}

let browser;
before(async () => { browser = await launchBrowser(); putEForm(PROC, FORM); });
after(async () => { if (browser) await browser.close(); });

describe('the document checklist at intake, through the dossier\'s page', { concurrency: false }, () => {
  const ward = randomWard();
  const tag = uniq();
  let officer, ctx, page, w, token, code, code2;

  before(async () => {
    const c = await newCitizen();
    token = await newToken(c.email);
    code = await file(ward, token, tag);
    code2 = await file(ward, token, `${tag}b`);
    officer = await newOfficer('receiver', ward);
    ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
    page = await ctx.newPage();
    w = watch(page);
    await login(page, officer);
  });
  after(async () => { if (ctx) await ctx.close(); });

  test('an invalid document without a reason is refused with what was ticked kept; then saved', async () => {
    await page.goto(`${BASE_URL}/can-bo/ho-so/${encodeURIComponent(code)}`);
    const list = page.locator('#checklist');
    assert.match(await list.locator('h2').innerText(), /Kiểm tra thành phần hồ sơ/);
    assert.equal(await list.locator('fieldset.check-row').count(), 3, 'one row per slot');
    assert.match(await page.locator('#check-1').innerText(), new RegExp(`to-khai-${tag}\\.pdf`), 'the file against its slot');
    assert.match(await page.locator('#check-2').innerText(), /Chưa đính kèm/);
    await page.locator('#v1-complete').check();
    await page.locator('#v2-missing').check();
    await page.locator('#v3-invalid').check();
    const r = page.waitForResponse((a) => a.request().method() === 'POST');
    await submit(page, page.locator('#checklist-save'));
    assert.equal((await r).status(), 422);
    assert.match(await page.locator('.error-summary').innerText(),
      /Giấy xác nhận nơi cư trú: cần ghi lý do không hợp lệ/, 'the summary names the row');
    assert.ok(await page.locator('#v1-complete').isChecked(), 'what was ticked is kept');
    assert.ok(await page.locator('#v2-missing').isChecked());
    assert.ok(await page.locator('#v3-invalid').isChecked());
    assert.equal(Number(sqlValue(`SELECT COUNT(*) FROM dossier_checks c JOIN dossiers d ON d.id = c.dossier_id
      WHERE d.code = ${q(code)}`)), 0, 'nothing saved');
    w.clear(); // the 422 was expected

    await page.locator('#n3').fill(`Hết hạn ${tag}`);
    await page.locator('#n2').fill('Chưa nộp bản chính');
    await submit(page, page.locator('#checklist-save'));
    assert.equal(new URL(page.url()).pathname, `/can-bo/ho-so/${encodeURIComponent(code)}`, 'back on the dossier');
    assert.ok(await page.locator('#v3-invalid').isChecked(), 'the saved ticks are shown');
    assert.equal(await page.locator('#n3').inputValue(), `Hết hạn ${tag}`);
    assert.match(await page.locator('#checklist-by').innerText(), new RegExp(officer.name));
    const id = sqlValue(`SELECT id FROM dossiers WHERE code = ${q(code)}`);
    assert.equal(sqlValue(`SELECT GROUP_CONCAT(CONCAT(slot, ':', verdict) ORDER BY seq) FROM dossier_checks
      WHERE dossier_id = ${id}`), 'd1:1,d2:2,d3:3');
    assert.equal(Number(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE dossier_id = ${id}
      AND subject = 'check_documents' AND account_id = ${officer.id}`)), 1, 'the save is audited');
    await page.screenshot({ path: path.join(OUT, 'checklist-390.png'), fullPage: true });
    assert.deepEqual(w.problems(), []);
  });

  test('the supplement request starts with the missing and invalid documents; form 02 lists them and what was received', async () => {
    const form = page.locator('form.action-form:has(input[name=action][value=request_completion])');
    await page.locator('summary', { hasText: 'Yêu cầu bổ sung, hoàn thiện' }).first().click();
    assert.equal(await form.locator('input[name=item1]').inputValue(), 'Văn bản cử người giám hộ');
    assert.equal(await form.locator('input[name=item2]').inputValue(), 'Giấy xác nhận nơi cư trú');
    assert.equal(await form.locator('select[name=why2]').inputValue(), `Không hợp lệ: Hết hạn ${tag}`, 'the reason is chosen');
    assert.equal(await form.locator('input[name=item3]').inputValue(), '', 'the third row is free');
    await submit(page, form.locator('button[type=submit]'));
    assert.match(await page.locator('.flash').innerText(), /./);
    assert.equal(sqlValue(`SELECT status FROM dossiers WHERE code = ${q(code)}`), '5', 'asked to complete');
    const pdf = await page.request.get(`${BASE_URL}/can-bo/ho-so/${encodeURIComponent(code)}/phieu/02.pdf`);
    assert.equal(pdf.status(), 200);
    const text = await pdfText(await pdf.body());
    assert.ok(pdfHas(text, 'Hồ sơ đã nhận gồm'), text);
    assert.ok(pdfHas(text, 'Tờ khai đăng ký giám hộ'), 'what was received');
    assert.ok(pdfHas(text, 'Văn bản cử người giám hộ'), 'the missing item');
    assert.ok(pdfHas(text, `Lý do: Không hợp lệ: Hết hạn ${tag}`), 'the invalid item with its reason');
    assert.ok(!(await page.locator('#checklist-save').count()), 'no longer editable once asked to complete');
  });

  test('the receipt (form 01) of a dossier accepted lists only the documents found complete', async () => {
    await page.goto(`${BASE_URL}/can-bo/ho-so/${encodeURIComponent(code2)}`);
    await page.locator('#v1-complete').check();
    await page.locator('#v2-missing').check();
    await page.locator('#v3-complete').check();
    await submit(page, page.locator('#checklist-save'));
    const accept = page.locator('form.action-form:has(input[name=action][value=accept])');
    await submit(page, accept.locator('button[type=submit]'));
    assert.equal(sqlValue(`SELECT status FROM dossiers WHERE code = ${q(code2)}`), '2', 'accepted');
    const pdf = await page.request.get(`${BASE_URL}/can-bo/ho-so/${encodeURIComponent(code2)}/phieu/01.pdf`);
    assert.equal(pdf.status(), 200);
    const text = await pdfText(await pdf.body());
    assert.ok(pdfHas(text, 'Tờ khai đăng ký giám hộ'), text);
    assert.ok(pdfHas(text, 'Giấy xác nhận nơi cư trú'));
    assert.ok(!pdfHas(text, 'Văn bản cử người giám hộ'), 'the missing one is not listed as received');
    assert.match(await page.locator('#checklist-result').innerText(), /Văn bản cử người giám hộ\s+Còn thiếu/,
      'the result stays on the page');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: path.join(OUT, 'checklist-done-1280.png'), fullPage: true });
    assert.deepEqual(w.problems(), []);
  });
});
