// An agency edits its own procedure's content in the back office (issue 7):
// its admin finds the procedure from the inbox's menu (search without
// diacritics), changes a fee and a time and adds a document through the
// page, types the password again (a wrong one saves nothing), sees the
// confirmation and the history, updates the public site with
// the webmaster's button and finds the new fee and document on the public
// procedure page. Bad input (an empty name, a negative fee) is refused with
// the errors shown and everything typed kept; another agency's admin gets
// 403, a visitor is sent to the login page, a citizen is refused; axe-core
// finds no serious violation on the editor with its errors, in both languages.
// Screenshots at 390 and 1280 px in tests/e2e/output/.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import {
  BASE_URL, DEMO_PASSWORD, Visitor, assertAxe, launchBrowser, loggedIn, newOfficer, q, request, sqlValue, uniq, until, watch,
} from './lib.mjs';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'output');
const CODE = '1.000426';                 // Cấp thẻ tư vấn viên pháp luật (Sở Tư pháp)
const OWNER = '000.00.01.H29';           // Sở Tư pháp
const OTHER = '000.00.02.H29';           // Sở Tài chính

function problems(w) {
  return w.problems().filter((p) => !/^failed: \S+\/static\/images\/logo\.svg net::ERR_ABORTED$/.test(p));
}

