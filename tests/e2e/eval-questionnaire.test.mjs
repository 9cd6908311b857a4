// A questionnaire per agency (issue 10), through the pages in Chromium: a
// ward's evaluation manager makes the ward's own version of the
// questionnaire (from the city's) on the editor, adding a question; a
// citizen rating a returned dossier of that ward on the dossier page is
// asked the added question and the rating is tied to the ward's version; a
// dossier of another ward is asked the city's; the other ward's manager is
// refused the first ward's questionnaire (403). A unit's manager switches
// off a question its department added (the legal ones offer no switch),
// then back on, on the editor: audited, the unit's versions without and
// with it. A version's note is in both languages, as the questions' wording
// is: the manager writes it in each (one alone is refused, what was typed
// kept), a switch's is made in each from the question's texts, and the
// versions list shows the reader's. Screenshots at 390 and 1280 px in
// tests/e2e/output.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  BASE_URL, PROC, WARD_SLOTS, randomWard, uniq, newCitizen, newOfficer, newToken, request,
  toFormData, filePart, minimalPdf, sql, sqlValue, q, launchBrowser, watch, signIn,
  awayFromMidnight,
} from './lib.mjs';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'output');
mkdirSync(OUT, { recursive: true });

const bearer = (t) => ({ authorization: `Bearer ${t}` });

// Today's figures are read after today's filings: not across midnight.
await awayFromMidnight();

