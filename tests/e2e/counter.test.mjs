// Counter intake in headless Chromium (issue 7): the receiver finds the
// procedure by typing part of its name without diacritics (as they type with
// JavaScript; with the search button without), ticks the documents received
// from the procedure's checklist (the catalogue's notes are not offered),
// files and accepts; form 01 lists only the ticked documents (pdftotext).
// The receipt's print view opens the print dialog when asked (?print=1) and
// from its button: window.print is stubbed in the page to record the calls.
// An online filing records its attached files as the documents received.
// The applicant's answers are the procedure's own form (issue 13), the one
// citizens fill online: checked by the server (error summary, everything
// kept), laid out as the form on the dossier's page and in its declaration.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import {
  BASE_URL, PROC, PROC_NAME, WARD_SLOTS, filePart, launchBrowser, loggedIn, minimalPdf, newCitizen, newIdNumber,
  newOfficer, newToken, pdfHas, pdfText, personTag, putEForm, q, randomWard, request, sql, sqlValue, toFormData, watch,
} from './lib.mjs';

/** A procedure no other test files: its form is put in force here. */
const RE_PROC = '1.004746'; // Thủ tục đăng ký lại kết hôn (commune level)
const RE_FORM = {
  components: [
    { type: 'group', label: 'Thông tin hai bên', properties: { label_en: 'The couple' }, components: [
      { type: 'textfield', key: 'husband', label: 'Họ tên người chồng', validate: { required: true, maxLength: 100 },
        properties: { label_en: 'Husband\'s full name' } },
      { type: 'textfield', key: 'wife', label: 'Họ tên người vợ', validate: { required: true, maxLength: 100 },
        properties: { label_en: 'Wife\'s full name' } },
    ] },
    { type: 'radio', key: 'book', label: 'Sổ hộ tịch còn lưu?', validate: { required: true },
      values: [{ label: 'Còn', value: 'yes' }, { label: 'Không còn', value: 'no' }] },
    { type: 'textfield', key: 'place', label: 'Nơi đã đăng ký kết hôn trước đây', validate: { required: true },
      conditional: { hide: '=book != "no"' } },
  ],
};

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'output');
const bearer = (t) => ({ authorization: `Bearer ${t}` });

/** Page problems, less the favicon Chromium drops when a test moves on. */
function problems(w) {
  return w.problems().filter((p) => !/^failed: \S+\/static\/images\/logo\.svg net::ERR_ABORTED$/.test(p));
}

/** The procedure's checklist as the catalogue has it (notes left out). */
function checklist(code) {
  return sql('SELECT d.name FROM procedure_documents d JOIN procedures p ON p.id = d.procedure_id ' +
    `WHERE p.code = ${q(code)} AND (d.originals > 0 OR d.copies > 0) ` +
    "AND (d.group_name IS NULL OR d.group_name NOT LIKE '%Lưu ý%') ORDER BY d.seq").map((r) => r[0]);
}

