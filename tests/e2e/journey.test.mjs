// The first journey: a new citizen registers, files a dossier with a PDF
// from the procedure's page, follows it; a receiving officer accepts it;
// officers of other agencies and other citizens are kept out.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import {
  PROC, PROC_NAME, Visitor, WARD_SLOTS, actionForm, agencyCode, assertDossierCode, assertErrorPage,
  assertHas, assertHistory, attachments, csrfOf, fact, filePart, h1Of, historyActions, inputValue,
  loggedIn, minimalPdf, newCitizen, newIdNumber, newOfficer, q, randomWard, rowLinking,
  selectOptions, sqlValue, statusBadge, textOf, uniq, fileOnline,
} from './lib.mjs';

const SUBMITTED = { action: 'Nộp hồ sơ', to: 1 };
const ACCEPTED = { action: 'Tiếp nhận hồ sơ', to: 2 };
// Times on the Vietnamese pages: dd/mm/yyyy HH:MM (lib/mc_fmt).
const WHEN = /^\d\d\/\d\d\/\d{4} \d\d:\d\d$/;

describe('first journey: register, file online, accept', { concurrency: false }, () => {
  const tag = uniq();
  const me = {
    name: 'Trần Thị Mai',
    idNumber: newIdNumber(),
    email: `e2e-journey-${tag}@motcua.test`,
    phone: '0909123456',
    password: `Mk-${tag}`,
  };
  const citizen = new Visitor();
  const pdf = minimalPdf(`Giay chung sinh ${tag}`);
  let ward, wardName, receiver, stranger, code, fileHref, filedAt;

  before(async () => {
    ward = randomWard(WARD_SLOTS.journey);
    wardName = sqlValue(`SELECT name FROM agencies WHERE code = ${q(ward)}`);
    receiver = await newOfficer('receiver', ward, `Cán bộ tiếp nhận ${tag}`);
    stranger = await newOfficer('receiver', agencyCode('Sở Tư pháp'));
  });

  test('a new citizen registers through the form and is logged in', async () => {
    const page = await citizen.get('/dich-vu/dang-ky');
    assert.equal(page.status, 200);
    assert.equal(h1Of(page.text), 'Đăng ký tài khoản');
    assert.ok(citizen.cookies.has('mc_anon'), 'the first dynamic page sets the anonymous cookie');
    const a = await citizen.postForm('/dich-vu/dang-ky', {
      csrf: csrfOf(page.text), name: me.name, id_number: me.idNumber, email: me.email,
      phone: me.phone, password: me.password, password2: me.password,
    });
    assert.equal(a.status, 303, `registration redirects, got ${a.status}: ${textOf(a.text).slice(0, 300)}`);
    assert.equal(a.location, '/dich-vu/ho-so');
    assert.ok(citizen.cookies.has('mc_session'), 'registration logs the citizen in');
    const mine = await citizen.follow(a.location);
    assert.equal(mine.status, 200);
    assert.equal(h1Of(mine.text), 'Hồ sơ của tôi');
    assertHas(textOf(mine.text), `Xin chào, ${me.name}`, 'the header greets the citizen by name');
    assertHas(textOf(mine.text), 'Bạn chưa nộp hồ sơ nào', 'a new account has no dossiers');
  });

  test('the same ID number and the same e-mail may be claimed again: nothing says an account exists', async () => {
    const v = new Visitor();
    const page = await v.get('/dich-vu/dang-ky');
    const a = await v.postForm('/dich-vu/dang-ky', {
      csrf: csrfOf(page.text), name: 'Người Khác', id_number: me.idNumber,
      email: `e2e-dup-${tag}@motcua.test`, phone: '0909000111', password: 'khac-12345', password2: 'khac-12345',
    });
    assert.equal(a.status, 303, 'a second claim of an ID number registers: the number is not verified by typing it');
    assert.ok(!textOf(a.text).includes('Đã có tài khoản'), 'nothing tells whether the number is taken');
    const w = new Visitor();
    const page2 = await w.get('/dich-vu/dang-ky');
    const b = await w.postForm('/dich-vu/dang-ky', {
      csrf: csrfOf(page2.text), name: 'Người Khác', id_number: newIdNumber(),
      email: me.email, phone: '0909000111', password: 'khac-12345', password2: 'khac-12345',
    });
    // The e-mail waits for its link (issue 9): typing it proves nothing,
    // so a second account may give it too, and is told nothing about it.
    assert.equal(b.status, 303, 'a second claim of an e-mail registers too');
    assert.ok(!textOf(b.text).includes('Đã có tài khoản'), 'nothing tells whether the e-mail is taken');
  });

  test('the citizen can log out and log in again with the ID number', async () => {
    const csrf = csrfOf((await citizen.get('/dich-vu/ho-so')).text);
    const out = await citizen.postForm('/dich-vu/dang-xuat', { csrf });
    assert.equal(out.status, 303);
    assert.ok(!citizen.cookies.has('mc_session'), 'logging out drops the session cookie');
    const gone = await citizen.get('/dich-vu/ho-so');
    assert.equal(gone.status, 303, 'my dossiers needs a login again');
    assert.match(gone.location, /^\/dich-vu\/dang-nhap\?next=/);
    await citizen.login(me.idNumber, me.password);
  });

  test('the procedure page (static) links to the filing form', async () => {
    const page = await citizen.get(`/thu-tuc/${PROC}.html`);
    assert.equal(page.status, 200);
    assert.equal(h1Of(page.text), PROC_NAME);
    const link = page.text.match(/<a class="btn btn-start" href="([^"]+)">/);
    assert.ok(link, 'the procedure page has a "file online" button');
    assert.equal(link[1], `/dich-vu/nop-ho-so/${PROC}`);
    const form = await citizen.follow(link[1]);
    assert.equal(form.status, 200, 'a logged-in citizen gets the filing form');
    assert.equal(form.path, `/dich-vu/nop-ho-so/${PROC}`);
    assert.equal(h1Of(form.text), PROC_NAME);
    assert.equal(inputValue(form.text, 'name'), me.name, 'name filled from the account');
    assert.equal(inputValue(form.text, 'id_number'), me.idNumber, 'ID number filled from the account');
    assert.ok(selectOptions(form.text, 'agency').includes(ward), 'the wards are offered for a commune-level procedure');
    assertHas(form.text, 'enctype="multipart/form-data"', 'the form can carry files');
  });

  test('the citizen files a dossier with a PDF and lands on its page: "Mới đăng ký"', async () => {
    const form = await citizen.get(`/dich-vu/nop-ho-so/${PROC}`);
    filedAt = new Date();
    const a = await fileOnline(citizen, PROC, {
      csrf: csrfOf(form.text), name: me.name, id_number: me.idNumber, phone: me.phone,
      email: me.email, address: '12 Lê Lợi, Phường Vũng Tàu', agency: ward,
      content: `Đăng ký khai sinh cho con ${tag}`,
      file: filePart(pdf, 'giấy chứng sinh.pdf'),
    });
    assert.equal(a.status, 303, `filing redirects, got ${a.status}: ${textOf(a.text).slice(0, 400)}`);
    const m = a.location.match(/^\/dich-vu\/ho-so\/([^/?]+)\?moi=1$/);
    assert.ok(m, `redirect to the new dossier's page, got ${a.location}`);
    code = decodeURIComponent(m[1]);
    assertDossierCode(code, ward, filedAt);
    const page = await citizen.follow(a.location);
    assert.equal(page.status, 200);
    assert.equal(h1Of(page.text), `Hồ sơ ${code}`);
    assertHas(textOf(page.text), 'Hồ sơ đã được gửi. Hãy ghi lại mã hồ sơ để tra cứu.', 'a confirmation is shown');
    assert.deepEqual(statusBadge(page.text), { status: 1, text: 'Mới đăng ký' });
    assert.equal(fact(page.text, 'Thủ tục'), `${PROC_NAME} (${PROC})`);
    assert.equal(fact(page.text, 'Cơ quan tiếp nhận'), wardName, 'the receiving ward is shown');
    assertHistory(page.text, [SUBMITTED]);
    assert.equal(historyActions(page.text).length, 1, 'one event so far');
    const files = attachments(page.text);
    assert.equal(files.length, 1, 'the attachment is listed');
    assert.deepEqual({ name: files[0].name, mime: files[0].mime, size: files[0].size },
      { name: 'giấy chứng sinh.pdf', mime: 'application/pdf', size: pdf.length });
    fileHref = files[0].href;
  });

  test('the dossier is in "my dossiers"', async () => {
    assert.ok(code, 'filed in the step before');
    const page = await citizen.get('/dich-vu/ho-so');
    assert.equal(page.status, 200);
    const row = rowLinking(page.text, `/dich-vu/ho-so/${code}`);
    assert.ok(row, 'my dossiers lists the new dossier');
    const t = textOf(row);
    for (const want of [code, PROC_NAME, wardName, 'Mới đăng ký']) assertHas(t, want, 'the row tells');
  });

  test('the attachment downloads with the same bytes', async () => {
    assert.ok(fileHref, 'listed in the step before');
    const a = await citizen.get(fileHref);
    assert.equal(a.status, 200);
    assert.match(a.type, /^application\/pdf/);
    assert.match(a.headers.get('content-disposition') || '', /^attachment; filename\*=UTF-8''gi%E1%BA%A5y%20ch%E1%BB%A9ng%20sinh\.pdf$/);
    assert.ok(a.body.equals(pdf), 'the downloaded bytes are the uploaded bytes');
  });

  test('an officer of another agency gets 403 on the page, the file and the accept; the dossier stays "Mới đăng ký"', async () => {
    assert.ok(code, 'filed before');
    const other = await loggedIn(stranger.email, stranger.password);
    const inbox = await other.get('/can-bo/');
    assert.equal(inbox.status, 200, 'the other officer has an inbox of their own');
    assert.ok(!inbox.text.includes(code), 'the dossier is not in another agency\'s inbox');
    assertErrorPage(await other.get(`/can-bo/ho-so/${code}`), 403);
    assertErrorPage(await other.get(fileHref), 403);
    const act = await other.postForm(`/can-bo/ho-so/${code}/xu-ly`, {
      csrf: csrfOf(inbox.text), action: 'accept', note: 'không phải của tôi', version: '1',
    });
    assertErrorPage(act, 403);
    const page = await citizen.get(`/dich-vu/ho-so/${code}`);
    assert.deepEqual(statusBadge(page.text), { status: 1, text: 'Mới đăng ký' }, 'the refused accept changed nothing');
    assert.equal(historyActions(page.text).length, 1);
  });

  test('the citizen cannot open the back office', async () => {
    assertErrorPage(await citizen.get('/can-bo/'), 403);
    assertErrorPage(await citizen.get(`/can-bo/ho-so/${code}`), 403);
    const csrf = csrfOf((await citizen.get('/dich-vu/ho-so')).text);
    assertErrorPage(await citizen.postForm(`/can-bo/ho-so/${code}/xu-ly`, { csrf, action: 'accept' }), 403);
  });

  test('another citizen cannot open the dossier or its attachment', async () => {
    const other = await newCitizen();
    const v = await loggedIn(other.email, other.password);
    assertErrorPage(await v.get(`/dich-vu/ho-so/${code}`), 403);
    assertErrorPage(await v.get(fileHref), 403);
    const mine = await v.get('/dich-vu/ho-so');
    assert.ok(!mine.text.includes(code), 'not in the other citizen\'s list');
    const anon = new Visitor();
    const a = await anon.get(`/dich-vu/ho-so/${code}`);
    assert.equal(a.status, 303, 'a visitor is sent to the login page');
    assert.equal(a.location, `/dich-vu/dang-nhap?next=/dich-vu/ho-so/${code}`);
  });

  test('the receiving officer sees it in the inbox, opens it and accepts it', async () => {
    assert.ok(code, 'filed before');
    const off = new Visitor();
    const login = await off.login(receiver.email, receiver.password);
    assert.equal(login.location, '/can-bo/', 'an officer lands in the back office');
    const inbox = await off.get('/can-bo/');
    assert.equal(inbox.status, 200);
    assert.equal(h1Of(inbox.text), 'Hồ sơ cần xử lý');
    assertHas(textOf(inbox.text), wardName, 'the inbox names the officer\'s ward');
    const row = rowLinking(inbox.text, `/can-bo/ho-so/${code}`);
    assert.ok(row, 'the new dossier is in the inbox');
    for (const want of [me.name, me.idNumber, PROC_NAME, 'Mới đăng ký']) assertHas(textOf(row), want, 'the inbox row tells');

    const page = await off.get(`/can-bo/ho-so/${code}`);
    assert.equal(page.status, 200);
    assert.deepEqual(statusBadge(page.text), { status: 1, text: 'Mới đăng ký' });
    const form = actionForm(page.text, 'accept');
    assert.ok(form && form.csrf && form.version, 'the page offers "Tiếp nhận hồ sơ"');
    const att = await off.get(fileHref);
    assert.equal(att.status, 200, 'the officer can read the attachment');
    assert.ok(att.body.equals(pdf));

    const act = await off.postForm(`/can-bo/ho-so/${code}/xu-ly`, { ...form, note: 'Hồ sơ đầy đủ' });
    assert.equal(act.status, 303, `accept redirects, got ${act.status}: ${textOf(act.text).slice(0, 300)}`);
    assert.equal(act.location, `/can-bo/ho-so/${code}?ok=1`);
    const done = await off.follow(act.location);
    assert.equal(done.status, 200);
    assertHas(textOf(done.text), 'Đã cập nhật hồ sơ.', 'the officer is told it worked');
    assert.deepEqual(statusBadge(done.text), { status: 2, text: 'Được tiếp nhận' });
    assertHistory(done.text, [SUBMITTED, ACCEPTED]);
    assert.match(fact(done.text, 'Ngày tiếp nhận') || '', WHEN, 'the time of receipt is shown');
    assert.match(fact(done.text, 'Hẹn trả kết quả') || '', WHEN, 'a due date is shown');
    assert.equal(actionForm(done.text, 'accept'), undefined, 'no accept button once accepted');
    assertHas(textOf(done.text), `Cán bộ tiếp nhận ${tag}`, 'the history names the officer');

    const again = await off.postForm(`/can-bo/ho-so/${code}/xu-ly`, form);
    assert.equal(again.status, 409, 'accepting twice is a conflict');
    assert.match(again.type, /^text\/html/);
    assertHas(again.text, 'class="request-id"', 'the conflict page has the request id');
    const waiting = await off.get('/can-bo/?status=1');
    assert.equal(rowLinking(waiting.text, `/can-bo/ho-so/${code}`), undefined, 'it left the "Mới đăng ký" list');
    const accepted = await off.get('/can-bo/?status=2');
    assert.ok(rowLinking(accepted.text, `/can-bo/ho-so/${code}`), 'it is listed under "Được tiếp nhận"');
  });

  test('the officer reading the dossier sees what the citizen wrote and how to reach them', async () => {
    // Form 01 (the receipt) needs the applicant's address, phone and e-mail and
    // the matter; the officer must be able to read what was filed.
    const off = await loggedIn(receiver.email, receiver.password);
    const page = await off.get(`/can-bo/ho-so/${code}`);
    assert.equal(page.status, 200);
    const t = textOf(page.text);
    assertHas(t, `Đăng ký khai sinh cho con ${tag}`, 'the officer sees the content of the request');
    assertHas(t, '12 Lê Lợi, Phường Vũng Tàu', 'the officer sees the applicant\'s address');
    assertHas(t, me.phone, 'the officer sees the applicant\'s phone');
  });

  test('the citizen then sees "Được tiếp nhận" and the history with both events', async () => {
    const page = await citizen.get(`/dich-vu/ho-so/${code}`);
    assert.equal(page.status, 200);
    assert.deepEqual(statusBadge(page.text), { status: 2, text: 'Được tiếp nhận' });
    assertHistory(page.text, [SUBMITTED, ACCEPTED]);
    assertHas(textOf(page.text), 'Hồ sơ đầy đủ', 'the officer\'s note is shown');
    assert.match(fact(page.text, 'Hẹn trả kết quả') || '', WHEN, 'the due date is shown');
    const row = rowLinking((await citizen.get('/dich-vu/ho-so')).text, `/dich-vu/ho-so/${code}`);
    assert.ok(row);
    assertHas(textOf(row), 'Được tiếp nhận', 'my dossiers shows the new status');
  });
});