describe('a questionnaire per agency (issue 10)', { concurrency: false, timeout: 300_000 }, () => {
  const tag = uniq();
  let browser, wardA, wardB, idA, idB, citizen, evalA, evalB, tokens = {};

  before(async () => {
    // Ward A: of this file's slot, one without a version of its own when
    // there is one; ward B: a ward no test gives a questionnaire.
    const fresh = sql(`SELECT a.code FROM agencies a WHERE a.kind = 'ward' AND NOT EXISTS
      (SELECT 1 FROM eval_questionnaires x WHERE x.agency_id = a.id)`).map((r) => r[0]);
    for (let i = 0; i < 20 && !(wardA && fresh.includes(wardA)); i++) wardA = randomWard(WARD_SLOTS.evalForm);
    wardB = randomWard(WARD_SLOTS.other);
    idA = Number(sqlValue(`SELECT id FROM agencies WHERE code = ${q(wardA)}`));
    idB = Number(sqlValue(`SELECT id FROM agencies WHERE code = ${q(wardB)}`));
    const people = await Promise.all([
      newCitizen({ name: `Bảng Hỏi ${tag}` }),
      newOfficer('evaluator', wardA, `Quản Lý Bảng Hỏi A ${tag}`),
      newOfficer('evaluator', wardB, `Quản Lý Bảng Hỏi B ${tag}`),
      ...[wardA, wardB].flatMap((w) => ['receiver', 'specialist', 'leader'].map((r) => newOfficer(r, w, `${r} ${w} ${tag}`))),
    ]);
    [citizen, evalA, evalB] = people;
    const staff = people.slice(3);
    tokens.citizen = await newToken(citizen.email);
    for (const [i, w] of [wardA, wardB].entries()) {
      tokens[w] = {};
      for (const [k, r] of ['recv', 'spec', 'lead'].entries()) tokens[w][r] = await newToken(staff[i * 3 + k].email);
    }
    browser = await launchBrowser();
  });

  after(async () => {
    if (browser) await browser.close();
  });

  /** A dossier of the citizen at ward, taken to "returned". */
  async function returned(ward) {
    const a = await request('/api/v1/dossiers', {
      method: 'POST', headers: bearer(tokens.citizen), body: toFormData({
        procedure: PROC, agency: ward, fields: JSON.stringify({ content: `Bảng hỏi ${tag}` }),
        file: filePart(minimalPdf(`to khai ${tag}`), 'to-khai.pdf'),
      }),
    });
    assert.equal(a.status, 201, a.text);
    const code = a.json().code;
    for (const [k, body] of [['recv', { action: 'accept' }], ['recv', { action: 'forward' }], ['spec', { action: 'forward' }],
      ['lead', { action: 'approve' }], ['recv', { action: 'return', method: 1 }]]) {
      const t = await request(`/api/v1/dossiers/${encodeURIComponent(code)}/transitions`, {
        method: 'POST', headers: { ...bearer(tokens[ward][k]), 'content-type': 'application/json' }, body: JSON.stringify(body),
      });
      assert.equal(t.status, 200, `${body.action}: ${t.text.slice(0, 200)}`);
    }
    return code;
  }

  test('the ward\'s manager makes its version; its dossiers ask it, another ward\'s the city\'s; the sibling is refused', async () => {
    const [codeA, codeB] = await Promise.all([returned(wardA), returned(wardB)]);
    const asked = `Ông/Bà có được hướng dẫn qua Zalo của phường không? ${tag}`;
    const nameA = sqlValue(`SELECT name FROM agencies WHERE id = ${idA}`);

    // The ward's manager lands on the ward's questionnaire and adds a question.
    const m = await signIn(browser, evalA.email, evalA.password, 1280);
    const mw = watch(m);
    try {
      assert.equal(new URL(m.url()).pathname, '/can-bo/danh-gia/bang-hoi');
      assert.match(await m.locator('#eval-form-of').innerText(), new RegExp(nameA));
      const own = Number(sqlValue(`SELECT COALESCE(MAX(version), 0) FROM eval_questionnaires WHERE agency_id = ${idA}`));
      if (own === 0) assert.match(await m.locator('#eval-form-inherited').innerText(), /chưa có phiên bản riêng/);
      assert.equal(await m.locator('#nk').count(), 0, 'a ward adds optional questions only');
      await m.locator('#nt').fill(asked);
      await m.locator('#ne').fill(`Were you guided through the ward's Zalo? ${tag}`);
      // The note in one language only: refused, nothing saved, what was typed kept.
      await m.locator('#note').fill(`Câu hỏi riêng của phường ${tag}`);
      await m.locator('#eval-form-edit button[type=submit]').click();
      await m.locator('#error-summary').waitFor({ timeout: 30_000 });
      assert.match(await m.locator('#error-summary').innerText(), /Ghi chú thay đổi phải viết bằng cả tiếng Việt và tiếng Anh/);
      assert.equal(await m.locator('#nt').inputValue(), asked, 'the question typed is kept');
      assert.equal(await m.locator('#note').inputValue(), `Câu hỏi riêng của phường ${tag}`);
      assert.equal(Number(sqlValue(`SELECT COALESCE(MAX(version), 0) FROM eval_questionnaires WHERE agency_id = ${idA}`)), own,
        'no version saved');
      // The refusal's 422 (and the console's line about it) is expected.
      const refused = (p) => p === `HTTP 422: ${BASE_URL}/can-bo/danh-gia/bang-hoi` || /status of 422/.test(p);
      assert.ok(mw.problems().some(refused), 'the refusal is a 422');
      await m.locator('#note-en').fill(`The ward's own question ${tag}`);
      await Promise.all([m.waitForURL(new RegExp(`\\?agency=${idA}&ok=${own + 1}$`)),
        m.locator('#eval-form-edit button[type=submit]').click()]);
      assert.match(await m.locator('.flash').innerText(), new RegExp(`Đã lưu phiên bản mới: ${own + 1}`));
      assert.equal(await m.locator('#eval-form-inherited').count(), 0, 'the ward has its own version now');
      const texts = await m.locator('#eval-form-edit input[type=text]').evaluateAll((els) => els.map((e) => e.value));
      assert.equal(texts.filter((t) => t === asked).length, 1, 'the new question is in the ward\'s form');
      const row = (await m.locator(`#eval-versions tr#v${own + 1} td`).allInnerTexts()).map((t) => t.trim());
      assert.equal(row[2], evalA.name);
      assert.equal(row[3], `Câu hỏi riêng của phường ${tag}`);
      assert.equal(Number(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE event = 'config_change' AND account_id = ${evalA.id}
        AND agency_id = ${idA} AND subject = ${q(`eval questionnaire agency=${idA} v${own + 1}`)}`)), 1, 'audited');
      await m.screenshot({ path: path.join(OUT, 'eval-questionnaire-1280.png'), fullPage: true });
      await m.setViewportSize({ width: 390, height: 844 });
      await m.screenshot({ path: path.join(OUT, 'eval-questionnaire-390.png'), fullPage: true });
      // In English: the English note.
      await m.goto(`${BASE_URL}/can-bo/danh-gia/bang-hoi?agency=${idA}&lang=en`);
      assert.equal(await m.getAttribute('html', 'lang'), 'en');
      assert.equal((await m.locator(`#eval-versions tr#v${own + 1} td.eval-note`).innerText()).trim(), `The ward's own question ${tag}`);
      await m.screenshot({ path: path.join(OUT, 'eval-questionnaire-en-390.png'), fullPage: true });
      assert.deepEqual(mw.problems().filter((p) => !refused(p)), []);
    } finally {
      await m.context().close();
    }

    // The other ward's manager: refused the first ward's questionnaire.
    const s = await signIn(browser, evalB.email, evalB.password, 1280);
    try {
      assert.equal((await s.goto(`${BASE_URL}/can-bo/danh-gia/bang-hoi?agency=${idA}`)).status(), 403);
      await s.goto(`${BASE_URL}/can-bo/danh-gia/bang-hoi`);
      const csrf = await s.locator('#eval-form-edit input[name=csrf]').inputValue();
      const base = await s.locator('#eval-form-edit input[name=base]').inputValue();
      const post = await s.request.post(`${BASE_URL}/can-bo/danh-gia/bang-hoi`, {
        form: { csrf, base, agency: String(idA), nt: `x ${tag}`, ne: `x ${tag}` }, headers: { origin: BASE_URL }, maxRedirects: 0,
      });
      assert.equal(post.status(), 403);
      assert.equal(Number(sqlValue(`SELECT COUNT(*) FROM eval_questions WHERE text = ${q(`x ${tag}`)}`)), 0, 'nothing saved');
    } finally {
      await s.context().close();
    }

    // The citizen: the ward's question on the ward's dossier, answered and tied to the ward's version.
    const c = await signIn(browser, citizen.email, citizen.password, 1280);
    const cw = watch(c);
    try {
      await c.goto(`${BASE_URL}/dich-vu/ho-so/${codeA}`);
      const section = c.locator('section#danh-gia');
      const added = section.locator('fieldset.eval-q', { hasText: asked });
      assert.equal(await added.count(), 1, 'the ward\'s question is asked');
      assert.equal(await added.getAttribute('data-kind'), 'extra');
      assert.match(await section.locator('#eval-owner').innerText(), new RegExp(nameA));
      for (const a of ['a1', 'a2', 'a3', 'a4']) await section.locator(`input[type=radio][name="${a}"][value="2"]`).check();
      await added.locator('input[type=radio][value="1"]').check();
      await Promise.all([c.waitForURL(/\?danh-gia=1(#|$)/), section.locator('form.eval-form button[type=submit]').click()]);
      assert.match(await c.locator('#eval-answers').innerText(), new RegExp(`${asked.replace(/[?/]/g, '\\$&')}\\s+Hài lòng`));
      assert.equal(Number(sqlValue(`SELECT q.agency_id FROM eval_ratings r JOIN eval_questionnaires q ON q.id = r.questionnaire_id
        JOIN dossiers d ON d.id = r.dossier_id WHERE d.code = ${q(codeA)}`)), idA, 'the rating is on the ward\'s version');

      // Another ward's dossier: the city's questionnaire, without the question.
      await c.goto(`${BASE_URL}/dich-vu/ho-so/${codeB}`);
      const other = c.locator('section#danh-gia form.eval-form');
      assert.equal(await other.count(), 1);
      assert.equal(await other.locator('fieldset.eval-q', { hasText: asked }).count(), 0, 'not the first ward\'s question');
      const qv = Number(await other.locator('input[name=qv]').inputValue());
      assert.equal(sqlValue(`SELECT agency_id IS NULL FROM eval_questionnaires WHERE id = ${qv}`), '1', 'the city\'s version');
      assert.equal(await other.locator('#eval-owner').count(), 0);
      assert.deepEqual(cw.problems(), []);
    } finally {
      await c.context().close();
    }
  });

  test('a unit switches off a question its department added, and back on; the legal questions offer no switch', async () => {
    const t = uniq().replace(/[^0-9A-Za-z]/g, '');
    const city = Number(sqlValue("SELECT id FROM agencies WHERE kind = 'city' ORDER BY id LIMIT 1"));
    const codes = { dep: `E2E.EQ${t}.D`, unit: `E2E.EQ${t}.U` };
    sql(`INSERT INTO agencies (code, kind, name, parent_id, valid_from) VALUES
      (${q(codes.dep)}, 'department', ${q(`Sở Thử ${t}`)}, ${city}, '2020-01-01')`);
    const dep = Number(sqlValue(`SELECT id FROM agencies WHERE code = ${q(codes.dep)}`));
    sql(`INSERT INTO agencies (code, kind, name, parent_id, valid_from) VALUES
      (${q(codes.unit)}, 'unit', ${q(`Phòng Thử ${t}`)}, ${dep}, '2020-01-01')`);
    const unit = Number(sqlValue(`SELECT id FROM agencies WHERE code = ${q(codes.unit)}`));
    const [evD, evU] = await Promise.all([
      newOfficer('evaluator', codes.dep, `Quản Lý Sở ${t}`),
      newOfficer('evaluator', codes.unit, `Quản Lý Phòng ${t}`),
    ]);
    const asked = `Ông/Bà có được nhắn tin nhắc lịch hẹn không? ${t}`;
    const rowOf = (page) => page.locator('#eval-inherited tr.eval-inh', { hasText: asked });
    const own = () => sql(`SELECT x.text FROM eval_questions x WHERE x.questionnaire_id =
      (SELECT id FROM eval_questionnaires WHERE agency_id = ${unit} ORDER BY version DESC LIMIT 1)`).map((r) => r[0]);
    try {
      // The department's manager adds a question for its subtree.
      const d = await signIn(browser, evD.email, evD.password, 1280);
      try {
        await d.locator('#nt').fill(asked);
        await d.locator('#ne').fill(`Did you get a text reminding you of the appointment? ${t}`);
        await Promise.all([d.waitForURL(new RegExp(`\\?agency=${dep}&ok=1$`)), d.locator('#eval-form-edit button[type=submit]').click()]);
        assert.equal(await rowOf(d).count(), 0, 'its own question is not an inherited one');
      } finally {
        await d.context().close();
      }

      // The unit's manager: the department's question is inherited and asked; only it has a switch.
      const u = await signIn(browser, evU.email, evU.password, 1280);
      const uw = watch(u);
      try {
        assert.match(await u.locator('#eval-form-inherited').innerText(), new RegExp(`Sở Thử ${t}`));
        assert.equal(await rowOf(u).count(), 1);
        assert.match(await rowOf(u).locator('.eval-inh-state').innerText(), /Đang hỏi/);
        assert.equal(await u.locator('#eval-inherited input[name=off][value^="i"], #eval-inherited input[name=off][value="overall"]').count(), 0,
          'no switch for the legal questions');
        await Promise.all([u.waitForURL(new RegExp(`\\?agency=${unit}&ok=1$`)), rowOf(u).locator('button[type=submit]').click()]);
        assert.match(await u.locator('.flash').innerText(), /Đã lưu phiên bản mới: 1/);
        assert.match(await rowOf(u).locator('.eval-inh-state').innerText(), /Đã tắt/);
        const texts = await u.locator('#eval-form-edit input[type=text]').evaluateAll((els) => els.map((e) => e.value));
        assert.equal(texts.includes(asked), false, 'not in the unit\'s questionnaire any more');
        assert.ok(texts.length >= 13, 'the legal questions stay');
        assert.equal(own().includes(asked), false, 'the unit\'s citizens are not asked it');
        assert.equal((await u.locator('#eval-versions tr#v1 td.eval-note').innerText()).trim(), `Tắt câu hỏi kế thừa: ${asked}`);
        await u.screenshot({ path: path.join(OUT, 'eval-questionnaire-switch-1280.png'), fullPage: true });

        // Back on: asked again, in a new version.
        await Promise.all([u.waitForURL(new RegExp(`\\?agency=${unit}&ok=2$`)), rowOf(u).locator('button[type=submit]').click()]);
        assert.match(await rowOf(u).locator('.eval-inh-state').innerText(), /Đang hỏi/);
        assert.equal(own().filter((x) => x === asked).length, 1, 'asked again');
        await u.setViewportSize({ width: 390, height: 844 });
        await u.screenshot({ path: path.join(OUT, 'eval-questionnaire-switch-390.png'), fullPage: true });

        // In English: each switch's note in English, with the question's English text.
        await u.goto(`${BASE_URL}/can-bo/danh-gia/bang-hoi?agency=${unit}&lang=en`);
        assert.equal(await u.getAttribute('html', 'lang'), 'en');
        const note = async (v) => (await u.locator(`#eval-versions tr#v${v} td.eval-note`).innerText()).trim();
        assert.equal(await note(1), `Inherited question switched off: Did you get a text reminding you of the appointment? ${t}`);
        assert.equal(await note(2), `Inherited question switched back on: Did you get a text reminding you of the appointment? ${t}`);
        await u.screenshot({ path: path.join(OUT, 'eval-questionnaire-switch-en-390.png'), fullPage: true });
        assert.deepEqual(uw.problems(), []);
      } finally {
        await u.context().close();
      }
      const code = sqlValue(`SELECT code FROM eval_questions x JOIN eval_questionnaires v ON v.id = x.questionnaire_id
        WHERE v.agency_id = ${dep} AND x.text = ${q(asked)}`);
      for (const [v, what] of [[1, 'off'], [2, 'on']]) {
        assert.equal(Number(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE event = 'config_change' AND account_id = ${evU.id}
          AND agency_id = ${unit} AND subject = ${q(`eval questionnaire agency=${unit} v${v} ${what} ${code}`)}`)), 1, `${what} audited`);
      }
    } finally {
      sql(`UPDATE agencies SET valid_to = CURDATE() - INTERVAL 1 DAY WHERE code IN (${q(codes.dep)}, ${q(codes.unit)})`);
    }
  });
});
