// Routing in the back office (issue 7), through the pages in headless
// Chromium: a ward with a receiver but no specialist or leader warns before
// and at acceptance (dossier page and counter intake); a city leader and the
// administrator see the dossier in "Hồ sơ không ai xử lý được"; the
// administrator moves its step to a specialist of another ward, who then
// acts on it through the page; the demo ward (Phường Vũng Tàu) is followed
// end to end with its demo accounts; the inbox's procedure filter lists the
// agency's own procedures once each and filters by typed words; the
// workflow editor shows its versions and confirms a save. Screenshots at
// 390 and 1280 px in tests/e2e/output/.
//
// This file's wards are the WARD_SLOTS.routing ones: one with no active
// specialist or leader, another for the specialist the step moves to. The
// accounts it makes that would staff a ward (the specialist, the city's
// leader) are disabled at the end in the database, so that the next run
// finds a ward without a specialist again.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import {
  BASE_URL, DEMO_PASSWORD, PROC, PROC_NAME, WARD_SLOTS, csrfOf, filePart, launchBrowser, loggedIn, minimalPdf,
  newCitizen, newIdNumber, newOfficer, newToken, q, request, sql, sqlValue, textOf, toFormData, uniq, wardCodes,
  watch,
} from './lib.mjs';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'output');
const CITY = '000.00.00.H29';
const DEMO_WARD = '000.01.60.H29';
const bearer = (t) => ({ authorization: `Bearer ${t}` });

/** The slot's wards: one nobody but receivers staffs, and another one. */
function routingWards() {
  const nslots = Math.max(...Object.values(WARD_SLOTS)) + 1;
  const mine = wardCodes().slice(5).filter((_, i) => i % nslots === WARD_SLOTS.routing);
  const staffed = new Set(sql("SELECT DISTINCT ag.code FROM agencies ag JOIN account_roles r ON r.agency_id = ag.id " +
    "AND r.role IN ('specialist', 'leader') JOIN accounts a ON a.id = r.account_id AND a.disabled = 0 " +
    `WHERE ag.code IN (${mine.map(q).join(',')})`).map((r) => r[0]));
  const free = mine.filter((c) => !staffed.has(c));
  assert.ok(free.length > 0, 'a ward of this file\'s slot has no active specialist or leader');
  const ward = free[Math.floor(Math.random() * free.length)];
  const other = mine.filter((c) => c !== ward);
  return [ward, other[Math.floor(Math.random() * other.length)]];
}

/**
 * What went wrong on a page, less Chromium dropping the favicon (the logo)
 * fetched after "load" when the test moves on: no visitor sees that.
 */
function problems(w) {
  return w.problems().filter((p) => !/^failed: \S+\/static\/images\/logo\.svg net::ERR_ABORTED$/.test(p));
}

const agencyId = (code) => Number(sqlValue(`SELECT id FROM agencies WHERE code = ${q(code)}`));
const agencyName = (code) => sqlValue(`SELECT name FROM agencies WHERE code = ${q(code)}`);

async function fileOk(token, agency, proc = PROC) {
  const a = await request('/api/v1/dossiers', {
    method: 'POST', headers: bearer(token), body: toFormData({
      procedure: proc, agency, fields: JSON.stringify({ content: `Định tuyến ${uniq()}` }),
      file: filePart(minimalPdf(`routing ${uniq()}`), 'giay-to.pdf'),
    }),
  });
  assert.equal(a.status, 201, `filing answers 201: ${a.text.slice(0, 300)}`);
  return a.json().code;
}

