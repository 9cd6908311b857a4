// Nested and repeated parallel blocks in workflows (issue 13), in Chromium:
// a city admin loads into the designer page a diagram whose parallel block
// holds a parallel block inside a branch: it is refused with the problem
// named in Vietnamese. Then a diagram with two parallel blocks one after
// another, the first with an exclusive gateway on the land office's
// decision inside its branch (a survey, or only a map check): the hours
// of every path add up (40 / 40) and it is saved with its fork, choice
// and join routes. A dossier filed through the portal goes through it on
// the dossier pages: the land office chooses the survey in its own step's
// form while the tax office's step stays open; the map check is listed
// as not taken; both offices answer, the dossier joins, goes to the
// second consultation, joins again and reaches the leader's decision.
// The designer's palette, an element's pad and its change-type menu offer
// only what the engine runs (a parallel gateway dropped from the palette
// may become an exclusive one, nothing else).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import {
  BASE_URL, launchBrowser, minimalPdf, newCitizen, newOfficer, putEForm,
  q, signIn, sqlValue, submitAndWait, uniq, watch,
} from './lib.mjs';

/** A procedure (Sở Tư pháp, 40 working hours) no other test files. */
const P = '1.000627';
const AGENCY = '000.00.01.H29';
const TAX = '000.00.02.H29';
const LAND = '000.00.04.H29';

const FORM = {
  components: [
    { type: 'textarea', key: 'content', label: 'Nội dung đề nghị', validate: { required: true, maxLength: 400 } },
  ],
  documents: [{ id: 'd1', name: 'Đơn đề nghị', originals: 1, copies: 0, required: true, types: ['pdf'] }],
};

const S = {
  T1: 'Tiếp nhận hồ sơ', Tax: 'Ý kiến cơ quan thuế', Land: 'Ý kiến cơ quan đất đai', Survey: 'Đo đạc thửa đất',
  Map: 'Đối chiếu bản đồ', T4: 'Tổng hợp ý kiến', Sign1: 'Đất đai xác nhận', Sign2: 'Thuế xác nhận',
  T6: 'Phê duyệt kết quả', T7: 'Trả kết quả',
};

const task = (id, role, hours, agency) =>
  `<bpmn:userTask id="${id}" name="${S[id] || id}" mc:role="${role}"${agency ? ` mc:agency="${agency}"` : ''} mc:hours="${hours}"/>`;
const shape = (id, x, y, w, h) =>
  `<bpmndi:BPMNShape id="${id}_di" bpmnElement="${id}"><dc:Bounds x="${x}" y="${y}" width="${w}" height="${h}"/></bpmndi:BPMNShape>`;
const flow = (id, from, to, name, cond) => (cond
  ? `<bpmn:sequenceFlow id="${id}" name="${name}" sourceRef="${from}" targetRef="${to}"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${cond}</bpmn:conditionExpression></bpmn:sequenceFlow>`
  : `<bpmn:sequenceFlow id="${id}"${name ? ` name="${name}"` : ''} sourceRef="${from}" targetRef="${to}"/>`);

/** A diagram of nodes {id: [xml, x, y, w, h]} and flows [id, from, to, name, cond]; edges between centres. */
function diagram(nodes, flows) {
  const centre = (id) => { const [, x, y, w, h] = nodes[id]; return [x + w / 2, y + h / 2]; };
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:mc="https://motcua.hochiminhcity.gov.vn/bpmn" id="Definitions_1" targetNamespace="http://bpmn.io/schema/bpmn">
<bpmn:process id="Process_1" isExecutable="false">
${Object.values(nodes).map((n) => n[0]).join('\n')}
${flows.map((f) => flow(...f)).join('\n')}
</bpmn:process>
<bpmndi:BPMNDiagram id="Diagram_1"><bpmndi:BPMNPlane id="Plane_1" bpmnElement="Process_1">
${Object.entries(nodes).map(([id, [, x, y, w, h]]) => shape(id, x, y, w, h)).join('')}
${flows.map(([id, from, to]) => `<bpmndi:BPMNEdge id="${id}_di" bpmnElement="${id}"><di:waypoint x="${centre(from)[0]}" y="${centre(from)[1]}"/><di:waypoint x="${centre(to)[0]}" y="${centre(to)[1]}"/></bpmndi:BPMNEdge>`).join('')}
</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}

