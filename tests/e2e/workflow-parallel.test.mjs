// Parallel consultation in workflows (issue 13), in Chromium: a city admin
// loads a diagram with a parallel gateway into the designer page (after
// receipt, the tax office's opinion and the land office's at once, joined
// before the leader's approval): the hours counted are the longest
// branch's, and it is saved as a new version with fork and join routes. A
// citizen files a dossier through the portal; the receiver accepts and
// forwards it through the dossier page: both offices' steps are open at
// once, each with its own due, listed (and drawn) as in progress on the
// citizen's tracking page. An officer of each office finds the dossier in
// the consultation list of their inbox and completes their own step on
// the dossier page (never the other office's), the tax office's step
// first given by its leader to its officer (shown on the page as its
// holder, the land office's held by nobody); the dossier waits for the
// second before the leader may forward it. Through the JSON API, a step
// that is not open answers 409 and a decision or step of the wrong shape
// 400.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { mkdirSync } from 'node:fs';

import {
  BASE_URL, TOP, launchBrowser, minimalPdf, newCitizen, newOfficer, newToken, putEForm,
  q, request, signIn, sqlValue, submitAndWait, uniq, watch,
} from './lib.mjs';

const OUT = path.join(TOP, 'tests', 'e2e', 'output');
mkdirSync(OUT, { recursive: true });

/** A procedure (Sở Tư pháp, 80 working hours) no other test files. */
const P = '1.001609';
const AGENCY = '000.00.01.H29';
const TAX = '000.00.02.H29';
const LAND = '000.00.04.H29';

const FORM = {
  components: [
    { type: 'textarea', key: 'content', label: 'Nội dung đề nghị', validate: { required: true, maxLength: 400 } },
  ],
  documents: [{ id: 'd1', name: 'Đơn đề nghị', originals: 1, copies: 0, required: true, types: ['pdf'] }],
};

const STEPS = ['Tiếp nhận hồ sơ', 'Lấy ý kiến cơ quan thuế', 'Lấy ý kiến cơ quan đất đai', 'Phê duyệt kết quả',
  'Trả kết quả'];

const task = (id, name, role, hours, agency) =>
  `<bpmn:userTask id="${id}" name="${name}" mc:role="${role}"${agency ? ` mc:agency="${agency}"` : ''} mc:hours="${hours}"/>`;
const shape = (id, x, y, w, h) =>
  `<bpmndi:BPMNShape id="${id}_di" bpmnElement="${id}"><dc:Bounds x="${x}" y="${y}" width="${w}" height="${h}"/></bpmndi:BPMNShape>`;
const edge = (id, pts) =>
  `<bpmndi:BPMNEdge id="${id}_di" bpmnElement="${id}">${pts.map(([x, y]) => `<di:waypoint x="${x}" y="${y}"/>`).join('')}</bpmndi:BPMNEdge>`;
const flow = (id, from, to) => `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}"/>`;

/** 8 + max(24, 16) + 32 + 16 = 80 hours. */
const DIAGRAM = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:mc="https://motcua.hochiminhcity.gov.vn/bpmn" id="Definitions_1" targetNamespace="http://bpmn.io/schema/bpmn">
<bpmn:process id="Process_1" isExecutable="false">
<bpmn:startEvent id="Start"/>
${task('T1', STEPS[0], 'receiver', '8')}
<bpmn:parallelGateway id="Split" name="Lấy ý kiến"/>
${task('Tax', STEPS[1], 'specialist', '24', TAX)}
${task('Land', STEPS[2], 'specialist', '16', LAND)}
<bpmn:parallelGateway id="Join"/>
${task('T4', STEPS[3], 'leader', '32')}
${task('T5', STEPS[4], 'receiver', '16')}
<bpmn:endEvent id="End" name="Trả kết quả"/>
${flow('f1', 'Start', 'T1')}${flow('f2', 'T1', 'Split')}${flow('f3', 'Split', 'Tax')}${flow('f4', 'Split', 'Land')}
${flow('f5', 'Tax', 'Join')}${flow('f6', 'Land', 'Join')}${flow('f7', 'Join', 'T4')}${flow('f8', 'T4', 'T5')}${flow('f9', 'T5', 'End')}
</bpmn:process>
<bpmndi:BPMNDiagram id="Diagram_1"><bpmndi:BPMNPlane id="Plane_1" bpmnElement="Process_1">
${shape('Start', 150, 182, 36, 36)}${shape('T1', 230, 160, 100, 80)}${shape('Split', 380, 175, 50, 50)}
${shape('Tax', 480, 60, 100, 80)}${shape('Land', 480, 260, 100, 80)}${shape('Join', 630, 175, 50, 50)}
${shape('T4', 730, 160, 100, 80)}${shape('T5', 900, 160, 100, 80)}${shape('End', 1050, 182, 36, 36)}
${edge('f1', [[186, 200], [230, 200]])}${edge('f2', [[330, 200], [380, 200]])}
${edge('f3', [[405, 175], [405, 100], [480, 100]])}${edge('f4', [[405, 225], [405, 300], [480, 300]])}
${edge('f5', [[580, 100], [655, 100], [655, 175]])}${edge('f6', [[580, 300], [655, 300], [655, 225]])}
${edge('f7', [[680, 200], [730, 200]])}${edge('f8', [[830, 200], [900, 200]])}${edge('f9', [[1000, 200], [1050, 200]])}
</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;

