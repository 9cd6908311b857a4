// Exclusive gateways in workflows (issue 13), in Chromium: a city admin
// loads a diagram with two exclusive gateways into the designer page (one
// on the form's field applicant_type, one on the officer's decision after
// the review), writes the conditions and marks the default arrows in the
// page's panel; saved without a default on the decision's gateway it is
// refused (422) naming the gateway; then saved as a new version. A
// citizen files two dossiers through the portal, one for an organisation
// and one for a person; officers accept and forward them through the
// dossier page, choosing the decision in the action form: each takes its
// own branch, the other branch's steps listed and drawn as not taken, the
// arrows taken drawn as taken. A dossier accepted before the new version
// keeps its own steps, in sequence.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { mkdirSync } from 'node:fs';

import {
  BASE_URL, TOP, csrfOf, launchBrowser, loggedIn, minimalPdf, newCitizen, newOfficer, putEForm,
  q, signIn, sqlValue, submitAndWait, uniq, watch,
} from './lib.mjs';

const OUT = path.join(TOP, 'tests', 'e2e', 'output');
mkdirSync(OUT, { recursive: true });

/** A procedure (Sở Tư pháp, 24 working hours) no other test files. */
const P = '1.002198';
const AGENCY = '000.00.01.H29';

const FORM = {
  components: [
    { type: 'radio', key: 'applicant_type', label: 'Người nộp là', validate: { required: true },
      values: [{ label: 'Cá nhân', value: 'person' }, { label: 'Tổ chức', value: 'organisation' }] },
    { type: 'textarea', key: 'content', label: 'Nội dung đề nghị', validate: { required: true, maxLength: 400 } },
  ],
  documents: [{ id: 'd1', name: 'Đơn đề nghị', originals: 1, copies: 0, required: true, types: ['pdf'] }],
};

const STEPS = ['Tiếp nhận hồ sơ', 'Thẩm định hồ sơ tổ chức', 'Thẩm định hồ sơ cá nhân', 'Phê duyệt cấp phép',
  'Ký văn bản từ chối', 'Trả kết quả'];

const task = (id, name, role, hours) =>
  `<bpmn:userTask id="${id}" name="${name}" mc:role="${role}" mc:hours="${hours}"/>`;
const shape = (id, x, y, w, h) =>
  `<bpmndi:BPMNShape id="${id}_di" bpmnElement="${id}"><dc:Bounds x="${x}" y="${y}" width="${w}" height="${h}"/></bpmndi:BPMNShape>`;
const edge = (id, pts) =>
  `<bpmndi:BPMNEdge id="${id}_di" bpmnElement="${id}">${pts.map(([x, y]) => `<di:waypoint x="${x}" y="${y}"/>`).join('')}</bpmndi:BPMNEdge>`;
const flow = (id, from, to, name) => `<bpmn:sequenceFlow id="${id}"${name ? ` name="${name}"` : ''} sourceRef="${from}" targetRef="${to}"/>`;

