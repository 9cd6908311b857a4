// A choice right after the start event (issue 13), in Chromium: a city
// admin loads into the designer page a diagram whose first element after
// the start is an exclusive gateway choosing the receiving step on the
// form's answer applicant_type. Its arrow on the officer's decision is
// refused on save, named in Vietnamese and in English (nobody has decided
// before the first step); the admin writes a condition on the field in
// the page's panel, marks the other arrow the default and saves: the
// routes from the start are saved as from_seq 0. A citizen files two
// dossiers through the portal, one for an organisation and one for a
// person; at acceptance each starts at its own receiving step, the other
// listed as not taken; the organisation's receiving step is held by the
// receiver who accepted. The person's dossier sent back from the
// examination returns to the person's receiving step (not the one not
// taken), where sending back is no longer offered.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import {
  BASE_URL, launchBrowser, minimalPdf, newCitizen, newOfficer, putEForm,
  q, signIn, sqlValue, submitAndWait, uniq, watch,
} from './lib.mjs';

/** A procedure (Sở Tư pháp, 40 working hours) no other test files. */
const P = '1.002384';
const AGENCY = '000.00.01.H29';

const FORM = {
  components: [
    { type: 'radio', key: 'applicant_type', label: 'Người nộp là', validate: { required: true },
      values: [{ label: 'Cá nhân', value: 'person' }, { label: 'Tổ chức', value: 'organisation' }] },
    { type: 'textarea', key: 'content', label: 'Nội dung đề nghị', validate: { required: true, maxLength: 400 } },
  ],
  documents: [{ id: 'd1', name: 'Đơn đề nghị', originals: 1, copies: 0, required: true, types: ['pdf'] }],
};

const S = {
  A: 'Tiếp nhận hồ sơ tổ chức', B: 'Tiếp nhận hồ sơ cá nhân', C: 'Thẩm định hồ sơ', D: 'Phê duyệt', R: 'Trả kết quả',
};

const task = (id, role, hours) => `<bpmn:userTask id="${id}" name="${S[id]}" mc:role="${role}" mc:hours="${hours}"/>`;
const flow = (id, from, to, name, cond) => (cond
  ? `<bpmn:sequenceFlow id="${id}" name="${name}" sourceRef="${from}" targetRef="${to}"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${cond}</bpmn:conditionExpression></bpmn:sequenceFlow>`
  : `<bpmn:sequenceFlow id="${id}"${name ? ` name="${name}"` : ''} sourceRef="${from}" targetRef="${to}"/>`);

/** 2 + 30 + 6 + 2 = 40 hours on either choice; the choice on the officer's decision (refused). */
function diagram() {
  const nodes = {
    Start: ['<bpmn:startEvent id="Start"/>', 100, 282, 36, 36],
    G0: ['<bpmn:exclusiveGateway id="G0" name="Người nộp?"/>', 190, 275, 50, 50],
    A: [task('A', 'receiver', '2'), 300, 140, 100, 80],
    B: [task('B', 'receiver', '2'), 300, 400, 100, 80],
    C: [task('C', 'specialist', '30'), 480, 260, 100, 80],
    D: [task('D', 'leader', '6'), 640, 260, 100, 80],
    R: [task('R', 'receiver', '2'), 800, 260, 100, 80],
    End: ['<bpmn:endEvent id="End" name="Trả kết quả"/>', 960, 282, 36, 36],
  };
  const flows = [
    ['f1', 'Start', 'G0'], ['f2', 'G0', 'A', 'Tổ chức', 'decision == "organisation"'], ['f3', 'G0', 'B', 'Cá nhân'],
    ['f4', 'A', 'C'], ['f5', 'B', 'C'], ['f6', 'C', 'D'], ['f7', 'D', 'R'], ['f8', 'R', 'End'],
  ];
  const centre = (id) => { const [, x, y, w, h] = nodes[id]; return [x + w / 2, y + h / 2]; };
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:mc="https://motcua.hochiminhcity.gov.vn/bpmn" id="Definitions_1" targetNamespace="http://bpmn.io/schema/bpmn">
<bpmn:process id="Process_1" isExecutable="false">
${Object.values(nodes).map((n) => n[0]).join('\n')}
${flows.map((f) => flow(...f)).join('\n')}
</bpmn:process>
<bpmndi:BPMNDiagram id="Diagram_1"><bpmndi:BPMNPlane id="Plane_1" bpmnElement="Process_1">
${Object.entries(nodes).map(([id, [, x, y, w, h]]) => `<bpmndi:BPMNShape id="${id}_di" bpmnElement="${id}"><dc:Bounds x="${x}" y="${y}" width="${w}" height="${h}"/></bpmndi:BPMNShape>`).join('')}
${flows.map(([id, from, to]) => `<bpmndi:BPMNEdge id="${id}_di" bpmnElement="${id}"><di:waypoint x="${centre(from)[0]}" y="${centre(from)[1]}"/><di:waypoint x="${centre(to)[0]}" y="${centre(to)[1]}"/></bpmndi:BPMNEdge>`).join('')}
</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}