const gw = (kind, id, extra = '') => `<bpmn:${kind}Gateway id="${id}"${extra}/>`;

/** 2 + max(8, 4 + 4) + 2 + max(2, 2) + 24 + 2 = 40 hours, on either choice. */
const GOOD = diagram({
  Start: ['<bpmn:startEvent id="Start"/>', 100, 282, 36, 36],
  T1: [task('T1', 'receiver', '2'), 180, 260, 100, 80],
  Split: [gw('parallel', 'Split'), 320, 275, 50, 50],
  Tax: [task('Tax', 'specialist', '8', TAX), 420, 100, 100, 80],
  Land: [task('Land', 'specialist', '4', LAND), 420, 400, 100, 80],
  X: [gw('exclusive', 'X', ' name="Cần đo đạc?" default="fx2"'), 560, 415, 50, 50],
  Survey: [task('Survey', 'specialist', '4', LAND), 650, 330, 100, 80],
  Map: [task('Map', 'specialist', '4', LAND), 650, 480, 100, 80],
  Join: [gw('parallel', 'Join'), 800, 275, 50, 50],
  T4: [task('T4', 'specialist', '2'), 890, 260, 100, 80],
  Split2: [gw('parallel', 'Split2'), 1030, 275, 50, 50],
  Sign1: [task('Sign1', 'specialist', '2', LAND), 1120, 160, 100, 80],
  Sign2: [task('Sign2', 'specialist', '2', TAX), 1120, 360, 100, 80],
  Join2: [gw('parallel', 'Join2'), 1260, 275, 50, 50],
  T6: [task('T6', 'leader', '24'), 1350, 260, 100, 80],
  T7: [task('T7', 'receiver', '2'), 1490, 260, 100, 80],
  End: ['<bpmn:endEvent id="End" name="Trả kết quả"/>', 1630, 282, 36, 36],
}, [
  ['f1', 'Start', 'T1'], ['f2', 'T1', 'Split'], ['f3', 'Split', 'Tax'], ['f4', 'Split', 'Land'],
  ['f5', 'Land', 'X'], ['fx1', 'X', 'Survey', 'Cần đo đạc', 'decision == "survey"'], ['fx2', 'X', 'Map', 'Chỉ đối chiếu bản đồ'],
  ['f6', 'Tax', 'Join'], ['f7', 'Survey', 'Join'], ['f8', 'Map', 'Join'], ['f9', 'Join', 'T4'], ['f10', 'T4', 'Split2'],
  ['f11', 'Split2', 'Sign1'], ['f12', 'Split2', 'Sign2'], ['f13', 'Sign1', 'Join2'], ['f14', 'Sign2', 'Join2'],
  ['f15', 'Join2', 'T6'], ['f16', 'T6', 'T7'], ['f17', 'T7', 'End'],
]);

