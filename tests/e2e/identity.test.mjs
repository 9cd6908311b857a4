// Identity (issue 9, the two high findings). An ID number typed at
// registration is a claim: a second account may claim a number somebody
// holds (no "account exists" answer), the counter fills its form and
// attaches a dossier only to the verified account of that number, and an
// officer who saw the card can verify one claim. The JSON API takes a bearer
// token only: a same-site page whose form submits itself to the API with a
// logged-in visitor's cookie changes nothing.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';

import {
  BASE_URL, PROC, Visitor, WARD_SLOTS, csrfOf, filePart, inputValue, launchBrowser, loggedIn, minimalPdf,
  newCitizen, newIdNumber, newOfficer, newToken, personTag, q, randomWard, request, sqlValue, textOf, toFormData,
  uniq,
} from './lib.mjs';

const bearer = (t) => ({ authorization: `Bearer ${t}` });

/** Registers through the portal's form; returns the visitor (logged in). */
async function register(idNumber, { name = `Khai Báo ${personTag()}`, password } = {}) {
  const tag = uniq();
  const v = new Visitor();
  const page = await v.get('/dich-vu/dang-ky');
  const me = { name, idNumber, email: `e2e-claim-${tag}@motcua.test`, password: password || `Kh-${tag}` };
  const a = await v.postForm('/dich-vu/dang-ky', {
    csrf: csrfOf(page.text), name: me.name, id_number: idNumber, email: me.email,
    phone: '0912' + String(Math.floor(Math.random() * 1e6)).padStart(6, '0'),
    password: me.password, password2: me.password,
  });
  assert.equal(a.status, 303, `registration answers 303, got ${a.status}: ${textOf(a.text).slice(0, 300)}`);
  assert.ok(!/Đã có tài khoản/.test(textOf(a.text)), 'nothing says an account exists');
  me.visitor = v;
  me.id = Number(sqlValue(`SELECT id FROM accounts WHERE email_new = ${q(me.email)}`)); // waits for its link
  return me;
}

/** Files a paper dossier at the counter through the form; returns the answer. */
async function counterFile(off, wardId, idNumber, extra = {}) {
  const page = await off.get(`/can-bo/tiep-nhan?agency=${wardId}&procedure=${PROC}&id_number=${idNumber}`);
  assert.equal(page.status, 200);
  return off.postMultipart('/can-bo/tiep-nhan', {
    csrf: csrfOf(page.text), agency: String(wardId), procedure: PROC, name: 'Người Đến Quầy',
    id_number: idNumber, content: `Tại quầy ${uniq()}`, scan1: filePart(minimalPdf('quay'), 'scan.pdf'), ...extra,
  });
}

function codeOf(a) {
  assert.equal(a.status, 303, `counter filing redirects, got ${a.status}: ${textOf(a.text).slice(0, 300)}`);
  return decodeURIComponent(a.location.match(/^\/can-bo\/ho-so\/([^/?]+)\?/)[1]);
}

const ownerOf = (code) => sqlValue(`SELECT account_id FROM dossiers WHERE code = ${q(code)}`);