/** Selects a diagram element (a click, else the modeler's selection); waits for the panel to show it. */
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

/** Loads the diagram into the designer page and saves it: the problems listed. */
async function refused(page, lang) {
  await page.goto(`${BASE_URL}/can-bo/quan-tri/thu-tuc/${P}/quy-trinh?lang=${lang}`);
  await page.locator('#bpmn-editor[data-ready="1"]').waitFor({ timeout: 30_000 });
  await page.evaluate((xml) => window.workflowModeler.importXML(xml), diagram());
  await page.locator('#bpmn-editor [data-element-id="G0"]').first().waitFor({ timeout: 30_000 });
  await page.locator('#hours-total', { hasText: /40 \/ 40/ }).waitFor({ timeout: 30_000 });
  await submitAndWait(page, page.locator('#save'));
  const summary = page.locator('#error-summary');
  await summary.waitFor({ timeout: 30_000 });
  assert.equal(await summary.locator('li').count(), 1, await summary.innerText());
  return summary.innerText();
}

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

const officeUrl = (code) => `${BASE_URL}/can-bo/ho-so/${encodeURIComponent(code)}`;
const offered = (page, action) => page.locator('section.actions details',
  { has: page.locator(`input[name=action][value="${action}"]`) });

/** Takes the action on the dossier's office page (with the note given). */
async function act(page, code, action, note) {
  await page.goto(officeUrl(code));
  const details = offered(page, action);
  assert.equal(await details.count(), 1, `the page offers ${action} on ${code}`);
  if (!(await details.evaluate((d) => d.open))) await details.locator('summary').click();
  if (note) await details.locator('textarea[name=note]').fill(note);
  await Promise.all([page.waitForURL(/\?ok=1$/, { timeout: 60_000 }),
    details.locator('form button[type=submit]').click()]);
}

/** The dossier page's steps: "name:state" in order. */
async function listed(page) {
  return page.locator('ol.workflow li.wf-step').evaluateAll((li) => li.map((e) => `${
    e.querySelector('.wf-name').textContent.trim()}:${
    ['done', 'current', 'todo', 'skipped'].find((s) => e.classList.contains(`wf-${s}`))}`));
}

let browser;
let admin;
let citizen;
let receiver;
let specialist;
const tag = uniq();

before(async () => {
  browser = await launchBrowser();
  admin = await newOfficer('admin', '000.00.00.H29', `Quản Trị Chọn Đầu ${tag}`);
  citizen = await newCitizen();
  receiver = await newOfficer('receiver', AGENCY);
  specialist = await newOfficer('specialist', AGENCY);
  putEForm(P, FORM);
});
after(async () => { if (browser) await browser.close(); });