/** The diagram as drawn elsewhere and loaded into the designer: no condition, no default yet. */
const DIAGRAM = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:mc="https://motcua.hochiminhcity.gov.vn/bpmn" id="Definitions_1" targetNamespace="http://bpmn.io/schema/bpmn">
<bpmn:process id="Process_1" isExecutable="false">
<bpmn:startEvent id="Start"/>
${task('T1', STEPS[0], 'receiver', '2')}
<bpmn:exclusiveGateway id="Gf" name="Người nộp?"/>
${task('T2o', STEPS[1], 'specialist', '14')}
${task('T2c', STEPS[2], 'specialist', '14')}
<bpmn:exclusiveGateway id="Gd" name="Đủ điều kiện?"/>
${task('T3', STEPS[3], 'leader', '4')}
${task('T4', STEPS[4], 'leader', '4')}
${task('T5', STEPS[5], 'receiver', '4')}
<bpmn:endEvent id="End" name="Trả kết quả"/>
${flow('f1', 'Start', 'T1')}${flow('f2', 'T1', 'Gf')}${flow('f3', 'Gf', 'T2o', 'Tổ chức')}${flow('f4', 'Gf', 'T2c', 'Cá nhân')}
${flow('f5', 'T2o', 'Gd')}${flow('f6', 'T2c', 'Gd')}${flow('f7', 'Gd', 'T3', 'Đồng ý')}${flow('f8', 'Gd', 'T4', 'Không đồng ý')}
${flow('f9', 'T3', 'T5')}${flow('f10', 'T4', 'T5')}${flow('f11', 'T5', 'End')}
</bpmn:process>
<bpmndi:BPMNDiagram id="Diagram_1"><bpmndi:BPMNPlane id="Plane_1" bpmnElement="Process_1">
${shape('Start', 150, 182, 36, 36)}${shape('T1', 230, 160, 100, 80)}${shape('Gf', 380, 175, 50, 50)}
${shape('T2o', 480, 60, 100, 80)}${shape('T2c', 480, 260, 100, 80)}${shape('Gd', 630, 175, 50, 50)}
${shape('T3', 730, 160, 100, 80)}${shape('T4', 730, 300, 100, 80)}${shape('T5', 900, 160, 100, 80)}
${shape('End', 1050, 182, 36, 36)}
${edge('f1', [[186, 200], [230, 200]])}${edge('f2', [[330, 200], [380, 200]])}
${edge('f3', [[405, 175], [405, 100], [480, 100]])}${edge('f4', [[405, 225], [405, 300], [480, 300]])}
${edge('f5', [[580, 100], [655, 100], [655, 175]])}${edge('f6', [[580, 300], [605, 300], [605, 200], [630, 200]])}
${edge('f7', [[680, 200], [730, 200]])}${edge('f8', [[655, 225], [655, 340], [730, 340]])}
${edge('f9', [[830, 200], [900, 200]])}${edge('f10', [[830, 340], [950, 340], [950, 240]])}
${edge('f11', [[1000, 200], [1050, 200]])}
</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;

/**
 * Selects a diagram element by clicking it; waits for the panel to show it.
 * A click that lands beside a thin arrow (or on an overlay) selects it as
 * a click does (the modeler's selection) after Escape; the panel must
 * still follow.
 */
async function pick(page, id) {
  await page.locator('#bpmn-editor').evaluate((e) => e.scrollIntoView({ block: 'start' }));
  const box = await page.locator(`#bpmn-editor [data-element-id="${id}"]`).first().boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  const shown = page.locator('#t-id', { hasText: `(${id})` });
  try {
    await shown.waitFor({ timeout: 3_000 });
  } catch {
    await page.keyboard.press('Escape');
    await page.evaluate((i) => {
      const m = window.workflowModeler;
      m.get('selection').select(m.get('elementRegistry').get(i));
    }, id);
    await shown.waitFor({ timeout: 30_000 });
  }
}

async function condition(page, id, text) {
  await pick(page, id);
  await page.locator('#f-cond').fill(text);
  await page.locator('#f-cond').press('Tab');
  await page.waitForFunction(([i, t]) => {
    const bo = window.workflowModeler.get('elementRegistry').get(i).businessObject;
    return bo.conditionExpression && bo.conditionExpression.body === t;
  }, [id, text], { timeout: 30_000 });
}

async function makeDefault(page, id) {
  await pick(page, id);
  await page.locator('#f-default').check();
  await page.waitForFunction((i) => {
    const bo = window.workflowModeler.get('elementRegistry').get(i).businessObject;
    return bo.sourceRef.default === bo;
  }, id, { timeout: 30_000 });
}