describe('an agency edits its procedure as a new version', { concurrency: false, timeout: 400_000 }, () => {
  const tag = uniq();
  let browser, admin, other;

  before(async () => {
    mkdirSync(OUT, { recursive: true });
    admin = await newOfficer('admin', OWNER, `Quản Trị Tư Pháp ${tag.slice(-6)}`);
    other = await newOfficer('admin', OTHER, `Quản Trị Tài Chính ${tag.slice(-6)}`);
    browser = await launchBrowser();
  });

  after(async () => {
    if (browser) await browser.close();
  });

  async function login(who, width = 1280) {
    const ctx = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
    const page = await ctx.newPage();
    await page.goto(`${BASE_URL}/dich-vu/dang-nhap`);
    await page.locator('#login').fill(who.email);
    await page.locator('#password').fill(who.password);
    await Promise.all([page.waitForURL(`${BASE_URL}/can-bo/`), page.locator('form.form button[type=submit]').click()]);
    return { ctx, page, w: watch(page) };
  }

  /** Opens the procedure from the inbox's menu and the search. */
  async function openFromMenu(page) {
    await page.getByRole('link', { name: 'Nội dung thủ tục' }).click();
    await page.waitForURL(/\/can-bo\/quan-tri\/thu-tuc$/);
    await page.locator('#pq').fill('tu van vien phap luat');       // no diacritics
    await Promise.all([page.waitForURL(/thu-tuc\?q=/), page.locator('form[role=search] button').click()]);
    await Promise.all([page.waitForURL(`${BASE_URL}/can-bo/quan-tri/thu-tuc/${CODE}`),
      page.locator(`a[href="/can-bo/quan-tri/thu-tuc/${CODE}"]`).click()]);
  }

  test('change a fee and a time, add a document, save, publish: the public page shows them', async () => {
    const ndocs = Number(sqlValue(`SELECT COUNT(*) FROM procedure_documents d JOIN procedures p ON p.id = d.procedure_id WHERE p.code = ${q(CODE)}`));
    const v0 = Number(sqlValue(`SELECT version FROM procedures WHERE code = ${q(CODE)}`));
    const amount = `${100 + Math.floor(Math.random() * 800)},${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
    const fee = `${amount} Việt Nam Đồng`;
    const oldTime = await (async () => sqlValue(`SELECT c.time_text FROM procedure_channels c JOIN procedures p ON p.id = c.procedure_id WHERE p.code = ${q(CODE)} ORDER BY c.seq LIMIT 1`))();
    const time = oldTime === '4 Ngày làm việc' ? '6 Ngày làm việc' : '4 Ngày làm việc';
    const doc = `Giấy xác nhận kiểm thử ${tag}`;
    const { ctx, page, w } = await login(admin);
    try {
      await openFromMenu(page);
      await page.screenshot({ path: path.join(OUT, 'procedure-edit-1280.png'), fullPage: false });
      await page.locator('#f-fee0').fill(fee);
      await page.locator('#f-time0').fill(time);
      await page.locator(`#f-docn${ndocs}`).fill(doc);
      await page.locator(`#f-doco${ndocs}`).fill('1');
      await page.locator(`#f-docc${ndocs}`).fill('2');
      await page.locator(`#f-docnote${ndocs}`).fill('Bản chính để đối chiếu');
      await page.locator(`#f-docpos${ndocs}`).fill('0');                 // first in the list
      // Earlier runs' documents are removed; the first real one goes last.
      let removed = 0, moved = null;
      for (let i = 0; i < ndocs; i++) {
        const name = await page.locator(`#f-docn${i}`).inputValue();
        if (name.startsWith('Giấy xác nhận kiểm thử ')) {
          await page.locator(`#f-docdel${i}`).check();
          removed++;
        } else if (moved === null) {
          moved = name;
          await page.locator(`#f-docpos${i}`).fill('999');
        }
      }
      const kept = ndocs - removed + 1;
      // Saving asks for the password again: a wrong one saves nothing, the
      // right one saves what was typed (carried through the password page).
      const [asked] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'),
        page.locator('#save').click()]);
      assert.equal(asked.status(), 200, 'the password page');
      await page.locator('#reauth-password').waitFor({ timeout: 30_000 });
      await page.locator('#reauth-password').fill('not my password');
      const [wrong] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'),
        page.locator('#reauth button[type=submit]').click()]);
      assert.equal(wrong.status(), 422);
      await page.locator('#reauth-error').waitFor({ timeout: 30_000 });
      assert.match(await page.locator('#reauth-error').innerText(), /Mật khẩu không đúng/);
      assert.equal(sqlValue(`SELECT version FROM procedures WHERE code = ${q(CODE)}`), String(v0), 'nothing saved');
      await page.locator('#reauth-password').fill(admin.password);
      await Promise.all([page.waitForURL(/\?ok=\d+$/, { timeout: 60_000 }), page.locator('#reauth button[type=submit]').click()]);
      const saved = page.locator('#saved');
      await saved.waitFor();
      assert.match(await saved.innerText(), new RegExp(`Đã lưu phiên bản ${v0 + 1}`));
      // The form shows the new version, the document first.
      assert.equal(await page.locator('#f-fee0').inputValue(), fee);
      assert.equal(await page.locator('#f-time0').inputValue(), time);
      assert.equal(await page.locator('#f-docn0').inputValue(), doc);
      assert.equal(await page.locator(`#f-docn${kept - 1}`).inputValue(), moved);
      assert.equal(await page.locator(`#f-docn${kept}`).inputValue(), '', 'then the blank rows');
      // The history: who, what changed; the catalogue's version kept below.
      const hist = await page.locator('#history').innerText();
      assert.match(hist, new RegExp(`Phiên bản ${v0 + 1} · \\S+ \\S+ · ${admin.name}`));
      const latest = hist.split(/\nPhiên bản /)[1];
      assert.match(latest, new RegExp(`Phí, lệ phí \\(Trực (tiếp|tuyến)\\): .*→ ${amount}`));
      assert.match(latest, new RegExp(`Thời hạn \\(Trực (tiếp|tuyến)\\): .*→ ${time}`));
      assert.doesNotMatch(latest, /Sửa (Trình tự|Yêu cầu)/, 'texts not touched are not changes');
      assert.match(hist, new RegExp(`Thêm giấy tờ: ${doc}`));
      assert.match(latest, /Đổi thứ tự giấy tờ/);
      if (removed > 0) assert.match(latest, /Bỏ giấy tờ: Giấy xác nhận kiểm thử /);
      assert.match(hist, /Danh mục thủ tục quốc gia|Cơ quan sửa|Quản Trị/);
      assert.equal(sqlValue(`SELECT local_version FROM procedures WHERE code = ${q(CODE)}`), String(v0 + 1));
      await page.screenshot({ path: path.join(OUT, 'procedure-saved-1280.png'), fullPage: false });
      // Publish through the webmaster's button, until the page shows it (a
      // build already running when we pressed may predate the save).
      let html = '';
      for (let i = 0; i < 3 && !html.includes(doc); i++) {
        if (i > 0) await page.goto(`${BASE_URL}/can-bo/quan-tri/thu-tuc/${CODE}?ok=${v0 + 1}`);
        await Promise.all([page.waitForURL(/\/can-bo\/quan-tri-trang\/cap-nhat\/\d+$/), page.locator('#publish').click()]);
        const id = page.url().match(/cap-nhat\/(\d+)$/)[1];
        const s = await until(async () => {
          const r = await page.request.get(`${BASE_URL}/can-bo/quan-tri-trang/cap-nhat/${id}/trang-thai`);
          const j = await r.json();
          return j.state === 'done' || j.state === 'failed' ? j : null;
        }, { timeout: 180_000, every: 500, what: 'the site build to end' });
        assert.equal(s.state, 'done');
        html = (await request(`/thu-tuc/${CODE}.html`)).text;
      }
      assert.ok(html.includes(doc), 'the public page lists the new document');
      assert.ok(html.includes('Bản chính để đối chiếu'), 'with its note');
      assert.ok(html.includes(amount), `the public page shows the fee ${amount}`);
      assert.ok(html.includes(time.split(' ')[0]), 'and the new time');
      // (The wrong password's 422, asserted above, is what the page should answer.)
      assert.deepEqual(problems(w).filter((p) => !/HTTP 422: \S+\/thu-tuc\/[\d.]+$|status of 422/.test(p)), []);
    } finally {
      await ctx.close();
    }
  });

  test('bad input is refused with the errors shown and everything typed kept', async () => {
    const v = sqlValue(`SELECT version FROM procedures WHERE code = ${q(CODE)}`);
    const ndocs = Number(sqlValue(`SELECT COUNT(*) FROM procedure_documents d JOIN procedures p ON p.id = d.procedure_id WHERE p.code = ${q(CODE)}`));
    const { ctx, page, w } = await login(admin, 390);
    try {
      await page.goto(`${BASE_URL}/can-bo/quan-tri/thu-tuc/${CODE}`);
      await page.locator('#f-name').fill('');
      await page.locator('#f-fee0').fill('-5,000 VNĐ');
      await page.locator(`#f-docn${ndocs}`).fill(`Giấy chưa lưu ${tag}`);
      await page.locator(`#f-doco${ndocs}`).fill('hai');
      const [res] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'),
        page.locator('#save').click()]);
      assert.equal(res.status(), 422);
      await page.waitForLoadState();
      const summary = await page.locator('#errors').innerText();
      assert.match(summary, /Chưa lưu/);
      assert.match(summary, /Tên thủ tục: Cần nhập mục này/);
      assert.match(summary, /Phí, lệ phí 1: Phí, lệ phí không được là số âm/);
      assert.match(summary, new RegExp(`Bản chính ${ndocs + 1}: Ghi một số từ 0 đến 99`));
      assert.equal(await page.locator('#f-name').getAttribute('aria-invalid'), 'true');
      assert.equal(await page.locator('#f-fee0').inputValue(), '-5,000 VNĐ');
      assert.equal(await page.locator(`#f-docn${ndocs}`).inputValue(), `Giấy chưa lưu ${tag}`);
      assert.equal(await page.locator(`#f-doco${ndocs}`).inputValue(), 'hai');
      await page.screenshot({ path: path.join(OUT, 'procedure-errors-390.png'), fullPage: false });
      assert.equal(sqlValue(`SELECT version FROM procedures WHERE code = ${q(CODE)}`), v, 'nothing saved');
      assert.deepEqual(problems(w).filter((p) => !/HTTP 422|status of 422/.test(p)), []);
    } finally {
      await ctx.close();
    }
  });

  test('the editor with its errors shown, in both languages: no serious or critical WCAG violation (axe-core)', async () => {
    // axe is injected as a script: the page's CSP (rightly) forbids that.
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    try {
      const page = await ctx.newPage();
      await page.goto(`${BASE_URL}/dich-vu/dang-nhap`);
      await page.locator('#login').fill(admin.email);
      await page.locator('#password').fill(admin.password);
      await Promise.all([page.waitForURL(`${BASE_URL}/can-bo/`), page.locator('form.form button[type=submit]').click()]);
      for (const lang of ['vi', 'en']) {
        await page.goto(`${BASE_URL}/can-bo/quan-tri/thu-tuc/${CODE}?lang=${lang}`);
        await page.locator('#f-name').fill('');
        await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.locator('#save').click()]);
        await page.waitForLoadState();
        assert.equal(await page.locator('#errors').count(), 1);
        await assertAxe(page, lang);
      }
    } finally {
      await ctx.close();
    }
  });

  test('another agency\'s admin is refused; a visitor is sent to log in; a citizen is refused', async () => {
    const { ctx, page } = await login(other);
    try {
      const res = await page.goto(`${BASE_URL}/can-bo/quan-tri/thu-tuc/${CODE}`);
      assert.equal(res.status(), 403);
      // Their own list holds their agency's procedures, not this one.
      await page.goto(`${BASE_URL}/can-bo/quan-tri/thu-tuc`);
      assert.equal(await page.locator(`a[href="/can-bo/quan-tri/thu-tuc/${CODE}"]`).count(), 0);
      assert.ok(await page.locator('.proc-list a').count() > 0, 'Sở Tài chính lists its own procedures');
    } finally {
      await ctx.close();
    }
    const o = await loggedIn(other.email, other.password);
    const html = (await o.get(`/can-bo/quan-tri/thu-tuc/${CODE}`)).text;
    const post = await o.postForm(`/can-bo/quan-tri/thu-tuc/${CODE}`, {
      csrf: html.match(/name="csrf" value="([0-9a-f]{64})"/)[1], version: '1', name: 'x' });
    assert.equal(post.status, 403, 'nor can it save');
    const nobody = await new Visitor().get(`/can-bo/quan-tri/thu-tuc/${CODE}`);
    assert.equal(nobody.status, 303);
    assert.match(nobody.location, /\/dich-vu\/dang-nhap\?next=/);
    const citizen = await loggedIn('citizen@motcua.test', DEMO_PASSWORD);
    assert.equal((await citizen.get(`/can-bo/quan-tri/thu-tuc/${CODE}`)).status, 403);
    // The city's admin edits every procedure.
    const city = await loggedIn('admin@motcua.test', DEMO_PASSWORD);
    assert.equal((await city.get(`/can-bo/quan-tri/thu-tuc/${CODE}`)).status, 200);
  });
});