describe('a workflow choosing its first step on the form', { concurrency: false }, () => {
  test('the designer refuses a choice on the decision at the start, saves one on a field', async () => {
    const page = await signIn(browser, admin.email, admin.password);
    const w = watch(page);
    await page.setViewportSize({ width: 1280, height: 1300 });
    try {
      assert.match(await refused(page, 'en'),
        /An exclusive gateway right after the start event chooses on the form's answers only[^\n]*: Tổ chức/);
      assert.match(await refused(page, 'vi'),
        /Cổng loại trừ ngay sau sự kiện bắt đầu chỉ chọn theo câu trả lời trên tờ khai[^\n]*: Tổ chức/);
      w.clear(); // the 422 answers are the point
      await page.locator('#bpmn-editor[data-ready="1"]').waitFor({ timeout: 30_000 });
      await page.locator('#bpmn-editor [data-element-id="G0"]').first().waitFor({ timeout: 30_000 });
      // The condition rewritten on the field and the other arrow made the default, in the panel.
      await pick(page, 'f2');
      await page.locator('#f-cond').fill('fields.applicant_type == "organisation"');
      await page.locator('#f-cond').press('Tab');
      await page.waitForFunction(() => window.workflowModeler.get('elementRegistry').get('f2')
        .businessObject.conditionExpression.body === 'fields.applicant_type == "organisation"', null, { timeout: 30_000 });
      await pick(page, 'f3');
      await page.locator('#f-default').check();
      await page.waitForFunction(() => {
        const bo = window.workflowModeler.get('elementRegistry').get('f3').businessObject;
        return bo.sourceRef.default === bo;
      }, null, { timeout: 30_000 });
      await page.locator('#save').click();
      await page.locator('#reauth-password').fill(admin.password, { timeout: 60_000 });
      await Promise.all([page.waitForURL(/quy-trinh\?ok=1$/, { timeout: 60_000 }),
        page.locator('#reauth button[type=submit]').click()]);
      const first = (await page.locator('#versions tbody tr').first().innerText()).replace(/\s+/g, ' ');
      assert.ok(first.includes('Đang áp dụng') && first.includes(S.A) && first.includes(S.B), first);
      assert.deepEqual(w.problems(), []);
    } finally { await page.context().close(); }
    const wf = `(SELECT w.id FROM workflows w JOIN procedures p ON p.id = w.procedure_id WHERE p.code = ${q(P)} ORDER BY w.version DESC LIMIT 1)`;
    assert.equal(sqlValue(`SELECT GROUP_CONCAT(CONCAT(from_seq, '>', to_seq, ':', COALESCE(cond, '*')) ORDER BY from_seq, ord SEPARATOR ' | ') ` +
      `FROM workflow_routes WHERE workflow_id = ${wf}`),
    '0>1:fields.applicant_type == "organisation" | 0>2:* | 1>3:* | 2>3:* | 3>4:* | 4>5:*', 'the start\'s routes saved');
  });

  test('each dossier starts at the receiving step of its answer; sent back, it returns there', async () => {
    const pages = {};
    for (const [k, u] of Object.entries({ citizen, receiver, specialist })) {
      pages[k] = await signIn(browser, u.email, u.password);
    }
    try {
      const w = watch(pages.receiver);
      const org = await fileThroughPage(pages.citizen, 'organisation', `Tổ chức ${tag}`);
      const person = await fileThroughPage(pages.citizen, 'person', `Cá nhân ${tag}`);
      await act(pages.receiver, org, 'accept');
      assert.deepEqual(await listed(pages.receiver), [`${S.A}:current`, `${S.B}:skipped`, `${S.C}:todo`,
        `${S.D}:todo`, `${S.R}:todo`]);
      assert.equal(sqlValue(`SELECT holder_id FROM dossiers WHERE code = ${q(org)}`), String(receiver.id),
        'the receiver who accepted holds the receiving step');
      await act(pages.receiver, person, 'accept');
      assert.deepEqual(await listed(pages.receiver), [`${S.A}:skipped`, `${S.B}:current`, `${S.C}:todo`,
        `${S.D}:todo`, `${S.R}:todo`]);
      await act(pages.receiver, person, 'forward');
      assert.deepEqual(await listed(pages.receiver), [`${S.A}:skipped`, `${S.B}:done`, `${S.C}:current`,
        `${S.D}:todo`, `${S.R}:todo`]);
      // Sent back from the examination: to the person's receiving step, not the one not taken.
      await act(pages.specialist, person, 'send_back', `Bổ sung thông tin ${tag}`);
      assert.deepEqual(await listed(pages.specialist), [`${S.A}:skipped`, `${S.B}:current`, `${S.C}:done`,
        `${S.D}:todo`, `${S.R}:todo`]);
      await pages.receiver.goto(officeUrl(person));
      await offered(pages.receiver, 'forward').first().waitFor({ timeout: 30_000 });
      assert.equal(await offered(pages.receiver, 'send_back').count(), 0, 'nothing before the first step');
      await act(pages.receiver, org, 'forward');
      assert.deepEqual(await listed(pages.receiver), [`${S.A}:done`, `${S.B}:skipped`, `${S.C}:current`,
        `${S.D}:todo`, `${S.R}:todo`]);
      assert.deepEqual(w.problems(), []);
    } finally {
      for (const p of Object.values(pages)) await p.context().close();
    }
  });
});
