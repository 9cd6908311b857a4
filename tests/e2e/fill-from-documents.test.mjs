// Filling a form from a document of one's store (issue 13), in Chromium:
// a citizen whose guardianship registration was returned with an
// electronic result files the end of that guardianship and fills its form
// from the result: the questions the two forms share, by key (the rows of
// "members") or by tag (a name keyed ho_ten, an ID number, a date of birth
// keyed ngay_sinh, an address, whatever their keys), are answered as in
// the first dossier; what the citizen typed is kept until they confirm the
// replacement; the dossier sent holds those answers, checked as typed ones.
// The same without JavaScript (a server round trip). Another citizen's
// document is refused, chosen in the form or named in the URL. The pages
// of a dossier on the built-in workflow (no diagram) draw its steps as a
// chain, done, current and to come as listed, for the citizen and the
// officer; a dossier on a drawn workflow shows its diagram until its steps
// change (simulated here as routing may change them), then the chain.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { mkdirSync } from 'node:fs';

import {
  BASE_URL, TOP, launchBrowser, putEForm, minimalPdf, newCitizen, newOfficer, newToken, sql, sqlValue, q,
  randomWard, request, toFormData, filePart, uniq, watch, submitAndWait, portalLogin, signIn,
} from './lib.mjs';

const OUT = path.join(TOP, 'tests', 'e2e', 'output');
mkdirSync(OUT, { recursive: true });

/** Procedures no other test files: each gets its own form here. */
const SRC = '1.001669'; // guardianship registration: the first dossier
const DST = '2.000756'; // the end of a guardianship: filled from its result
const DRAWN = '1.001695'; // a workflow drawn here, its steps then changed

const SRC_FORM = {
  components: [
    { type: 'textfield', key: 'full_name', label: 'Họ và tên người giám hộ', validate: { required: true } },
    { type: 'textfield', key: 'cccd', label: 'Số định danh người giám hộ', properties: { type: 'id_number' } },
    { type: 'datetime', subtype: 'date', key: 'date_of_birth', label: 'Ngày sinh' },
    { type: 'textfield', key: 'home', label: 'Nơi cư trú', properties: { type: 'address' } },
    { type: 'dynamiclist', path: 'members', label: 'Người được giám hộ', components: [
      { type: 'textfield', key: 'name', label: 'Họ và tên' },
      { type: 'datetime', subtype: 'date', key: 'born', label: 'Ngày sinh' },
    ] },
    { type: 'textfield', key: 'purpose', label: 'Mục đích' },
  ],
};

const DST_FORM = {
  components: [
    { type: 'group', label: 'Người giám hộ', components: [
      { type: 'textfield', key: 'ho_ten', label: 'Họ và tên', validate: { required: true } },
      { type: 'textfield', key: 'so_dinh_danh', label: 'Số định danh cá nhân', properties: { type: 'id_number' } },
      { type: 'datetime', subtype: 'date', key: 'ngay_sinh', label: 'Ngày sinh', validate: { required: true } },
      { type: 'textfield', key: 'noi_cu_tru', label: 'Nơi cư trú', properties: { type: 'address' } },
    ] },
    { type: 'dynamiclist', path: 'members', label: 'Người được giám hộ', components: [
      { type: 'textfield', key: 'name', label: 'Họ và tên người được giám hộ', validate: { required: true, maxLength: 60 } },
      { type: 'datetime', subtype: 'date', key: 'born', label: 'Ngày sinh' },
    ] },
    { type: 'textarea', key: 'reason', label: 'Lý do chấm dứt', validate: { required: true } },
  ],
};

