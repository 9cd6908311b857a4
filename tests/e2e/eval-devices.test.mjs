// Rating devices (issue 10): a leader registers a counter tablet and a kiosk
// on the office page and gets their one-time codes; each device pairs with
// its code; the officer keeps the card the tablet shows and invites a rating
// from the counter page; the tablet shows the officer's card, rates that
// officer's visit, goes back to its start screen after 30 s without a touch;
// the kiosk rates a returned dossier by its code, once; a revoked device
// refuses. A device's screens (start, questionnaire, thanks, a refusal)
// offer no way off the device (no site navigation, account links or
// footer). Every action through the pages in Chromium.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  BASE_URL, PROC, WARD_SLOTS, randomWard, uniq, newCitizen, newOfficer, newToken, request,
  toFormData, filePart, minimalPdf, sqlValue, q, launchBrowser, watch, until, parseCsv,
} from './lib.mjs';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'output');
mkdirSync(OUT, { recursive: true });

const bearer = (t) => ({ authorization: `Bearer ${t}` });
const DEVICE = `${BASE_URL}/dich-vu/thiet-bi-danh-gia`;
// A 2x2 PNG (what libmagic must call image/png).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP4z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==', 'base64');

describe('rating devices: tablet and kiosk (issue 10)', { concurrency: false, timeout: 600_000 }, () => {
  const tag = uniq();
  let browser, ward, otherWard, citizen, recv, spec, lead, outsider, tokens = {};

  before(async () => {
    ward = randomWard(WARD_SLOTS.eval);
    do otherWard = randomWard(WARD_SLOTS.eval); while (otherWard === ward);
    citizen = await newCitizen({ name: `Thiết Bị ${tag}` });
    [recv, spec, lead, outsider] = await Promise.all([
      newOfficer('receiver', ward, `Nguyễn Quầy ${tag}`),
      newOfficer('specialist', ward, `Chuyên Viên TB ${tag}`),
      newOfficer('leader', ward, `Lãnh Đạo TB ${tag}`),
      newOfficer('receiver', otherWard, `Cán Bộ Khác ${tag}`),
    ]);
    for (const [k, acc] of Object.entries({ citizen, recv, spec, lead })) tokens[k] = await newToken(acc.email);
    browser = await launchBrowser();
  });

  after(async () => {
    if (browser) await browser.close();
  });

  async function login(acc, width = 1280) {
    const ctx = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(`${BASE_URL}/dich-vu/dang-nhap`);
    await page.locator('#login').fill(acc.email);
    await page.locator('#password').fill(acc.password);
    await Promise.all([page.waitForURL(`${BASE_URL}/can-bo/`), page.locator('form.form button[type=submit]').click()]);
    return { ctx, page, w: watch(page) };
  }

  /** A fresh browser with no cookie: the device to pair. */
  async function device(width = 1024, height = 768) {
    const ctx = await browser.newContext({ viewport: { width, height }, hasTouch: true });
    const page = await ctx.newPage();
    return { ctx, page, w: watch(page) };
  }

  /** Registers a device on the office page; returns its pairing code. */
  async function register(page, { kind, name, counter, officer }) {
    await page.goto(`${BASE_URL}/can-bo/danh-gia/thiet-bi`);
    await page.locator(`#device-add input[name=kind][value=${kind}]`).check();
    await page.locator('#name').fill(name);
    if (counter) await page.locator('#counter').fill(counter);
    if (officer) await page.locator('#officer').selectOption(String(officer.id));
    await Promise.all([page.waitForLoadState('domcontentloaded'), page.locator('#device-add button[type=submit]').click()]);
    const code = (await page.locator('#pair-code-value').innerText()).trim();
    assert.match(code, /^\d{8}$/, 'an 8-digit pairing code is shown');
    assert.match(await page.locator('#pair-code').innerText(), new RegExp(name));
    const row = page.locator('#devices tbody tr', { hasText: name });
    assert.match(await row.locator('.device-state').innerText(), /Chờ ghép/);
    return code;
  }

  /**
   * Downloads the devices table as CSV from the page's link: UTF-8 with a
   * byte order mark (for Excel), headings in the page's language; this
   * test's rows (the ward's list is shared with other files) are the
   * page's, cell by cell. Returns them.
   */
  async function csvOf(page, file, heads) {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('#devices-csv').click()]);
    assert.match(dl.suggestedFilename(), /^thiet-bi-\d+\.csv$/);
    const saved = path.join(OUT, `${file}-${tag}.csv`);
    await dl.saveAs(saved);
    const bytes = readFileSync(saved);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a byte order mark for Excel');
    const csv = parseCsv(bytes.subarray(3).toString('utf8'));
    assert.deepEqual(csv[0], heads);
    const shown = await page.locator('#devices tbody tr').evaluateAll((trs) => trs.map((tr) =>
      [...tr.querySelectorAll('td')].slice(0, 5).map((td) => td.textContent.replace(/\s+/g, ' ').trim())));
    const mine = (rows) => rows.filter((r) => r[0].includes(tag));
    assert.ok(mine(shown).length > 0, 'this test\'s devices are listed');
    assert.deepEqual(mine(csv.slice(1)), mine(shown));
    return mine(csv.slice(1));
  }

  /** Pairs the device page with code (through the pairing form). */
  async function pair(page, code) {
    await page.goto(DEVICE);
    assert.match(page.url(), /\/dich-vu\/thiet-bi-danh-gia\/ghep$/, 'an unpaired browser is sent to the pairing form');
    await page.locator('#code').fill(code);
    await Promise.all([page.waitForURL(DEVICE), page.locator('form.form button[type=submit]').click()]);
  }

  /**
   * A device's screen offers no way off it: no site navigation, account
   * links or footer; every link stays on the device's pages (the language
   * switch included).
   */
  async function noWayOff(page, where) {
    assert.equal(await page.locator('nav.site-nav, footer.site-footer, .user-link, .account-link').count(), 0, `${where}: no navigation`);
    const off = (await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href'))))
      .filter((h) => !h.startsWith('#') && !h.startsWith('/dich-vu/thiet-bi-danh-gia'));
    assert.deepEqual(off, [], `${where}: no link off the device`);
  }

  async function choose(page, name, s) {
    await page.locator(`input[type=radio][name="${name}"][value="${s}"]`).check();
  }

  async function transition(code, token, body) {
    return request(`/api/v1/dossiers/${encodeURIComponent(code)}/transitions`, {
      method: 'POST', headers: { ...bearer(token), 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
  }

  /** A dossier of the citizen at the ward, returned. */
  async function returnedDossier() {
    const a = await request('/api/v1/dossiers', {
      method: 'POST', headers: bearer(tokens.citizen), body: toFormData({
        procedure: PROC, agency: ward, fields: JSON.stringify({ content: `Kiosk ${tag}` }),
        file: filePart(minimalPdf(`to khai ${tag}`), 'to-khai.pdf'),
      }),
    });
    assert.equal(a.status, 201, a.text);
    const code = a.json().code;
    for (const [k, body] of [['recv', { action: 'accept' }], ['recv', { action: 'forward' }], ['spec', { action: 'forward' }],
      ['lead', { action: 'approve' }], ['recv', { action: 'return', method: 1 }]]) {
      const t = await transition(code, tokens[k], body);
      assert.equal(t.status, 200, `${body.action}: ${t.text.slice(0, 200)}`);
    }
    return code;
  }

  test('counter tablet: registered, paired, shows the officer, rates a visit, idles back, revoked', async () => {
    const name = `Máy tính bảng ${tag}`;
    const L = await login(lead);
    const O = await login(recv, 390);
    const T = await device();
    try {
      // The leader finds the devices page in the office menu (the inbox's links).
      await Promise.all([L.page.waitForURL(`${BASE_URL}/can-bo/danh-gia/thiet-bi`), L.page.locator('#link-devices').click()]);
      assert.match(await L.page.locator('h1').innerText(), /Thiết bị đánh giá/);
      // The leader registers the tablet for the receiver's counter.
      const code = await register(L.page, { kind: 'tablet', name, counter: `Quầy ${tag}`, officer: recv });
      await L.page.screenshot({ path: path.join(OUT, 'eval-devices-1280.png'), fullPage: true });

      // The officer's card: a title required (422, kept), then a photo.
      await O.page.goto(`${BASE_URL}/can-bo/danh-gia/quay`);
      await O.page.locator('#title').fill('');
      const [bad] = await Promise.all([
        O.page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/can-bo/danh-gia/the')),
        O.page.locator('#card-form button[type=submit]').click(),
      ]);
      assert.equal(bad.status(), 422);
      await O.page.waitForLoadState('domcontentloaded');
      assert.match(await O.page.locator('#card-form').innerText(), /Nhập chức danh/);
      await O.page.locator('#title').fill(`Chuyên viên tiếp nhận ${tag}`);
      await O.page.locator('#photo').setInputFiles({ name: 'anh.png', mimeType: 'image/png', buffer: PNG });
      await Promise.all([O.page.waitForURL(/\/can-bo\/danh-gia\/quay\?ok=card/), O.page.locator('#card-form button[type=submit]').click()]);
      assert.match(await O.page.locator('.flash').innerText(), /Đã lưu thẻ cán bộ/);
      assert.equal(await O.page.locator('#title').inputValue(), `Chuyên viên tiếp nhận ${tag}`);

      // A wrong code is refused on the pairing form; the right one pairs.
      await T.page.goto(`${DEVICE}/ghep`);
      await T.page.locator('#code').fill('00000000');
      const [wrong] = await Promise.all([
        T.page.waitForResponse((r) => r.request().method() === 'POST'),
        T.page.locator('form.form button[type=submit]').click(),
      ]);
      assert.equal(wrong.status(), 422);
      await T.page.waitForLoadState('domcontentloaded');
      assert.match(await T.page.locator('main').innerText(), /Mã ghép không đúng hoặc đã hết hạn/);
      await pair(T.page, code);

      // The start screen: the officer's card (name, title, counter, photo).
      const card = T.page.locator('#officer-card');
      await card.waitFor();
      const cardText = await card.innerText();
      assert.match(cardText, new RegExp(`Nguyễn Quầy ${tag}`));
      assert.match(cardText, new RegExp(`Chuyên viên tiếp nhận ${tag}`));
      assert.match(cardText, new RegExp(`Quầy ${tag}`));
      await until(async () => (await card.locator('img.officer-photo').evaluate((i) => i.complete && i.naturalWidth)) === 2,
        { what: 'the officer photo shown' });
      assert.match(await T.page.locator('h1').innerText(), /Mời Ông\/Bà đánh giá sau khi được phục vụ/);
      assert.equal(await T.page.locator('#device-start').count(), 0, 'nothing to rate before the officer invites');
      await noWayOff(T.page, 'the tablet\'s start screen');

      // The leader's list says it is paired.
      await L.page.goto(`${BASE_URL}/can-bo/danh-gia/thiet-bi`);
      assert.match(await L.page.locator('#devices tbody tr', { hasText: name }).locator('.device-state').innerText(), /Đang dùng/);

      // The officer invites; the tablet (refreshing itself) offers the rating.
      await O.page.goto(`${BASE_URL}/can-bo/danh-gia/quay`);
      const row = O.page.locator('#tablets tbody tr', { hasText: name });
      await Promise.all([O.page.waitForURL(/ok=invited/), row.locator('button[type=submit]').click()]);
      assert.match(await O.page.locator('.flash').innerText(), /Đã mời/);
      assert.equal((await O.page.locator('#tablets tbody tr', { hasText: name }).locator('.tablet-waiting').innerText()).trim(), '1');
      await O.page.screenshot({ path: path.join(OUT, 'eval-counter-390.png'), fullPage: true });
      await T.page.locator('#device-start').waitFor({ timeout: 60_000 });
      await Promise.all([T.page.waitForURL(/bat-dau=1/), T.page.locator('#device-start').click()]);
      assert.match(await T.page.locator('#officer-card').innerText(), new RegExp(`Nguyễn Quầy ${tag}`));
      const qv = Number(await T.page.locator('form.eval-form input[name=qv]').inputValue());
      assert.equal(await T.page.locator('fieldset.eval-q').count(),
        Number(sqlValue(`SELECT COUNT(*) FROM eval_questions WHERE questionnaire_id = ${qv}`)), 'every question of its version');
      await noWayOff(T.page, 'the tablet\'s questionnaire');
      await T.page.screenshot({ path: path.join(OUT, 'eval-tablet-1024.png'), fullPage: true });
      for (const n of ['a1', 'a2', 'a3', 'a4']) await choose(T.page, n, 2);
      await Promise.all([T.page.waitForURL(/xong=1/), T.page.locator('form.eval-form button[type=submit]').click()]);
      assert.match(await T.page.locator('main').innerText(), /Cảm ơn Ông\/Bà đã đánh giá/);
      await noWayOff(T.page, 'the tablet\'s thanks');
      const [channel, officer] = sqlValue(`SELECT CONCAT(r.channel, ',', r.officer_id) FROM eval_ratings r ` +
        `JOIN eval_devices d ON d.id = r.device_id WHERE d.name = ${q(name)}`).split(',');
      assert.equal(channel, 'tablet');
      assert.equal(Number(officer), recv.id, 'the rating is the officer\'s');

      // Back on the start screen, the visit is used: nothing to rate.
      await T.page.locator('a.device-big').click();
      await T.page.waitForURL(DEVICE);
      assert.equal(await T.page.locator('#device-start').count(), 0, 'one rating per visit');

      // Idle: invited again, the applicant starts, touches once, then
      // leaves: 30 s after the last touch the tablet is back at its start.
      await O.page.goto(`${BASE_URL}/can-bo/danh-gia/quay`);
      await Promise.all([O.page.waitForURL(/ok=invited/),
        O.page.locator('#tablets tbody tr', { hasText: name }).locator('button[type=submit]').click()]);
      await T.page.locator('#device-start').waitFor({ timeout: 60_000 });
      await Promise.all([T.page.waitForURL(/bat-dau=1/), T.page.locator('#device-start').click()]);
      await T.page.waitForTimeout(20_000); // the applicant reads (not a synchronisation)
      await choose(T.page, 'a1', 1);
      const touched = Date.now();
      await T.page.waitForURL(DEVICE, { timeout: 90_000 });
      const idle = (Date.now() - touched) / 1000;
      assert.ok(idle >= 29, `back to the start screen only after 30 s without a touch (${idle.toFixed(1)} s)`);
      await T.page.locator('#device-start').waitFor();
      assert.match(await T.page.locator('h1').innerText(), /Mời Ông\/Bà đánh giá cán bộ vừa phục vụ/);

      // Revoked while a questionnaire is open: the answer is refused, and the
      // device is back to the pairing form; its old code does not pair.
      await Promise.all([T.page.waitForURL(/bat-dau=1/), T.page.locator('#device-start').click()]);
      for (const n of ['a1', 'a2', 'a3', 'a4']) await choose(T.page, n, 2);
      await L.page.goto(`${BASE_URL}/can-bo/danh-gia/thiet-bi`);
      const lrow = L.page.locator('#devices tbody tr', { hasText: name });
      await Promise.all([L.page.waitForURL(/ok=revoked/), lrow.locator('button[type=submit]').click()]);
      assert.match(await L.page.locator('.flash').innerText(), /Đã thu hồi thiết bị/);
      assert.match(await L.page.locator('#devices tbody tr', { hasText: name }).locator('.device-state').innerText(), /Đã thu hồi/);
      assert.equal(await L.page.locator('#devices tbody tr', { hasText: name }).locator('button').count(), 0);
      // The list as CSV from the page's link: Vietnamese headings, the page's cells, audited as an export.
      const exported = () => Number(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE event = 'export' ` +
        `AND (account_id = ${lead.id} OR actor_id = ${lead.id}) AND subject LIKE 'thiet-bi.csv %'`));
      const before = exported();
      const vi = await csvOf(L.page, 'eval-devices', ['Tên thiết bị', 'Loại thiết bị', 'Quầy', 'Cán bộ tại quầy', 'Trạng thái']);
      assert.deepEqual(vi.map((r) => r.slice(0, 4)), [[name, 'Máy tính bảng tại quầy', `Quầy ${tag}`, recv.name]]);
      assert.match(vi[0][4], /^Đã thu hồi lúc \d/);
      assert.equal(exported(), before + 1, 'the download is audited as an export');
      const [refused] = await Promise.all([
        T.page.waitForResponse((r) => r.request().method() === 'POST' && r.url() === DEVICE),
        T.page.locator('form.eval-form button[type=submit]').click(),
      ]);
      assert.equal(refused.status(), 403);
      await T.page.waitForLoadState('domcontentloaded');
      assert.match(await T.page.locator('main').innerText(), /Thiết bị này chưa được đăng ký/);
      assert.equal(Number(sqlValue(`SELECT COUNT(*) FROM eval_ratings r JOIN eval_devices d ON d.id = r.device_id ` +
        `WHERE d.name = ${q(name)}`)), 1, 'nothing stored after the revocation');
      await T.page.goto(DEVICE);
      assert.match(T.page.url(), /\/ghep$/, 'a revoked device is sent to the pairing form');
      await T.page.locator('#code').fill(code);
      const [reused] = await Promise.all([
        T.page.waitForResponse((r) => r.request().method() === 'POST'),
        T.page.locator('form.form button[type=submit]').click(),
      ]);
      assert.equal(reused.status(), 422, 'a used code does not pair again');

      // In English, the office pages are complete.
      await L.page.goto(`${BASE_URL}/can-bo/danh-gia/thiet-bi?lang=en`);
      const en = await L.page.locator('main').innerText();
      assert.match(en, /Rating devices/);
      assert.match(en, /Revoked at/);
      assert.doesNotMatch(en, /Lang\.|Thiết bị đánh giá/);
      const encsv = await csvOf(L.page, 'eval-devices-en', ['Device name', 'Kind of device', 'Counter', 'Officer at the counter', 'State']);
      assert.match(encsv[0][4], /^Revoked at \d/);
      await L.page.setViewportSize({ width: 390, height: 844 });
      await L.page.screenshot({ path: path.join(OUT, 'eval-devices-en-390.png'), fullPage: true });
      await L.page.goto(`${BASE_URL}/can-bo/danh-gia/thiet-bi?lang=vi`);
      assert.deepEqual(T.w.problems().filter((p) => !/HTTP (403|422)|status of (403|422)|net::ERR_ABORTED/.test(p)), []);
      assert.deepEqual(L.w.problems().filter((p) => !/net::ERR_ABORTED/.test(p)), []);
    } finally {
      await Promise.all([L.ctx.close(), O.ctx.close(), T.ctx.close()]);
    }
  });

  test('kiosk: rates a returned dossier of its agency by code, once', async () => {
    const code = await returnedDossier();
    const name = `Kiosk ${tag}`;
    const L = await login(lead);
    const K = await device(1080, 1920);
    try {
      const pairing = await register(L.page, { kind: 'kiosk', name });
      await pair(K.page, pairing);
      assert.match(await K.page.locator('h1').innerText(), /Đánh giá mức độ hài lòng/);
      await noWayOff(K.page, 'the kiosk\'s start screen');
      await K.page.locator('#ma').fill(code);
      await Promise.all([K.page.waitForURL(/ma=/), K.page.locator('form.form button[type=submit]').click()]);
      assert.match(await K.page.locator('main').innerText(), new RegExp(`Hồ sơ\\s+${code.replace(/\./g, '\\.')}`));
      for (const n of ['a1', 'a2', 'a3', 'a4']) await choose(K.page, n, 2);
      await Promise.all([K.page.waitForURL(/xong=1/), K.page.locator('form.eval-form button[type=submit]').click()]);
      assert.match(await K.page.locator('main').innerText(), /Cảm ơn Ông\/Bà đã đánh giá/);
      assert.equal(sqlValue(`SELECT r.channel FROM eval_ratings r JOIN dossiers d ON d.id = r.dossier_id WHERE d.code = ${q(code)}`), 'kiosk');

      // The same dossier again: refused.
      await K.page.goto(DEVICE);
      await K.page.locator('#ma').fill(code);
      await Promise.all([K.page.waitForURL(/ma=/), K.page.locator('form.form button[type=submit]').click()]);
      for (const n of ['a1', 'a2', 'a3', 'a4']) await choose(K.page, n, 1);
      const [again] = await Promise.all([
        K.page.waitForResponse((r) => r.request().method() === 'POST' && r.url() === DEVICE),
        K.page.locator('form.eval-form button[type=submit]').click(),
      ]);
      assert.equal(again.status(), 409);
      await K.page.waitForLoadState('domcontentloaded');
      assert.match(await K.page.locator('main').innerText(), /mỗi hồ sơ chỉ được đánh giá một lần/);
      // The refusal stays on the device: its one way out is back to the start.
      await noWayOff(K.page, 'the kiosk\'s refusal');
      await K.page.screenshot({ path: path.join(OUT, 'eval-kiosk-refused-1080.png'), fullPage: true });
      await Promise.all([K.page.waitForURL(DEVICE), K.page.locator('#device-back').click()]);
      assert.equal(await K.page.locator('#ma').count(), 1, 'back at the kiosk\'s start');
      assert.equal(Number(sqlValue(`SELECT COUNT(*) FROM eval_ratings r JOIN dossiers d ON d.id = r.dossier_id WHERE d.code = ${q(code)}`)), 1);
    } finally {
      await Promise.all([L.ctx.close(), K.ctx.close()]);
    }
  });

  test('who may: a receiver does not manage devices; an officer of another agency cannot invite on the tablet', async () => {
    const L = await login(lead);
    const name = `Máy quầy khác ${tag}`;
    try {
      const code = await register(L.page, { kind: 'tablet', name, counter: 'Quầy 9' });
      const T = await device();
      try {
        await pair(T.page, code);
      } finally {
        await T.ctx.close();
      }
      const id = sqlValue(`SELECT id FROM eval_devices WHERE name = ${q(name)}`);
      // The officer must work at the agency to be bound at creation.
      await L.page.goto(`${BASE_URL}/can-bo/danh-gia/thiet-bi`);
      const csrf = await L.page.locator('#device-add input[name=csrf]').inputValue();
      const agency = await L.page.locator('#device-add input[name=agency]').inputValue();
      const r = await L.ctx.request.post(`${BASE_URL}/can-bo/danh-gia/thiet-bi`, {
        form: { csrf, agency, kind: 'tablet', name: `x ${tag}`, officer: String(outsider.id) }, maxRedirects: 0,
      });
      assert.equal(r.status(), 422);
      assert.match(await r.text(), /không làm việc tại cơ quan đã chọn/);

      const O = await login(outsider);
      try {
        assert.equal(await O.page.locator('.office-links a[href="/can-bo/danh-gia/thiet-bi"]').count(), 0, 'no devices link in the menu');
        const d = await O.page.goto(`${BASE_URL}/can-bo/danh-gia/thiet-bi`);
        assert.equal(d.status(), 403, 'a receiver does not manage devices');
        const dcsv = await O.ctx.request.get(`${BASE_URL}/can-bo/danh-gia/thiet-bi.csv`, { maxRedirects: 0 });
        assert.equal(dcsv.status(), 403, 'nor downloads their list');
        await O.page.goto(`${BASE_URL}/can-bo/danh-gia/quay`);
        assert.equal(await O.page.locator('#tablets tbody tr', { hasText: name }).count(), 0, 'not listed to another agency');
        const ocsrf = await O.page.locator('#card-form input[name=csrf]').inputValue();
        const inv = await O.ctx.request.post(`${BASE_URL}/can-bo/danh-gia/quay/${id}/moi`, { form: { csrf: ocsrf }, maxRedirects: 0 });
        assert.equal(inv.status(), 404);
        assert.equal(Number(sqlValue(`SELECT COUNT(*) FROM eval_visits WHERE device_id = ${id}`)), 0);
      } finally {
        await O.ctx.close();
      }
    } finally {
      await L.ctx.close();
    }
  });
});
