// Every action of the officer's dossier page, through that page (issue 7):
// in headless Chromium the receiver, the specialist and the leader of a ward
// open /can-bo/ho-so/{code}, open the action's panel, fill its reason, items,
// note, officer, date or method, click its button and read the status the
// page then shows. The list of actions is not written here: it is read from
// the page in each status (as each of the three officers sees it), and the
// test ends by asserting that every action offered in a status was performed
// at least once in that status. Actions that keep the status (claim, assign,
// remind, note, sign, apology) are taken on one dossier per place in the
// workflow; each other action gets a fresh dossier brought there.
//
// Dossiers are filed by a citizen and brought to a place in the workflow
// through the API (quicker; every one of those moves is also taken through
// the page here); the actions under test go through the office page.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  BASE_URL, PROC, WARD_SLOTS, filePart, launchBrowser, loggedIn, minimalPdf, newCitizen, newOfficer, newToken, q,
  request, sql, sqlValue, statusBadge, toFormData, uniq, wardCodes, watch,
} from './lib.mjs';

const bearer = (t) => ({ authorization: `Bearer ${t}` });

/** This file's ward: of the WARD_SLOTS.officeActions wards, the one with the fewest open dossiers. */
function actionsWard() {
  const nslots = Math.max(...Object.values(WARD_SLOTS)) + 1;
  const mine = wardCodes().slice(5).filter((_, i) => i % nslots === WARD_SLOTS.officeActions);
  assert.ok(mine.length > 0, 'the seed should hold the wards');
  const open = new Map(sql('SELECT a.code, COUNT(d.id) FROM agencies a LEFT JOIN dossiers d ' +
    'ON d.current_agency_id = a.id AND d.is_open = 1 WHERE a.code IN (' + mine.map(q).join(',') +
    ') GROUP BY a.code').map(([c, n]) => [c, Number(n)]));
  return [...mine].sort((x, y) => (open.get(x) || 0) - (open.get(y) || 0))[0];
}

/** Actions after which the status stays what it was. */
const KEEP = new Set(['claim', 'assign', 'remind', 'note', 'sign', 'apology']);
/** Taken by the receiver / by the leader; the others by the holder of the current step's role. */
const BY_RECEIVER = new Set(['accept', 'request_completion', 'refuse', 'return', 'supplement', 'confirm_payment',
  'withdraw', 'note']);
const BY_LEADER = new Set(['approve', 'sign', 'decide', 'assign', 'remind', 'stop', 'apology']);

const STEP_ROLE = { receiver: 'recv', specialist: 'spec', leader: 'lead' };