describe('an ID number typed at registration is a claim', { concurrency: false, timeout: 300_000 }, () => {
  let ward, wardId, recv, off;

  before(async () => {
    ward = randomWard(WARD_SLOTS.other);
    wardId = Number(sqlValue(`SELECT id FROM agencies WHERE code = ${q(ward)}`));
    recv = await newOfficer('receiver', ward, `Quầy ${personTag()}`);
    off = await loggedIn(recv.email, recv.password);
  });

  test('an intruder claiming a verified number gets no dossier of its holder and fills nothing at the counter', async () => {
    const holder = await newCitizen({ name: 'Chủ Thật Sự', phone: '0987000111' }); // made by an admin: verified
    const intruder = await register(holder.idNumber, { name: 'Kẻ Mạo Danh' });
    assert.equal(sqlValue(`SELECT id_verified FROM accounts WHERE id = ${intruder.id}`), '0');
    const page = await off.get(`/can-bo/tiep-nhan?agency=${wardId}&id_number=${holder.idNumber}`);
    assert.equal(inputValue(page.text, 'name'), 'Chủ Thật Sự', "the holder's name, not the intruder's");
    assert.equal(inputValue(page.text, 'email'), holder.email);
    const code = codeOf(await counterFile(off, wardId, holder.idNumber));
    assert.equal(Number(ownerOf(code)), holder.id, 'the verified holder owns the dossier');
    const mine = await intruder.visitor.get('/dich-vu/ho-so');
    assert.equal(mine.status, 200);
    assert.ok(!mine.text.includes(code), "the intruder's list does not show the dossier");
    const seen = await intruder.visitor.get(`/dich-vu/ho-so/${encodeURIComponent(code)}`);
    assert.ok([403, 404].includes(seen.status), `the intruder cannot open it (${seen.status})`);
  });

  test('unverified claims only: nothing is filled in or attached; the officer who saw the card verifies one', async () => {
    const idn = newIdNumber();
    const first = await register(idn, { name: 'Người Khai Một' });
    const second = await register(idn, { name: 'Người Khai Hai' });
    const page = await off.get(`/can-bo/tiep-nhan?agency=${wardId}&id_number=${idn}`);
    assert.equal(inputValue(page.text, 'name'), '', 'no name filled in from an unverified claim');
    assert.ok(!textOf(page.text).includes('Đã tìm thấy người nộp'), 'no "applicant found"');
    assert.match(textOf(page.text), /chưa được xác minh/, 'the officer is told the claims are unverified');

    const loose = codeOf(await counterFile(off, wardId, idn));
    assert.equal(ownerOf(loose), null, 'a dossier of an unverified number belongs to no account');
    for (const who of [first, second]) {
      assert.ok(!(await who.visitor.get('/dich-vu/ho-so')).text.includes(loose), `${who.name} does not see it`);
    }

    // The officer names the account but did not tick "card seen": refused, kept.
    const refused = await counterFile(off, wardId, idn, { holder: second.email });
    assert.equal(refused.status, 422);
    assert.match(textOf(refused.text), /đối chiếu căn cước bản gốc/);
    assert.equal(inputValue(refused.text, 'holder'), second.email, 'the e-mail is kept');
    // A contact that is no claim of this number: refused.
    const wrong = await counterFile(off, wardId, idn, { holder: 'nobody@motcua.test', card_seen: '1' });
    assert.equal(wrong.status, 422);
    assert.match(textOf(wrong.text), /Không có tài khoản chưa xác minh nào/);

    const code = codeOf(await counterFile(off, wardId, idn, { holder: second.email, card_seen: '1' }));
    assert.equal(Number(ownerOf(code)), second.id, 'the verified claim owns the dossier');
    assert.equal(sqlValue(`SELECT CONCAT(id_verified, id_verified_by) FROM accounts WHERE id = ${second.id}`), '1counter');
    assert.equal(sqlValue(`SELECT id_verified FROM accounts WHERE id = ${first.id}`), '0');
    assert.ok((await second.visitor.get('/dich-vu/ho-so')).text.includes(code), 'the dossier is in that account');
    assert.ok(!(await first.visitor.get('/dich-vu/ho-so')).text.includes(code), 'and not in the other claim');
    // From now on the verified one wins: the form fills in from it.
    const again = await off.get(`/can-bo/tiep-nhan?agency=${wardId}&id_number=${idn}`);
    assert.equal(inputValue(again.text, 'name'), 'Người Khai Hai');
  });

  test('two claims of one number each log in with their own password', async () => {
    const idn = newIdNumber();
    const a = await register(idn);
    const b = await register(idn);
    for (const who of [a, b]) {
      const v = new Visitor();
      await v.login(idn, who.password);
      const page = await v.get('/dich-vu/ho-so');
      assert.match(textOf(page.text), new RegExp(who.name), `${who.name} lands in their own account`);
    }
    const v = new Visitor();
    const csrf = await v.csrf('/dich-vu/dang-nhap');
    const bad = await v.postForm('/dich-vu/dang-nhap', { csrf, login: idn, password: 'sai-mat-khau-123' });
    assert.equal(bad.status, 422);
  });
});

