// The form designer (issue 13), through its page in Chromium: an agency's
// admin opens it from the procedure's page, drags a field from form-js's
// palette into the form, names it in the properties panel, previews it as
// the citizen will see it (drawn by the server), publishes it as a new
// version after typing the password again (who and when listed); a citizen's new dossier is filed with the
// new field while one filed before keeps the form it was filed with.
// Without JavaScript the definition is edited as text, and what the
// server's parser refuses (a field type it cannot draw, not JSON, a date
// in the past) is shown again with why, nothing saved. A designer starts
// from another procedure's form, or from the template of a field of law
// (its own field's first); another agency's admin may not open it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { mkdirSync } from 'node:fs';

import {
  BASE_URL, TOP, launchBrowser, minimalPdf, newCitizen, newOfficer, q, sqlValue, uniq, watch,
  awayFromMidnight,
} from './lib.mjs';

const OUT = path.join(TOP, 'tests', 'e2e', 'output');
mkdirSync(OUT, { recursive: true });

const CODE = '1.001117';        // Sở Tư pháp; no other test files it or edits its form
const COPY_TO = '1.001600';     // Sở Tư pháp; starts from CODE's form here
const CIVIL = '2.000635';      // Sở Tư pháp, field Hộ tịch: starts from its template (never saved)
const OWNER = '000.00.01.H29';  // Sở Tư pháp
const OTHER = '000.00.02.H29';  // Sở Tài chính

const versions = (code) => Number(sqlValue(`SELECT COUNT(*) FROM procedure_forms f
  JOIN procedures p ON p.id = f.procedure_id WHERE p.code = ${q(code)}`));

async function submit(page, locator) {
  const [resp] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), locator.click()]);
  return resp;
}

// Today's figures are read after today's filings: not across midnight.
await awayFromMidnight();

