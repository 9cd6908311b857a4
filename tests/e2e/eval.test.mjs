// Rating the service (issue 10): the questionnaire inline on a returned
// dossier's page, the single-use link sent with the result, registered
// devices (kiosk, counter tablet), scores. Every action through the page in
// Chromium.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  BASE_URL, PROC, WARD_SLOTS, randomWard, uniq, newCitizen, newOfficer, newToken, request,
  toFormData, filePart, minimalPdf, sql, sqlValue, q, launchBrowser, watch,
} from './lib.mjs';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'output');
mkdirSync(OUT, { recursive: true });

const bearer = (t) => ({ authorization: `Bearer ${t}` });

describe('rating a returned dossier (issue 10)', { concurrency: false, timeout: 600_000 }, () => {
  const tag = uniq();
  let browser, ward, citizen, stranger, recv, spec, lead, tokens = {};

  before(async () => {
    ward = randomWard(WARD_SLOTS.eval);
    [citizen, stranger] = await Promise.all([newCitizen({ name: `Đánh Giá ${tag}`, phone: `09${String(Date.now()).slice(-8)}` }), newCitizen()]);
    [recv, spec, lead] = await Promise.all([
      newOfficer('receiver', ward, `Tiếp Nhận ĐG ${tag}`),
      newOfficer('specialist', ward, `Chuyên Viên ĐG ${tag}`),
      newOfficer('leader', ward, `Lãnh Đạo ĐG ${tag}`),
    ]);
    for (const [k, acc] of Object.entries({ citizen, stranger, recv, spec, lead })) tokens[k] = await newToken(acc.email);
    browser = await launchBrowser();
  });

  after(async () => {
    if (browser) await browser.close();
  });

  async function transition(code, token, body) {
    return request(`/api/v1/dossiers/${encodeURIComponent(code)}/transitions`, {
      method: 'POST', headers: { ...bearer(token), 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
  }

  /** A dossier of the citizen taken to "decided" (9), or to "returned" (10) when returnIt. */
  async function dossier(returnIt = true) {
    const a = await request('/api/v1/dossiers', {
      method: 'POST', headers: bearer(tokens.citizen), body: toFormData({
        procedure: PROC, agency: ward, fields: JSON.stringify({ content: `Đánh giá ${tag}` }),
        file: filePart(minimalPdf(`to khai ${tag}`), 'to-khai.pdf'),
      }),
    });
    assert.equal(a.status, 201, a.text);
    const code = a.json().code;
    const steps = [['recv', { action: 'accept' }], ['recv', { action: 'forward' }], ['spec', { action: 'forward' }],
      ['lead', { action: 'approve' }]];
    if (returnIt) steps.push(['recv', { action: 'return', method: 1 }]);
    for (const [k, body] of steps) {
      const t = await transition(code, tokens[k], body);
      assert.equal(t.status, 200, `${body.action}: ${t.text.slice(0, 200)}`);
    }
    return code;
  }

  async function login(acc, home, width = 1280) {
    const ctx = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(`${BASE_URL}/dich-vu/dang-nhap`);
    await page.locator('#login').fill(acc.email);
    await page.locator('#password').fill(acc.password);
    await Promise.all([page.waitForURL(`${BASE_URL}${home}`), page.locator('form.form button[type=submit]').click()]);
    return { ctx, page, w: watch(page) };
  }

  /** Chooses, in the form on the page, the option of score s for the question named name. */
  async function choose(page, name, s) {
    await page.locator(`input[type=radio][name="${name}"][value="${s}"]`).check();
  }

  test('inline on the returned dossier page: a low score needs a reason (422, answers kept), then once only', async () => {
    const early = await dossier(false);
    const code = await dossier(true);
    const c = await login(citizen, '/dich-vu/ho-so');
    try {
      // Not returned yet: nothing to rate.
      await c.page.goto(`${BASE_URL}/dich-vu/ho-so/${early}`);
      assert.equal(await c.page.locator('#danh-gia').count(), 0, 'no questionnaire before the result is returned');

      // Returned: the questionnaire is on the page itself, not behind a link.
      await c.page.goto(`${BASE_URL}/dich-vu/ho-so/${code}`);
      const section = c.page.locator('section#danh-gia');
      assert.equal(await section.count(), 1, 'the questionnaire is inline');
      assert.match(await section.innerText(), /Mức độ hài lòng chung/);
      assert.match(await section.innerText(), /Tổng thời gian giải quyết/, 'the nine indices are asked too');
      const qv = await section.locator('input[name=qv]').inputValue();
      assert.equal(await section.locator('fieldset.eval-q').count(),
        Number(sqlValue(`SELECT COUNT(*) FROM eval_questions WHERE questionnaire_id = ${Number(qv)}`)), 'every question of its version');
      const csrf = await section.locator('input[name=csrf]').inputValue();
      await c.page.screenshot({ path: path.join(OUT, 'eval-inline-1280.png'), fullPage: true });

      // "Not satisfied" overall, no reason: refused with the reason asked for, answers kept.
      await choose(c.page, 'a1', 0);
      await choose(c.page, 'a2', 2);
      await choose(c.page, 'a3', 1);
      await choose(c.page, 'a4', 2);
      await choose(c.page, 'a11', 2);
      const [posted] = await Promise.all([
        c.page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/danh-gia')),
        c.page.locator('form.eval-form button[type=submit]').click(),
      ]);
      assert.equal(posted.status(), 422);
      await c.page.waitForLoadState('domcontentloaded');
      assert.match(await c.page.locator('main').innerText(), /Vui lòng cho biết lý do khi chọn mức thấp nhất/);
      assert.ok(await c.page.locator('input[name=a1][value="0"]').isChecked(), 'the answers are kept');
      assert.ok(await c.page.locator('input[name=a3][value="1"]').isChecked());
      assert.ok(await c.page.locator('input[name=a11][value="2"]').isChecked());
      assert.equal(Number(sqlValue(`SELECT COUNT(*) FROM eval_ratings r JOIN dossiers d ON d.id = r.dossier_id WHERE d.code = ${q(code)}`)), 0,
        'nothing stored');

      // With a reason: stored, and the dossier page says it was rated.
      await c.page.locator('#eval-reason').fill(`Phải chờ lâu ở quầy ${tag}`);
      await Promise.all([
        c.page.waitForURL(new RegExp(`/dich-vu/ho-so/${code.replace(/\./g, '\\.')}\\?danh-gia=1`)),
        c.page.locator('form.eval-form button[type=submit]').click(),
      ]);
      assert.match(await c.page.locator('section#danh-gia').innerText(), /Ông\/Bà đã đánh giá hồ sơ này lúc/);
      assert.equal(await c.page.locator('form.eval-form').count(), 0, 'not offered again');
      const [row] = sql(`SELECT r.channel, r.reason, r.step_seq IS NOT NULL, r.officer_id, ` +
        `(SELECT COUNT(*) FROM eval_answers a WHERE a.rating_id = r.id), ` +
        `(SELECT GROUP_CONCAT(DISTINCT o.officer_id ORDER BY o.officer_id) FROM eval_rating_officers o WHERE o.rating_id = r.id) ` +
        `FROM eval_ratings r JOIN dossiers d ON d.id = r.dossier_id WHERE d.code = ${q(code)}`);
      assert.equal(row[0], 'web');
      assert.equal(row[1], `Phải chờ lâu ở quầy ${tag}`);
      assert.equal(row[2], '1', 'tied to the step');
      assert.equal(Number(row[3]), recv.id, 'and to the officer of the return step');
      assert.equal(Number(row[4]), 5, 'the five answers given');
      for (const o of [recv, spec, lead]) assert.ok(row[5].split(',').map(Number).includes(o.id), `officer ${o.name} tied`);

      // A second rating of the same dossier: refused, in Vietnamese.
      const again = await c.ctx.request.post(`${BASE_URL}/dich-vu/ho-so/${code}/danh-gia`, {
        form: { csrf, qv: '1', a1: '2', a2: '2', a3: '2', a4: '2' }, maxRedirects: 0,
      });
      assert.equal(again.status(), 409);
      assert.match(await again.text(), /mỗi hồ sơ chỉ được đánh giá một lần/);
      assert.equal(Number(sqlValue(`SELECT COUNT(*) FROM eval_ratings r JOIN dossiers d ON d.id = r.dossier_id WHERE d.code = ${q(code)}`)), 1);
      assert.deepEqual(c.w.problems().filter((p) => !/HTTP 4(22|09)|status of 422|net::ERR_ABORTED/.test(p)), []);
    } finally {
      await c.ctx.close();
    }

    // Someone else's dossier: refused.
    const s = await login(stranger, '/dich-vu/ho-so', 390);
    try {
      const other = await dossier(true);
      await s.page.goto(`${BASE_URL}/dich-vu/ho-so`);
      const csrf = await s.page.evaluate(() => document.querySelector('input[name=csrf]')?.value || '');
      const r = await s.ctx.request.post(`${BASE_URL}/dich-vu/ho-so/${other}/danh-gia`, {
        form: { csrf, qv: '1', a1: '2', a2: '2', a3: '2', a4: '2' }, maxRedirects: 0,
      });
      assert.equal(r.status(), 403);
      assert.equal(Number(sqlValue(`SELECT COUNT(*) FROM eval_ratings r JOIN dossiers d ON d.id = r.dossier_id WHERE d.code = ${q(other)}`)), 0);
    } finally {
      await s.ctx.close();
    }
  });

  test('in English at 390 px the questionnaire is complete', async () => {
    const code = await dossier(true);
    const c = await login(citizen, '/dich-vu/ho-so', 390);
    try {
      await c.page.goto(`${BASE_URL}/dich-vu/ho-so/${code}?lang=en`);
      const text = await c.page.locator('section#danh-gia').innerText();
      assert.match(text, /Rate our service/);
      assert.match(text, /Your overall satisfaction/);
      assert.match(text, /Very satisfied/);
      assert.doesNotMatch(text, /Rất hài lòng|Lang\./);
      await c.page.screenshot({ path: path.join(OUT, 'eval-inline-en-390.png'), fullPage: true });
    } finally {
      await c.ctx.close();
    }
  });

  test('the ward\'s evaluation manager saves a version with a new question: rating pages ask it; an earlier rating stays under its version; the question left out again', async () => {
    // The ward's own line (not the city's, which every other agency
    // inherits): each run adds one question and leaves it out again, so
    // the questionnaire never grows across runs on one instance.
    const earlier = await dossier(true);
    const later = await dossier(true);
    const wardId = Number(sqlValue(`SELECT id FROM agencies WHERE code = ${q(ward)}`));
    const manager = await newOfficer('evaluator', ward, `Quản Lý ĐG ${tag}`);
    const stem = 'Cán bộ có gọi điện hướng dẫn Ông/Bà không?';
    const asked = `${stem} ${tag}`;
    /** The version number said last in a line ("Phiên bản bảng hỏi 3 (Phường X)"). */
    const version = (t) => Number(t.match(/(\d+)(?:\s*\([^)]*\))?\s*$/)[1]);
    const c = await login(citizen, '/dich-vu/ho-so');
    const m = await login(manager, '/can-bo/danh-gia/bang-hoi');
    const edit = m.page.locator('#eval-form-edit');
    const texts = () => edit.locator('fieldset.eval-edit-q:not(#q-new) input[name^=t]').evaluateAll((els) => els.map((e) => e.value));
    try {
      // The earlier dossier rated on the version in use (N).
      await c.page.goto(`${BASE_URL}/dich-vu/ho-so/${earlier}`);
      const n = version(await c.page.locator('form.eval-form p.small').innerText());
      for (const a of ['a1', 'a2', 'a3', 'a4']) await choose(c.page, a, 2);
      await Promise.all([c.page.waitForURL(/\?danh-gia=1(#|$)/), c.page.locator('form.eval-form button[type=submit]').click()]);

      // Not a manager: refused.
      assert.equal((await c.page.goto(`${BASE_URL}/can-bo/danh-gia/bang-hoi`)).status(), 403);

      // The manager: the version in use, a question added; the English text forgotten first (422, kept).
      const own = Number(sqlValue(`SELECT COALESCE(MAX(version), 0) FROM eval_questionnaires WHERE agency_id = ${wardId}`));
      const v = own + 1;
      assert.match(await edit.locator('h2').innerText(), new RegExp(`Phiên bản đang dùng ${n}\\b`));
      await m.page.locator('#nt').fill(asked);
      await m.page.locator('#note').fill(`Thêm câu hỏi gọi điện ${tag}`);
      await m.page.locator('#note-en').fill(`Phone call question added ${tag}`);
      const [bad] = await Promise.all([m.page.waitForResponse((r) => r.request().method() === 'POST'),
        edit.locator('button[type=submit]').click()]);
      assert.equal(bad.status(), 422);
      await m.page.waitForSelector('#error-summary');
      assert.match(await m.page.locator('#error-summary').innerText(), /cả tiếng Việt và tiếng Anh/);
      assert.equal(await m.page.locator('#nt').inputValue(), asked, 'what was typed is kept');
      await m.page.locator('#ne').fill(`Did an officer call to guide you? ${tag}`);
      // A run stopped midway left its question: left out in the same save.
      const before = await texts();
      for (const [i, t] of before.entries()) if (t.startsWith(stem)) await edit.locator(`#r${i + 1}`).check();
      const kept = before.filter((t) => !t.startsWith(stem)).length;
      await Promise.all([m.page.waitForURL(new RegExp(`\\?agency=${wardId}&ok=${v}$`)), edit.locator('button[type=submit]').click()]);
      assert.match(await m.page.locator('.flash').innerText(), new RegExp(`Đã lưu phiên bản mới: ${v}`));
      assert.match(await edit.locator('h2').innerText(), new RegExp(`Phiên bản đang dùng ${v}\\b`));
      assert.equal((await texts()).filter((t) => t === asked).length, 1, 'the new question is in the form now');
      assert.equal((await texts()).length, kept + 1);
      const row = (await m.page.locator(`#eval-versions tr#v${v} td`).allInnerTexts()).map((t) => t.trim());
      assert.equal(row[2], manager.name);
      assert.equal(row[3], `Thêm câu hỏi gọi điện ${tag}`);
      await m.page.screenshot({ path: path.join(OUT, 'eval-form-1280.png'), fullPage: true });
      await m.page.setViewportSize({ width: 390, height: 844 });
      await m.page.screenshot({ path: path.join(OUT, 'eval-form-390.png'), fullPage: true });
      await m.page.setViewportSize({ width: 1280, height: 900 });

      // The citizen's next rating page asks it, under the new version; answered, it shows with the rating.
      await c.page.goto(`${BASE_URL}/dich-vu/ho-so/${later}`);
      const section = c.page.locator('section#danh-gia');
      assert.equal(version(await section.locator('form.eval-form p.small').innerText()), v);
      const added = section.locator('fieldset.eval-q', { hasText: asked });
      assert.equal(await added.count(), 1, 'the new question is asked');
      assert.equal(await added.getAttribute('data-kind'), 'extra');
      for (const a of ['a1', 'a2', 'a3', 'a4']) await choose(c.page, a, 2);
      await added.locator('input[type=radio][value="1"]').check();
      await Promise.all([c.page.waitForURL(/\?danh-gia=1(#|$)/), section.locator('form.eval-form button[type=submit]').click()]);
      assert.equal(version(await c.page.locator('#eval-rated-version').innerText()), v);
      const answer = new RegExp(`${asked.replace(/[?/]/g, '\\$&')}\\s+Hài lòng`);
      assert.match(await c.page.locator('#eval-answers').innerText(), answer);

      // The earlier rating: still under version N, as it was asked.
      await c.page.goto(`${BASE_URL}/dich-vu/ho-so/${earlier}`);
      assert.equal(version(await c.page.locator('#eval-rated-version').innerText()), n);
      const answers = await c.page.locator('#eval-answers').innerText();
      assert.match(answers, /Mức độ hài lòng chung của Ông\/Bà\s+Rất hài lòng/);
      assert.equal(answers.includes(asked), false, 'not the question added after it');

      // A legal question cannot be left out (422, nothing saved).
      const csrf = await edit.locator('input[name=csrf]').inputValue();
      const legal = await m.page.request.post(`${BASE_URL}/can-bo/danh-gia/bang-hoi`, {
        form: { csrf, agency: String(wardId), base: await edit.locator('input[name=base]').inputValue(), r1: '1' },
        headers: { origin: BASE_URL }, maxRedirects: 0,
      });
      assert.equal(legal.status(), 422);
      assert.match(await legal.text(), /phải giữ nguyên/);

      // The manager leaves the question out again: the next version is as before, the rating keeps its answer.
      await m.page.goto(`${BASE_URL}/can-bo/danh-gia/bang-hoi`);
      const at = (await texts()).indexOf(asked);
      assert.ok(at >= 0);
      assert.equal(await edit.locator('fieldset.eval-edit-q:not(#q-new)').nth(0).locator('input[type=checkbox]').count(), 0,
        'no removal offered for the law\'s questions');
      await edit.locator(`#r${at + 1}`).check();
      await m.page.locator('#note').fill(`Bỏ câu hỏi gọi điện ${tag}`);
      await m.page.locator('#note-en').fill(`Phone call question left out ${tag}`);
      await Promise.all([m.page.waitForURL(new RegExp(`\\?agency=${wardId}&ok=${v + 1}$`)), edit.locator('button[type=submit]').click()]);
      assert.deepEqual((await texts()).filter((t) => t.startsWith(stem)), [], 'left out');
      assert.equal((await texts()).length, kept, 'the questionnaire is as long as before the run');
      // (Other files rate at the wards of this slot too: at least this one.)
      assert.ok(Number(await m.page.locator(`#eval-versions tr#v${v} td`).nth(5).innerText()) >= 1, 'the version keeps its rating');
      await c.page.goto(`${BASE_URL}/dich-vu/ho-so/${later}`);
      assert.match(await c.page.locator('#eval-answers').innerText(), answer, 'the rating keeps its answer');
      assert.deepEqual(c.w.problems().filter((p) => !/403/.test(p)), []);
      assert.deepEqual(m.w.problems().filter((p) => !/422/.test(p)), []);
    } finally {
      await c.ctx.close();
      await m.ctx.close();
    }
  });

  test('the link sent with the result rates without logging in, once; a forged or reused link is refused', async () => {
    const code = await dossier(true);
    const bodies = sql(`SELECT o.channel, REPLACE(o.body, '\n', ' ') FROM outbox o JOIN dossiers d ON d.id = o.dossier_id ` +
      `WHERE d.code = ${q(code)} AND o.body LIKE '%/dich-vu/danh-gia/%'`);
    const email = bodies.find((b) => b[0] === 'email');
    assert.ok(email, 'the e-mail of the returned result carries the link');
    assert.match(email[1], /đánh giá mức độ hài lòng/);
    assert.ok(bodies.find((b) => b[0] === 'sms'), 'so does the SMS');
    const link = email[1].match(/\/dich-vu\/danh-gia\/[0-9a-f]{64}/)[0];

    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await ctx.newPage();
    try {
      await page.goto(`${BASE_URL}${link}`);
      assert.match(await page.locator('main').innerText(), new RegExp(`Hồ sơ\\s+${code.replace(/\./g, '\\.')}`));
      await page.screenshot({ path: path.join(OUT, 'eval-link-390.png'), fullPage: true });
      for (const n of ['a1', 'a2', 'a3', 'a4']) await choose(page, n, 2);
      await Promise.all([page.waitForLoadState('domcontentloaded'), page.locator('form.eval-form button[type=submit]').click()]);
      assert.match(await page.locator('main').innerText(), /Cảm ơn Ông\/Bà đã đánh giá/);
      assert.equal(sqlValue(`SELECT r.channel FROM eval_ratings r JOIN dossiers d ON d.id = r.dossier_id WHERE d.code = ${q(code)}`), 'link');

      // Used: the link now says so.
      const used = await page.goto(`${BASE_URL}${link}`);
      assert.equal(used.status(), 410);
      assert.match(await page.locator('main').innerText(), /đã được dùng hoặc đã hết hạn/);
      // Forged.
      const forged = await page.goto(`${BASE_URL}/dich-vu/danh-gia/${'ab'.repeat(32)}`);
      assert.equal(forged.status(), 410);
    } finally {
      await ctx.close();
    }
  });
});