/** Files a dossier of P through the portal's pages; its code. */
async function fileThroughPage(page, content) {
  await page.goto(`${BASE_URL}/dich-vu/nop-ho-so/${P}`);
  const agencyName = sqlValue(`SELECT name FROM agencies WHERE code = ${q(AGENCY)}`);
  await page.locator('#agency_q').fill(agencyName);
  await page.locator('#agency').selectOption(AGENCY);
  await page.locator('#f-content').fill(content);
  await page.locator('#doc-d1').setInputFiles({ name: 'don.pdf', mimeType: 'application/pdf', buffer: minimalPdf(content) });
  await submitAndWait(page, page.locator('#continue'));
  const summary = page.locator('.error-summary');
  assert.match(new URL(page.url()).pathname, /\/kiem-tra$/,
    (await summary.count()) ? `refused: ${await summary.innerText()}` : `the check page, got ${page.url()}`);
  await submitAndWait(page, page.locator('#submit-dossier'));
  const m = new URL(page.url()).pathname.match(/^\/dich-vu\/ho-so\/([^/]+)$/);
  assert.ok(m, `filing leads to the dossier's page, got ${page.url()}`);
  return decodeURIComponent(m[1]);
}

const officeUrl = (code) => `${BASE_URL}/can-bo/ho-so/${encodeURIComponent(code)}`;

/** Takes a generic action on the dossier's office page; the page after. */
async function act(page, code, action) {
  await page.goto(officeUrl(code));
  const details = page.locator('section.actions details:not(.branch-step)',
    { has: page.locator(`input[name=action][value="${action}"]`) });
  assert.equal(await details.count(), 1, `the page offers ${action} on ${code}`);
  if (!(await details.evaluate((d) => d.open))) await details.locator('summary').click();
  await Promise.all([page.waitForURL(/\?ok=1$/, { timeout: 60_000 }),
    details.locator('form button[type=submit]').click()]);
}

/** The dossier page's steps: [name, state] in order. */
async function listed(page) {
  return page.locator('ol.workflow li.wf-step').evaluateAll((li) => li.map((e) => [
    e.querySelector('.wf-name').textContent.trim(),
    ['done', 'current', 'todo', 'skipped'].find((s) => e.classList.contains(`wf-${s}`))]));
}