describe('the form designer', { concurrency: false, timeout: 600_000 }, () => {
  const tag = uniq();
  const label = `Số giấy đăng ký cũ ${tag.slice(-6)}`;
  const key = `reg_${tag.slice(-6)}`;   // each run adds its own field
  let browser, admin, other, citizen, oldCode;

  before(async () => {
    admin = await newOfficer('admin', OWNER, `Quản Trị Biểu Mẫu ${tag.slice(-6)}`);
    other = await newOfficer('admin', OTHER, `Quản Trị Khác ${tag.slice(-6)}`);
    citizen = await newCitizen({ phone: '0903555777' });
    browser = await launchBrowser();
  });

  after(async () => {
    if (browser) await browser.close();
  });

  async function login(who, { width = 1280, js = true } = {}) {
    const ctx = await browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled: js });
    const page = await ctx.newPage();
    const w = watch(page);
    await page.goto(`${BASE_URL}/dich-vu/dang-nhap`);
    await page.locator('#login').fill(who.email);
    await page.locator('#password').fill(who.password);
    await submit(page, page.locator('form.form button[type=submit]'));
    return { ctx, page, w };
  }

  /** Files CODE through the pages: its form, check your answers, send. */
  async function file(page, answers, tag) {
    await page.goto(`${BASE_URL}/dich-vu/nop-ho-so/${CODE}`);
    const agency = page.locator('#agency');
    if (await agency.count() && await agency.evaluate((s) => s.tagName === 'SELECT')) {
      const v = await agency.locator('option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
      await agency.selectOption(v[0]);
    }
    for (const [id, v] of Object.entries(answers)) await page.locator(id).fill(v);
    await page.locator('#doc-d1').setInputFiles({ name: 'de-nghi.pdf', mimeType: 'application/pdf', buffer: minimalPdf(tag) });
    await submit(page, page.locator('#continue'));
    if (!/\/kiem-tra\?nhap=\d+$/.test(page.url()))
      assert.fail(`the check page, got ${page.url()}: ${await page.locator('.error-summary').innerText().catch(() => '')}`);
    await submit(page, page.locator('#submit-dossier'));
    const m = new URL(page.url()).pathname.match(/^\/dich-vu\/ho-so\/([^/]+)$/);
    assert.ok(m, `sent: the dossier's page, got ${page.url()}`);
    return decodeURIComponent(m[1]);
  }

  test('a dossier filed with the form in force before the design', async () => {
    const { ctx, page } = await login(citizen);
    try {
      oldCode = await file(page, { '#f-content': `Đơn trước khi thiết kế ${tag}` }, tag);
      assert.match(await page.locator('#dossier-answers').innerText(), new RegExp(`Đơn trước khi thiết kế ${tag}`));
    } finally {
      await ctx.close();
    }
  });

  test('drag a field in, name it, preview, publish: a new version in force, by whom and when', async () => {
    const before = versions(CODE);
    const { ctx, page, w } = await login(admin);
    try {
      await page.goto(`${BASE_URL}/can-bo/quan-tri/thu-tuc/${CODE}`);
      await submit(page, page.locator('#form-designer-link'));
      assert.equal(new URL(page.url()).pathname, `/can-bo/quan-tri/thu-tuc/${CODE}/bieu-mau`);
      await page.waitForSelector('#form-editor[data-ready]', { timeout: 60_000 });
      assert.ok(await page.locator('#f-definition').isHidden(), 'with JavaScript the editor replaces the text box');

      // Drag "Text field" from the palette below the form's section.
      await page.evaluate(() => document.getElementById('form-editor').scrollIntoView({ block: 'start' }));
      const src = await page.locator('.fjs-palette-field[data-field-type="textfield"]').boundingBox();
      const root = await page.locator('.fjs-editor-form-root').boundingBox();
      const n0 = await page.locator('.fjs-editor-form-root .fjs-form-field').count();
      await page.mouse.move(src.x + src.width / 2, src.y + src.height / 2);
      await page.mouse.down();
      await page.mouse.move(src.x + src.width / 2 + 30, src.y + src.height / 2, { steps: 5 });
      await page.mouse.move(root.x + root.width / 2, root.y + root.height - 40, { steps: 20 });
      await page.mouse.up();
      await page.waitForFunction((n) => document.querySelectorAll('.fjs-editor-form-root .fjs-form-field').length > n, n0);

      // The new field is selected: its key and label in the panel.
      const group = (id) => page.locator(`[data-group-id="group-${id}"] .bio-properties-panel-group-header`);
      await group('general').click();
      await page.locator('#bio-properties-panel-key').fill(key);
      const lab = page.locator('#bio-properties-panel-label');
      await lab.click();
      await page.keyboard.press('Control+A');
      await page.keyboard.type(label);
      await page.waitForFunction((t) => document.querySelector('.fjs-editor-form-root').textContent.includes(t), label);
      await page.screenshot({ path: path.join(OUT, 'designer-1280.png') });

      // Preview: the server draws the form as the citizen sees it.
      let resp = await submit(page, page.locator('#preview'));
      assert.equal(resp.status(), 200);
      assert.match(await page.locator('#form-preview').innerText(), new RegExp(label));
      assert.equal(await page.locator(`#form-preview #f-${key}`).count(), 1, 'the field, drawn by the server');
      assert.equal(versions(CODE), before, 'a preview saves nothing');
      await page.waitForSelector('#form-editor[data-ready]', { timeout: 60_000 });
      assert.match(await page.locator('.fjs-editor-form-root').innerText(), new RegExp(label), 'the design is kept');

      // Publish: the password again first; a wrong one saves nothing.
      resp = await submit(page, page.locator('#publish'));
      assert.equal(resp.status(), 200);
      await page.locator('#reauth-password').fill('not my password');
      resp = await submit(page, page.locator('#reauth button[type=submit]'));
      assert.equal(resp.status(), 422);
      assert.match(await page.locator('#reauth-error').innerText(), /Mật khẩu không đúng/);
      assert.equal(versions(CODE), before, 'nothing saved with a wrong password');
      await page.locator('#reauth-password').fill(admin.password);
      resp = await submit(page, page.locator('#reauth button[type=submit]'));
      assert.equal(resp.status(), 200);
      assert.match(page.url(), new RegExp(`/bieu-mau\\?ok=${before + 1}$`));
      assert.match(await page.locator('.flash-success').innerText(), new RegExp(`Đã lưu biểu mẫu, phiên bản ${before + 1}`));
      const row = await page.locator('#form-versions tbody tr').first().innerText();
      assert.match(row, new RegExp(`${before + 1}\\s+đang áp dụng`));
      assert.match(row, new RegExp(admin.name));
      assert.match(await page.locator('#in-force').innerText(), new RegExp(`phiên bản ${before + 1}`));
      assert.equal(Number(sqlValue(`SELECT f.created_by FROM procedure_forms f JOIN procedures p ON p.id = f.procedure_id
        WHERE p.code = ${q(CODE)} ORDER BY f.version DESC LIMIT 1`)), admin.id, 'who saved it is recorded');
      assert.deepEqual(w.problems().filter((p) => !/HTTP 422: \S+\/bieu-mau$|status of 422/.test(p)), [],
        'no console error, CSP violation or failed request (but the wrong password\'s 422)');
      await page.setViewportSize({ width: 390, height: 900 });
      await page.screenshot({ path: path.join(OUT, 'designer-390.png'), fullPage: true });
    } finally {
      await ctx.close();
    }
  });

  test('a new dossier follows the new form; the older one keeps its own', async () => {
    const { ctx, page } = await login(citizen);
    try {
      await page.goto(`${BASE_URL}/dich-vu/nop-ho-so/${CODE}`);
      assert.match(await page.locator(`label[for="f-${key}"]`).innerText(), new RegExp(label));
      const code = await file(page, { '#f-content': `Đơn theo biểu mẫu mới ${tag}`, [`#f-${key}`]: `GDK-${tag}` }, tag);
      assert.match(await page.locator('#dossier-answers').innerText(), new RegExp(`${label}\\s+GDK-${tag}`));
      await page.goto(`${BASE_URL}/dich-vu/ho-so/${encodeURIComponent(oldCode)}`);
      const old = await page.locator('#dossier-answers').innerText();
      assert.match(old, new RegExp(`Đơn trước khi thiết kế ${tag}`));
      assert.ok(!old.includes(label), 'the older dossier keeps the form it was filed with');
      assert.notEqual(code, oldCode);
    } finally {
      await ctx.close();
    }
  });

  test('without JavaScript: the text box is the editor; refused definitions come back with why, nothing saved', async () => {
    const before = versions(CODE);
    const { ctx, page } = await login(admin, { js: false, width: 390 });
    try {
      await page.goto(`${BASE_URL}/can-bo/quan-tri/thu-tuc/${CODE}/bieu-mau`);
      const box = page.locator('#f-definition');
      assert.ok(await box.isVisible());
      assert.ok((await box.inputValue()).includes(`"${key}"`), 'the definition in force');
      const bad = '{"components": [{"type": "button", "key": "send", "label": "Gửi"}]}';
      await box.fill(bad);
      let resp = await submit(page, page.locator('#publish'));
      assert.equal(resp.status(), 422);
      assert.match(await page.locator('.error-summary').innerText(), /Có loại trường chưa hỗ trợ: button/);
      assert.equal(await page.locator('#f-definition').inputValue(), bad, 'what was typed is kept');
      await page.screenshot({ path: path.join(OUT, 'designer-nojs-390.png'), fullPage: true });
      await page.locator('#f-definition').fill('{"components": [');
      resp = await submit(page, page.locator('#preview'));
      assert.equal(resp.status(), 422);
      assert.match(await page.locator('#f-definition-error').innerText(), /Không đọc được JSON/);
      await page.locator('#f-definition').fill('{"components": [{"type": "textfield", "key": "x", "label": "X"}]}');
      await page.locator('#f-effective').fill('2020-01-01');
      resp = await submit(page, page.locator('#publish'));
      assert.equal(resp.status(), 422);
      assert.match(await page.locator('.error-summary').innerText(), /Ngày áp dụng phải là một ngày có thật, từ hôm nay trở đi/);
      assert.equal(versions(CODE), before, 'nothing saved');
      await page.goto(`${BASE_URL}/can-bo/quan-tri/thu-tuc/${CODE}/bieu-mau?lang=en`);
      assert.match(await page.locator('h1').innerText(), new RegExp(`Form designer: ${CODE}`));
      assert.match(await page.locator('#publish').innerText(), /Save and publish/);
    } finally {
      await ctx.close();
    }
  });

  test('start from another procedure\'s form', async () => {
    const { ctx, page, w } = await login(admin);
    try {
      await page.goto(`${BASE_URL}/can-bo/quan-tri/thu-tuc/${COPY_TO}/bieu-mau`);
      await page.locator('#f-copy').fill(CODE);
      await submit(page, page.locator('#copy'));
      assert.match(await page.locator('#copied').innerText(), new RegExp(`Đã chép biểu mẫu của thủ tục ${CODE.replace('.', '\\.')}`));
      await page.waitForSelector('#form-editor[data-ready]', { timeout: 60_000 });
      assert.match(await page.locator('.fjs-editor-form-root').innerText(), new RegExp(label), 'the copied field is in the editor');
      await submit(page, page.locator('#preview'));
      assert.equal(await page.locator(`#form-preview #f-${key}`).count(), 1);
      await page.locator('#f-copy').fill('9.999999');
      const resp = await submit(page, page.locator('#copy'));
      assert.equal(resp.status(), 422);
      assert.match(await page.locator('.error-summary').innerText(), /Không có thủ tục với mã này/);
      w.clear();
    } finally {
      await ctx.close();
    }
  });

  test('start from the template of the procedure\'s field of law', async () => {
    // A Hộ tịch procedure of Sở Tư pháp: its field's template is offered
    // first, then the one for any field; used, its fields go into the
    // editor and the server's preview, nothing saved until published.
    const { ctx, page, w } = await login(admin);
    try {
      const before = versions(CIVIL);
      await page.goto(`${BASE_URL}/can-bo/quan-tri/thu-tuc/${CIVIL}/bieu-mau`);
      const options = await page.locator('#f-template option').allTextContents();
      assert.match(options[0], /^Tờ khai hộ tịch \(mẫu chung\) \(lĩnh vực của thủ tục này\)$/, options.join(' | '));
      assert.match(options[1], /^Đơn đề nghị \(mẫu chung cho mọi lĩnh vực\)$/);
      assert.ok(options.length >= 5, 'the other fields\' templates listed too');
      await submit(page, page.locator('#use-template'));
      assert.match(await page.locator('#from-template').innerText(), /Đã lấy biểu mẫu mẫu Tờ khai hộ tịch \(mẫu chung\)\. Biểu mẫu chưa được lưu/);
      await page.waitForSelector('#form-editor[data-ready]', { timeout: 60_000 });
      assert.match(await page.locator('.fjs-editor-form-root').innerText(), /Người được đăng ký/, 'the template\'s fields are in the editor');
      await submit(page, page.locator('#preview'));
      await page.screenshot({ path: path.join(OUT, 'form-designer-template.png'), fullPage: true });
      const asked = await page.locator('#form-preview [id^="f-"]').evaluateAll((es) => es.map((e) => e.id));
      for (const k of ['full_name', 'subject_name', 'subject_birth', 'father_name'])
        assert.ok(asked.includes(`f-${k}`), `the preview asks for ${k}: ${asked.join(' ')}`);
      assert.equal(versions(CIVIL), before, 'nothing saved by starting or previewing');
      await page.screenshot({ path: path.join(OUT, 'form-designer-template.png'), fullPage: true });
      // A template that is not one: said at the field, the form as it was.
      const resp = await page.goto(`${BASE_URL}/can-bo/quan-tri/thu-tuc/${CIVIL}/bieu-mau?template=khong-co`);
      assert.equal(resp.status(), 422);
      assert.match(await page.locator('#f-template-error').innerText(), /Không có mẫu này/);
      assert.match(await page.locator('.error-summary').innerText(), /Không có mẫu này/);
      // In English, the English names.
      await page.goto(`${BASE_URL}/can-bo/quan-tri/thu-tuc/${CIVIL}/bieu-mau?lang=en`);
      assert.match((await page.locator('#f-template option').allTextContents())[0],
        /^Civil status declaration \(general form\) \(this procedure's field\)$/);
      assert.deepEqual(w.problems().filter((p) => !/\b422\b/.test(p)), []);
    } finally {
      await page.goto(`${BASE_URL}/can-bo/quan-tri/thu-tuc/${CIVIL}/bieu-mau?lang=vi`).catch(() => {});
      await ctx.close();
    }
  });

  test('another agency\'s admin may not open it', async () => {
    const { ctx, page } = await login(other);
    try {
      const resp = await page.goto(`${BASE_URL}/can-bo/quan-tri/thu-tuc/${CODE}/bieu-mau`);
      assert.equal(resp.status(), 403);
    } finally {
      await ctx.close();
    }
  });
});