describe('the JSON API does not take the session cookie', { concurrency: false, timeout: 300_000 }, () => {
  let browser, attacker, attackUrl, ward, citizen, recv;
  let form = '';

  before(async () => {
    ward = randomWard(WARD_SLOTS.other);
    citizen = await newCitizen({ name: `Bị Tấn Công ${personTag()}` });
    citizen.token = await newToken(citizen.email);
    recv = await newOfficer('receiver', ward, `Nhận ${personTag()}`);
    // A page on the same site (127.0.0.1, another port) whose form submits
    // itself to the API, as the attack found.
    attacker = http.createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(form);
    });
    await new Promise((r) => attacker.listen(0, '127.0.0.1', r));
    attackUrl = `http://127.0.0.1:${attacker.address().port}/`;
    browser = await launchBrowser();
  });

  after(async () => {
    if (browser) await browser.close();
    if (attacker) attacker.close();
  });

  async function fileOnline() {
    const a = await request('/api/v1/dossiers', {
      method: 'POST', headers: bearer(citizen.token),
      body: toFormData({ procedure: PROC, agency: ward, fields: JSON.stringify({ content: 'csrf' }),
        file: filePart(minimalPdf('csrf'), 'giay-to.pdf') }),
    });
    assert.equal(a.status, 201, a.text);
    return a.json().code;
  }

  /** Logs login in through the page, then opens the attacker's page; the API's answer. */
  async function attack(login, password, code, action) {
    form = `<!doctype html><form method="post" enctype="multipart/form-data"
      action="${BASE_URL}/api/v1/dossiers/${encodeURIComponent(code)}/transitions">
      <input name="action" value="${action}"><input name="note" value="tấn công"></form>
      <script>document.forms[0].submit()</script>`;
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(`${BASE_URL}/dich-vu/dang-nhap`);
    await page.locator('#login').fill(login);
    await page.locator('#password').fill(password);
    await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/dich-vu/dang-nhap')),
      page.locator('#password').press('Enter')]);
    const cookies = await ctx.cookies(BASE_URL);
    assert.ok(cookies.some((c) => c.name === 'mc_session'), 'the victim is logged in');
    const answer = page.waitForResponse((r) => r.url().includes('/transitions'));
    await page.goto(attackUrl);
    const r = await answer;
    const req = r.request();
    const sent = await req.allHeaders();
    assert.match(sent.cookie || '', /mc_session=/, 'the browser did send the session cookie (same site)');
    await ctx.close();
    return r.status();
  }

  test("a same-site auto-submitting form cannot withdraw the citizen's dossier", async () => {
    const code = await fileOnline();
    const status = await attack(citizen.email, citizen.password, code, 'withdraw');
    assert.equal(status, 401, 'the API answers 401 without a bearer token');
    assert.equal(sqlValue(`SELECT status FROM dossiers WHERE code = ${q(code)}`), '1', 'the dossier is not withdrawn');
  });

  test('nor make a logged-in receiver refuse a dossier', async () => {
    const code = await fileOnline();
    const status = await attack(recv.email, recv.password, code, 'refuse');
    assert.equal(status, 401);
    assert.equal(sqlValue(`SELECT status FROM dossiers WHERE code = ${q(code)}`), '1', 'the dossier is not refused');
  });

  test('a cookie alone reads nothing private from the API; the bearer token still works', async () => {
    const code = await fileOnline();
    const v = await loggedIn(citizen.email, citizen.password);
    const withCookie = await v.get(`/api/v1/dossiers/${encodeURIComponent(code)}`);
    assert.equal(withCookie.status, 401, 'the cookie is not a login for the API');
    const withToken = await request(`/api/v1/dossiers/${encodeURIComponent(code)}`, { headers: bearer(citizen.token) });
    assert.equal(withToken.status, 200);
  });
});