/** A BPMN diagram of four tasks in a row named names, laid out as bpmn-js saves it. */
function diagram(names) {
  const x = (i) => 366 + 270 * i;
  const roles = ['receiver', 'specialist', 'leader', 'receiver'];
  const ids = ['Start', ...names.map((_, i) => `Step_${i + 1}`), 'End'];
  return '<?xml version="1.0" encoding="UTF-8"?>\n<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
    + 'xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" '
    + 'xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:mc="https://motcua.hochiminhcity.gov.vn/bpmn" id="D1">\n'
    + '<bpmn:process id="P1" isExecutable="false"><bpmn:startEvent id="Start"/>'
    + names.map((n, i) => `<bpmn:userTask id="Step_${i + 1}" name="${n}" mc:role="${roles[i]}" mc:hours="2"/>`).join('')
    + '<bpmn:endEvent id="End"/>'
    + ids.slice(1).map((id, i) => `<bpmn:sequenceFlow id="Flow_${i}" sourceRef="${ids[i]}" targetRef="${id}"/>`).join('')
    + '</bpmn:process><bpmndi:BPMNDiagram id="G1"><bpmndi:BPMNPlane id="L1" bpmnElement="P1">'
    + '<bpmndi:BPMNShape id="Start_di" bpmnElement="Start"><dc:Bounds x="180" y="122" width="36" height="36"/></bpmndi:BPMNShape>'
    + names.map((_, i) => `<bpmndi:BPMNShape id="Step_${i + 1}_di" bpmnElement="Step_${i + 1}"><dc:Bounds x="${x(i)}" y="100" width="120" height="80"/></bpmndi:BPMNShape>`).join('')
    + `<bpmndi:BPMNShape id="End_di" bpmnElement="End"><dc:Bounds x="${x(names.length)}" y="122" width="36" height="36"/></bpmndi:BPMNShape>`
    + ids.slice(1).map((_, i) => `<bpmndi:BPMNEdge id="Flow_${i}_di" bpmnElement="Flow_${i}"><di:waypoint x="${i === 0 ? 216 : x(i - 1) + 120}" y="140"/><di:waypoint x="${x(i)}" y="140"/></bpmndi:BPMNEdge>`).join('')
    + '</bpmndi:BPMNPlane></bpmndi:BPMNDiagram></bpmn:definitions>\n';
}

const bearer = (t) => ({ authorization: `Bearer ${t}` });
const wardOf = (code) => sqlValue(`SELECT gso_code FROM agencies WHERE code = ${q(code)}`);