/** Files a dossier of P through the portal's pages; its code. */
async function fileThroughPage(page, type, content) {
  await page.goto(`${BASE_URL}/dich-vu/nop-ho-so/${P}`);
  const agencyName = sqlValue(`SELECT name FROM agencies WHERE code = ${q(AGENCY)}`);
  await page.locator('#agency_q').fill(agencyName);
  await page.locator('#agency').selectOption(AGENCY);
  await page.locator(`#f-applicant_type-${type === 'organisation' ? 1 : 0}`).check();
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

/** Takes the action on the dossier's office page (the decision chosen when asked); the page after. */
async function act(page, code, action, decision) {
  await page.goto(`${BASE_URL}/can-bo/ho-so/${encodeURIComponent(code)}`);
  const details = page.locator('section.actions details', { has: page.locator(`input[name=action][value="${action}"]`) });
  assert.equal(await details.count(), 1, `the page offers ${action} on ${code}`);
  if (!(await details.evaluate((d) => d.open))) await details.locator('summary').click();
  const form = details.locator('form');
  const select = form.locator('select[name=decision]');
  if (decision === undefined) {
    assert.equal(await select.count(), 0, `no decision asked for at this step of ${code}`);
  } else {
    await select.selectOption({ label: decision });
  }
  await Promise.all([page.waitForURL(/\?ok=1$/, { timeout: 60_000 }), form.locator('button[type=submit]').click()]);
  return page;
}

/** The dossier page's steps: [name, state] in order. */
async function listed(page) {
  return page.locator('ol.workflow li.wf-step').evaluateAll((li) => li.map((e) => [
    e.querySelector('.wf-name').textContent.trim(),
    ['done', 'current', 'todo', 'skipped'].find((s) => e.classList.contains(`wf-${s}`))]));
}

/** The drawn tasks' states, by name. */
async function drawn(page) {
  const svg = page.locator('#wf-picture svg.wf-svg');
  await svg.waitFor({ timeout: 30_000 });
  return Object.fromEntries(await svg.locator('g.wf-task').evaluateAll((g) => g.map((e) => [
    Array.from(e.querySelectorAll('tspan')).map((t) => t.textContent).join(' ').replace(/…$/, ''),
    ['done', 'current', 'todo', 'skipped'].find((s) => e.classList.contains(`wf-${s}`))])));
}

let browser;
let admin;
let citizen;
let receiver;
let specialist;
let leader;
const tag = uniq();

before(async () => {
  browser = await launchBrowser();
  admin = await newOfficer('admin', '000.00.00.H29', `Quản Trị Nhánh ${tag}`);
  citizen = await newCitizen();
  receiver = await newOfficer('receiver', AGENCY);
  specialist = await newOfficer('specialist', AGENCY);
  leader = await newOfficer('leader', AGENCY);
  putEForm(P, FORM);
});
after(async () => { if (browser) await browser.close(); });

describe('a workflow with exclusive gateways', { concurrency: false }, () => {
  let older;
  let org;
  let person;
  let citizenPage;
  let receiverPage;
  let specialistPage;
  let leaderPage;

  before(async () => {
    citizenPage = await signIn(browser, citizen.email, citizen.password);
    receiverPage = await signIn(browser, receiver.email, receiver.password);
    specialistPage = await signIn(browser, specialist.email, specialist.password);
    leaderPage = await signIn(browser, leader.email, leader.password);
  });
  after(async () => {
    for (const p of [citizenPage, receiverPage, specialistPage, leaderPage]) if (p) await p.context().close();
  });

  test('a dossier accepted under a version in sequence', async () => {
    // Four steps from the table (each run starts from them).
    const v = await loggedIn(admin.email, admin.password);
    const table = await v.get(`/can-bo/quan-tri/quy-trinh?procedure=${P}`);
    assert.equal(table.status, 200);
    const saved = await v.postForm('/can-bo/quan-tri/quy-trinh', {
      csrf: csrfOf(table.text.slice(table.text.indexOf('method="post"'))), procedure: P,
      name0: 'Tiếp nhận', role0: 'receiver', agency0: '', hours0: '2',
      name1: 'Thẩm định', role1: 'specialist', agency1: '', hours1: '14',
      name2: 'Phê duyệt', role2: 'leader', agency2: '', hours2: '4',
      name3: 'Trả kết quả', role3: 'receiver', agency3: '', hours3: '4',
      reauth: admin.password, // publishing asks the password again
    });
    assert.equal(saved.status, 303, saved.text.slice(0, 300));
    older = await fileThroughPage(citizenPage, 'organisation', `Hồ sơ cũ ${tag}`);
    await act(receiverPage, older, 'accept');
    assert.deepEqual((await listed(receiverPage)).map(([, s]) => s), ['current', 'todo', 'todo', 'todo']);
  });

  test('the designer: conditions and defaults set in the panel; a gateway without a default refused', async () => {
    const page = await signIn(browser, admin.email, admin.password);
    const w = watch(page);
    await page.setViewportSize({ width: 1280, height: 1300 });
    try {
      await page.goto(`${BASE_URL}/can-bo/quan-tri/thu-tuc/${P}/quy-trinh`);
      await page.locator('#bpmn-editor[data-ready="1"]').waitFor({ timeout: 30_000 });
      await page.evaluate((xml) => window.workflowModeler.importXML(xml), DIAGRAM);
      await page.locator('#bpmn-editor [data-element-id="Gd"]').first().waitFor({ timeout: 30_000 });
      // A task is a task; an arrow out of a gateway has a condition instead.
      await pick(page, 'T1');
      assert.ok(await page.locator('#f-fields').isHidden() && await page.locator('#t-fields').isVisible());
      await condition(page, 'f3', 'fields.applicant_type == "organisation"');
      assert.ok(await page.locator('#t-fields').isHidden(), 'no task fields for an arrow');
      assert.match(await page.locator('#t-title').innerText(), /Mũi tên đang chọn/);
      await makeDefault(page, 'f4');
      // Every path takes 24 hours: 2 + 14 + 4 + 4.
      assert.match(await page.locator('#hours-total').innerText(), /24 \/ 24/);

      // Two arrows without a condition out of "Đủ điều kiện?": refused.
      await submitAndWait(page, page.locator('#save'));
      const summary = page.locator('#error-summary');
      assert.match(await summary.innerText(), /mũi tên mặc định.*: Đủ điều kiện\?/);
      assert.equal(await summary.locator('li').count(), 1, await summary.innerText());
      w.clear(); // the 422 answer is the point
      await page.locator('#bpmn-editor[data-ready="1"]').waitFor({ timeout: 30_000 });
      assert.equal(await page.evaluate(() => window.workflowModeler.get('elementRegistry').get('f3')
        .businessObject.conditionExpression.body), 'fields.applicant_type == "organisation"', 'the diagram as posted');
      await condition(page, 'f7', 'decision == "approve"');
      await makeDefault(page, 'f8');
      assert.ok(await page.locator('#f-cond').isDisabled(), 'a default arrow has no condition');
      // Publishing asks the password again (a new session), then saves.
      await page.locator('#save').click();
      await page.locator('#reauth-password').fill(admin.password, { timeout: 60_000 });
      await Promise.all([page.waitForURL(/quy-trinh\?ok=1$/, { timeout: 60_000 }),
        page.locator('#reauth button[type=submit]').click()]);
      const first = (await page.locator('#versions tbody tr').first().innerText()).replace(/\s+/g, ' ');
      assert.ok(first.includes('Đang áp dụng') && first.includes('Thẩm định hồ sơ tổ chức'), first);
      await page.screenshot({ path: path.join(OUT, 'workflow-branches-designer.png'), fullPage: true });
      assert.deepEqual(w.problems(), []);
    } finally { await page.context().close(); }
    const wf = `(SELECT w.id FROM workflows w JOIN procedures p ON p.id = w.procedure_id WHERE p.code = ${q(P)} ORDER BY w.version DESC LIMIT 1)`;
    assert.equal(sqlValue(`SELECT GROUP_CONCAT(CONCAT(from_seq, '>', to_seq, ':', COALESCE(cond, '*')) ORDER BY from_seq, ord SEPARATOR ' | ') ` +
      `FROM workflow_routes WHERE workflow_id = ${wf}`),
    '1>2:fields.applicant_type == "organisation" | 1>3:* | 2>4:decision == "approve" | 2>5:* | ' +
      '3>4:decision == "approve" | 3>5:* | 4>6:* | 5>6:*', 'the routes saved with the version');
  });

  test('two dossiers take the branches of their answers and of the officer\'s decision', async () => {
    org = await fileThroughPage(citizenPage, 'organisation', `Tổ chức ${tag}`);
    person = await fileThroughPage(citizenPage, 'person', `Cá nhân ${tag}`);
    for (const code of [org, person]) {
      await act(receiverPage, code, 'accept');
      await act(receiverPage, code, 'forward'); // the field decides: nothing to choose
    }
    const states = async (page, code) => {
      await page.goto(`${BASE_URL}/can-bo/ho-so/${encodeURIComponent(code)}`);
      return (await listed(page)).map(([, s]) => s);
    };
    assert.deepEqual(await states(specialistPage, org), ['done', 'current', 'skipped', 'todo', 'todo', 'todo']);
    assert.deepEqual(await states(specialistPage, person), ['done', 'skipped', 'current', 'todo', 'todo', 'todo']);
    // The specialist's inbox holds both (searched by code: other suites
    // fill the agency's first page).
    for (const code of [org, person]) {
      await specialistPage.goto(`${BASE_URL}/can-bo/?q=${encodeURIComponent(code)}`);
      assert.equal(await specialistPage.locator(`a[href="/can-bo/ho-so/${encodeURIComponent(code)}"]`).count() > 0, true,
        `${code} in the specialist's inbox`);
    }
    // The decision is asked for: approve for one, the default for the other.
    await act(specialistPage, org, 'forward', 'Đồng ý');
    await act(specialistPage, person, 'forward', 'Không đồng ý');
    // The approval's branch: the refusal's step is not taken.
    assert.deepEqual(await states(leaderPage, org), ['done', 'done', 'skipped', 'current', 'skipped', 'todo']);
    assert.deepEqual(await states(leaderPage, person), ['done', 'skipped', 'done', 'skipped', 'current', 'todo']);
    await act(leaderPage, org, 'forward');
    assert.deepEqual(await states(leaderPage, org), ['done', 'done', 'skipped', 'done', 'skipped', 'current']);
    assert.equal(sqlValue(`SELECT status FROM dossiers WHERE code = ${q(org)}`), '9', 'decided at the return step');
  });

  test('the process picture draws the branch taken and the one not taken', async () => {
    const w = watch(citizenPage);
    await citizenPage.goto(`${BASE_URL}/dich-vu/ho-so/${encodeURIComponent(person)}`);
    assert.deepEqual(await drawn(citizenPage), {
      [STEPS[0]]: 'done', [STEPS[1]]: 'skipped', [STEPS[2]]: 'done', [STEPS[3]]: 'skipped',
      [STEPS[4]]: 'current', [STEPS[5]]: 'todo',
    });
    const svg = citizenPage.locator('#wf-picture svg.wf-svg');
    assert.equal(await svg.locator('polygon.wf-gateway').count(), 2, 'the gateways drawn');
    assert.equal(await svg.locator('polygon.wf-gateway.wf-taken').count(), 2, 'both passed');
    // Start → T1 → Gf → T2c → Gd → T4 taken; Gf → T2o and Gd → T3 not.
    assert.equal(await svg.locator('polyline.wf-flow.wf-taken').count(), 5);
    assert.equal(await svg.locator('polyline.wf-flow.wf-not-taken').count(), 2);
    assert.match(await citizenPage.locator('ol.workflow li.wf-skipped').first().innerText(), /Không đi qua/);
    await citizenPage.locator('#wf-picture').screenshot({ path: path.join(OUT, 'workflow-branches-picture.png') });
    assert.deepEqual(w.problems(), []);
  });

  test('the dossier accepted before keeps its version: its steps in sequence', async () => {
    await act(receiverPage, older, 'forward');
    const steps = await listed(receiverPage);
    assert.deepEqual(steps.map(([, s]) => s), ['done', 'current', 'todo', 'todo']);
    ['Tiếp nhận', 'Thẩm định', 'Phê duyệt', 'Trả kết quả'].forEach((n, i) =>
      assert.ok(steps[i][0].includes(n), `step ${i + 1}: ${steps[i][0]}`));
  });
});