describe('counter intake in a browser', { concurrency: false, timeout: 300_000 }, () => {
  let browser, ward, wardId, recv, docs, notes, code;

  before(async () => {
    mkdirSync(OUT, { recursive: true });
    ward = randomWard(WARD_SLOTS.other);
    wardId = Number(sqlValue(`SELECT id FROM agencies WHERE code = ${q(ward)}`));
    recv = await newOfficer('receiver', ward, `Quầy ${personTag()}`);
    docs = checklist(PROC);
    notes = sql('SELECT d.name FROM procedure_documents d JOIN procedures p ON p.id = d.procedure_id ' +
      `WHERE p.code = ${q(PROC)} AND d.group_name LIKE '%Lưu ý%' ORDER BY d.seq`).map((r) => r[0]);
    assert.ok(docs.length >= 3, `the catalogue lists documents for ${PROC}`);
    assert.ok(notes.length > 0, 'and notes, which are not documents');
    browser = await launchBrowser();
  });

  after(async () => { if (browser) await browser.close(); });

  /** A logged-in receiver's page (JavaScript on or off), through the login form. */
  async function receiverPage({ width = 1280, js = true } = {}) {
    const ctx = await browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled: js });
    const page = await ctx.newPage();
    const w = watch(page);
    await page.goto(`${BASE_URL}/dich-vu/dang-nhap`);
    await page.locator('#login').fill(recv.email);
    await page.locator('#password').fill(recv.password);
    await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/dich-vu/dang-nhap')),
      page.locator('#password').press('Enter')]);
    return { ctx, page, w };
  }

  test('typing part of the name without diacritics lists the procedure; picking it shows its checklist, notes left out', async () => {
    const { ctx, page, w } = await receiverPage();
    await page.goto(`${BASE_URL}/can-bo/tiep-nhan?agency=${wardId}`);
    assert.equal(await page.locator('#procedure').count(), 0, 'no procedure code to type by hand');
    await page.locator('#procedure-search').pressSequentially('dang ky khai sinh', { delay: 20 });
    // As-you-type: the list fills in without the search button.
    const hit = page.locator(`#procedure-matches a[data-code="${PROC}"]`);
    await hit.waitFor({ timeout: 15_000 });
    assert.equal(new URL(page.url()).search.includes('q='), false, 'the list came without leaving the page');
    assert.match(await hit.innerText(), new RegExp(PROC_NAME));
    // A search still in flight when the link is followed is cut off by the
    // navigation (net::ERR_ABORTED), which watch() would count as a failed
    // request: a receiver picks from a list that has settled.
    await page.waitForLoadState('networkidle');
    await Promise.all([page.waitForURL(/procedure=/), hit.click()]);
    assert.match(await page.locator('#picked').innerText(), new RegExp(`${PROC_NAME}.*${PROC.replace('.', '\\.')}`));
    const labels = await page.locator('.doc-checklist label[for^="doc"]').allInnerTexts();
    assert.deepEqual(labels.map((t) => t.replace(/\s+/g, ' ').trim()), docs.map((t) => t.replace(/\s+/g, ' ').trim()),
      'the checklist is the catalogue\'s documents');
    for (const n of notes) assert.ok(!labels.some((l) => l.trim() === n.trim()), `a note is not offered: ${n.slice(0, 60)}`);
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: path.join(OUT, `counter-checklist-${width}.png`), fullPage: true });
    }
    assert.deepEqual(problems(w), []);
    await ctx.close();
  });

  test('without JavaScript the search button lists the matches; a code finds it too', async () => {
    const { ctx, page } = await receiverPage({ js: false });
    await page.goto(`${BASE_URL}/can-bo/tiep-nhan?agency=${wardId}`);
    await page.locator('#procedure-search').fill('khai sinh');
    await Promise.all([page.waitForURL(/[?&]q=/), page.locator('#procedure-search-form button[type="submit"]').click()]);
    assert.ok(await page.locator(`#procedure-matches a[data-code="${PROC}"]`).count() === 1, 'the procedure is listed');
    await page.locator('#procedure-search').fill(PROC);
    await Promise.all([page.waitForURL(/[?&]q=1\./), page.locator('#procedure-search-form button[type="submit"]').click()]);
    await Promise.all([page.waitForURL(/procedure=/), page.locator(`#procedure-matches a[data-code="${PROC}"]`).click()]);
    assert.equal(await page.locator('.doc-checklist input[type="checkbox"]').count(), docs.length);
    await ctx.close();
  });

  test('ticked documents are filed and accepted; form 01 lists only those', async () => {
    const { ctx, page, w } = await receiverPage();
    await page.goto(`${BASE_URL}/can-bo/tiep-nhan?agency=${wardId}&procedure=${PROC}`);
    // Ticked: the first and the third, the first with 2 originals.
    await page.locator('#doc1').check();
    await page.locator('#orig1').fill('2');
    await page.locator('#doc3').check();
    await page.locator('#name').fill('Lâm Thị Quầy');
    await page.locator('#id_number').fill(newIdNumber());
    await Promise.all([page.waitForURL(/\/can-bo\/ho-so\/[^/?]+\?ok=1&receipt=1$/),
      page.locator('form.form button[type="submit"]').click()]);
    code = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
    assert.match(await page.locator('.badge.status-2').first().innerText(), /Được tiếp nhận/);
    const rows = sql('SELECT name, originals, copies FROM dossier_documents dd JOIN dossiers d ' +
      `ON d.id = dd.dossier_id WHERE d.code = ${q(code)} ORDER BY dd.seq`);
    assert.deepEqual(rows.map((r) => r[0]), [docs[0], docs[2]], 'the two ticked documents are recorded');
    assert.equal(rows[0][1], '2', 'with the originals counted at the counter');
    // Form 01 from the page's link, with the page's session.
    const href = await page.locator(`a[href$="/phieu/01.pdf"]`).first().getAttribute('href');
    const pdf = await ctx.request.get(`${BASE_URL}${href}`);
    assert.equal(pdf.status(), 200);
    const text = await pdfText(await pdf.body());
    assert.ok(pdfHas(text, docs[0]), `form 01 lists the first ticked document: ${text.slice(0, 1200)}`);
    assert.ok(pdfHas(text, docs[2]), 'and the second');
    for (const [i, d] of docs.entries()) {
      if (i !== 0 && i !== 2) assert.ok(!pdfHas(text, d), `form 01 leaves out an unticked document: ${d.slice(0, 60)}`);
    }
    for (const n of notes) assert.ok(!pdfHas(text, n), `form 01 lists no note: ${n.slice(0, 60)}`);
    assert.deepEqual(problems(w), []);
    await ctx.close();
  });

  test('the receipt\'s print view opens the print dialog when asked, and from its button', async () => {
    assert.ok(code, 'a dossier filed at the counter');
    const { ctx, page, w } = await receiverPage();
    await ctx.addInitScript(() => {
      window.printCalls = 0;
      window.print = () => { window.printCalls += 1; };
    });
    await page.goto(`${BASE_URL}/can-bo/ho-so/${encodeURIComponent(code)}`);
    await Promise.all([page.waitForURL(/giay-tiep-nhan\?print=1$/), page.locator('#print-receipt-link').click()]);
    await page.waitForFunction(() => window.printCalls === 1, null, { timeout: 30_000 });
    assert.match(await page.locator('h1').innerText(), /GIẤY TIẾP NHẬN HỒ SƠ/);
    assert.match(await page.locator('.receipt').innerText(), new RegExp(code.replace(/\./g, '\\.')));
    await page.locator('#print-receipt').click();
    assert.equal(await page.evaluate(() => window.printCalls), 2, 'the button prints again');
    await page.goto(`${BASE_URL}/can-bo/ho-so/${encodeURIComponent(code)}/giay-tiep-nhan`);
    await page.waitForLoadState('load');
    assert.equal(await page.evaluate(() => window.printCalls), 0, 'without ?print=1 nothing prints by itself');
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: path.join(OUT, `counter-receipt-${width}.png`), fullPage: true });
    }
    assert.deepEqual(problems(w), []);
    await ctx.close();
  });

  test('the procedure\'s own form at the counter: refused with the error summary, everything kept; then filed with its answers laid out as the form', async () => {
    putEForm(RE_PROC, RE_FORM);
    const reDocs = checklist(RE_PROC);
    assert.ok(reDocs.length >= 1, `the catalogue lists documents for ${RE_PROC}`);
    const { ctx, page, w } = await receiverPage();
    await page.goto(`${BASE_URL}/can-bo/tiep-nhan?agency=${wardId}&procedure=${RE_PROC}`);
    assert.match(await page.locator('#counter-eform').innerText(), /Họ tên người chồng[\s\S]*Họ tên người vợ/);
    // Asked only when the book is lost: eform.js hides it until then.
    await page.locator('#f-place-group').waitFor({ state: 'hidden' });
    await page.locator('#doc1').check();
    await page.locator('#copies1').fill('2');
    const idn = newIdNumber();
    await page.locator('#name').fill('Phan Văn Lại');
    await page.locator('#id_number').fill(idn);
    await page.locator('#f-wife').fill('Đỗ Thị Hòa');
    await page.locator('input[name="f.book"][value="no"]').check();
    await page.locator('#f-place-group').waitFor({ state: 'visible' });
    // The husband's name left out: refused, nothing filed, nothing lost.
    const [resp] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'),
      page.locator('#counter-submit').click()]);
    assert.equal(resp.status(), 422);
    await page.locator('#error-summary').waitFor();
    assert.match(await page.locator('#error-summary').innerText(), /Họ tên người chồng/);
    assert.equal(await page.locator('#error-summary a').first().getAttribute('href'), '#f-husband');
    assert.match(await page.locator('#f-husband-group .error-message').innerText(), /\S/);
    assert.equal(await page.locator('#f-wife').inputValue(), 'Đỗ Thị Hòa');
    assert.ok(await page.locator('input[name="f.book"][value="no"]').isChecked());
    assert.equal(await page.locator('#name').inputValue(), 'Phan Văn Lại');
    assert.equal(await page.locator('#id_number').inputValue(), idn);
    assert.ok(await page.locator('#doc1').isChecked(), 'the ticked document stays ticked');
    assert.equal(await page.locator('#copies1').inputValue(), '2');
    assert.equal(sqlValue(`SELECT COUNT(*) FROM dossiers WHERE applicant_id_number = ${q(idn)}`), '0');
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: path.join(OUT, `counter-eform-${width}.png`), fullPage: true });
    }
    await page.locator('#f-husband').fill('Phan Văn Lại');
    await page.locator('#f-place').fill('UBND xã Long Hải');
    await Promise.all([page.waitForURL(/\/can-bo\/ho-so\/[^/?]+\?ok=1&receipt=1$/),
      page.locator('#counter-submit').click()]);
    const c = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
    assert.match(await page.locator('.badge.status-2').first().innerText(), /Được tiếp nhận/);
    const answers = await page.locator('#dossier-answers').innerText();
    assert.match(answers, /Họ tên người chồng\s+Phan Văn Lại/);
    assert.match(answers, /Họ tên người vợ\s+Đỗ Thị Hòa/);
    assert.match(answers, /Nơi đã đăng ký kết hôn trước đây\s+UBND xã Long Hải/);
    assert.ok(!answers.includes('{'), 'no JSON');
    await page.screenshot({ path: path.join(OUT, 'counter-eform-dossier-1280.png'), fullPage: true });
    // The same answers an online filing stores.
    assert.deepEqual(JSON.parse(sqlValue(`SELECT form_data FROM dossiers WHERE code = ${q(c)}`)),
      { husband: 'Phan Văn Lại', wife: 'Đỗ Thị Hòa', book: 'no', place: 'UBND xã Long Hải' });
    // The declaration (tờ khai) from the dossier's page has them.
    const decl = await ctx.request.get(`${BASE_URL}/can-bo/ho-so/${encodeURIComponent(c)}/to-khai.pdf`);
    assert.equal(decl.status(), 200);
    const text = await pdfText(await decl.body());
    assert.ok(pdfHas(text, 'UBND xã Long Hải'), `the declaration has the answers: ${text.slice(0, 800)}`);
    // The receipt lists the ticked document with the copies counted.
    await page.goto(`${BASE_URL}/can-bo/ho-so/${encodeURIComponent(c)}/giay-tiep-nhan`);
    const rows = page.locator('.receipt-docs tbody tr');
    assert.equal(await rows.count(), 1);
    const cells = (await rows.first().locator('td').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    assert.equal(cells[1], reDocs[0].replace(/\s+/g, ' ').trim());
    assert.equal(cells[3], '2', 'the copies counted at the counter');
    assert.deepEqual(problems(w).filter((p) => !/\b422\b/.test(p)), [], 'nothing went wrong but the 422 asked for');
    await ctx.close();
  });

  test('an online filing records its attached files as the documents received (form 01)', async () => {
    const citizen = await newCitizen({ name: 'Trực Tuyến Đính Kèm' });
    const token = await newToken(citizen.email);
    const a = await request('/api/v1/dossiers', {
      method: 'POST', headers: bearer(token), body: toFormData({
        procedure: PROC, agency: ward, fields: JSON.stringify({ content: 'đính kèm' }),
        file: filePart(minimalPdf('to khai'), 'to-khai-khai-sinh.pdf'),
      }),
    });
    assert.equal(a.status, 201, a.text);
    const c = a.json().code;
    const rows = sql('SELECT name, originals, copies FROM dossier_documents dd JOIN dossiers d ' +
      `ON d.id = dd.dossier_id WHERE d.code = ${q(c)}`);
    assert.deepEqual(rows, [['to-khai-khai-sinh.pdf', '0', '1']]);
    const rToken = await newToken(recv.email);
    const acc = await request(`/api/v1/dossiers/${encodeURIComponent(c)}/transitions`, {
      method: 'POST', headers: { ...bearer(rToken), 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'accept' }),
    });
    assert.equal(acc.status, 200, acc.text);
    const off = await loggedIn(recv.email, recv.password);
    const pdf = await off.get(`/can-bo/ho-so/${encodeURIComponent(c)}/phieu/01.pdf`);
    assert.equal(pdf.status, 200);
    const text = await pdfText(pdf.body);
    assert.ok(pdfHas(text, 'to-khai-khai-sinh.pdf'), `form 01 lists the attached file: ${text.slice(0, 1200)}`);
    for (const n of notes) assert.ok(!pdfHas(text, n), 'and no note');
  });
});