describe('filling a form from a document of the store', { concurrency: false, timeout: 600_000 }, () => {
  const tag = uniq();
  let browser, ward, ann, bob, tokens = {}, officers, annDoc, longDoc, bobDoc, annCode, openCode, src;

  /** Files SRC through the API with who's token; its code. */
  const fileSrc = async (token, fields) => {
    const a = await request('/api/v1/dossiers', {
      method: 'POST', headers: bearer(token),
      body: toFormData({ procedure: SRC, agency: ward, fields: JSON.stringify(fields) }),
    });
    assert.equal(a.status, 201, a.text.slice(0, 300));
    return a.json().code;
  };
  const transition = async (token, code, body) => {
    const t = await request(`/api/v1/dossiers/${encodeURIComponent(code)}/transitions`, {
      method: 'POST', headers: { ...bearer(token), 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
    assert.equal(t.status, 200, `${body.action}: ${t.text.slice(0, 200)}`);
  };
  /** Handles code to its return with a result file named name; the result's hash. */
  const handleAndReturn = async (code, name) => {
    for (const [k, action] of [['recv', 'accept'], ['recv', 'forward'], ['spec', 'forward'], ['lead', 'approve']])
      await transition(tokens[k], code, { action });
    const ret = await request(`/api/v1/dossiers/${encodeURIComponent(code)}/transitions`, {
      method: 'POST', headers: bearer(tokens.recv), body: toFormData({
        action: 'return', method: '2', result: filePart(minimalPdf(`${name} ${tag}`), name),
      }),
    });
    assert.equal(ret.status, 200, ret.text.slice(0, 300));
    return sqlValue(`SELECT r.sha256 FROM dossier_results r JOIN dossiers d ON d.id = r.dossier_id
      WHERE d.code = ${q(code)} AND r.filename = ${q(name)}`);
  };

  before(async () => {
    putEForm(SRC, SRC_FORM);
    putEForm(DST, DST_FORM);
    putEForm(DRAWN, { components: [{ type: 'textfield', key: 'purpose', label: 'Mục đích' }] });
    ward = randomWard();
    [ann, bob] = await Promise.all([newCitizen(), newCitizen()]);
    const [recv, spec, lead] = await Promise.all([
      newOfficer('receiver', ward), newOfficer('specialist', ward), newOfficer('leader', ward),
    ]);
    officers = { recv, spec, lead };
    for (const [k, acc] of Object.entries(officers)) tokens[k] = await newToken(acc.email);
    const [annT, bobT] = await Promise.all([newToken(ann.email), newToken(bob.email)]);
    src = {
      full_name: `Nguyễn Thị Giám Hộ ${tag}`,
      cccd: ann.idNumber,
      date_of_birth: '1990-05-17',
      home: { street: `12 Lê Lợi ${tag}`, ward: wardOf(ward) },
      members: [{ name: `Trần Bé An ${tag}`, born: '2015-03-02' }, { name: `Trần Bé Bình ${tag}`, born: '2017-08-09' }],
      purpose: 'Giám hộ cho hai cháu',
    };
    annCode = await fileSrc(annT, src);
    annDoc = await handleAndReturn(annCode, `giam-ho-${tag}.pdf`);
    // One whose ward's name is longer than the new form takes.
    const longCode = await fileSrc(annT, { ...src, members: [{ name: `Trần Bé ${'Tên Rất Dài '.repeat(6)}${tag}` }] });
    longDoc = await handleAndReturn(longCode, `giam-ho-dai-${tag}.pdf`);
    const bobCode = await fileSrc(bobT, { ...src, full_name: `Lê Văn Khác ${tag}`, cccd: bob.idNumber });
    bobDoc = await handleAndReturn(bobCode, `giam-ho-bob-${tag}.pdf`);
    // One more of Ann's, left open with its first step done.
    openCode = await fileSrc(annT, { ...src, purpose: 'Đang xử lý' });
    await transition(tokens.recv, openCode, { action: 'accept' });
    await transition(tokens.recv, openCode, { action: 'forward' });
    browser = await launchBrowser();
  });

  after(async () => { if (browser) await browser.close(); });

  for (const js of [true, false]) {
    test(`the result of a returned dossier fills the new form, typed answers kept until confirmed (JavaScript ${js ? 'on' : 'off'})`, async () => {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: js });
      try {
        const page = await ctx.newPage();
        const w = watch(page);
        await portalLogin(page, ann);
        await page.goto(`${BASE_URL}/dich-vu/nop-ho-so/${DST}`);
        // The account prefilled the name and ID number; the store offers the result.
        assert.equal(await page.locator('#f-ho_ten').inputValue(), ann.name);
        const option = page.locator('#tu_giay_to option', { hasText: `giam-ho-${tag}.pdf` });
        assert.equal(await option.count(), 1, 'the result issued is offered');
        assert.match(await option.innerText(), new RegExp(`Kết quả đã cấp.*${annCode}`), 'as a result, with its dossier');
        assert.equal(await page.locator('#tu_giay_to option', { hasText: `giam-ho-dai-${tag}.pdf` }).count(), 1);
        assert.equal(await page.locator('#tu_giay_to option', { hasText: `giam-ho-bob-${tag}` }).count(), 0,
          'not another citizen\'s');
        await page.locator('#agency').selectOption(ward);
        await page.locator('#f-reason').fill(`Cháu đã thành niên ${tag}`);
        await page.locator('#tu_giay_to').selectOption(annDoc);
        await submitAndWait(page, page.locator('#fill'));

        assert.match(await page.locator('#fill-done').innerText(),
          new RegExp(`Đã điền 3 câu trả lời từ giam-ho-${tag}\\.pdf \\(${annCode}\\)\\. 1 câu trả lời`),
          'date of birth, address and the members filled; the name typed differently kept');
        assert.equal(await page.locator('#f-ho_ten').inputValue(), ann.name, 'the name already there is not replaced');
        assert.equal(await page.locator('#f-so_dinh_danh').inputValue(), ann.idNumber);
        assert.equal(await page.locator('#f-ngay_sinh').inputValue(), '1990-05-17', 'by tag: a date of birth keyed ngay_sinh');
        assert.equal(await page.locator('#f-noi_cu_tru').inputValue(), src.home.street, 'by tag: the first address');
        assert.equal(await page.locator('#f-noi_cu_tru-ward').inputValue(), src.home.ward, 'with its ward');
        assert.equal(await page.locator('#f-members-0-name').inputValue(), src.members[0].name, 'by key: the rows');
        assert.equal(await page.locator('#f-members-0-born').inputValue(), src.members[0].born);
        assert.equal(await page.locator('#f-members-1-name').inputValue(), src.members[1].name);
        assert.equal(await page.locator('#f-reason').inputValue(), `Cháu đã thành niên ${tag}`, 'what was typed stays');
        assert.equal(await page.locator('#agency').inputValue(), ward);
        if (js) await page.locator('#fill-from').screenshot({ path: path.join(OUT, 'fill-from-documents.png') });

        // Confirmed: the name of the document replaces the typed one.
        await submitAndWait(page, page.locator('#fill-all'));
        assert.match(await page.locator('#fill-done').innerText(), /Đã điền 1 câu trả lời/);
        assert.equal(await page.locator('#fill-kept').count(), 0);
        assert.equal(await page.locator('#f-ho_ten').inputValue(), src.full_name);
        assert.equal(await page.locator('#f-members-1-born').inputValue(), src.members[1].born);

        // Checked and sent as any typed answers.
        await submitAndWait(page, page.locator('#continue'));
        assert.match(new URL(page.url()).pathname, /\/kiem-tra$/, `the check page, got ${page.url()}`);
        const check = await page.locator('#check-answers').innerText();
        for (const v of [src.full_name, src.home.street, src.members[1].name])
          assert.ok(check.includes(v), `the check page shows ${v}: ${check}`);
        assert.match(check, /17\/05\/1990|1990-05-17/, 'and the date of birth');
        await submitAndWait(page, page.locator('#submit-dossier'));
        const m = new URL(page.url()).pathname.match(/^\/dich-vu\/ho-so\/([^/]+)$/);
        assert.ok(m, `sent: the dossier's page, got ${page.url()}`);
        const got = JSON.parse(sqlValue(`SELECT a.answers FROM dossier_answers a JOIN dossiers d
          ON d.id = a.dossier_id WHERE d.code = ${q(decodeURIComponent(m[1]))}`));
        assert.deepEqual(got, {
          ho_ten: src.full_name, so_dinh_danh: ann.idNumber, ngay_sinh: '1990-05-17', noi_cu_tru: src.home,
          members: src.members, reason: `Cháu đã thành niên ${tag}`,
        }, 'the dossier holds the filled answers');
        assert.deepEqual(w.problems(), []);
      } finally { await ctx.close(); }
    });
  }

  test('a new form named with a document in the URL is filled from it; what it fills is checked as typed answers', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await ctx.newPage();
      await portalLogin(page, ann);
      await page.goto(`${BASE_URL}/dich-vu/nop-ho-so/${DST}?tu_giay_to=${longDoc}`);
      assert.match(await page.locator('#fill-done').innerText(), new RegExp(`giam-ho-dai-${tag}\\.pdf`));
      assert.equal(await page.locator('#f-ngay_sinh').inputValue(), '1990-05-17');
      const long = await page.locator('#f-members-0-name').inputValue();
      assert.ok(long.length > 60, `the row's name as in the document: ${long}`);
      await page.locator('#agency').selectOption(ward);
      await page.locator('#f-reason').fill('Lý do');
      const [resp] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator('#continue').click()]);
      assert.equal(resp.status(), 422, 'the new form\'s rule refuses the name filled in');
      assert.equal(await page.locator('#error-summary a[href="#f-members-0-name"]').count(), 1,
        `the summary names the row's field: ${await page.locator('#error-summary').innerText()}`);
      assert.equal(await page.locator('#f-members-0-name').inputValue(), long, 'kept as filled, to be corrected');
    } finally { await ctx.close(); }
  });

  test('another citizen\'s document is refused, chosen in the form or named in the URL', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await ctx.newPage();
      await portalLogin(page, ann);
      const drafts = sqlValue(`SELECT COUNT(*) FROM form_drafts WHERE account_id = ${ann.id}`);
      const byUrl = await page.goto(`${BASE_URL}/dich-vu/nop-ho-so/${DST}?tu_giay_to=${bobDoc}`);
      assert.equal(byUrl.status(), 404, 'named in the URL: not found');
      assert.ok(!(await page.content()).includes(`Lê Văn Khác ${tag}`));

      await page.goto(`${BASE_URL}/dich-vu/nop-ho-so/${DST}`);
      await page.locator('#f-reason').fill('Thử');
      // A forged choice: Bob's document's hash in Ann's form.
      await page.locator('#tu_giay_to option').nth(1).evaluate((o, v) => { o.value = v; }, bobDoc);
      await page.locator('#tu_giay_to').selectOption(bobDoc);
      const [resp] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator('#fill').click()]);
      assert.equal(resp.status(), 422);
      assert.match(await page.locator('#fill-error').innerText(), /không có trong kho giấy tờ/);
      assert.match(await page.locator('#error-summary').innerText(), /Điền từ giấy tờ của tôi/);
      assert.equal(await page.locator('#f-reason').inputValue(), 'Thử', 'what was typed is kept');
      assert.equal(await page.locator('#f-ngay_sinh').inputValue(), '', 'nothing of Bob\'s');
      assert.ok(!(await page.content()).includes(`Lê Văn Khác ${tag}`));
      assert.equal(sqlValue(`SELECT COUNT(*) FROM form_drafts WHERE account_id = ${ann.id}`), drafts, 'nothing saved');

      // Nothing chosen: asked to choose.
      await page.goto(`${BASE_URL}/dich-vu/nop-ho-so/${DST}`);
      const [none] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator('#fill').click()]);
      assert.equal(none.status(), 422);
      assert.match(await page.locator('#fill-error').innerText(), /hãy chọn một giấy tờ/);
    } finally { await ctx.close(); }
  });

  test('a dossier on the built-in workflow has its picture: its steps as a chain, for the citizen and the officer', async () => {
    assert.equal(sqlValue(`SELECT COUNT(*) FROM dossiers d LEFT JOIN workflows w ON w.id = d.workflow_id
      WHERE d.code = ${q(openCode)} AND w.bpmn IS NOT NULL`), '0', 'the dossier\'s workflow has no diagram');
    const seen = async (page, url, shot) => {
      const w = watch(page);
      await page.goto(`${BASE_URL}${url}`);
      const listed = await page.locator('ol.workflow li.wf-step').evaluateAll((li) => li.map((e) => [
        e.querySelector('.wf-name').textContent.trim(),
        ['done', 'current', 'todo'].find((s) => e.classList.contains(`wf-${s}`))]));
      assert.ok(listed.length >= 3, `the steps are listed: ${JSON.stringify(listed)}`);
      const svg = page.locator('#wf-picture svg.wf-chain');
      await svg.waitFor({ timeout: 30_000 });
      assert.equal(await svg.getAttribute('aria-hidden'), 'true');
      const drawn = await svg.locator('g.wf-task').evaluateAll((g) => g.map((e) => [
        Array.from(e.querySelectorAll('tspan')).map((t) => t.textContent).join(' ').replace(/…$/, ''),
        ['done', 'current', 'todo'].find((s) => e.classList.contains(`wf-${s}`)),
        Number(e.querySelector('rect').getAttribute('x'))]));
      assert.equal(drawn.length, listed.length, 'one box per step');
      drawn.forEach(([name, state, x], i) => {
        const flat = (t) => t.replace(/\s+/g, '');
        assert.ok(name.length > 0 && flat(listed[i][0]).startsWith(flat(name)), `box ${i + 1} named as step ${i + 1}: ${name} / ${listed[i][0]}`);
        assert.equal(state, listed[i][1], `box ${i + 1} in its step's state`);
        if (i > 0) assert.ok(x > drawn[i - 1][2], 'left to right');
      });
      assert.deepEqual(drawn.slice(0, 2).map(([, st]) => st), ['done', 'current'], 'the first step done, the second current');
      assert.ok(drawn.slice(2).every(([, st]) => st === 'todo'), 'the rest to come');
      const box = await svg.boundingBox();
      assert.ok(box && box.width > 300 && box.height > 40, `the picture is drawn: ${JSON.stringify(box)}`);
      await page.locator('#wf-picture').screenshot({ path: path.join(OUT, shot) });
      assert.deepEqual(w.problems(), []);
    };
    const citizen = await signIn(browser, ann.email, ann.password, 390);
    try {
      await seen(citizen, `/dich-vu/ho-so/${encodeURIComponent(openCode)}`, 'chain-picture-citizen.png');
      // The returned one: every step done.
      await citizen.goto(`${BASE_URL}/dich-vu/ho-so/${encodeURIComponent(annCode)}`);
      const states = await citizen.locator('#wf-picture svg.wf-chain g.wf-task').evaluateAll((g) => g.map((e) => e.getAttribute('class')));
      assert.ok(states.length >= 3 && states.every((c) => c === 'wf-task wf-done'), `all done: ${states}`);
    } finally { await citizen.context().close(); }
    const officer = await signIn(browser, officers.spec.email, officers.spec.password);
    try {
      await seen(officer, `/can-bo/ho-so/${encodeURIComponent(openCode)}`, 'chain-picture-office.png');
    } finally { await officer.context().close(); }
  });
  test('a drawn workflow\'s diagram while it is the dossier\'s steps; once they changed, the steps as a chain', async () => {
    const names = ['Tiếp nhận hồ sơ', `Thẩm định có sơ đồ ${tag}`, 'Phê duyệt kết quả', 'Trả kết quả'];
    const roles = ['receiver', 'specialist', 'leader', 'receiver'];
    sql(`INSERT INTO workflows (procedure_id, version, name, created_at, bpmn)
         SELECT p.id, (SELECT COALESCE(MAX(w.version), 0) + 1 FROM workflows w WHERE w.procedure_id = p.id),
                ${q(`Quy trình vẽ ${tag}`)}, NOW(), ${q(diagram(names))}
         FROM procedures p WHERE p.code = ${q(DRAWN)}`);
    const wf = sqlValue(`SELECT MAX(w.id) FROM workflows w JOIN procedures p ON p.id = w.procedure_id WHERE p.code = ${q(DRAWN)}`);
    sql(`INSERT INTO workflow_steps (workflow_id, seq, name, role, minutes) VALUES ${names.map((n, i) =>
      `(${wf}, ${i + 1}, ${q(n)}, '${roles[i]}', 120)`).join(', ')}`);
    const token = await newToken(ann.email);
    const a = await request('/api/v1/dossiers', {
      method: 'POST', headers: bearer(token),
      body: toFormData({ procedure: DRAWN, agency: ward, fields: JSON.stringify({ purpose: `Vẽ ${tag}` }) }),
    });
    assert.equal(a.status, 201, a.text.slice(0, 300));
    const code = a.json().code;
    await transition(tokens.recv, code, { action: 'accept' });
    assert.equal(sqlValue(`SELECT workflow_id FROM dossiers WHERE code = ${q(code)}`), wf, 'it follows the drawn workflow');
    const page = await signIn(browser, ann.email, ann.password);
    try {
      const url = `${BASE_URL}/dich-vu/ho-so/${encodeURIComponent(code)}`;
      const tasks = () => page.locator('#wf-picture g.wf-task').evaluateAll((g) => g.map((e) =>
        Array.from(e.querySelectorAll('tspan')).map((t) => t.textContent).join(' ')));
      await page.goto(url);
      await page.locator('#wf-picture svg.wf-svg').waitFor({ timeout: 30_000 });
      assert.equal(await page.locator('#wf-picture svg.wf-chain').count(), 0, 'the diagram, not a chain');
      assert.equal((await tasks()).length, 4);
      // Its steps changed (as routing may change them): the diagram is no longer theirs.
      sql(`UPDATE dossier_steps s JOIN dossiers d ON d.id = s.dossier_id SET s.name = ${q(`Thẩm định lại ${tag}`)}
           WHERE d.code = ${q(code)} AND s.seq = 2`);
      await page.goto(url);
      await page.locator('#wf-picture svg.wf-chain').waitFor({ timeout: 30_000 });
      const drawn = await tasks();
      assert.equal(drawn.length, 4);
      assert.match(drawn[1].replace(/\s+/g, ' '), new RegExp(`Thẩm định lại ${tag}`), `the changed step drawn: ${drawn}`);
      assert.match(await page.locator('ol.workflow li.wf-step').nth(1).innerText(), new RegExp(`Thẩm định lại ${tag}`));
    } finally { await page.context().close(); }
  });
});
