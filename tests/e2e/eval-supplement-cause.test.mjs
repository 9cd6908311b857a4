// Index 3 and the cause of a supplement request (issue 10): the specialist
// asking for a supplement on the dossier's page must say whether the
// applicant (papers missing or wrong) or the agency (its own error) caused
// it; the choice is kept and shown on the dossier (officer's and citizen's
// pages), and index 3 of the returned dossier counts only the agency's
// requests: one of each is one contact (1,0), where counting both would
// give 0. Through the officer's page in Chromium.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  BASE_URL, PROC, WARD_SLOTS, randomWard, uniq, newCitizen, newOfficer, newToken, request,
  toFormData, filePart, minimalPdf, launchBrowser, watch, loggedIn, csrfOf, assertErrorPage, sqlValue, q,
} from './lib.mjs';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'output');
mkdirSync(OUT, { recursive: true });

const bearer = (t) => ({ authorization: `Bearer ${t}` });
const WAIT = { timeout: 60_000 };

describe('supplement requests say whose fault they are; index 3 counts the agency\'s (issue 10)',
  { concurrency: false, timeout: 600_000 }, () => {
    const tag = uniq();
    let browser, ward, citizen, recv, spec, lead, code, tokens = {};

    async function act(k, body) {
      const t = await request(`/api/v1/dossiers/${encodeURIComponent(code)}/transitions`, {
        method: 'POST', headers: { ...bearer(tokens[k]), 'content-type': 'application/json' }, body: JSON.stringify(body),
      });
      assert.equal(t.status, 200, `${body.action}: ${t.text.slice(0, 200)}`);
      return t.json();
    }

    async function login(acc, home, width = 1280) {
      const ctx = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await ctx.newPage();
      await page.goto(`${BASE_URL}/dich-vu/dang-nhap`);
      await page.locator('#login').fill(acc.email);
      await page.locator('#password').fill(acc.password);
      await Promise.all([page.waitForURL(`${BASE_URL}${home}`, WAIT), page.locator('form.form button[type=submit]').click()]);
      return { ctx, page, w: watch(page) };
    }

    before(async () => {
      ward = randomWard(WARD_SLOTS.eval);
      citizen = await newCitizen({ name: `Nguyên Nhân ${tag}` });
      [recv, spec, lead] = await Promise.all([
        newOfficer('receiver', ward, `Tiếp Nhận NN ${tag}`),
        newOfficer('specialist', ward, `Chuyên Viên NN ${tag}`),
        newOfficer('leader', ward, `Lãnh Đạo NN ${tag}`),
      ]);
      for (const [k, acc] of Object.entries({ citizen, recv, spec, lead })) tokens[k] = await newToken(acc.email);
      const a = await request('/api/v1/dossiers', {
        method: 'POST', headers: bearer(tokens.citizen), body: toFormData({
          procedure: PROC, agency: ward, fields: JSON.stringify({ content: `Nguyên nhân ${tag}` }),
          file: filePart(minimalPdf(`to khai ${tag}`), 'to-khai.pdf'),
        }),
      });
      assert.equal(a.status, 201, a.text);
      code = a.json().code;
      await act('recv', { action: 'accept' });
      await act('recv', { action: 'forward' });
      browser = await launchBrowser();
    });

    after(async () => {
      if (browser) await browser.close();
    });

    /** The specialist asks for a supplement through the page, with this cause. */
    async function ask(page, item, cause) {
      await page.goto(`${BASE_URL}/can-bo/ho-so/${code}`);
      const details = page.locator('section.actions details', { has: page.locator('input[name=action][value=request_supplement]') });
      await details.locator('summary').click();
      const form = details.locator('form');
      await form.locator('input[name=item1]').fill(item);
      // The cause is a required choice: without it the browser does not send the form.
      assert.equal(await form.locator('input[name=cause]:checked').count(), 0, 'no cause chosen beforehand');
      await form.locator('button[type=submit]').click();
      assert.equal(await form.locator('input[name=cause][value=applicant]').evaluate((e) => e.validity.valueMissing), true,
        'the browser asks for the cause');
      assert.match(page.url(), new RegExp(`/can-bo/ho-so/${code}$`), 'still on the page, nothing sent');
      await form.locator(`input[name=cause][value=${cause}]`).check();
      await Promise.all([page.waitForURL(new RegExp(`/can-bo/ho-so/${code}\\?ok=1$`), WAIT), form.locator('button[type=submit]').click()]);
      await page.locator('.flash-success').waitFor(WAIT);
    }

    test('the specialist must say whose fault a supplement request is; the dossier shows it', async () => {
      const S = await login(spec, '/can-bo/');
      try {
        // A post without a cause (a page without the choice, a forged form) is refused: 422, nothing stored.
        const v = await loggedIn(spec.email, spec.password);
        const pg = await v.get(`/can-bo/ho-so/${code}`);
        assert.equal(pg.status, 200);
        const refused = await v.postForm(`/can-bo/ho-so/${code}/xu-ly`, {
          csrf: csrfOf(pg.text), action: 'request_supplement', item1: 'Bản sao', why1: 'Thiếu',
        });
        assertErrorPage(refused, 422);
        assert.match(refused.text, /nguyên nhân của yêu cầu bổ sung/);
        const bogus = await v.postForm(`/can-bo/ho-so/${code}/xu-ly`, {
          csrf: csrfOf(pg.text), action: 'request_supplement', item1: 'Bản sao', why1: 'Thiếu', cause: 'nobody',
        });
        assertErrorPage(bogus, 422);
        const none = `SELECT COUNT(*) FROM supplement_requests q JOIN dossiers d ON d.id = q.dossier_id WHERE d.code = ${q(code)}`;
        assert.equal(sqlValue(none), '0', 'nothing stored by the refused posts');

        // First round: the applicant's papers were missing.
        await ask(S.page, `Bản sao giấy chứng sinh ${tag}`, 'applicant');
        const block = S.page.locator('.supplement').first();
        assert.match(await block.locator('.supplement-cause').innerText(), /Nguyên nhân: Do người nộp hồ sơ \(thiếu hoặc sai giấy tờ\)/);
        await act('citizen', { action: 'supplement', note: `Đã bổ sung ${tag}` });

        // Second round: the agency asks again for what it already had.
        await ask(S.page, `Tờ khai (cơ quan làm thất lạc) ${tag}`, 'agency');
        const causes = await S.page.locator('.supplement .supplement-cause').allInnerTexts();
        assert.deepEqual(causes.map((s) => s.trim()), [
          'Nguyên nhân: Do người nộp hồ sơ (thiếu hoặc sai giấy tờ)',
          'Nguyên nhân: Do cơ quan (sai sót của cơ quan, yêu cầu lần nữa)',
        ]);
        await S.page.screenshot({ path: path.join(OUT, 'eval-supplement-cause-1280.png'), fullPage: true });
        // In English on the same page.
        await S.page.goto(`${BASE_URL}/can-bo/ho-so/${code}?lang=en`);
        assert.deepEqual((await S.page.locator('.supplement .supplement-cause').allInnerTexts()).map((s) => s.trim()), [
          'Cause: The applicant (papers missing or wrong)', 'Cause: The agency (its own error, asking again)',
        ]);
        await S.page.goto(`${BASE_URL}/can-bo/ho-so/${code}?lang=vi`);
        assert.deepEqual(S.w.problems(), [], 'no console error or failed request');
      } finally {
        await S.ctx.close();
      }
      // The citizen sees both causes on their dossier page.
      const c = await loggedIn(citizen.email, citizen.password);
      const mine = await c.get(`/dich-vu/ho-so/${code}`);
      assert.equal(mine.status, 200);
      assert.ok(mine.text.includes('Do người nộp hồ sơ (thiếu hoặc sai giấy tờ)'), 'the applicant\'s cause on the citizen\'s page');
      assert.ok(mine.text.includes('Do cơ quan (sai sót của cơ quan, yêu cầu lần nữa)'), 'the agency\'s cause on the citizen\'s page');
    });

    test('index 3 of the returned dossier counts the agency\'s request only (1,0, not 0,0)', async () => {
      await act('citizen', { action: 'supplement', note: `Bổ sung lần hai ${tag}` });
      await act('spec', { action: 'forward' });
      await act('lead', { action: 'approve' });
      await act('recv', { action: 'return', method: 1 });
      const L = await login(lead, '/can-bo/');
      try {
        await L.page.goto(`${BASE_URL}/can-bo/danh-gia/diem?theo=ho-so`);
        const d = L.page.locator('#scores tbody tr', { hasText: code });
        await d.first().waitFor(WAIT);
        assert.equal(await d.count(), 1, `a line for ${code}`);
        assert.equal((await d.locator('td.idx-3').innerText()).trim(), '1,0',
          'two requests, one the applicant\'s: one contact counts');
      } finally {
        await L.ctx.close();
      }
    });
  });