/** A parallel block inside the land office's branch: not run. */
const NESTED = diagram({
  Start: ['<bpmn:startEvent id="Start"/>', 100, 282, 36, 36],
  T1: [task('T1', 'receiver', '2'), 180, 260, 100, 80],
  Split: [gw('parallel', 'Split'), 320, 275, 50, 50],
  Tax: [task('Tax', 'specialist', '8', TAX), 420, 100, 100, 80],
  Land: [task('Land', 'specialist', '4', LAND), 420, 400, 100, 80],
  Inner: [gw('parallel', 'Inner', ' name="Tách trong nhánh"'), 560, 415, 50, 50],
  Survey: [task('Survey', 'specialist', '4', LAND), 650, 330, 100, 80],
  Map: [task('Map', 'specialist', '4', LAND), 650, 480, 100, 80],
  InnerJoin: [gw('parallel', 'InnerJoin'), 760, 415, 50, 50],
  Join: [gw('parallel', 'Join'), 860, 275, 50, 50],
  T6: [task('T6', 'leader', '28'), 950, 260, 100, 80],
  T7: [task('T7', 'receiver', '2'), 1090, 260, 100, 80],
  End: ['<bpmn:endEvent id="End" name="Trả kết quả"/>', 1230, 282, 36, 36],
}, [
  ['f1', 'Start', 'T1'], ['f2', 'T1', 'Split'], ['f3', 'Split', 'Tax'], ['f4', 'Split', 'Land'],
  ['f5', 'Land', 'Inner'], ['f6', 'Inner', 'Survey'], ['f7', 'Inner', 'Map'], ['f8', 'Survey', 'InnerJoin'],
  ['f9', 'Map', 'InnerJoin'], ['f10', 'InnerJoin', 'Join'], ['f11', 'Tax', 'Join'], ['f12', 'Join', 'T6'],
  ['f13', 'T6', 'T7'], ['f14', 'T7', 'End'],
]);

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

/** Takes a generic action on the dossier's office page. */
async function act(page, code, action) {
  await page.goto(officeUrl(code));
  const details = page.locator('section.actions details:not(.branch-step)',
    { has: page.locator(`input[name=action][value="${action}"]`) });
  assert.equal(await details.count(), 1, `the page offers ${action} on ${code}`);
  if (!(await details.evaluate((d) => d.open))) await details.locator('summary').click();
  await Promise.all([page.waitForURL(/\?ok=1$/, { timeout: 60_000 }),
    details.locator('form button[type=submit]').click()]);
}

/** The dossier page's steps: "name:state" in order. */
async function listed(page) {
  return page.locator('ol.workflow li.wf-step').evaluateAll((li) => li.map((e) => `${
    e.querySelector('.wf-name').textContent.trim()}:${
    ['done', 'current', 'todo', 'skipped'].find((s) => e.classList.contains(`wf-${s}`))}`));
}

/** Does the office's own open step on the dossier page (choosing label if given). */
async function answer(page, code, stepName, choice) {
  await page.goto(officeUrl(code));
  const mine = page.locator('details.branch-step', { hasText: stepName });
  await mine.first().waitFor({ timeout: 30_000 });
  assert.equal(await mine.count(), 1, `the page offers ${stepName}`);
  const select = mine.locator('select[name=decision]');
  if (choice) await select.selectOption({ label: choice });
  else assert.equal(await select.count(), 0, `no choice at ${stepName}`);
  await mine.locator('textarea[name=note]').fill(`Ý kiến: ${stepName}`);
  await Promise.all([page.waitForURL(/\?ok=1$/, { timeout: 60_000 }), mine.locator('button[type=submit]').click()]);
}

let browser;
let admin;
let citizen;
let receiver;
let specialist;
let taxOfficer;
let landOfficer;
let leader;
const tag = uniq();

before(async () => {
  browser = await launchBrowser();
  admin = await newOfficer('admin', '000.00.00.H29', `Quản Trị Lồng Nhau ${tag}`);
  citizen = await newCitizen();
  receiver = await newOfficer('receiver', AGENCY);
  specialist = await newOfficer('specialist', AGENCY);
  taxOfficer = await newOfficer('specialist', TAX);
  landOfficer = await newOfficer('specialist', LAND);
  leader = await newOfficer('leader', AGENCY);
  putEForm(P, FORM);
});
after(async () => { if (browser) await browser.close(); });

