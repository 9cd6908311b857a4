// Feedback and complaints (issue 10), through the pages in Chromium: a
// citizen sends feedback about their dossier with a photo (a 422 first,
// nothing typed lost), the agency's officer finds it in the list, marked
// in the inbox and on the dossier, answers it founded (a 422 without the
// verdict first); the citizen is notified, sees the answer and reopens it;
// the officer answers again and the citizen marks it resolved. Another
// citizen gets 404. The published answer shows on the public page. axe on
// the new pages; screenshots at 390 and 1280 px in tests/e2e/output.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

import {
  BASE_URL, PROC, WARD_SLOTS, randomWard, uniq, newCitizen, newOfficer, newToken, request,
  toFormData, filePart, minimalPdf, csrfOf, sql, sqlValue, q, launchBrowser, watch, assertAxe, Visitor, motcua, until,
} from './lib.mjs';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'output');
mkdirSync(OUT, { recursive: true });

/** A valid 2x2 PNG (libmagic must call it image/png). */
function png() {
  const crc = (buf) => {
    let c = ~0;
    for (const b of buf) {
      c ^= b;
      for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
    }
    return ~c >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const c = Buffer.alloc(4); c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0); ihdr.writeUInt32BE(2, 4); ihdr[8] = 8; ihdr[9] = 2;
  const raw = Buffer.from([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 0]);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

describe('feedback and complaints (issue 10)', { concurrency: false, timeout: 300_000 }, () => {
  const tag = uniq();
  let browser, ward, citizen, stranger, recv, lead, code, fb, waiting;

  before(async () => {
    ward = randomWard(WARD_SLOTS.other);
    [citizen, stranger, recv, lead] = await Promise.all([
      newCitizen({ name: `Phản Ánh ${tag}` }), newCitizen(), newOfficer('receiver', ward, `Tiếp Nhận PA ${tag}`),
      newOfficer('leader', ward, `Lãnh Đạo PA ${tag}`),
    ]);
    const token = await newToken(citizen.email);
    const a = await request('/api/v1/dossiers', {
      method: 'POST', headers: { authorization: `Bearer ${token}` }, body: toFormData({
        procedure: PROC, agency: ward, fields: JSON.stringify({ content: `Phản ánh ${tag}` }),
        file: filePart(minimalPdf(`to khai ${tag}`), 'to-khai.pdf'),
      }),
    });
    assert.equal(a.status, 201, a.text);
    code = a.json().code;
    browser = await launchBrowser();
  });

  after(async () => {
    if (browser) await browser.close();
  });

  async function login(acc, home) {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    const page = await ctx.newPage();
    await page.goto(`${BASE_URL}/dich-vu/dang-nhap`);
    await page.locator('#login').fill(acc.email);
    await page.locator('#password').fill(acc.password);
    await Promise.all([page.waitForURL(`${BASE_URL}${home}`), page.locator('form.form button[type=submit]').click()]);
    return { ctx, page };
  }

  async function shots(page, name) {
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: path.join(OUT, `feedback-${name}-${width}.png`), fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  test('sent about a dossier, answered founded, reopened, answered again, resolved', async () => {
    const body = `Cán bộ hẹn trả kết quả nhưng không liên lạc được ${tag}. Xin cơ quan xem lại.`;
    const c = await login(citizen, '/dich-vu/ho-so');
    const cw = watch(c.page);
    // From the dossier's page to the form, the dossier's code filled in.
    await c.page.goto(`${BASE_URL}/dich-vu/ho-so/${code}`);
    await Promise.all([c.page.waitForURL(/\/dich-vu\/phan-anh\/gui/), c.page.locator('.fb-link a').click()]);
    assert.equal(await c.page.locator('#dossier').inputValue(), code);
    await assertAxe(c.page, 'feedback form');
    // Too short, no category: 422, the summary, what was typed kept.
    await c.page.locator('#body').fill('ngắn');
    await c.page.locator('#publish').check();
    let [resp] = await Promise.all([c.page.waitForResponse((r) => r.request().method() === 'POST'),
      c.page.locator('form.form button[type=submit]').click()]);
    assert.equal(resp.status(), 422);
    await c.page.waitForSelector('#error-summary');
    assert.equal(await c.page.locator('#body').inputValue(), 'ngắn');
    assert.equal(await c.page.locator('#dossier').inputValue(), code);
    assert.ok(await c.page.locator('#publish').isChecked(), 'the publish box stays ticked');
    assert.match(await c.page.locator('#error-summary').innerText(), /Chọn loại phản ánh/);
    await assertAxe(c.page, 'feedback form with errors');
    await shots(c.page, 'form-422');
    // Then right, with a photo.
    await c.page.locator('#category').selectOption('attitude');
    await c.page.locator('#body').fill(body);
    await c.page.locator('#photo1').setInputFiles({ name: 'anh-hien-truong.png', mimeType: 'image/png', buffer: png() });
    await Promise.all([c.page.waitForURL(/\/dich-vu\/phan-anh\/PA-\d{6}-\d+\?moi=1$/),
      c.page.locator('form.form button[type=submit]').click()]);
    fb = c.page.url().match(/(PA-\d{6}-\d+)/)[1];
    assert.match(await c.page.locator('.flash').innerText(), /Đã nhận phản ánh/);
    assert.equal((await c.page.locator('#fb-status').innerText()).trim(), 'Đang chờ trả lời');
    assert.equal((await c.page.locator('#fb-body').innerText()).trim(), body);
    await assertAxe(c.page, 'feedback page');
    await shots(c.page, 'sent');
    // Its deadline: 10 working days (at least two weekends away).
    assert.equal(Number(sqlValue(`SELECT due_at > created_at + INTERVAL 11 DAY FROM feedback WHERE code = ${q(fb)}`)), 1);
    // In "my feedback".
    await c.page.goto(`${BASE_URL}/dich-vu/phan-anh`);
    assert.equal(await c.page.locator(`#my-feedback a:text("${fb}")`).count(), 1);

    // Another citizen: not found, the photo neither.
    const s = new Visitor();
    await s.login(stranger.email, stranger.password);
    assert.equal((await s.get(`/dich-vu/phan-anh/${fb}`)).status, 404);
    assert.equal((await s.get(`/dich-vu/phan-anh/${fb}/anh/1`)).status, 404);
    assert.equal((await s.get('/dich-vu/phan-anh')).text.includes(fb), false);

    // The officer: marked in the inbox, in the feedback list, on the dossier.
    const o = await login(recv, '/can-bo/');
    const ow = watch(o.page);
    const row = o.page.locator('table.inbox tr', { has: o.page.locator(`a:text("${code}")`) });
    await until(async () => (await row.locator('.fb-marker').count()) === 1, { what: 'the inbox marker' });
    await Promise.all([o.page.waitForURL(/\/can-bo\/phan-anh\?agency=/), o.page.locator('.office-links a[href^="/can-bo/phan-anh"]').click()]);
    const item = o.page.locator('#feedback-list tr', { has: o.page.locator(`a:text("${fb}")`) });
    assert.equal(await item.count(), 1);
    assert.match(await item.innerText(), /Đang chờ trả lời/);
    assert.equal(await item.getAttribute('class'), 'row-green');
    await assertAxe(o.page, 'office feedback list');
    await shots(o.page, 'office-list');
    // The leader's overview raises the dossier while the feedback waits.
    const L = new Visitor();
    await L.login(lead.email, lead.password);
    const overview = await L.get('/can-bo/lanh-dao');
    assert.equal(overview.status, 200);
    assert.match(overview.text.slice(overview.text.indexOf('id="feedback-dossiers"')), new RegExp(`>${code.replace(/\./g, '\\.')}</a> · 1 phản ánh đang chờ`));
    await o.page.goto(`${BASE_URL}/can-bo/ho-so/${code}`);
    assert.match(await o.page.locator('#dossier-feedback').innerText(), new RegExp(fb));
    await Promise.all([o.page.waitForURL(new RegExp(`/can-bo/phan-anh/${fb}$`)), o.page.locator(`#dossier-feedback a:text("${fb}")`).click()]);
    const photo = await o.page.request.get(`${BASE_URL}/can-bo/phan-anh/${fb}/anh/1`);
    assert.equal(photo.status(), 200);
    assert.equal(photo.headers()['content-type'], 'image/png');
    // No verdict: 422, the answer kept.
    const answer1 = `Đã kiểm tra, cán bộ đã được nhắc nhở ${tag}.`;
    await o.page.locator('#answer').fill(answer1);
    [resp] = await Promise.all([o.page.waitForResponse((r) => r.request().method() === 'POST'),
      o.page.locator('form.form button[type=submit]').click()]);
    assert.equal(resp.status(), 422);
    await o.page.waitForSelector('fieldset.has-error');
    assert.equal(await o.page.locator('#answer').inputValue(), answer1);
    await assertAxe(o.page, 'office feedback page');
    await shots(o.page, 'office-answer-422');
    await o.page.locator('input[name=founded][value="1"]').check();
    await Promise.all([o.page.waitForURL(/\?ok=1$/), o.page.locator('form.form button[type=submit]').click()]);
    assert.equal((await o.page.locator('#fb-status').innerText()).trim(), 'Đã trả lời');
    // The citizen's notification and e-mail came with the answer.
    assert.equal(Number(sqlValue(`SELECT COUNT(*) FROM notifications WHERE account_id = ${citizen.id} AND kind = 'feedback_answer' AND url = ${q(`/dich-vu/phan-anh/${fb}`)}`)), 1);
    assert.equal(Number(sqlValue(`SELECT COUNT(*) FROM outbox WHERE channel = 'email' AND recipient = ${q(citizen.email)} AND subject LIKE ${q(`%${fb}%`)}`)), 1);

    // The citizen sees it in the notifications, opens it, reopens.
    await c.page.goto(`${BASE_URL}/dich-vu/thong-bao`);
    await Promise.all([c.page.waitForURL(new RegExp(`/dich-vu/phan-anh/${fb}$`)),
      c.page.locator(`.notifications-unread a[href="/dich-vu/phan-anh/${fb}"]`).click()]);
    assert.match(await c.page.locator('#fb-answer').innerText(), new RegExp(`${answer1}[\\s\\S]*|Phản ánh đúng`));
    assert.match(await c.page.locator('#fb-answer').innerText(), /Phản ánh đúng/);
    await c.page.locator('#note').fill('Vẫn chưa được liên lạc.');
    await Promise.all([c.page.waitForURL(/\?ok=1$/), c.page.locator('button[value=reopen]').click()]);
    assert.equal((await c.page.locator('#fb-status').innerText()).trim(), 'Đang chờ trả lời');
    assert.match(await c.page.locator('#fb-history').innerText(), /Công dân gửi lại/);

    // Back to the agency: answered again.
    await o.page.goto(`${BASE_URL}/can-bo/phan-anh/${fb}`);
    assert.match(await o.page.locator('#fb-history').innerText(), /Vẫn chưa được liên lạc/);
    await o.page.locator('#answer').fill(`Cán bộ đã gọi lại cho Ông/Bà ${tag}.`);
    await o.page.locator('input[name=founded][value="1"]').check();
    await Promise.all([o.page.waitForURL(/\?ok=1$/), o.page.locator('form.form button[type=submit]').click()]);

    // Resolved.
    await c.page.goto(`${BASE_URL}/dich-vu/phan-anh/${fb}`);
    await Promise.all([c.page.waitForURL(/\?ok=1$/), c.page.locator('button[value=resolve]').click()]);
    assert.equal((await c.page.locator('#fb-status').innerText()).trim(), 'Đã giải quyết');
    assert.equal(await c.page.locator('button[value=reopen]').count(), 0, 'nothing more to do');
    assert.equal(sqlValue(`SELECT CONCAT(status, ' ', reopened, ' ', answers, ' ', founded) FROM feedback WHERE code = ${q(fb)}`), 'resolved 1 2 1');
    assert.deepEqual(cw.problems().filter((p) => !/422/.test(p)), []);
    assert.deepEqual(ow.problems().filter((p) => !/422/.test(p)), []);
    await c.ctx.close();
    await o.ctx.close();
  });

  test('the officer\'s list filtered by status through the page: only rows of that status', async () => {
    assert.ok(fb, 'the first test sent the feedback (resolved now)');
    // A second feedback of the citizen about the dossier, still waiting.
    const v = new Visitor();
    await v.login(citizen.email, citizen.password);
    const form = await v.get(`/dich-vu/phan-anh/gui?ho-so=${code}`);
    const sent = await v.postMultipart('/dich-vu/phan-anh/gui', {
      csrf: csrfOf(form.text), dossier: code, category: 'delay', body: `Hồ sơ chậm, xin kiểm tra ${tag}.`,
    });
    assert.equal(sent.status, 303, sent.text);
    waiting = sent.location.match(/(PA-\d{6}-\d+)/)[1];
    const o = await login(recv, '/can-bo/');
    await o.page.goto(`${BASE_URL}/can-bo/phan-anh`);
    const rowOf = (c) => o.page.locator('#feedback-list tbody tr', { has: o.page.locator(`a:text("${c}")`) });
    assert.equal(await rowOf(fb).count() + await rowOf(waiting).count(), 2, 'both in the unfiltered list');
    for (const [st, label, mine, other] of [['resolved', 'Đã giải quyết', fb, waiting], ['open', 'Đang chờ trả lời', waiting, fb]]) {
      await o.page.locator('#status').selectOption(st);
      await Promise.all([o.page.waitForURL(new RegExp(`[?&]status=${st}(&|$)`)),
        o.page.locator('form.filters button[type=submit]').click()]);
      assert.equal(await o.page.locator('#status').inputValue(), st, 'the filter stays chosen');
      assert.equal(await rowOf(mine).count(), 1, `${mine} under ${st}`);
      assert.equal(await rowOf(other).count(), 0, `${other} not under ${st}`);
      const tags = (await o.page.locator('#feedback-list tbody td .tag').allInnerTexts()).map((t) => t.trim());
      assert.ok(tags.length >= 1 && tags.every((t) => t === label), `only "${label}": ${tags}`);
    }
    // Answered; its sender did not agree to publish it (the site search must not find it).
    await Promise.all([o.page.waitForURL(new RegExp(`/can-bo/phan-anh/${waiting}$`)), rowOf(waiting).locator('a').first().click()]);
    await o.page.locator('#answer').fill(`Đã đôn đốc bộ phận chuyên môn ${tag}.`);
    await o.page.locator('input[name=founded][value="0"]').check();
    await Promise.all([o.page.waitForURL(/\?ok=1$/), o.page.locator('form.form button[type=submit]').click()]);
    await o.ctx.close();
  });

  test('the published answer on the public page (vi, en); statistics and their CSV for the leader', async () => {
    assert.ok(fb, 'the first test sent the feedback');
    assert.match(await motcua('site'), /site: \d+ pages written/);
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    const page = await ctx.newPage();
    const w = watch(page);
    await page.goto(`${BASE_URL}/`);
    await Promise.all([page.waitForURL(`${BASE_URL}/phan-anh/`), page.locator('footer a[href="/phan-anh/"]').click()]);
    const item = page.locator(`#published-feedback li[id="${fb}"]`);
    assert.equal(await item.count(), 1, 'the answer the citizen agreed to publish');
    const text = await item.innerText();
    assert.match(text, new RegExp(`Cán bộ đã gọi lại cho Ông/Bà ${tag}`), 'its latest answer');
    assert.match(text, /Thái độ của cán bộ/);
    assert.equal(text.includes(citizen.name), false, 'never the sender\'s name');
    await assertAxe(page, 'published feedback');
    await shots(page, 'public');
    // The site's search finds it by words of its answer typed without marks
    // (the answer: "Cán bộ đã gọi lại cho Ông/Bà <tag>"), and its own page.
    await page.goto(`${BASE_URL}/`);
    await page.locator('form.search-form input[name=q]').first().fill(`goi lai cho ong ba ${tag}`);
    await Promise.all([page.waitForURL(/\/dich-vu\/tim-kiem\?/), page.locator('form.search-form input[name=q]').first().press('Enter')]);
    const hits = page.locator('#search-feedback');
    assert.equal(await hits.locator(`a[href="/phan-anh/${fb}.html"]`).count(), 1, 'the published answer found');
    assert.match(await hits.innerText(), new RegExp(`gọi lại cho Ông/Bà ${tag}`));
    await shots(page, 'search');
    await Promise.all([page.waitForURL(`${BASE_URL}/phan-anh/${fb}.html`), hits.locator(`a[href="/phan-anh/${fb}.html"]`).click()]);
    assert.match(await page.locator('h1').innerText(), new RegExp(fb));
    assert.match(await page.locator(`#published-feedback li[id="${fb}"]`).innerText(), new RegExp(`gọi lại cho Ông/Bà ${tag}`));
    // The answered one its sender kept private: its words are searchable text, yet not found.
    assert.equal(Number(sqlValue(`SELECT search_text LIKE ${q(`%ho so cham%${tag}%`)} FROM feedback WHERE code = ${q(waiting)}`)), 1);
    await page.goto(`${BASE_URL}/dich-vu/tim-kiem?q=${encodeURIComponent(`ho so cham ${tag}`)}`);
    assert.equal(await page.locator('#search-feedback').count(), 0, 'an unpublished answer is not found');
    await page.goto(`${BASE_URL}/dich-vu/tim-kiem?q=${encodeURIComponent(tag)}`);
    assert.equal(await page.locator(`#search-feedback a[href="/phan-anh/${fb}.html"]`).count(), 1);
    assert.equal(await page.locator(`#search-feedback a[href="/phan-anh/${waiting}.html"]`).count(), 0);
    // The sitemap lists the published answer's page in both languages, not the other.
    const map = await request('/sitemap.xml');
    assert.match(map.text, new RegExp(`/phan-anh/${fb}\\.html</loc><lastmod>`));
    assert.match(map.text, new RegExp(`/en/phan-anh/${fb}\\.html</loc>`));
    assert.equal(map.text.includes(waiting), false);
    assert.equal((await request(`/phan-anh/${waiting}.html`)).status, 404);
    await page.goto(`${BASE_URL}/en/phan-anh/`);
    assert.match(await page.locator('h1').innerText(), /Answers to feedback and complaints/);
    assert.match(await page.locator(`#published-feedback li[id="${fb}"]`).innerText(), /Officers' attitude/);
    assert.deepEqual(w.problems(), []);
    await ctx.close();

    // The leader's statistics: the ward's line of the kind, sent back once at least.
    const L = await login(lead, '/can-bo/');
    await L.page.goto(`${BASE_URL}/can-bo/phan-anh`);
    await Promise.all([L.page.waitForURL(/\/can-bo\/phan-anh\/thong-ke/), L.page.locator('.office-links a[href*="thong-ke"]').click()]);
    const line = L.page.locator('#feedback-stats tbody tr', { hasText: 'Thái độ của cán bộ' });
    assert.equal(await line.count(), 1);
    const cells = (await line.locator('td').allInnerTexts()).map((t) => t.trim());
    assert.ok(Number(cells[2]) >= 1 && Number(cells[6]) >= 1, `received and sent back: ${cells}`);
    await assertAxe(L.page, 'feedback statistics');
    await shots(L.page, 'stats');
    const [dl] = await Promise.all([L.page.waitForEvent('download'), L.page.locator('#stats-csv').click()]);
    const file = path.join(OUT, `feedback-${tag}.csv`);
    await dl.saveAs(file);
    const bytes = readFileSync(file);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a byte order mark for Excel');
    const csv = bytes.subarray(3).toString('utf8').trim().split(/\r?\n/).map((l) => l.split(','));
    assert.deepEqual(csv[0], ['Cơ quan trả lời', 'Loại phản ánh', 'Đã nhận', 'Đã trả lời', 'Đúng hạn', 'Trễ hạn', 'Gửi lại']);
    const row = csv.find((l) => l[1] === 'Thái độ của cán bộ');
    assert.deepEqual(row.slice(2), cells.slice(2), 'the CSV says what the page says');
    assert.equal(Number(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE event = 'export' AND (account_id = ${lead.id} OR actor_id = ${lead.id}) ` +
      "AND subject LIKE 'phan-anh.csv %'")), 1, 'the download is audited as an export');
    await L.ctx.close();
  });

  test('reopened through the page: a new round, the officer\'s list coloured and dated by it', async () => {
    // Sent 100 days ago (its first deadline long past: red), answered late.
    const v = new Visitor();
    await v.login(citizen.email, citizen.password);
    const form = await v.get(`/dich-vu/phan-anh/gui?ho-so=${code}`);
    const sent = await v.postMultipart('/dich-vu/phan-anh/gui', {
      csrf: csrfOf(form.text), dossier: code, category: 'info', body: `Thông tin niêm yết sai ${tag}.`,
    });
    assert.equal(sent.status, 303, sent.text);
    const old = sent.location.match(/(PA-\d{6}-\d+)/)[1];
    sql(`UPDATE feedback SET created_at = NOW() - INTERVAL 100 DAY, round_at = NOW() - INTERVAL 100 DAY, due_at = NOW() - INTERVAL 86 DAY WHERE code = ${q(old)}`);
    const o = await login(recv, '/can-bo/');
    await o.page.goto(`${BASE_URL}/can-bo/phan-anh?status=open`);
    const item = o.page.locator('#feedback-list tbody tr', { has: o.page.locator(`a:text("${old}")`) });
    assert.equal(await item.getAttribute('class'), 'row-red', 'past its first deadline');
    await Promise.all([o.page.waitForURL(new RegExp(`/can-bo/phan-anh/${old}$`)), item.locator(`a:text("${old}")`).click()]);
    await o.page.locator('#answer').fill(`Đã sửa thông tin niêm yết ${tag}.`);
    await o.page.locator('input[name=founded][value="0"]').check();
    await Promise.all([o.page.waitForURL(/\?ok=1$/), o.page.locator('form.form button[type=submit]').click()]);

    // The citizen reopens it on its page.
    const c = await login(citizen, '/dich-vu/ho-so');
    await c.page.goto(`${BASE_URL}/dich-vu/phan-anh/${old}`);
    await c.page.locator('#note').fill('Bảng niêm yết vẫn chưa sửa.');
    await Promise.all([c.page.waitForURL(/\?ok=1$/), c.page.locator('button[value=reopen]').click()]);
    assert.equal((await c.page.locator('#fb-status').innerText()).trim(), 'Đang chờ trả lời');
    const [[due, round]] = sql(`SELECT DATE_FORMAT(due_at, '%d/%m/%Y %H:%i'), DATE_FORMAT(round_at, '%d/%m/%Y %H:%i') FROM feedback WHERE code = ${q(old)}`);
    assert.match(await c.page.locator('dl.facts').innerText(), new RegExp(due.replace(/\//g, '\\/')), 'the new deadline shown to the citizen');
    // Ten working days from the reopening, not from the sending.
    assert.equal(Number(sqlValue(`SELECT due_at > NOW() + INTERVAL 11 DAY AND round_at > NOW() - INTERVAL 1 HOUR FROM feedback WHERE code = ${q(old)}`)), 1);

    // The officer's list: green by the new round (from the sending it would
    // be yellow: little of 100 days and more left), the new deadline, reopened.
    await o.page.goto(`${BASE_URL}/can-bo/phan-anh?status=open`);
    assert.equal(await item.getAttribute('class'), 'row-green');
    const text = await item.innerText();
    assert.ok(text.includes(due), `the new deadline ${due} in: ${text}`);
    assert.match(await item.locator('.fb-round').innerText(), new RegExp(`Gửi lại: 1 · lần cuối ${round.replace(/\//g, '\\/')}`));
    await shots(o.page, 'office-reopened');
    await o.page.goto(`${BASE_URL}/can-bo/phan-anh/${old}`);
    const head = o.page.locator('p:has(#fb-status)');
    assert.equal(await head.locator('.dot-green').count(), 1, 'green on its page too');
    assert.ok((await head.innerText()).includes(due), 'with the new deadline');
    await c.ctx.close();
    await o.ctx.close();
  });
});