async function apiAct(token, code, body) {
  const a = await request(`/api/v1/dossiers/${encodeURIComponent(code)}/transitions`, {
    method: 'POST', headers: { ...bearer(token), 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  return a.status;
}

describe('routing: steps nobody can take, the stuck list, moving a step, the demo ward, filters, versions',
  { concurrency: false, timeout: 600_000 }, () => {
    const tag = uniq();
    const made = [];           // accounts that would staff a ward: disabled at the end
    const open = [];           // dossiers withdrawn at the end
    let browser, ward, ward2, wardId, ward2Id, wardName, citizen, cToken, recv, rToken, spec2, cityLeader;
    const admin = { email: 'admin@motcua.test', password: DEMO_PASSWORD };
    let code;

    before(async () => {
      mkdirSync(OUT, { recursive: true });
      [ward, ward2] = routingWards();
      [wardId, ward2Id, wardName] = [agencyId(ward), agencyId(ward2), agencyName(ward)];
      citizen = await newCitizen({ name: `Định Tuyến ${tag}` });
      recv = await newOfficer('receiver', ward, `Tiếp Nhận ${tag}`);
      spec2 = await newOfficer('specialist', ward2, `Chuyên Viên Phường Khác ${tag}`);
      cityLeader = await newOfficer('leader', CITY, `Lãnh Đạo Thành Phố ${tag}`);
      made.push(spec2.id, cityLeader.id);
      [cToken, rToken] = await Promise.all([citizen, recv].map((x) => newToken(x.email)));
      browser = await launchBrowser();
    });

    after(async () => {
      if (browser) await browser.close();
      for (const c of open) await apiAct(rToken, c, { action: 'withdraw', note: 'dọn dẹp sau kiểm thử' }).catch(() => {});
      if (made.length) sql(`UPDATE accounts SET disabled = 1 WHERE id IN (${made.join(',')})`);
    });

    /** A browser page logged in through the login form. */
    async function as(who, width = 1280) {
      const ctx = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
      const page = await ctx.newPage();
      const w = watch(page);
      await page.goto(`${BASE_URL}/dich-vu/dang-nhap`);
      await page.locator('#login').fill(who.email);
      await page.locator('#password').fill(who.password);
      await Promise.all([page.waitForURL(/\/can-bo\/$/), page.locator('form.form button[type=submit]').click()]);
      return { ctx, page, w };
    }

    /** Performs an action through the dossier page's form; waits for the answer page. */
    async function act(page, action, { note, method } = {}) {
      const form = page.locator(`form.action-form:has(input[name="action"][value="${action}"])`);
      assert.equal(await form.count(), 1, `the page offers "${action}"`);
      const details = page.locator('details', { has: form });
      if (!(await details.evaluate((d) => d.open))) await details.locator('summary').click();
      if (note) await form.locator('textarea[name="note"]').fill(note);
      if (method) await form.locator('select[name="method"]').selectOption(String(method));
      await Promise.all([page.waitForURL(/\?ok=1$/), form.locator('button[type="submit"]').click()]);
    }

    const statusText = async (page) => (await page.locator('dd .badge[class*="status-"]').first().textContent()).trim();
    const shot = (page, name) => page.screenshot({ path: path.join(OUT, `routing-${name}.png`), fullPage: true });

    test('a ward without a specialist or leader: the dossier page warns before acceptance; accepted anyway, the warning stays while true', async () => {
      code = await fileOk(cToken, ward);
      open.push(code);
      const { ctx, page, w } = await as(recv);
      try {
        await page.goto(`${BASE_URL}/can-bo/ho-so/${code}`);
        const gaps = page.locator('#gaps');
        await gaps.waitFor();
        const before = (await gaps.textContent()).replace(/\s+/g, ' ');
        assert.match(before, /Nếu tiếp nhận, hồ sơ sẽ dừng ở bước chưa ai xử lý được/);
        assert.match(before, /Bước 2: .* \(Chuyên viên\) tại /, 'the specialist\'s step');
        assert.match(before, /Bước 3: .* \(Lãnh đạo\) tại /, 'the leader\'s step');
        assert.ok(before.includes(wardName), 'at this ward');
        await shot(page, 'warning-1280');
        await page.setViewportSize({ width: 390, height: 800 });
        await shot(page, 'warning-390');
        await page.setViewportSize({ width: 1280, height: 900 });
        await act(page, 'accept');
        assert.equal(await statusText(page), 'Được tiếp nhận');
        const afterText = (await page.locator('#gaps').textContent()).replace(/\s+/g, ' ');
        assert.match(afterText, /Các bước sau của hồ sơ chưa ai xử lý được/);
        await act(page, 'forward');
        assert.equal(await statusText(page), 'Đang xử lý');
        assert.match(await page.locator('#gaps').textContent(), /Bước hiện tại của hồ sơ chưa ai xử lý được/);
        assert.deepEqual(problems(w), []);
      } finally { await ctx.close(); }
    });

    test('counter intake in that ward lands on the dossier page with the warning', async () => {
      const v = await loggedIn(recv.email, recv.password);
      const form = await v.get(`/can-bo/tiep-nhan?agency=${wardId}`);
      assert.equal(form.status, 200);
      const a = await v.postMultipart('/can-bo/tiep-nhan', {
        csrf: csrfOf(form.text.slice(form.text.indexOf('method="post"'))), agency: String(wardId), procedure: PROC,
        name: `Quầy ${tag}`, id_number: newIdNumber(), content: 'Đăng ký khai sinh tại quầy',
      });
      assert.equal(a.status, 303, textOf(a.text).slice(0, 300));
      const c = a.location.match(/\/can-bo\/ho-so\/([^?]+)/)[1];
      open.push(c);
      const page = await v.follow(a.location);
      const t = textOf(page.text);
      assert.ok(t.includes('Các bước sau của hồ sơ chưa ai xử lý được'), 'the warning is shown after intake');
    });

    test('the city\'s leader and the administrator see it under "Hồ sơ không ai xử lý được"', async () => {
      for (const who of [cityLeader, admin]) {
        const { ctx, page, w } = await as(who);
        try {
          await page.goto(`${BASE_URL}/can-bo/lanh-dao`);
          await page.locator('#in').selectOption(String(wardId));
          await Promise.all([page.waitForURL(/in=/), page.locator('form:has(#in) button[type=submit]').click()]);
          const row = page.locator('#stuck tr', { has: page.locator(`a[href="/can-bo/ho-so/${code}"]`) });
          assert.equal(await row.count(), 1, `${who.email} sees the dossier in the list`);
          const text = (await row.textContent()).replace(/\s+/g, ' ');
          assert.match(text, /Bước 2: .*\(Chuyên viên\)/, 'with the step it waits at');
          assert.ok(text.includes(wardName));
          const move = row.locator(`a[href="/can-bo/quan-tri/chuyen-buoc/${code}"]`);
          assert.equal(await move.count(), who === admin ? 1 : 0, 'only the administrator is offered the move');
          if (who === admin) {
            await shot(page, 'stuck-1280');
            await page.setViewportSize({ width: 390, height: 800 });
            await shot(page, 'stuck-390');
          }
          assert.deepEqual(problems(w), []);
        } finally { await ctx.close(); }
      }
    });

    test('the administrator moves the step to a specialist of another ward, who then takes it on through the page', async () => {
      const before = await loggedIn(spec2.email, spec2.password);
      assert.equal((await before.get(`/can-bo/ho-so/${code}`)).status, 403, 'not theirs before the move');
      const { ctx, page, w } = await as(admin);
      try {
        await page.goto(`${BASE_URL}/can-bo/lanh-dao?in=${wardId}`);
        await Promise.all([page.waitForURL(/chuyen-buoc/),
          page.locator(`#stuck a[href="/can-bo/quan-tri/chuyen-buoc/${code}"]`).click()]);
        assert.match(await page.locator('#current-step').textContent(), /Bước 2: .*\(Chuyên viên\)/);
        await page.locator('#agency').selectOption(String(ward2Id));
        await Promise.all([page.waitForURL(/agency=/), page.locator('form:has(#agency) button[type=submit]').click()]);
        await page.locator('#officer').selectOption(String(spec2.id));
        await page.locator('#note').fill(`Phường chưa có chuyên viên ${tag}`);
        await shot(page, 'reassign-1280');
        await Promise.all([page.waitForURL(/\?ok=1$/), page.locator('#reassign-form button[type=submit]').click()]);
        const history = await page.locator('ol.timeline').textContent();
        assert.match(history, /Chuyển bước cho đơn vị khác/);
        assert.ok(history.includes(`Phường chưa có chuyên viên ${tag}`), 'with the reason');
        await page.goto(`${BASE_URL}/can-bo/lanh-dao?in=${wardId}`);
        assert.equal(await page.locator(`#stuck a[href="/can-bo/ho-so/${code}"]`).count(), 0, 'no longer stuck');
        assert.deepEqual(problems(w), []);
      } finally { await ctx.close(); }

      const s = await as(spec2);
      try {
        await s.page.goto(`${BASE_URL}/can-bo/?agency=${ward2Id}`);
        await Promise.all([s.page.waitForURL(new RegExp(`/can-bo/ho-so/${code}$`)),
          s.page.locator(`a[href="/can-bo/ho-so/${code}"]`).click()]);
        assert.match(await s.page.locator('.dossier-colour').textContent(), new RegExp(spec2.name), 'held by the specialist');
        await act(s.page, 'forward', { note: 'Đã thẩm định' });
        assert.equal(await statusText(s.page), 'Đang xử lý');
        assert.match(await s.page.locator('ol.workflow li[aria-current="step"] .wf-meta').textContent(), /Lãnh đạo/,
          'the leader\'s step is current');
        assert.deepEqual(problems(s.w), []);
      } finally { await s.ctx.close(); }
    });

    test('a move to someone who cannot take the step is refused with a message', async () => {
      const other = await fileOk(cToken, ward);
      open.push(other);
      assert.equal(await apiAct(rToken, other, { action: 'accept' }), 200);
      assert.equal(await apiAct(rToken, other, { action: 'forward' }), 200);
      const v = await loggedIn(admin.email, admin.password);
      const page = await v.get(`/can-bo/quan-tri/chuyen-buoc/${other}?agency=${ward2Id}`);
      assert.equal(page.status, 200);
      const a = await v.postForm(`/can-bo/quan-tri/chuyen-buoc/${other}`, {
        csrf: csrfOf(page.text.slice(page.text.indexOf('method="post"'))), agency: String(ward2Id),
        officer: String(recv.id), note: 'thử',
      });
      assert.equal(a.status, 422);
      assert.ok(textOf(a.text).includes('Không chuyển được'), 'the page says why');
      assert.equal(sqlValue(`SELECT current_agency_id FROM dossiers WHERE code = ${q(other)}`), String(wardId), 'nothing moved');
      const r = await loggedIn(recv.email, recv.password);
      assert.equal((await r.get(`/can-bo/quan-tri/chuyen-buoc/${other}`)).status, 403, 'officers cannot move steps');
    });

    test('the demo ward is followed end to end through the pages: receiver → specialist → leader → return', async () => {
      const c = await fileOk(cToken, DEMO_WARD);
      const step = async (email, fn) => {
        const o = await as({ email, password: DEMO_PASSWORD });
        try {
          await o.page.goto(`${BASE_URL}/can-bo/ho-so/${c}`);
          await fn(o.page);
          assert.deepEqual(problems(o.w), []);
        } finally { await o.ctx.close(); }
      };
      await step('receiver.ward@motcua.test', async (page) => {
        assert.equal(await page.locator('#gaps').count(), 0, 'every step of the demo ward has someone');
        await act(page, 'accept');
        assert.equal(await statusText(page), 'Được tiếp nhận');
        await act(page, 'forward');
        assert.equal(await statusText(page), 'Đang xử lý');
      });
      await step('specialist.ward@motcua.test', async (page) => {
        await act(page, 'forward', { note: 'Hồ sơ hợp lệ' });
        assert.equal(await statusText(page), 'Đang xử lý');
      });
      await step('leader.ward@motcua.test', async (page) => {
        await act(page, 'approve');
        assert.equal(await statusText(page), 'Đã xử lý xong');
      });
      await step('receiver.ward@motcua.test', async (page) => {
        await act(page, 'return', { method: 1 });
        assert.equal(await statusText(page), 'Đã trả kết quả');
      });
    });

    test('the inbox\'s procedure filter: the agency\'s own procedures once each, found by typed words', async () => {
      const other = sqlValue('SELECT code FROM procedures WHERE level_commune = 1 AND online = 1 AND ' +
        `code <> ${q(PROC)} AND name NOT LIKE '%khai sinh%' ORDER BY code LIMIT 1`);
      const otherName = sqlValue(`SELECT name FROM procedures WHERE code = ${q(other)}`);
      const c2 = await fileOk(cToken, ward, other);
      open.push(c2);
      const { ctx, page, w } = await as(recv);
      try {
        await page.goto(`${BASE_URL}/can-bo/?agency=${wardId}`);
        const labels = await page.locator('#procedure-list option').evaluateAll((os) => os.map((o) => o.value));
        assert.equal(new Set(labels).size, labels.length, 'no procedure twice');
        const own = sql(`SELECT DISTINCT p.code FROM dossiers d JOIN procedures p ON p.id = d.procedure_id WHERE d.current_agency_id = ${wardId}`)
          .map((r) => r[0]).sort();
        assert.deepEqual(labels.map((l) => l.split(' · ').at(-1)).sort(), own, 'exactly the procedures of the ward\'s dossiers');
        assert.ok(labels.includes(`${PROC_NAME} · ${PROC}`) && labels.includes(`${otherName} · ${other}`));
        const filter = async (text) => {
          await page.locator('#pq').fill(text);
          await Promise.all([page.waitForURL(/pq=/), page.locator('form.filters button[type=submit]').click()]);
          return page.locator('table.inbox tbody tr').evaluateAll((rows) => rows.map((r) => r.textContent));
        };
        let rows = await filter(`${otherName} · ${other}`);
        assert.ok(rows.length >= 1 && rows.every((r) => r.includes(otherName)), 'the label picked from the list filters');
        assert.ok(rows.some((r) => r.includes(c2)));
        rows = await filter('dang ky khai sinh');
        assert.ok(rows.length >= 1 && rows.every((r) => r.includes(PROC_NAME)), 'words without marks filter');
        assert.ok(!rows.some((r) => r.includes(c2)));
        assert.equal(await page.locator('#pq').inputValue(), 'dang ky khai sinh', 'what was typed stays');
        await shot(page, 'inbox-1280');
        rows = await filter('không có thủ tục này zzz');
        assert.equal(rows.length, 0);
        assert.match(await page.locator('[role=alert]').first().textContent(), /Không có thủ tục nào của đơn vị khớp/);
        await page.setViewportSize({ width: 390, height: 800 });
        await page.goto(`${BASE_URL}/can-bo/?agency=${wardId}`);
        await shot(page, 'inbox-390');
        assert.deepEqual(problems(w), []);
      } finally { await ctx.close(); }
    });

    test('the workflow editor shows the versions (who, when, steps, in force, dossiers) and confirms a save', async () => {
      const { ctx, page, w } = await as(admin);
      try {
        // The ward procedure's page: the default version, with as many dossiers as follow it.
        // Other test files file this procedure at the same time: the page's
        // count lies between the counts read just before and just after it.
        const pid = sqlValue(`SELECT id FROM procedures WHERE code = ${q(PROC)}`);
        const wf = sqlValue(`SELECT w.id FROM workflows w WHERE w.procedure_id = ${pid} OR w.procedure_id IS NULL ` +
          'ORDER BY w.procedure_id IS NULL, w.version DESC LIMIT 1');
        const count = () => Number(sqlValue(`SELECT COUNT(*) FROM dossiers WHERE procedure_id = ${pid} AND workflow_id = ${wf}`));
        const before = count();
        await page.goto(`${BASE_URL}/can-bo/quan-tri/quy-trinh?procedure=${PROC}`);
        const inForce = page.locator('#versions tr.in-force');
        assert.match(await inForce.textContent(), /Đang áp dụng/);
        const shown = Number((await inForce.locator('td').last().textContent()).trim());
        const after = count();
        assert.ok(before >= 1);
        assert.ok(shown >= before && shown <= after,
          `the count of dossiers following it: ${shown} shown, ${before}..${after} in the database`);

        // A procedure nobody files in this run: saved twice, each version listed.
        const P = sqlValue('SELECT p.code FROM procedures p WHERE p.level_province = 1 AND p.time_hours >= 40 ' +
          'AND NOT EXISTS (SELECT 1 FROM dossiers d WHERE d.procedure_id = p.id) ORDER BY p.code DESC LIMIT 1');
        await page.goto(`${BASE_URL}/can-bo/quan-tri/quy-trinh?procedure=${P}`);
        const rows0 = await page.locator('#versions tbody tr').count();
        const save = async (second, asked) => {
          for (let i = 0; i < 4; i++) await page.locator(`input[name="hours${i}"]`).fill('2');
          await page.locator('input[name="name1"]').fill(second);
          if (asked) { // the first publication asks the password again
            await Promise.all([page.waitForNavigation(), page.locator('form.form button[type=submit]').click()]);
            await page.locator('#reauth-password').fill(admin.password);
            await Promise.all([page.waitForURL(/ok=1/), page.locator('#reauth button[type=submit]').click()]);
            return;
          }
          await Promise.all([page.waitForURL(/ok=1/), page.locator('form.form button[type=submit]').click()]);
        };
        await save(`Thẩm định ${tag}`, true);
        const flash = page.locator('.flash-success');
        assert.match(await flash.textContent(), /Đã lưu phiên bản mới của quy trình/, 'a clear confirmation');
        const v1 = Number(sqlValue(`SELECT MAX(w.version) FROM workflows w JOIN procedures p ON p.id = w.procedure_id WHERE p.code = ${q(P)}`));
        assert.match(await flash.textContent(), new RegExp(`Phiên bản ${v1}\\)`));
        await save(`Thẩm định lại ${tag}`);
        assert.equal(await page.locator('#versions tbody tr').count(), rows0 + 2, 'both versions listed');
        const first = (await page.locator('#versions tbody tr').first().textContent()).replace(/\s+/g, ' ');
        assert.match(first, new RegExp(`^ ?${v1 + 1} Đang áp dụng`), 'the newest is in force');
        assert.ok(first.includes('Hoàng Văn Hải'), 'who saved it');
        assert.ok(first.includes(`4: Tiếp nhận hồ sơ → Thẩm định lại ${tag} →`), 'its steps');
        assert.match(first, /\d{4}-\d{2}-\d{2} \d{2}:\d{2}|\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/, 'when');
        assert.match(first, / 0 ?$/, 'no dossier follows it yet');
        const second = (await page.locator('#versions tbody tr').nth(1).textContent()).replace(/\s+/g, ' ');
        assert.ok(second.includes(`Thẩm định ${tag}`) && !second.includes('Đang áp dụng'), 'the older one is kept, not in force');
        await shot(page, 'workflow-1280');
        await page.setViewportSize({ width: 390, height: 800 });
        await shot(page, 'workflow-390');
        assert.deepEqual(problems(w), []);
      } finally { await ctx.close(); }
    });
  });