describe('a workflow with two parallel blocks and a choice inside a branch', { concurrency: false }, () => {
  test('the designer refuses a block inside a branch and saves blocks in a row', async () => {
    const page = await signIn(browser, admin.email, admin.password);
    const w = watch(page);
    await page.setViewportSize({ width: 1280, height: 1300 });
    try {
      await page.goto(`${BASE_URL}/can-bo/quan-tri/thu-tuc/${P}/quy-trinh`);
      await page.locator('#bpmn-editor[data-ready="1"]').waitFor({ timeout: 30_000 });
      await page.evaluate((xml) => window.workflowModeler.importXML(xml), NESTED);
      await page.locator('#bpmn-editor [data-element-id="Inner"]').first().waitFor({ timeout: 30_000 });
      await submitAndWait(page, page.locator('#save'));
      const summary = page.locator('#error-summary');
      await summary.waitFor({ timeout: 30_000 });
      assert.match(await summary.innerText(),
        /Hệ thống không chạy khối song song lồng trong một nhánh song song[^\n]*: Tách trong nhánh/);
      assert.equal(await summary.locator('li').count(), 1, await summary.innerText());
      w.clear(); // the 422 answer is the point

      await page.locator('#bpmn-editor[data-ready="1"]').waitFor({ timeout: 30_000 });
      await page.evaluate((xml) => window.workflowModeler.importXML(xml), GOOD);
      await page.locator('#bpmn-editor [data-element-id="Join2"]').first().waitFor({ timeout: 30_000 });
      await page.locator('#hours-total', { hasText: /40 \/ 40/ }).waitFor({ timeout: 30_000 });
      await page.locator('#save').click();
      await page.locator('#reauth-password').fill(admin.password, { timeout: 60_000 });
      await Promise.all([page.waitForURL(/quy-trinh\?ok=1$/, { timeout: 60_000 }),
        page.locator('#reauth button[type=submit]').click()]);
      const first = (await page.locator('#versions tbody tr').first().innerText()).replace(/\s+/g, ' ');
      assert.ok(first.includes('Đang áp dụng') && first.includes(S.Survey) && first.includes(S.Sign2), first);
      assert.deepEqual(w.problems(), []);
    } finally { await page.context().close(); }
    const wf = `(SELECT w.id FROM workflows w JOIN procedures p ON p.id = w.procedure_id WHERE p.code = ${q(P)} ORDER BY w.version DESC LIMIT 1)`;
    assert.equal(sqlValue(`SELECT GROUP_CONCAT(CONCAT(from_seq, '>', to_seq, ':', kind) ORDER BY from_seq, ord SEPARATOR ' | ') ` +
      `FROM workflow_routes WHERE workflow_id = ${wf}`),
    '1>2:1 | 1>3:1 | 2>6:2 | 3>4:0 | 3>5:0 | 4>6:2 | 5>6:2 | 6>7:1 | 6>8:1 | 7>9:2 | 8>9:2 | 9>10:0',
    'two forks, the choice inside the land branch, two joins');
  });

  test('the palette, the pads and the change-type menu offer only what the engine runs', async () => {
    const page = await signIn(browser, admin.email, admin.password);
    const w = watch(page);
    await page.setViewportSize({ width: 1280, height: 1300 });
    try {
      await page.goto(`${BASE_URL}/can-bo/quan-tri/thu-tuc/${P}/quy-trinh`);
      await page.locator('#bpmn-editor[data-ready="1"]').waitFor({ timeout: 30_000 });
      const palette = page.locator('.djs-palette .entry[data-action]');
      await palette.first().waitFor({ timeout: 30_000 });
      assert.deepEqual((await palette.evaluateAll((es) => es.map((e) => e.getAttribute('data-action')))).sort(), [
        'create.end-event', 'create.exclusive-gateway', 'create.parallel-gateway', 'create.start-event', 'create.task',
        'global-connect-tool', 'hand-tool', 'lasso-tool', 'space-tool']);
      // The parallel gateway from the palette, dropped on the canvas.
      const count = () => page.evaluate(() => window.workflowModeler.get('elementRegistry')
        .filter((e) => e.type === 'bpmn:ParallelGateway').length);
      const before = await count();
      await page.locator('.djs-palette [data-action="create.parallel-gateway"]').click();
      const box = await page.locator('#bpmn-editor').boundingBox();
      await page.mouse.move(box.x + box.width - 150, box.y + box.height - 120);
      await page.mouse.click(box.x + box.width - 150, box.y + box.height - 120);
      await page.waitForFunction((n) => window.workflowModeler.get('elementRegistry')
        .filter((e) => e.type === 'bpmn:ParallelGateway').length === n + 1, before, { timeout: 30_000 });
      // Its pad and its change-type menu: nothing the engine does not run.
      const pad = page.locator('.djs-context-pad .entry[data-action]');
      await pad.first().waitFor({ timeout: 30_000 });
      const actions = await pad.evaluateAll((es) => es.map((e) => e.getAttribute('data-action')));
      assert.ok(actions.includes('append.append-task') && actions.includes('replace'), actions.join());
      assert.ok(!actions.some((a) => /intermediate|subprocess|data-/.test(a)), actions.join());
      await page.locator('.djs-context-pad .entry[data-action="replace"]').click();
      const menu = page.locator('.djs-popup [data-id]');
      await menu.first().waitFor({ timeout: 30_000 });
      assert.deepEqual(await menu.evaluateAll((es) => es.map((e) => e.getAttribute('data-id'))),
        ['replace-with-exclusive-gateway']);
      assert.deepEqual(w.problems(), []);
    } finally { await page.context().close(); }
  });

  test('a dossier: the land office chooses in its branch, both blocks join in turn', async () => {
    const pages = {};
    for (const [k, u] of Object.entries({ citizen, receiver, specialist, taxOfficer, landOfficer, leader })) {
      pages[k] = await signIn(browser, u.email, u.password);
    }
    try {
      const code = await fileThroughPage(pages.citizen, `Lồng nhau ${tag}`);
      await act(pages.receiver, code, 'accept');
      await act(pages.receiver, code, 'forward');
      // The land office's step offers the choice; the tax office's none.
      const w = watch(pages.landOfficer);
      await answer(pages.landOfficer, code, S.Land, 'Cần đo đạc');
      assert.deepEqual(await listed(pages.landOfficer), [`${S.T1}:done`, `${S.Tax}:current`, `${S.Land}:done`,
        `${S.Survey}:current`, `${S.Map}:skipped`, `${S.T4}:todo`, `${S.Sign1}:todo`, `${S.Sign2}:todo`,
        `${S.T6}:todo`, `${S.T7}:todo`]);
      await answer(pages.taxOfficer, code, S.Tax);
      await answer(pages.landOfficer, code, S.Survey);
      assert.equal(sqlValue(`SELECT current_step FROM dossiers WHERE code = ${q(code)}`), '6', 'joined at the summary');
      await act(pages.specialist, code, 'forward');
      assert.deepEqual((await listed(pages.specialist)).slice(5, 8), [`${S.T4}:done`, `${S.Sign1}:current`,
        `${S.Sign2}:current`]);
      await answer(pages.landOfficer, code, S.Sign1);
      await answer(pages.taxOfficer, code, S.Sign2);
      await act(pages.leader, code, 'forward');
      assert.deepEqual(await listed(pages.leader), [`${S.T1}:done`, `${S.Tax}:done`, `${S.Land}:done`,
        `${S.Survey}:done`, `${S.Map}:skipped`, `${S.T4}:done`, `${S.Sign1}:done`, `${S.Sign2}:done`,
        `${S.T6}:done`, `${S.T7}:current`]);
      assert.equal(sqlValue(`SELECT status FROM dossiers WHERE code = ${q(code)}`), '9', 'decided at the return step');
      assert.deepEqual(w.problems(), []);
    } finally {
      for (const p of Object.values(pages)) await p.context().close();
    }
  });
});
