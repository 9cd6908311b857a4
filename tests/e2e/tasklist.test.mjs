// A long form's task list (issue 13, GOV.UK's pattern), in Chromium with
// JavaScript off: from the form page the citizen opens the list of parts,
// each with its state (not started, in progress, completed); a part's page
// refuses what is incomplete (422, the summary) yet keeps it in the draft
// (the list says "in progress"); completed, the list says so; once every
// part is done "check and send" becomes a link and the check page carries
// the answers given part by part.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { mkdirSync } from 'node:fs';

import {
  BASE_URL, TOP, launchBrowser, minimalPdf, newCitizen, putEForm, q, randomWard, sqlValue, watch,
  submitAndWait, portalLogin,
} from './lib.mjs';

const OUT = path.join(TOP, 'tests', 'e2e', 'output');
mkdirSync(OUT, { recursive: true });

/** A procedure no other test files: its long form is put here. */
const PROC = '1.004845';

const FORM = {
  components: [
    { type: 'group', label: 'Người được giám hộ', properties: { label_en: 'The person in care' }, components: [
      { type: 'textfield', key: 'cared_name', label: 'Họ tên người được giám hộ', validate: { required: true } },
      { type: 'datetime', subtype: 'date', key: 'cared_birth', label: 'Ngày sinh', validate: { required: true } },
    ] },
    { type: 'textfield', key: 'relation', label: 'Quan hệ với người được giám hộ' },
    { type: 'group', label: 'Người giám hộ', properties: { label_en: 'The guardian' }, components: [
      { type: 'textfield', key: 'guardian_job', label: 'Nghề nghiệp', validate: { required: true } },
    ] },
  ],
  documents: [
    { id: 'd1', name: 'Tờ khai chấm dứt giám hộ', originals: 1, copies: 0, required: true, types: ['pdf'] },
  ],
};

const submit = submitAndWait;
const login = portalLogin;

/** The task list's rows: label -> state text. */
async function states(page) {
  const out = {};
  for (const li of await page.locator('#tasks li').all()) {
    const name = (await li.locator('.task-name').innerText()).trim();
    out[name] = (await li.locator('.tag').innerText()).trim();
  }
  return out;
}

let browser;
before(async () => { browser = await launchBrowser(); putEForm(PROC, FORM); });
after(async () => { if (browser) await browser.close(); });

describe('a long form filled part by part from its task list, without JavaScript', () => {
  test('states move from not started to in progress to completed; check and send opens at the end', async () => {
    const tag = Date.now().toString(36);
    const c = await newCitizen();
    const ward = randomWard();
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    try {
      const page = await ctx.newPage();
      const w = watch(page);
      await login(page, c);

      await page.goto(`${BASE_URL}/dich-vu/nop-ho-so/${PROC}`);
      assert.match(await page.locator('#long-form').innerText(), /điền từng phần/);
      await submit(page, page.locator('#to-tasks'));
      assert.match(new URL(page.url()).pathname, /\/cac-phan$/, page.url());
      const draft = new URL(page.url()).searchParams.get('nhap');
      assert.deepEqual(await states(page), {
        'Người nộp và nơi nhận hồ sơ': 'Đang điền', // no receiving place chosen yet
        'Người được giám hộ': 'Chưa bắt đầu',
        'Các câu hỏi khác': 'Đã xong', // nothing required there
        'Người giám hộ': 'Chưa bắt đầu',
        'Giấy tờ đính kèm': 'Chưa bắt đầu',
        'Kiểm tra và gửi hồ sơ': 'Chưa thể bắt đầu',
      });
      assert.match(await page.locator('#task-check-status').innerText(), /Chưa thể bắt đầu/);
      assert.equal(await page.locator('a#task-check').count(), 0, 'nothing to check yet');
      await page.screenshot({ path: path.join(OUT, 'tasklist-390.png'), fullPage: true });

      await submit(page, page.locator('#tasks a', { hasText: 'Người được giám hộ' }));
      assert.match(await page.locator('h1').innerText(), /Người được giám hộ/);
      assert.equal(await page.locator('#f-guardian_job').count(), 0, 'only this part\'s questions');
      await page.locator('#f-cared_name').fill(`Trần Bé ${tag}`);
      const r = page.waitForResponse((a) => a.request().method() === 'POST');
      await submit(page, page.locator('#part-save'));
      assert.equal((await r).status(), 422);
      assert.match(await page.locator('.error-summary').innerText(), /Ngày sinh: chưa được trả lời/);
      assert.equal(await page.locator('#f-cared_name').inputValue(), `Trần Bé ${tag}`, 'kept');
      await submit(page, page.locator('#back-to-tasks'));
      assert.equal((await states(page))['Người được giám hộ'], 'Đang điền', 'saved in the draft, not complete');

      await submit(page, page.locator('#tasks a', { hasText: 'Người được giám hộ' }));
      assert.equal(await page.locator('#f-cared_name').inputValue(), `Trần Bé ${tag}`, 'the answer is back');
      await page.locator('#f-cared_birth').fill('2015-03-04');
      await submit(page, page.locator('#part-save'));
      assert.match(new URL(page.url()).pathname, /\/cac-phan$/, 'back to the list');
      assert.equal((await states(page))['Người được giám hộ'], 'Đã xong');
      w.clear(); // the 422 was expected

      // The rest on the whole form (its link on the list), then the list again.
      await submit(page, page.locator('#tasks a', { hasText: 'Người nộp và nơi nhận hồ sơ' }));
      await page.locator('#agency').selectOption(ward);
      await page.locator('#f-guardian_job').fill('Giáo viên');
      await page.locator('#doc-d1').setInputFiles({ name: 'to-khai.pdf', mimeType: 'application/pdf', buffer: minimalPdf(tag) });
      await submit(page, page.locator('#to-tasks'));
      assert.deepEqual(Object.values(await states(page)),
        ['Đã xong', 'Đã xong', 'Đã xong', 'Đã xong', 'Đã xong', 'Chưa bắt đầu']);
      assert.match(await page.locator('#tasks-done').innerText(), /5 \/ 5/);
      await submit(page, page.locator('a#task-check'));
      assert.match(new URL(page.url()).pathname, /\/kiem-tra$/, page.url());
      const answers = await page.locator('#check-answers').innerText();
      assert.ok(answers.includes(`Trần Bé ${tag}`) && answers.includes('Giáo viên'), answers);
      assert.equal(JSON.parse(sqlValue(`SELECT answers FROM form_drafts WHERE id = ${q(draft)}`)).cared_birth, '2015-03-04');
      assert.deepEqual(w.problems(), []);
    } finally {
      await ctx.close();
    }
  });

  test('English: the list and its states', async () => {
    const c = await newCitizen();
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await ctx.newPage();
      await login(page, c);
      await page.goto(`${BASE_URL}/dich-vu/nop-ho-so/${PROC}?lang=en`);
      await submit(page, page.locator('#to-tasks'));
      const s = await states(page);
      assert.equal(s['The person in care'], 'Not started');
      assert.equal(s['Other questions'], 'Completed');
      assert.match(await page.locator('#task-check-status').innerText(), /Cannot start yet/);
      await page.screenshot({ path: path.join(OUT, 'tasklist-en-1280.png'), fullPage: true });
    } finally {
      await ctx.close();
    }
  });
});