describe('every action of the officer\'s dossier page, through the page', { concurrency: false, timeout: 900_000 }, () => {
  const tag = uniq();
  let browser, ward, citizen, cToken;
  const who = {};		// recv, spec, lead: { account, ctx, page, w }
  const offered = new Map();	// status -> Set of actions some officer's page offered
  const done = new Map();	// status -> Set of actions performed through the page
  const offeredOn = new Map();	// "status action" -> the dossier last seen offering it
  const filed = [];

  let signReauths = 0;	// signings that went through the password page

  /** Waits (up to ms) until the locator is on the page. */
  async function shown(loc, what, ms) {
    await loc.first().waitFor({ state: 'visible', timeout: ms }).catch(() => assert.fail(`${what} is shown`));
  }

  const add = (m, status, a) => { if (!m.has(status)) m.set(status, new Set()); m.get(status).add(a); };

  before(async () => {
    ward = actionsWard();
    citizen = await newCitizen({ name: `Thao Tác ${tag}` });
    cToken = await newToken(citizen.email);
    const [recv, spec, lead] = await Promise.all([
      newOfficer('receiver', ward, `Tiếp Nhận ${tag}`),
      newOfficer('specialist', ward, `Chuyên Viên ${tag}`),
      newOfficer('leader', ward, `Lãnh Đạo ${tag}`),
    ]);
    browser = await launchBrowser();
    for (const [k, acc] of Object.entries({ recv, spec, lead })) {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await ctx.newPage();
      const w = watch(page);
      await page.goto(`${BASE_URL}/dich-vu/dang-nhap`);
      await page.locator('#login').fill(acc.email);
      await page.locator('#password').fill(acc.password);
      await Promise.all([page.waitForURL(`${BASE_URL}/can-bo/`), page.locator('form.form button[type=submit]').click()]);
      who[k] = { account: acc, ctx, page, w, token: await newToken(acc.email) };
    }
  });

  after(async () => {
    if (browser) await browser.close();
  });

  /** A new dossier of the citizen at the ward (status 1). */
  async function file() {
    const a = await request('/api/v1/dossiers', {
      method: 'POST', headers: bearer(cToken), body: toFormData({
        procedure: PROC, agency: ward, fields: JSON.stringify({ content: `Thao tác ${tag}` }),
        file: filePart(minimalPdf(`actions ${tag}`), 'to-khai.pdf'),
      }),
    });
    assert.equal(a.status, 201, a.text);
    filed.push(a.json().code);
    return a.json().code;
  }

  /** Opens the dossier page as k; records what it offers; returns the status and the actions. */
  async function look(k, code) {
    const { page } = who[k];
    const res = await page.goto(`${BASE_URL}/can-bo/ho-so/${code}`, { waitUntil: 'domcontentloaded' });
    assert.equal(res.status(), 200, `${k} opens ${code}`);
    const { status } = statusBadge(await page.content());
    const acts = await page.locator('section.actions form input[name=action]').evaluateAll((els) => els.map((e) => e.value));
    for (const a of acts) {
      add(offered, status, a);
      offeredOn.set(`${status} ${a}`, code);
    }
    return { status, acts };
  }

  const stepRole = (code) => sqlValue('SELECT s.role FROM dossier_steps s JOIN dossiers d ON d.id = s.dossier_id ' +
    `AND s.seq = d.current_step WHERE d.code = ${q(code)}`);
  const stepOf = (code) => Number(sqlValue(`SELECT COALESCE(current_step, 0) FROM dossiers WHERE code = ${q(code)}`));
  const lastStep = (code) => Number(sqlValue('SELECT MAX(s.seq) FROM dossier_steps s JOIN dossiers d ' +
    `ON d.id = s.dossier_id WHERE d.code = ${q(code)}`));
  const stageOf = (code) => Number(sqlValue(`SELECT COALESCE(stage_before_pause, 0) FROM dossiers WHERE code = ${q(code)}`));

  /** The status the action should lead to, from where the dossier is now. */
  function expected(action, code, status) {
    if (KEEP.has(action)) return status;
    switch (action) {
      case 'accept': case 'confirm_payment': return action === 'accept' ? 2 : 4;
      case 'request_completion': case 'request_supplement': return 5;
      case 'refuse': return 3;
      case 'withdraw': return 7;
      case 'stop': return 8;
      case 'request_payment': return 6;
      case 'return': return 10;
      case 'decide': return 9;
      case 'send_back': return 4;
      case 'forward': case 'approve': return stepOf(code) + 1 >= lastStep(code) ? 9 : 4;
      case 'supplement': return stageOf(code) === 4 ? 4 : 1;
      default: assert.fail(`the page offers "${action}", which this test does not know: teach it`);
    }
  }

  /** Who should take the action: the receiver, the leader, or the current step's role. */
  function actorOf(action, code) {
    if (BY_RECEIVER.has(action)) return 'recv';
    if (BY_LEADER.has(action)) return 'lead';
    return STEP_ROLE[stepRole(code)] || 'lead';
  }

  /**
   * Takes the action on the dossier through the page as the right officer:
   * opens its panel, fills what it asks, clicks its button, and checks the
   * confirmation and the status the page then shows. Returns that status.
   */
  async function act(code, action) {
    let k = actorOf(action, code);
    let seen = await look(k, code);
    if (!seen.acts.includes(action)) {	// someone else's to take, then
      for (const other of ['recv', 'spec', 'lead']) {
        if (other === k) continue;
        const s = await look(other, code);
        if (s.acts.includes(action)) { k = other; seen = s; break; }
      }
    }
    assert.ok(seen.acts.includes(action), `someone's page offers ${action} on ${code} (status ${seen.status})`);
    const want = expected(action, code, seen.status);
    const { page, account } = who[k];
    const details = page.locator('section.actions details', { has: page.locator(`input[name=action][value="${action}"]`) });
    const form = details.locator('form');
    if (!(await details.evaluate((d) => d.open))) await details.locator('summary').click();
    const text = `${action} ${tag}`;
    for (const sel of await form.locator('select[name=reason]').all()) {
      await sel.selectOption({ index: 1 });
    }
    if (await form.locator('input[name=item1]').count()) {
      await form.locator('input[name=item1]').fill(`Bản sao giấy chứng sinh (${tag})`);
      await form.locator('select[name=why1]').selectOption({ index: 0 });
    }
    if (await form.locator('input[name=cause]').count()) {	// whose fault a supplement request is (index 3)
      await form.locator('input[name=cause][value=applicant]').check();
    }
    if (await form.locator('select[name=officer]').count()) {
      const role = stepRole(code);
      const target = who[STEP_ROLE[role]].account;
      await form.locator('select[name=officer]').selectOption(String(target.id));
    }
    if (await form.locator('input[name=new_due]').count()) {
      const due = sqlValue(`SELECT DATE_FORMAT(due_at + INTERVAL 10 DAY, '%Y-%m-%d') FROM dossiers WHERE code = ${q(code)}`);
      await form.locator('input[name=new_due]').fill(due);
    }
    if (await form.locator('select[name=method]').count()) {
      await form.locator('select[name=method]').selectOption({ index: 1 });	// at the counter
    }
    if (await form.locator('textarea[name=note]').count()) await form.locator('textarea[name=note]').fill(text);
    let [posted] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/xu-ly')),
      form.locator('button[type=submit]').click(),
    ]);
    if (action === 'sign' && (!signReauths || posted.status() === 200)) {
      // The first signing of the leader's session asks for the password
      // again (and any later one after reauth_minutes): a wrong one is
      // refused and nothing is signed; the right one signs.
      assert.equal(posted.status(), 200, 'signing asks for the password first');
      await page.waitForLoadState('domcontentloaded');
      await shown(page.locator('form#reauth'), 'the password page', 30_000);
      const signedAt = () => sqlValue(`SELECT COUNT(signed_at) FROM dossiers WHERE code = ${q(code)}`);
      const before = signedAt();
      await page.locator('#reauth-password').fill(`not ${account.password}`);
      const [wrong] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/xu-ly')),
        page.locator('#reauth button[type=submit]').click(),
      ]);
      assert.equal(wrong.status(), 422, 'a wrong password is refused');
      await page.waitForLoadState('domcontentloaded');
      assert.match(await page.locator('#reauth-error').innerText(), /Mật khẩu không đúng/);
      assert.equal(signedAt(), before, 'not signed with a wrong password');
      await page.locator('#reauth-password').fill(account.password);
      [posted] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/xu-ly')),
        page.locator('#reauth button[type=submit]').click(),
      ]);
      assert.equal(posted.status(), 303, 'the right password signs');
      assert.equal(signedAt(), '1', 'signed once the password was typed');
      signReauths++;
    }
    if (posted.status() !== 303) {
      await page.waitForLoadState('domcontentloaded');
      assert.fail(`${action} by ${k} on ${code} (status ${seen.status}): HTTP ${posted.status()}: ` +
        (await page.locator('main').innerText()).slice(0, 300));
    }
    await page.waitForURL(new RegExp(`/can-bo/ho-so/${code}\\?ok=1$`));
    const html = await page.content();
    assert.match(await page.locator('.flash-success').innerText(), /Đã cập nhật hồ sơ/,
      `${action} by ${account.name}: the page confirms`);
    const { status } = statusBadge(html);
    assert.equal(status, want, `${action} on ${code} leads to status ${want}, the page shows ${status}`);
    if (action === 'note') {
      assert.ok(html.includes(text), 'the internal note is in the history the officers see');
    }
    add(done, seen.status, action);
    return status;
  }

  /** An action through the API as the right officer (to set up, faster than pages). */
  async function api(code, action) {
    const body = { action, note: `${action} ${tag}` };
    if (action.startsWith('request_') && action !== 'request_payment') {
      body.items = [{ item: 'Bản sao giấy chứng sinh', reason: 'Thiếu giấy tờ' }];
    }
    const a = await request(`/api/v1/dossiers/${encodeURIComponent(code)}/transitions`, {
      method: 'POST', headers: { ...bearer(who[actorOf(action, code)].token), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    assert.equal(a.status, 200, `${action} on ${code} through the API: ${a.status} ${a.text.slice(0, 300)}`);
  }

  /**
   * A fresh dossier brought to a place in the workflow (through the API:
   * each of these steps is also taken through the page by exercise()).
   */
  async function reach(place) {
    const code = await file();
    const path = {
      submitted: [], completion: ['request_completion'], accepted: ['accept'],
      step2: ['accept', 'forward'], step3: ['accept', 'forward', 'forward'],
      supplement: ['accept', 'forward', 'request_supplement'], payment: ['accept', 'forward', 'request_payment'],
      decided: ['accept', 'forward', 'forward', 'approve'],
    }[place];
    for (const a of path) await api(code, a);
    // The procedure's time is one working day, and the apology (form 04) is
    // offered only while a whole working day is left: a minute after the
    // receipt it is gone. Ten more days keep it on offer while the pages
    // are exercised (a test's own dossier, set by SQL).
    sql(`UPDATE dossiers SET due_at = due_at + INTERVAL 10 DAY WHERE code = ${q(code)} AND due_at IS NOT NULL`);
    return code;
  }

  /** Everyone's view of the dossier: the union of the actions offered. */
  async function offers(code) {
    const all = new Set();
    let status;
    for (const k of ['recv', 'spec', 'lead']) {
      const s = await look(k, code);
      status = s.status;
      s.acts.forEach((a) => all.add(a));
    }
    return { status, acts: [...all] };
  }

  /** Takes every action offered at a place at least once in that status. */
  async function exercise(place) {
    const code = await reach(place);
    const { status, acts } = await offers(code);
    // Those that keep the status, on this dossier, until the page offers
    // no new one (a claim gives the step a holder, who can be reminded).
    for (let round = 0, todo = acts; round < 4; round++) {
      todo = todo.filter((x) => KEEP.has(x) && !done.get(status)?.has(x));
      if (todo.length === 0) break;
      for (const a of todo) await act(code, a);
      todo = (await offers(code)).acts;
    }
    for (const a of acts.filter((x) => !KEEP.has(x))) {
      if (done.get(status)?.has(a)) continue;
      const fresh = await reach(place);
      const to = await act(fresh, a);
      if ([3, 7, 8, 10].includes(to) && !done.has(to)) {	// the end: what is left there
        const end = await offers(fresh);
        for (const x of end.acts) await act(fresh, x);
      }
    }
  }

  test('each action offered in each status is performed through the page and leads where it should', async () => {
    for (const place of ['submitted', 'completion', 'accepted', 'step2', 'step3', 'supplement', 'payment', 'decided']) {
      await exercise(place);
    }
    // The apology (form 04) is offered only while a working day is left
    // before the due date: a dossier seen offering it a moment before the
    // working day began (07:30) no longer does after. One seen offering it
    // and not yet apologised for is taken now if its page still offers it;
    // if not, its time has passed and it is not counted as missing.
    for (const [status, acts] of offered) {
      if (!acts.has('apology') || done.get(status)?.has('apology')) continue;
      const code = offeredOn.get(`${status} apology`);
      const now = await offers(code);
      if (now.status === status && now.acts.includes('apology')) await act(code, 'apology');
      else {
        console.log(`# apology in ${status}: no longer offered on ${code} (less than a working day left)`);
        acts.delete('apology');
      }
    }
    const missing = [];
    for (const [status, acts] of offered) {
      for (const a of acts) if (!done.get(status)?.has(a)) missing.push(`${a} in ${status}`);
    }
    assert.deepEqual(missing, [], 'every action offered was performed in each status where it was offered');
    // What the issue names, so that an empty offer cannot pass unnoticed.
    const want = { 1: ['accept', 'request_completion', 'refuse', 'note'], 2: ['forward', 'claim', 'assign', 'note'],
      4: ['forward', 'send_back', 'request_supplement', 'request_payment', 'approve', 'sign', 'decide', 'remind', 'note'],
      5: ['supplement', 'note'], 6: ['confirm_payment', 'note'], 9: ['return', 'note'], 10: ['note'] };
    for (const [s, acts] of Object.entries(want)) {
      for (const a of acts) assert.ok(done.get(Number(s))?.has(a), `${a} was performed in status ${s}`);
    }
    assert.ok(signReauths >= 1, 'signing went through the password page');
    for (const k of Object.keys(who)) {
      // (The wrong password's 422 was asserted above; any other 422 fails the action.)
      assert.deepEqual(who[k].w.problems().filter((p) => !/logo\.svg|HTTP 422: \S+\/xu-ly$|status of 422/.test(p)), [],
        `no errors on ${k}'s pages`);
    }
  });
});

// ------------------------------------------------------------------ the result

describe('the result returned online reaches the citizen (issue 7)', { concurrency: false, timeout: 600_000 }, () => {
  const tag = uniq();
  const pdf = minimalPdf(`Ket qua ${tag}`);
  let browser, ward, citizen, stranger, recv, spec, lead, tokens = {};

  before(async () => {
    ward = actionsWard();
    [citizen, stranger] = await Promise.all([newCitizen({ name: `Nhận Kết Quả ${tag}` }), newCitizen()]);
    [recv, spec, lead] = await Promise.all([
      newOfficer('receiver', ward, `Trả Kết Quả ${tag}`),
      newOfficer('specialist', ward, `Thẩm Định ${tag}`),
      newOfficer('leader', ward, `Phê Duyệt ${tag}`),
    ]);
    for (const [k, acc] of Object.entries({ citizen, recv, spec, lead })) tokens[k] = await newToken(acc.email);
    browser = await launchBrowser();
  });

  after(async () => {
    if (browser) await browser.close();
  });

  async function transition(code, token, body) {
    return request(`/api/v1/dossiers/${encodeURIComponent(code)}/transitions`, {
      method: 'POST', headers: { ...bearer(token), 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
  }

  /** A dossier of the citizen decided and waiting at the return step (status 9). */
  async function decided() {
    const a = await request('/api/v1/dossiers', {
      method: 'POST', headers: bearer(tokens.citizen), body: toFormData({
        procedure: PROC, agency: ward, fields: JSON.stringify({ content: `Kết quả ${tag}` }),
        file: filePart(minimalPdf(`to khai ${tag}`), 'to-khai.pdf'),
      }),
    });
    assert.equal(a.status, 201, a.text);
    const code = a.json().code;
    for (const [k, action] of [['recv', 'accept'], ['recv', 'forward'], ['spec', 'forward'], ['lead', 'approve']]) {
      const t = await transition(code, tokens[k], { action });
      assert.equal(t.status, 200, `${action}: ${t.text.slice(0, 200)}`);
    }
    return code;
  }

  async function login(acc, home) {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await ctx.newPage();
    await page.goto(`${BASE_URL}/dich-vu/dang-nhap`);
    await page.locator('#login').fill(acc.email);
    await page.locator('#password').fill(acc.password);
    await Promise.all([page.waitForURL(`${BASE_URL}${home}`), page.locator('form.form button[type=submit]').click()]);
    return { ctx, page, w: watch(page) };
  }

  /** Submits the return panel of the officer's page: method (2 online), files; the POST's answer. */
  async function returnThroughPage(page, code, method, files) {
    await page.goto(`${BASE_URL}/can-bo/ho-so/${code}`, { waitUntil: 'domcontentloaded' });
    const form = page.locator('section.actions details', { has: page.locator('input[name=action][value="return"]') }).locator('form');
    await form.locator('select[name=method]').selectOption(String(method));
    if (files.length) await form.locator('input[name=result1]').setInputFiles(files[0]);
    await form.locator('textarea[name=note]').fill(`Trả kết quả ${tag}`);
    const [posted] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/xu-ly')),
      form.locator('button[type=submit]').click(),
    ]);
    await page.waitForLoadState('domcontentloaded');
    return posted.status();
  }

  test('the officer returns online with a PDF through the page; the citizen downloads it; nobody else can', async () => {
    const code = await decided();
    const o = await login(recv, '/can-bo/');
    try {
      // Online without a result: refused, with a message saying why; nothing changes.
      assert.equal(await returnThroughPage(o.page, code, 2, []), 422);
      assert.match(await o.page.locator('main').innerText(), /Trả kết quả trực tuyến cần tệp kết quả/);
      assert.equal(Number(sqlValue(`SELECT status FROM dossiers WHERE code = ${q(code)}`)), 9, 'still decided');
      // A file that is no PDF, JPEG or PNG: refused like every upload.
      assert.equal(await returnThroughPage(o.page, code, 2,
        [{ name: 'ket-qua.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not a pdf at all\n') }]), 422);
      assert.match(await o.page.locator('main').innerText(), /Chỉ nhận tệp PDF, JPEG hoặc PNG/);
      // With the result: returned, and the page lists the result.
      assert.equal(await returnThroughPage(o.page, code, 2,
        [{ name: 'quyet-dinh.pdf', mimeType: 'application/pdf', buffer: pdf }]), 303);
      await o.page.waitForURL(new RegExp(`/can-bo/ho-so/${code}\\?ok=1$`));
      assert.equal(statusBadge(await o.page.content()).status, 10, 'the page shows "returned"');
      assert.equal(await o.page.locator('section.results a', { hasText: 'quyet-dinh.pdf' }).count(), 1,
        'the officer\'s page lists the result file');
    } finally {
      await o.ctx.close();
    }

    // The citizen: the notification links to the dossier, whose page offers the file.
    const c = await login(citizen, '/dich-vu/ho-so');
    let href;
    try {
      await c.page.goto(`${BASE_URL}/dich-vu/thong-bao`, { waitUntil: 'domcontentloaded' });
      const notice = c.page.locator('li', { hasText: `Hồ sơ ${code}: đã trả kết quả` });
      assert.equal(await notice.count(), 1, 'a "result returned" notification');
      const body = await notice.innerText();
      assert.doesNotMatch(body, /đánh giá|hài lòng/i, 'it asks for no rating (there is none)');
      assert.match(body, new RegExp(`tải về tại trang hồ sơ: \\S*/dich-vu/ho-so/${code.replace(/\./g, '\\.')}`),
        'it says where to download the result');
      await Promise.all([c.page.waitForURL(new RegExp(`/dich-vu/ho-so/${code}$`)),
        notice.locator(`a[href="/dich-vu/ho-so/${code}"]`).click()]);
      const link = c.page.locator('section.results a', { hasText: 'quyet-dinh.pdf' });
      assert.equal(await link.count(), 1, 'the dossier page offers the result');
      href = await link.getAttribute('href');
      const [download] = await Promise.all([c.page.waitForEvent('download'), link.click()]);
      const got = await download.createReadStream().then(async (s) => {
        const parts = [];
        for await (const p of s) parts.push(p);
        return Buffer.concat(parts);
      });
      assert.ok(got.equals(pdf), 'the downloaded bytes are the officer\'s file');
      assert.equal(download.suggestedFilename(), 'quyet-dinh.pdf');
      assert.deepEqual(c.w.problems().filter((p) => !/logo\.svg/.test(p)), []);
    } finally {
      await c.ctx.close();
    }

    // Another citizen, and nobody logged in, get nothing.
    const s = await login(stranger, '/dich-vu/ho-so');
    try {
      const res = await s.page.request.get(`${BASE_URL}${href}`, { maxRedirects: 0 });
      assert.ok([403, 404].includes(res.status()), `another citizen gets 403/404, not ${res.status()}`);
      assert.ok(!(await res.body()).equals(pdf));
    } finally {
      await s.ctx.close();
    }
    const anon = await request(href, { redirect: 'manual' });
    assert.notEqual(anon.status, 200, 'nobody logged in gets it either');
  });

  test('through the API: "sign" needs the leader\'s password with the action; without it or wrong, nothing is signed', async () => {
    const code = await decided();
    const signedAt = () => sqlValue(`SELECT COUNT(signed_at) FROM dossiers WHERE code = ${q(code)}`);
    const none = await transition(code, tokens.lead, { action: 'sign' });
    assert.equal(none.status, 403, none.text);
    assert.match(none.json().error, /cần mật khẩu/);
    const wrong = await transition(code, tokens.lead, { action: 'sign', password: `not ${lead.password}` });
    assert.equal(wrong.status, 403, wrong.text);
    const part = await request(`/api/v1/dossiers/${encodeURIComponent(code)}/transitions`, {
      method: 'POST', headers: bearer(tokens.lead), body: toFormData({
        action: 'sign', result: filePart(pdf, 'ky-so.pdf'),
      }),
    });
    assert.equal(part.status, 403, `multipart without the password: ${part.text}`);
    assert.equal(signedAt(), '0', 'not signed');
    assert.equal(Number(sqlValue('SELECT COUNT(*) FROM dossier_results r JOIN dossiers d ON d.id = r.dossier_id ' +
      `WHERE d.code = ${q(code)}`)), 0, 'no result kept from a refused signing');
    const ok = await transition(code, tokens.lead, { action: 'sign', password: lead.password });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(signedAt(), '1', 'signed with the password');
    assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE account_id = ${lead.id} AND event = 'reauth' ` +
      "AND subject = 'api sign'"), '1', 'the password typed is in the audit log');
  });

  test('through the API: online return refused without a result, accepted with a "result" part', async () => {
    const code = await decided();
    const refused = await transition(code, tokens.recv, { action: 'return', method: 2 });
    assert.equal(refused.status, 422, refused.text);
    assert.match(refused.text, /tệp kết quả/);
    const ok = await request(`/api/v1/dossiers/${encodeURIComponent(code)}/transitions`, {
      method: 'POST', headers: bearer(tokens.recv), body: toFormData({
        action: 'return', method: '2', result: filePart(pdf, 'giay-phep.pdf'),
      }),
    });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.json().status, 10);
    assert.deepEqual(ok.json().results.map((x) => x.filename), ['giay-phep.pdf'], 'the view lists the result');
    // The citizen's page lists it, and the file is the one sent.
    const v = await loggedIn(citizen.email, citizen.password);
    const page = await v.get(`/dich-vu/ho-so/${code}`);
    const m = page.text.match(/href="(\/dich-vu\/ho-so\/[^"]+\/ket-qua\/\d+)"[^>]*>giay-phep\.pdf</);
    assert.ok(m, 'the citizen\'s page links the result');
    const f = await v.get(m[1]);
    assert.equal(f.status, 200);
    assert.ok(f.body.equals(pdf), 'the same bytes');
    // At the counter a file is not required.
    const counter = await decided();
    const c = await transition(counter, tokens.recv, { action: 'return', method: 1 });
    assert.equal(c.status, 200, c.text);
  });
});