/** From the inbox's consultation list to the dossier, then its own step done. */
async function answerFromInbox(page, code, stepName, otherName) {
  await page.goto(`${BASE_URL}/can-bo/`);
  const link = page.locator(`#consult a[href="/can-bo/ho-so/${encodeURIComponent(code)}"]`);
  await link.waitFor({ timeout: 30_000 });
  assert.match(await page.locator('#consult li', { has: page.locator(`a[href="/can-bo/ho-so/${encodeURIComponent(code)}"]`) }).innerText(),
    new RegExp(stepName));
  await Promise.all([page.waitForURL(/\/can-bo\/ho-so\//, { timeout: 60_000 }), link.click()]);
  const mine = page.locator('details.branch-step', { hasText: stepName });
  assert.equal(await mine.count(), 1, `the page offers ${stepName}`);
  assert.equal(await page.locator('details.branch-step', { hasText: otherName }).count(), 0,
    `not the other office's step (${otherName})`);
  assert.equal(await page.locator('section.actions details:not(.branch-step) input[name=action][value=forward]').count(), 0,
    'no forward of the whole dossier while the consultation is open');
  await mine.locator('textarea[name=note]').fill(`Ý kiến: ${stepName}`);
  await Promise.all([page.waitForURL(/\?ok=1$/, { timeout: 60_000 }), mine.locator('button[type=submit]').click()]);
}

let browser;
let admin;
let citizen;
let receiver;
let taxOfficer;
let landOfficer;
let leader;
let taxLeader;
const tag = uniq();

before(async () => {
  browser = await launchBrowser();
  admin = await newOfficer('admin', '000.00.00.H29', `Quản Trị Song Song ${tag}`);
  citizen = await newCitizen();
  receiver = await newOfficer('receiver', AGENCY);
  taxOfficer = await newOfficer('specialist', TAX);
  landOfficer = await newOfficer('specialist', LAND);
  leader = await newOfficer('leader', AGENCY);
  taxLeader = await newOfficer('leader', TAX);
  putEForm(P, FORM);
});
after(async () => { if (browser) await browser.close(); });

describe('a workflow with a parallel consultation', { concurrency: false }, () => {
  let code;
  let citizenPage;
  let receiverPage;
  let taxPage;
  let landPage;
  let leaderPage;

  before(async () => {
    citizenPage = await signIn(browser, citizen.email, citizen.password);
    receiverPage = await signIn(browser, receiver.email, receiver.password);
    taxPage = await signIn(browser, taxOfficer.email, taxOfficer.password);
    landPage = await signIn(browser, landOfficer.email, landOfficer.password);
    leaderPage = await signIn(browser, leader.email, leader.password);
  });
  after(async () => {
    for (const p of [citizenPage, receiverPage, taxPage, landPage, leaderPage]) if (p) await p.context().close();
  });

  test('the designer saves a parallel split and join', async () => {
    const page = await signIn(browser, admin.email, admin.password);
    const w = watch(page);
    await page.setViewportSize({ width: 1280, height: 1300 });
    try {
      await page.goto(`${BASE_URL}/can-bo/quan-tri/thu-tuc/${P}/quy-trinh`);
      await page.locator('#bpmn-editor[data-ready="1"]').waitFor({ timeout: 30_000 });
      await page.evaluate((xml) => window.workflowModeler.importXML(xml), DIAGRAM);
      await page.locator('#bpmn-editor [data-element-id="Join"]').first().waitFor({ timeout: 30_000 });
      // The longest branch counts: 8 + 24 + 32 + 16, not 8 + 16 + ...
      await page.locator('#hours-total', { hasText: /80 \/ 80/ }).waitFor({ timeout: 30_000 });
      // Publishing asks the password again (a new session), then saves.
      await page.locator('#save').click();
      await page.locator('#reauth-password').fill(admin.password, { timeout: 60_000 });
      await Promise.all([page.waitForURL(/quy-trinh\?ok=1$/, { timeout: 60_000 }),
        page.locator('#reauth button[type=submit]').click()]);
      const first = (await page.locator('#versions tbody tr').first().innerText()).replace(/\s+/g, ' ');
      assert.ok(first.includes('Đang áp dụng') && first.includes(STEPS[1]) && first.includes(STEPS[2]), first);
      assert.deepEqual(w.problems(), []);
    } finally { await page.context().close(); }
    const wf = `(SELECT w.id FROM workflows w JOIN procedures p ON p.id = w.procedure_id WHERE p.code = ${q(P)} ORDER BY w.version DESC LIMIT 1)`;
    assert.equal(sqlValue(`SELECT GROUP_CONCAT(CONCAT(from_seq, '>', to_seq, ':', kind) ORDER BY from_seq, ord SEPARATOR ' | ') ` +
      `FROM workflow_routes WHERE workflow_id = ${wf}`),
    '1>2:1 | 1>3:1 | 2>4:2 | 3>4:2 | 4>5:0', 'forks to both offices, joins at the approval');
  });

  test('forwarded after receipt, both offices have the dossier at once', async () => {
    code = await fileThroughPage(citizenPage, `Song song ${tag}`);
    await act(receiverPage, code, 'accept');
    const due = sqlValue(`SELECT due_at FROM dossiers WHERE code = ${q(code)}`);
    await act(receiverPage, code, 'forward');
    assert.deepEqual((await listed(receiverPage)).map(([, s]) => s), ['done', 'current', 'current', 'todo', 'todo']);
    // Each step its own due (24 and 16 working hours from now); the legal due stays.
    const dues = sqlValue(`SELECT GROUP_CONCAT(s.due_at ORDER BY s.seq) FROM dossier_steps s JOIN dossiers d ` +
      `ON d.id = s.dossier_id WHERE d.code = ${q(code)} AND s.seq IN (2, 3)`).split(',');
    assert.equal(dues.length, 2);
    assert.ok(dues[1] < dues[0], `the land office's 16 hours end before the tax office's 24: ${dues}`);
    assert.equal(sqlValue(`SELECT due_at FROM dossiers WHERE code = ${q(code)}`), due, 'the legal due unchanged');

    // The citizen's tracking page: both steps in progress, listed and drawn.
    const w = watch(citizenPage);
    await citizenPage.goto(`${BASE_URL}/dich-vu/ho-so/${encodeURIComponent(code)}`);
    const current = citizenPage.locator('ol.workflow li.wf-current');
    assert.equal(await current.count(), 2);
    assert.match(await current.nth(0).innerText(), new RegExp(`${STEPS[1]}[\\s\\S]*Sở Tài chính`));
    assert.match(await current.nth(1).innerText(), new RegExp(`${STEPS[2]}[\\s\\S]*Sở Nông nghiệp`));
    const svg = citizenPage.locator('#wf-picture svg.wf-svg');
    await svg.waitFor({ timeout: 30_000 });
    assert.equal(await svg.locator('g.wf-task.wf-current').count(), 2, 'both drawn in progress');
    assert.equal(await svg.locator('path.wf-parallel').count(), 2, 'the split and the join drawn as parallel gateways');
    await citizenPage.locator('#wf-picture').screenshot({ path: path.join(OUT, 'workflow-parallel-picture.png') });
    assert.deepEqual(w.problems(), []);
  });

  test('the tax office\'s leader gives its step to its officer; the page shows who holds it', async () => {
    const page = await signIn(browser, taxLeader.email, taxLeader.password);
    const w = watch(page);
    try {
      await page.goto(officeUrl(code));
      const forms = page.locator('details.branch-assign');
      await forms.first().waitFor({ timeout: 30_000 });
      assert.equal(await forms.count(), 1, 'only the tax office\'s step is its leader\'s to give');
      if (!(await forms.evaluate((d) => d.open))) await forms.locator('summary').click();
      assert.match(await forms.innerText(), new RegExp(`${STEPS[1]}[\\s\\S]*chưa giao cho ai`));
      await forms.locator('select[name=officer]').selectOption(String(taxOfficer.id));
      await Promise.all([page.waitForURL(/\?ok=1$/, { timeout: 60_000 }), forms.locator('button[type=submit]').click()]);
      const current = page.locator('ol.workflow li.wf-current');
      assert.equal(await current.count(), 2);
      assert.match(await current.nth(0).innerText(), new RegExp(`Người xử lý: ${taxOfficer.name}`));
      assert.doesNotMatch(await current.nth(1).innerText(), /Người xử lý/, 'the land office\'s step held by nobody');
      assert.deepEqual(w.problems(), []);
    } finally { await page.context().close(); }
    // The receiving agency's leader gives neither office's step.
    await leaderPage.goto(officeUrl(code));
    await leaderPage.locator('ol.workflow li.wf-current').first().waitFor({ timeout: 30_000 });
    assert.equal(await leaderPage.locator('details.branch-assign').count(), 0);
  });

  test('each office completes its own step from its inbox; the dossier waits for both', async () => {
    await answerFromInbox(landPage, code, STEPS[2], STEPS[1]);
    assert.deepEqual((await listed(landPage)).map(([, s]) => s), ['done', 'current', 'done', 'todo', 'todo']);
    assert.equal(sqlValue(`SELECT status FROM dossiers WHERE code = ${q(code)}`), '4');
    // The leader cannot move it on yet: the tax office has not answered.
    await leaderPage.goto(officeUrl(code));
    assert.equal(await leaderPage.locator('section.actions input[name=action][value=forward]').count(), 0,
      'no forward for the leader while a branch is open');
    // The land office's step is done: no longer offered there nor listed.
    await landPage.goto(`${BASE_URL}/can-bo/`);
    assert.equal(await landPage.locator(`#consult a[href="/can-bo/ho-so/${encodeURIComponent(code)}"]`).count(), 0);

    await answerFromInbox(taxPage, code, STEPS[1], STEPS[2]);
    assert.deepEqual((await listed(taxPage)).map(([, s]) => s), ['done', 'done', 'done', 'current', 'todo']);
    await act(leaderPage, code, 'forward');
    assert.deepEqual((await listed(leaderPage)).map(([, s]) => s), ['done', 'done', 'done', 'done', 'current']);
    assert.equal(sqlValue(`SELECT status FROM dossiers WHERE code = ${q(code)}`), '9', 'decided at the return step');
  });

  test('the JSON API: a step not open answers 409, a bad decision or step 400', async () => {
    const token = await newToken(leader.email);
    const post = (body) => request(`/api/v1/dossiers/${encodeURIComponent(code)}/transitions`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    let a = await post({ action: 'forward', step: 2 });
    assert.equal(a.status, 409, a.text.slice(0, 300));
    a = await post({ action: 'forward', step: 'two' });
    assert.equal(a.status, 400, a.text.slice(0, 300));
    a = await post({ action: 'forward', decision: 'x'.repeat(101) });
    assert.equal(a.status, 400, a.text.slice(0, 300));
    assert.equal(sqlValue(`SELECT status FROM dossiers WHERE code = ${q(code)}`), '9', 'nothing changed');
  });
});
