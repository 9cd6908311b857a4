// The one-stop back office end to end (issue 3): a dossier's whole life with
// a supplement round and an apology, refusal and "ask to complete" at
// receipt, an inter-agency step defined by an admin, two officers acting at
// once, who is kept out, counter intake with the receipt's QR code, the
// tracking book, and a leader's overview with a reminder. Moves go through
// the API (bearer tokens of real accounts made with bin/motcua), screens
// through the HTML pages, papers are read back with pdftotext and zbarimg.
//
// Times are asserted against what the instance reports (due after receipt,
// due moved by exactly the working time paused, ...), never against the
// wall clock, so the file passes at any hour, on weekends and holidays. Where
// a pause of known working length is needed the test moves a timestamp back
// in the database and says so; the expected working time comes from a small
// copy of the calendar rules (office hours, weekends, calendar_days).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';

import {
  BASE_URL, PROC, PROC_NAME, Visitor, WARD_SLOTS, actionForm, assertDossierCode, assertErrorPage,
  assertHas, assertHistory, assertJsonError, csrfOf, fact, filePart, h1Of, historyActions,
  inputValue, loggedIn, minimalPdf, motcua, newCitizen, newOfficer, newToken, q, request,
  rowLinking, sql, sqlValue, statusBadge, textOf, toFormData, uniq, wardCodes, configValue,
  pdfHas, pdfText, personTag, until,
  awayFromMidnight,
} from './lib.mjs';

const execFileP = promisify(execFile);

// ------------------------------------------------------------------ wards

/**
 * This file's wards: the slot WARD_SLOTS.office of the wards after the first
 * five, counted modulo the number of slots; the even places of that list
 * (office-browser.test.mjs takes the odd ones, so the two files never share
 * an inbox when they run side by side).
 */
function officeWards() {
  const nslots = Math.max(...Object.values(WARD_SLOTS)) + 1;
  const slot = wardCodes().slice(5).filter((_, i) => i % nslots === WARD_SLOTS.office);
  const mine = slot.filter((_, i) => i % 2 === 0);
  assert.ok(mine.length >= 4, 'the seed should hold enough wards for the office slot');
  return mine;
}

/** n distinct wards of this file, at random. */
function pickWards(n) {
  const all = officeWards();
  const out = [];
  while (out.length < n) {
    const w = all[Math.floor(Math.random() * all.length)];
    if (!out.includes(w)) out.push(w);
  }
  return out;
}

const agencyId = (code) => Number(sqlValue(`SELECT id FROM agencies WHERE code = ${q(code)}`));
const agencyName = (code) => sqlValue(`SELECT name FROM agencies WHERE code = ${q(code)}`);

// ------------------------------------------------------------------ working time
// A copy of the rules of lib/mc_calendar.c, for expectations only: office
// blocks (config office_hours) on working days (Monday to Friday unless
// calendar_days says otherwise), local time of Ho Chi Minh City (UTC+7, no
// summer time). Times are epoch milliseconds; SQL strings are local.

const TZ_MS = 7 * 3600e3;
const DAY_MS = 86400e3;
const DAY_MIN = 480;

function parseLocal(s) { return Date.parse(`${s.replace(' ', 'T')}+07:00`); }
function fmtLocal(ms) { return new Date(ms + TZ_MS).toISOString().slice(0, 19).replace('T', ' '); }
function midnight(ms) {
  const d = new Date(ms + TZ_MS);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - TZ_MS;
}

class WorkTime {
  constructor() {
    const spec = configValue('office_hours') || '07:30-11:30,13:00-17:00';
    this.blocks = spec.split(',').map((b) => b.split('-').map((t) => {
      const [h, m] = t.split(':').map(Number);
      return (h * 60 + m) * 60e3;
    }));
    this.days = new Map(sql('SELECT day, kind FROM calendar_days').map(([d, k]) => [d, k]));
  }

  isWorkday(day) {
    const s = fmtLocal(day + 12 * 3600e3).slice(0, 10);
    if (this.days.has(s)) return this.days.get(s) === 'work';
    const wd = new Date(day + 12 * 3600e3 + TZ_MS).getUTCDay();
    return wd >= 1 && wd <= 5;
  }

  /** Working milliseconds between two moments. */
  between(from, to) {
    let total = 0;
    for (let day = midnight(from); day < to; day += DAY_MS) {
      if (!this.isWorkday(day)) continue;
      for (const [a, b] of this.blocks) {
        const s = Math.max(day + a, from);
        const e = Math.min(day + b, to);
        if (e > s) total += e - s;
      }
    }
    return total;
  }

  /** The moment `ms` working milliseconds after start. */
  add(start, ms) {
    let need = ms;
    for (let day = midnight(start), pos = start - day; ; day += DAY_MS, pos = 0) {
      if (!this.isWorkday(day)) continue;
      for (const [a, b] of this.blocks) {
        if (pos >= b) continue;
        if (pos < a) pos = a;
        if (need <= b - pos) return day + pos + need;
        need -= b - pos;
        pos = b;
      }
    }
  }

  /** The moment `ms` working milliseconds before end. */
  sub(end, ms) {
    let need = ms;
    for (let day = midnight(end), pos = end - day; ; day -= DAY_MS, pos = DAY_MS) {
      if (!this.isWorkday(day)) continue;
      for (const [a, b] of [...this.blocks].reverse()) {
        if (pos <= a) continue;
        if (pos > b) pos = b;
        if (need <= pos - a) return day + pos - need;
        need -= pos - a;
        pos = a;
      }
    }
  }
}

/** "08 giờ 30 phút, ngày 05 tháng 3 năm 2026", as the papers write a time. */
function paperTime(sqlTime) {
  const [, y, mo, d, h, mi] = sqlTime.match(/^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d)/);
  const m = Number(mo);
  return `${h} giờ ${mi} phút, ngày ${d} tháng ${m < 3 ? '0' : ''}${m} năm ${y}`;
}

// ------------------------------------------------------------------ papers

let tmpdir;
async function tmp() {
  if (!tmpdir) tmpdir = await mkdtemp(path.join(os.tmpdir(), 'motcua-e2e-office-'));
  return tmpdir;
}

/** What the QR codes of a PDF say, page by page (pdftoppm + zbarimg). */
async function qrCodes(bytes) {
  const dir = await tmp();
  const tag = uniq();
  const f = path.join(dir, `${tag}.pdf`);
  await writeFile(f, bytes);
  await execFileP('pdftoppm', ['-r', '150', '-png', f, path.join(dir, tag)]);
  const pngs = (await readdir(dir)).filter((n) => n.startsWith(`${tag}-`) && n.endsWith('.png')).sort();
  assert.ok(pngs.length > 0, 'pdftoppm made images of the pages');
  const found = [];
  for (const png of pngs) {
    try {
      const { stdout } = await execFileP('zbarimg', ['--raw', '-q', path.join(dir, png)]);
      found.push(...stdout.split('\n').filter(Boolean));
    } catch (e) {
      if (e.code !== 4) throw e;	// 4: no code on this page
    }
  }
  return found;
}

function assertPdfHas(f, words, msg) {
  assert.ok(pdfHas(f.pdfText, words), `${msg}: ${words} (the PDF says: ${f.pdfText.slice(0, 1500)})`);
}

/** GETs a paper and checks it is a PDF; returns its text. */
async function paper(visitor, href) {
  const a = await visitor.get(href);
  assert.equal(a.status, 200, `${href}: ${a.status} ${textOf(a.text).slice(0, 200)}`);
  assert.match(a.type, /^application\/pdf/, `${href} is a PDF`);
  assert.equal(a.body.subarray(0, 5).toString('latin1'), '%PDF-', `${href} starts like a PDF`);
  a.pdfText = await pdfText(a.body);
  return a;
}

// ------------------------------------------------------------------ API

const bearer = (t) => ({ authorization: `Bearer ${t}` });

function fileDossier(token, form) {
  return request('/api/v1/dossiers', { method: 'POST', headers: bearer(token), body: toFormData(form) });
}

async function fileOk(token, agency, { proc = PROC, content = 'Đăng ký khai sinh' } = {}) {
  const a = await fileDossier(token, {
    procedure: proc, agency, fields: JSON.stringify({ content }),
    file: filePart(minimalPdf(`office ${uniq()}`), 'giay-to.pdf'),
  });
  assert.equal(a.status, 201, `filing answers 201: ${a.text.slice(0, 300)}`);
  return a.json().code;
}

function act(token, code, body) {
  return request(`/api/v1/dossiers/${encodeURIComponent(code)}/transitions`, {
    method: 'POST', headers: { ...bearer(token), 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
}

/** An action that must succeed: the full view after it. */
async function actOk(token, code, body, what = body.action) {
  const a = await act(token, code, body);
  assert.equal(a.status, 200, `${what} answers 200, got ${a.status}: ${a.text.slice(0, 300)}`);
  return a.json();
}

async function view(token, code) {
  const a = await request(`/api/v1/dossiers/${encodeURIComponent(code)}`, { headers: bearer(token) });
  assert.equal(a.status, 200, `full view: ${a.status} ${a.text.slice(0, 200)}`);
  return a.json();
}

/** An account with a token. */
async function withToken(p) {
  const x = await p;
  x.token = await newToken(x.email);
  return x;
}

const SUBMIT = { action: 'Nộp hồ sơ', to: 1 };
const ACCEPT = { action: 'Tiếp nhận hồ sơ', to: 2 };
const SQL_TIME = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/;

after(async () => { if (tmpdir) await rm(tmpdir, { recursive: true, force: true }); });

// ================================================================== 1

// Today's figures are read after today's filings: not across midnight.
await awayFromMidnight();

describe('a full life: accept, supplement round, apology, approval, return', { concurrency: false }, () => {
  const tag = uniq();
  const items = [
    { item: 'Bản sao giấy chứng sinh có chứng thực', reason: 'Bản chụp không đọc được' },
    { item: `Tờ khai đăng ký khai sinh ${tag}`, reason: 'Thiếu chữ ký người đi khai' },
  ];
  const reason = `Cần xác minh thêm thông tin với cơ quan khác ${tag}`;
  let ward, wardName, cal, citizen, cit, recv, spec, lead, code;
  let accepted, paused, resumed, apologised;

  before(async () => {
    [ward] = pickWards(1);
    wardName = agencyName(ward);
    cal = new WorkTime();
    citizen = await withToken(newCitizen({ name: 'Phạm Thị Thu Hương', phone: '0903111222' }));
    // Names that fit form 05's cells (personTag), so the papers read alike
    // on every run.
    recv = await withToken(newOfficer('receiver', ward, `Tiếp Nhận ${personTag()}`));
    spec = await withToken(newOfficer('specialist', ward, `Chuyên Viên ${personTag()}`));
    lead = await withToken(newOfficer('leader', ward, `Lãnh Đạo ${personTag()}`));
    cit = await loggedIn(citizen.email, citizen.password);
  });

  test('filed online by the citizen: status 1, no steps yet', async () => {
    const started = new Date();
    code = await fileOk(citizen.token, ward, { content: `Khai sinh cho con ${tag}` });
    assertDossierCode(code, ward, started);
    const d = await view(citizen.token, code);
    assert.equal(d.status, 1);
    assert.equal(d.steps.length, 0, 'no workflow before acceptance');
    assert.equal(d.due_at, null, 'no due time before acceptance');
  });

  test('the receiver accepts: status 2, four steps of the default workflow, due after receipt', async () => {
    const d0 = await view(recv.token, code);
    accepted = await actOk(recv.token, code, { action: 'accept', version: d0.version, note: 'Đủ thành phần' });
    const d = accepted;
    assert.equal(d.status, 2);
    assert.equal(d.status_name, 'Được tiếp nhận');
    assert.match(d.received_at, SQL_TIME);
    assert.match(d.due_at, SQL_TIME);
    assert.ok(d.due_at > d.received_at, `due ${d.due_at} after receipt ${d.received_at}`);
    assert.deepEqual(d.steps.map((s) => [s.seq, s.name, s.role, s.agency]), [
      [1, 'Tiếp nhận hồ sơ', 'receiver', wardName],
      [2, 'Thẩm định, xử lý hồ sơ', 'specialist', wardName],
      [3, 'Phê duyệt kết quả', 'leader', wardName],
      [4, 'Trả kết quả', 'receiver', wardName],
    ]);
    assert.equal(d.steps.reduce((n, s) => n + s.minutes, 0), DAY_MIN,
      'the steps add up to the legal time (8 working hours)');
    // The legal time is counted in working time from the start of the clock.
    // After the cut-off or after hours the clock starts at the next opening,
    // but the hand-over of step 1 is recorded when it happened (form 05).
    const start = parseLocal(d.clock_start_at);
    assert.equal(cal.between(start, parseLocal(d.due_at)), DAY_MIN * 60e3,
      'due = clock start + 8 working hours');
    assert.ok(d.clock_start_at >= d.received_at, 'the clock starts at or after receipt');
    assert.equal(d.steps[0].started_at, d.received_at, 'step 1 is handed over at receipt');
    assert.equal(d.current_step, 1);
    assert.equal(d.colour, 'green', 'a fresh dossier is on time');
    assert.equal(d.holder, recv.name, 'the accepting receiver holds it');
  });

  test('the receiver forwards it: status 4, step 2 at the specialist', async () => {
    const d = await actOk(recv.token, code, { action: 'forward', version: accepted.version });
    assert.equal(d.status, 4);
    assert.equal(d.status_name, 'Đang xử lý');
    assert.equal(d.current_step, 2);
    assert.equal(d.current_agency, wardName);
    assert.match(d.steps[0].finished_at, SQL_TIME, 'step 1 is finished');
    assert.ok(['early', 'ontime', 'late'].includes(d.steps[0].outcome), `step 1 outcome ${d.steps[0].outcome}`);
    assert.match(d.steps[1].started_at, SQL_TIME, 'step 2 has started');
  });

  test('the specialist asks the citizen for a supplement: status 5, the clock pauses (colour "none")', async () => {
    // Without items it is refused; a receiver may not do it at step 2.
    assertJsonError(await act(spec.token, code, { action: 'request_supplement', note: 'thiếu' }), 422);
    assertJsonError(await act(citizen.token, code, { action: 'request_supplement', items }), 403);
    const d = await actOk(spec.token, code, { action: 'request_supplement', items, note: `Bổ sung giấy tờ ${tag}` });
    assert.equal(d.status, 5);
    assert.equal(d.status_name, 'Yêu cầu bổ sung');
    assert.equal(d.colour, 'none');
    assert.equal(d.supplements.length, 1);
    assert.equal(d.supplements[0].answered_at, null);
    paused = d;
  });

  test('the citizen sees the requested items on the dossier page, with an upload form', async () => {
    const page = await cit.get(`/dich-vu/ho-so/${code}`);
    assert.equal(page.status, 200);
    assert.deepEqual(statusBadge(page.text), { status: 5, text: 'Yêu cầu bổ sung' });
    const t = textOf(page.text);
    for (const it of items) {
      assertHas(t, it.item, 'the page lists each requested item');
      assertHas(t, it.reason, 'with its reason');
    }
    assertHas(t, 'đang chờ bổ sung', 'the request is shown as waiting');
    assertHas(page.text, `action="/dich-vu/ho-so/${code}/bo-sung"`, 'there is an upload form');
    assertHas(page.text, 'name="file1"', 'with a file field');
  });

  test('the citizen uploads a PDF through the form: back to 4, request answered, due moved by the pause', async () => {
    // The pause has lasted a few seconds; make it two working days (plus
    // those seconds) by moving paused_at back in the database, as if the
    // citizen had taken that long.
    const p0 = sqlValue(`SELECT paused_at FROM dossiers WHERE code = ${q(code)}`);
    assert.match(p0, SQL_TIME, 'the dossier records when it paused');
    const pausedAt = cal.sub(parseLocal(p0), 2 * DAY_MIN * 60e3);
    sql(`UPDATE dossiers SET paused_at = ${q(fmtLocal(pausedAt))} WHERE code = ${q(code)}`);

    const page = await cit.get(`/dich-vu/ho-so/${code}`);
    const bytes = minimalPdf(`bo sung ${tag}`);
    const a = await cit.postMultipart(`/dich-vu/ho-so/${code}/bo-sung`, {
      csrf: csrfOf(page.text), note: 'Đã bổ sung bản sao có chứng thực',
      file1: filePart(bytes, 'bản sao chứng thực.pdf'),
    });
    assert.equal(a.status, 303, `the upload redirects, got ${a.status}: ${textOf(a.text).slice(0, 300)}`);
    assert.equal(a.location, `/dich-vu/ho-so/${code}?ok=1`);
    const back = await cit.follow(a.location);
    assert.deepEqual(statusBadge(back.text), { status: 4, text: 'Đang xử lý' });
    assertHas(textOf(back.text), 'đã bổ sung lúc', 'the request shows as answered');
    assertHas(textOf(back.text), 'bản sao chứng thực.pdf', 'the new file is listed');

    const d = resumed = await view(recv.token, code);
    assert.equal(d.status, 4);
    assert.equal(d.current_step, 2, 'back at the step that asked');
    assert.match(d.supplements[0].answered_at, SQL_TIME, 'the request is marked answered');
    assert.ok(d.files.some((f) => f.filename === 'bản sao chứng thực.pdf' && Number(f.size) === bytes.length));
    const ev = d.events.at(-1);
    assert.deepEqual([ev.action, ev.from_status, ev.to_status], ['supplement', 5, 4]);

    const waited = cal.between(pausedAt, parseLocal(ev.at));
    assert.ok(waited >= 2 * DAY_MIN * 60e3, 'the pause spans two working days');
    const moved = cal.between(parseLocal(paused.due_at), parseLocal(d.due_at));
    assert.ok(Math.abs(moved - waited) <= 60e3,
      `due ${paused.due_at} -> ${d.due_at} moved by ${moved / 60e3} working minutes, paused ${waited / 60e3}`);
    const stepMoved = cal.between(parseLocal(paused.step_due_at), parseLocal(d.step_due_at));
    assert.ok(Math.abs(stepMoved - waited) <= 60e3,
      `the step's due ${paused.step_due_at} -> ${d.step_due_at} moved by the pause too`);
    assert.equal(d.steps[1].due_at, d.step_due_at, 'the step row moved with the dossier');
    assert.ok(['green', 'yellow'].includes(d.colour), `running again (colour ${d.colour})`);
  });

  test('apology: only a leader, only with a reason, only later than the due date', async () => {
    const later = fmtLocal(parseLocal(resumed.due_at) + 7 * DAY_MS).slice(0, 10);
    assertJsonError(await act(spec.token, code, { action: 'apology', note: reason, new_due: later }), 403);
    assertJsonError(await act(lead.token, code, { action: 'apology', new_due: later }), 422);
    assertJsonError(await act(lead.token, code, {
      action: 'apology', note: reason, new_due: fmtLocal(parseLocal(resumed.due_at) - DAY_MS).slice(0, 10) }), 422);
    const d = await view(recv.token, code);
    assert.equal(d.original_due_at, null, 'the refused attempts changed nothing');
    assert.equal(d.due_at, resumed.due_at);
  });

  test('the leader apologises with a new date: both dates kept, form 04 lists both', async () => {
    const due = resumed.due_at;
    assert.ok(cal.between(Date.now(), parseLocal(due)) >= DAY_MIN * 60e3,
      'the due time is at least a working day ahead (the pause moved it)');
    const newDay = fmtLocal(parseLocal(due) + 7 * DAY_MS).slice(0, 10);
    const d = apologised = await actOk(lead.token, code, { action: 'apology', note: reason, new_due: newDay });
    assert.equal(d.status, 4, 'an apology does not change the status');
    assert.equal(d.original_due_at, due, 'the original due time is kept');
    assert.equal(d.due_at, `${newDay} 17:00:00`, 'the new date, at the close of office');

    const page = await cit.get(`/dich-vu/ho-so/${code}`);
    const shown = fact(page.text, 'Hẹn trả kết quả') || '';
    // The page writes times as dd/mm/yyyy HH:MM (lib/mc_fmt).
    const viTime = (t) => `${t.slice(8, 10)}/${t.slice(5, 7)}/${t.slice(0, 4)} ${t.slice(11, 16)}`;
    assertHas(shown, viTime(`${newDay} 17:00:00`), 'the citizen sees the new date');
    assertHas(shown, `hẹn ban đầu ${viTime(due)}`, 'and the original one');
    assertHas(textOf(page.text), reason, 'and the reason');

    const off = await loggedIn(lead.email, lead.password);
    const f = await paper(off, `/can-bo/ho-so/${code}/phieu/04.pdf`);
    assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log l JOIN dossiers d ON d.id = l.dossier_id
      WHERE d.code = ${q(code)} AND l.event = 'dossier_paper' AND l.subject = '04' AND l.account_id = ${lead.id}`), '1',
    'the download is in the audit log');
    assertPdfHas(f, 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ', 'form 04 has its title');
    assertPdfHas(f, code, 'form 04 names the dossier');
    assertPdfHas(f, 'Phạm Thị Thu Hương', 'form 04 names the applicant');
    assertPdfHas(f, paperTime(due), 'form 04 gives the original time');
    assertPdfHas(f, paperTime(d.due_at), 'form 04 gives the new time');
    assertPdfHas(f, reason, 'form 04 gives the reason');
  });

  test('a second apology is refused (409): a new date is set once', async () => {
    const later = fmtLocal(parseLocal(apologised.due_at) + 7 * DAY_MS).slice(0, 10);
    assertJsonError(await act(lead.token, code, { action: 'apology', note: reason, new_due: later }), 409);
    const d = await view(recv.token, code);
    assert.equal(d.due_at, apologised.due_at);
    assert.equal(d.original_due_at, apologised.original_due_at);
  });

  test('forward to the leader step, approve: status 9, at the return step', async () => {
    assertJsonError(await act(spec.token, code, { action: 'approve' }), 403);
    const d1 = await actOk(spec.token, code, { action: 'forward' });
    assert.equal(d1.status, 4);
    assert.equal(d1.current_step, 3);
    assertJsonError(await act(spec.token, code, { action: 'forward' }), 403);
    const d = await actOk(lead.token, code, { action: 'approve', version: d1.version });
    assert.equal(d.status, 9);
    assert.equal(d.status_name, 'Đã xử lý xong');
    assert.equal(d.current_step, 4);
    assert.match(d.finished_at, SQL_TIME);
  });

  test('the receiver returns the result at the counter: status 10, returned_at set', async () => {
    assertJsonError(await act(recv.token, code, { action: 'return' }), 422);
    const d = await actOk(recv.token, code, { action: 'return', method: 1 });
    assert.equal(d.status, 10);
    assert.equal(d.status_name, 'Đã trả kết quả');
    assert.match(d.returned_at, SQL_TIME);
    assert.ok(d.returned_at >= d.finished_at);
    assert.ok(d.steps.every((s) => s.finished_at), 'every step is finished');
    assertJsonError(await act(recv.token, code, { action: 'return', method: 1 }), 409);
  });

  test('the history shows every event in order (API, officer page, citizen page)', async () => {
    const d = await view(recv.token, code);
    assert.deepEqual(d.events.map((e) => [e.action, e.from_status, e.to_status]), [
      ['submit', null, 1], ['accept', 1, 2], ['forward', 2, 4], ['request_supplement', 4, 5],
      ['supplement', 5, 4], ['apology', 4, 4], ['forward', 4, 4], ['approve', 4, 9], ['return', 9, 10],
    ]);
    for (let i = 1; i < d.events.length; i++) assert.ok(d.events[i].at >= d.events[i - 1].at, 'in time order');
    assert.deepEqual(d.events.map((e) => e.actor), [citizen.name, recv.name, recv.name, spec.name,
      citizen.name, lead.name, spec.name, lead.name, recv.name]);
    const want = [SUBMIT, ACCEPT, { action: 'Chuyển bước tiếp theo', to: 4 },
      { action: 'Yêu cầu công dân bổ sung', to: 5 }, { action: 'Đã bổ sung hồ sơ', to: 4 },
      { action: 'Xin lỗi và hẹn lại ngày trả', to: 4 }, { action: 'Chuyển bước tiếp theo', to: 4 },
      { action: 'Phê duyệt', to: 9 }, { action: 'Trả kết quả', to: 10 }];
    const off = await loggedIn(recv.email, recv.password);
    const page = await off.get(`/can-bo/ho-so/${code}`);
    assert.equal(page.status, 200);
    assertHistory(page.text, want);
    assert.equal(historyActions(page.text).length, want.length);
    assert.deepEqual(statusBadge(page.text), { status: 10, text: 'Đã trả kết quả' });
    assertHas(fact(page.text, 'Đã trả kết quả') || '', 'Trực tiếp', 'the return method is shown');
    const mine = await cit.get(`/dich-vu/ho-so/${code}`);
    assertHistory(mine.text, want);
  });

  test('papers: 01, 02, 04, 05 for the officer; 01, 02, 04 for the citizen; with the right Vietnamese text', async () => {
    const off = await loggedIn(recv.email, recv.password);
    const expect = {
      '01': ['GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', code, 'Phạm Thị Thu Hương', PROC_NAME, wardName,
        paperTime(apologised.original_due_at)],
      '02': ['PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ', code, 'Phạm Thị Thu Hương', items[0].item, items[1].item,
        items[0].reason],
      '04': ['PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ', code, reason],
      '05': ['PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ', code, 'Tiếp nhận hồ sơ', 'Thẩm định, xử lý hồ sơ',
        'Phê duyệt kết quả', 'Trả kết quả', spec.name],
    };
    for (const [n, words] of Object.entries(expect)) {
      const f = await paper(off, `/can-bo/ho-so/${code}/phieu/${n}.pdf`);
      for (const w of words) assertPdfHas(f, w, `officer's form ${n} says`);
    }
    assertErrorPage(await off.get(`/can-bo/ho-so/${code}/phieu/03.pdf`), 404);
    for (const n of ['01', '02', '04']) {
      const f = await paper(cit, `/dich-vu/ho-so/${code}/phieu/${n}.pdf`);
      for (const w of expect[n]) assertPdfHas(f, w, `citizen's form ${n} says`);
    }
    assertErrorPage(await cit.get(`/dich-vu/ho-so/${code}/phieu/03.pdf`), 404);
    assertErrorPage(await cit.get(`/dich-vu/ho-so/${code}/phieu/05.pdf`), 404);
    const page = await cit.get(`/dich-vu/ho-so/${code}`);
    for (const n of ['01', '02', '04']) assertHas(page.text, `/dich-vu/ho-so/${code}/phieu/${n}.pdf`, `the citizen's page links form ${n}`);
  });

  test('an apology later than one working day before the due date is refused (422)', async () => {
    const c2 = await fileOk(citizen.token, ward);
    await actOk(recv.token, c2, { action: 'accept' });
    // The due time is moved (in the database) to half a working day ahead.
    const due = fmtLocal(cal.add(Date.now(), 4 * 60 * 60e3));
    sql(`UPDATE dossiers SET due_at = ${q(due)} WHERE code = ${q(c2)}`);
    const newDay = fmtLocal(parseLocal(due) + 7 * DAY_MS).slice(0, 10);
    const a = assertJsonError(await act(lead.token, c2, { action: 'apology', note: reason, new_due: newDay }), 422);
    assert.match(a.error, /một ngày làm việc/, `the message says why: ${a.error}`);
    const off = await loggedIn(lead.email, lead.password);
    const page = await off.get(`/can-bo/ho-so/${c2}`);
    assert.equal(actionForm(page.text, 'apology'), undefined, 'the page no longer offers the apology');
    const d = await view(lead.token, c2);
    assert.equal(d.original_due_at, null);
    await actOk(recv.token, c2, { action: 'withdraw', note: 'dọn dẹp sau kiểm thử' });
  });
});

// ================================================================== 2, 3

describe('at receipt: refuse, ask to complete', { concurrency: false }, () => {
  const tag = uniq();
  let ward, citizen, cit, recv, off;

  before(async () => {
    [ward] = pickWards(1);
    citizen = await withToken(newCitizen({ name: 'Võ Văn Kiệt Đức' }));
    recv = await withToken(newOfficer('receiver', ward, `Tiếp Nhận ${tag}`));
    cit = await loggedIn(citizen.email, citizen.password);
    off = await loggedIn(recv.email, recv.password);
  });

  test('refusal: without a reason 422 (API and form), with one status 3; form 03 gives the reason', async () => {
    const code = await fileOk(citizen.token, ward);
    assertJsonError(await act(recv.token, code, { action: 'refuse' }), 422);
    assertJsonError(await act(recv.token, code, { action: 'refuse', note: '' }), 422);
    const page = await off.get(`/can-bo/ho-so/${code}`);
    const form = actionForm(page.text, 'refuse');
    assert.ok(form, 'the page offers the refusal');
    const options = [...page.text.matchAll(/<option(?: value="[^"]*")?>([^<]+)<\/option>/g)].map((m) => m[1]);
    const why = 'Hồ sơ không thuộc thẩm quyền giải quyết của cơ quan';
    assert.ok(options.includes(why), 'the refusal reasons are offered as a list');
    assertErrorPage(await off.postForm(`/can-bo/ho-so/${code}/xu-ly`, { ...form, reason: '', note: '' }), 422);
    assert.equal((await view(recv.token, code)).status, 1, 'still new after the refused attempts');

    const a = await off.postForm(`/can-bo/ho-so/${code}/xu-ly`, { ...form, reason: why, note: `Thuộc thẩm quyền Sở ${tag}` });
    assert.equal(a.status, 303, `refusal redirects: ${textOf(a.text).slice(0, 300)}`);
    const d = await view(recv.token, code);
    assert.equal(d.status, 3);
    assert.equal(d.status_name, 'Không được tiếp nhận');
    assert.equal(d.due_at, null, 'no deadline for a refused dossier');
    assert.equal(d.events.at(-1).note, `${why}. Thuộc thẩm quyền Sở ${tag}`);

    const f = await paper(off, `/can-bo/ho-so/${code}/phieu/03.pdf`);
    for (const w of ['PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ', code, 'Võ Văn Kiệt Đức', citizen.idNumber, PROC_NAME,
      why, `Thuộc thẩm quyền Sở ${tag}`]) assertPdfHas(f, w, 'form 03 says');
    const fc = await paper(cit, `/dich-vu/ho-so/${code}/phieu/03.pdf`);
    assertPdfHas(fc, why, 'the citizen gets form 03 too');
    assertErrorPage(await off.get(`/can-bo/ho-so/${code}/phieu/01.pdf`), 404);

    const mine = await cit.get(`/dich-vu/ho-so/${code}`);
    assert.deepEqual(statusBadge(mine.text), { status: 3, text: 'Không được tiếp nhận' });
    assertHas(textOf(mine.text), why, 'the citizen sees the reason');
    assertHas(mine.text, `/dich-vu/ho-so/${code}/phieu/03.pdf`, 'the citizen\'s page links form 03');
    assert.ok(!mine.text.includes(`/dich-vu/ho-so/${code}/rut`), 'no withdrawal offered any more');
    const row = rowLinking((await cit.get('/dich-vu/ho-so')).text, `/dich-vu/ho-so/${code}`);
    assertHas(textOf(row || ''), 'Không được tiếp nhận', 'my dossiers shows the refusal');
  });

  test('refused: no further action is allowed (409)', async () => {
    const code = await fileOk(citizen.token, ward);
    await actOk(recv.token, code, { action: 'refuse', note: 'Người nộp không đủ điều kiện theo quy định' });
    for (const action of ['accept', 'refuse', 'request_completion', 'return', 'withdraw']) {
      assertJsonError(await act(recv.token, code, { action, note: 'x', method: 1,
        items: [{ item: 'x', reason: 'y' }] }), 409);
    }
    assertJsonError(await act(citizen.token, code, { action: 'withdraw' }), 409);
    assertJsonError(await act(citizen.token, code, { action: 'supplement', note: 'x' }), 409);
    const page = await off.get(`/can-bo/ho-so/${code}`);
    for (const a of ['accept', 'refuse', 'request_completion', 'forward', 'withdraw']) {
      assert.equal(actionForm(page.text, a), undefined, `no "${a}" on the refused dossier's page`);
    }
    const d = await view(recv.token, code);
    assert.equal(d.status, 3);
    assert.equal(d.events.length, 2);
  });

  test('a processing action on a refused dossier is refused as "not in this state" (409), not "no permission"', async () => {
    // The receiving ward's receiver is the one who would forward it at
    // step 1; the dossier never got there. API.md: 409 = "not allowed in
    // this status or step", 403 = "not this account's to do".
    const code = await fileOk(citizen.token, ward);
    await actOk(recv.token, code, { action: 'refuse', note: 'Người nộp không đủ điều kiện theo quy định' });
    const a = await act(recv.token, code, { action: 'forward' });
    assertJsonError(a, 409);
  });

  test('ask to complete: status 5 with no due date; the citizen supplements: back to 1; then accept works', async () => {
    const code = await fileOk(citizen.token, ward);
    assertJsonError(await act(recv.token, code, { action: 'request_completion', note: 'thiếu' }), 422);
    const items = [{ item: `Giấy chứng sinh bản chính ${tag}`, reason: 'Thiếu giấy tờ theo thành phần hồ sơ' }];
    const d1 = await actOk(recv.token, code, { action: 'request_completion', items });
    assert.equal(d1.status, 5);
    assert.equal(d1.due_at, null, 'no deadline runs while the dossier is incomplete');
    assert.equal(d1.received_at, null, 'not received yet');
    assert.equal(d1.steps.length, 0);
    assert.equal(d1.colour, 'none');

    const page = await cit.get(`/dich-vu/ho-so/${code}`);
    assert.deepEqual(statusBadge(page.text), { status: 5, text: 'Yêu cầu bổ sung' });
    assertHas(textOf(page.text), items[0].item, 'the citizen sees what to complete');
    const f = await paper(cit, `/dich-vu/ho-so/${code}/phieu/02.pdf`);
    for (const w of ['PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ', items[0].item, items[0].reason]) {
      assertPdfHas(f, w, 'form 02 says');
    }
    assertJsonError(await act(recv.token, code, { action: 'accept' }), 409);

    // The citizen sends the file through the API (multipart).
    const fd = toFormData({ action: 'supplement', note: 'Đã bổ sung', file: filePart(minimalPdf(`hoan thien ${tag}`), 'giay-chung-sinh.pdf') });
    const a = await request(`/api/v1/dossiers/${encodeURIComponent(code)}/transitions`, {
      method: 'POST', headers: bearer(citizen.token), body: fd });
    assert.equal(a.status, 200, a.text.slice(0, 300));
    const d2 = a.json();
    assert.equal(d2.status, 1, 'back to "Mới đăng ký"');
    assert.equal(d2.due_at, null);
    assert.match(d2.supplements[0].answered_at, SQL_TIME);
    assert.equal(d2.files.length, 2, 'the new file is attached');

    const d3 = await actOk(recv.token, code, { action: 'accept', version: d2.version });
    assert.equal(d3.status, 2);
    assert.match(d3.due_at, SQL_TIME);
    assert.ok(d3.due_at > d3.received_at);
    assert.deepEqual(d3.events.map((e) => e.action), ['submit', 'request_completion', 'supplement', 'accept']);
    assert.deepEqual(d3.events.map((e) => e.to_status), [1, 5, 1, 2]);
    await actOk(recv.token, code, { action: 'withdraw', note: 'dọn dẹp sau kiểm thử' });
  });
});

// ================================================================== clock words

describe('what the screens say about a dossier whose clock does not run', { concurrency: false }, () => {
  // "Đang tạm dừng" (paused) is the word for a dossier waiting for the
  // applicant's supplement (status 5). A new dossier's clock has not
  // started, and a finished one's has stopped: calling them "paused" tells
  // the officer something false.
  let ward, wardId, citizen, recv, spec, lead, off, fresh, paused, returned;

  before(async () => {
    [ward] = pickWards(1);
    wardId = agencyId(ward);
    citizen = await withToken(newCitizen());
    recv = await withToken(newOfficer('receiver', ward));
    spec = await withToken(newOfficer('specialist', ward));
    lead = await withToken(newOfficer('leader', ward));
    off = await loggedIn(recv.email, recv.password);
    fresh = await fileOk(citizen.token, ward);
    paused = await fileOk(citizen.token, ward);
    await actOk(recv.token, paused, { action: 'accept' });
    await actOk(recv.token, paused, { action: 'forward' });
    await actOk(spec.token, paused, { action: 'request_supplement', items: [{ item: 'Bản sao', reason: 'Thiếu' }] });
    returned = await fileOk(citizen.token, ward);
    await actOk(recv.token, returned, { action: 'accept' });
    await actOk(recv.token, returned, { action: 'forward' });
    await actOk(lead.token, returned, { action: 'decide' });
    await actOk(recv.token, returned, { action: 'return', method: 1 });
  });

  after(async () => {
    for (const c of [fresh, paused]) await actOk(recv.token, c, { action: 'withdraw', note: 'dọn dẹp sau kiểm thử' }).catch(() => {});
  });

  test('the inbox row of a paused dossier says "Đang tạm dừng"', async () => {
    const inbox = await off.get(`/can-bo/?agency=${wardId}`);
    const row = rowLinking(inbox.text, `/can-bo/ho-so/${paused}`);
    assert.ok(row, 'listed');
    assertHas(textOf(row), 'Đang tạm dừng', 'a paused dossier says so');
    assertHas(textOf(row), 'Yêu cầu bổ sung', 'with its status');
  });

  test('a new dossier (clock not started) is not called "paused", in the inbox or on its page', async () => {
    const inbox = await off.get(`/can-bo/?agency=${wardId}`);
    const row = rowLinking(inbox.text, `/can-bo/ho-so/${fresh}`);
    assert.ok(row, 'listed');
    assertHas(textOf(row), 'Mới đăng ký', 'with its status');
    assert.ok(!textOf(row).includes('Đang tạm dừng'), `the new dossier's row says: ${textOf(row)}`);
    const page = await off.get(`/can-bo/ho-so/${fresh}`);
    assert.ok(!textOf(page.text).includes('Đang tạm dừng'), 'nor does its page');
  });

  test('a returned dossier (clock stopped for good) is not called "paused" on its page', async () => {
    const page = await off.get(`/can-bo/ho-so/${returned}`);
    assert.deepEqual(statusBadge(page.text), { status: 10, text: 'Đã trả kết quả' });
    assert.ok(!textOf(page.text).includes('Đang tạm dừng'), 'a finished dossier is not "paused"');
  });
});

// ================================================================== 4

describe('an inter-agency step defined by an admin', { concurrency: false }, () => {
  // A commune-level procedure no other test file uses; every run adds a
  // workflow version of its own (step names carry the run's tag).
  const P = '1.002211';
  const tag = uniq();
  const stepName = `Thẩm định liên thông ${tag}`;
  let A, B, C, admin, citizen, recvA, specA, leadA, specB, leadB, other, before0, code;

  before(async () => {
    [A, B, C] = pickWards(3);
    admin = await newOfficer('admin', '000.00.00.H29', `Quản Trị ${tag}`);
    citizen = await withToken(newCitizen({ name: 'Lý Thị Liên Thông' }));
    recvA = await withToken(newOfficer('receiver', A));
    specA = await withToken(newOfficer('specialist', A));
    leadA = await withToken(newOfficer('leader', A));
    specB = await withToken(newOfficer('specialist', B, `Chuyên Viên Liên Thông ${tag}`));
    leadB = await withToken(newOfficer('leader', B));
    other = await withToken(newOfficer('receiver', C));
    await motcua('user', 'add', '--role', 'leader', '--agency', C, '--email', other.email, '--password', other.password);
    // A dossier accepted before the new version keeps the workflow it started with.
    before0 = await fileOk(citizen.token, A, { proc: P });
    await actOk(recvA.token, before0, { action: 'accept' });
  });

  test('the admin saves a workflow with a step at another ward in the middle', async () => {
    const v = await loggedIn(admin.email, admin.password);
    const page = await v.get(`/can-bo/quan-tri/quy-trinh?procedure=${P}`);
    assert.equal(page.status, 200, textOf(page.text).slice(0, 300));
    assertHas(textOf(page.text), 'Thủ tục công nhận hòa giải viên (cấp xã)', 'the page names the procedure');
    const form = {
      csrf: csrfOf(page.text.slice(page.text.indexOf('method="post"'))), procedure: P,
      name0: 'Tiếp nhận hồ sơ', role0: 'receiver', agency0: '', hours0: '2',
      name1: stepName, role1: 'specialist', agency1: B, hours1: '16',
      name2: 'Phê duyệt', role2: 'leader', agency2: '', hours2: '4',
      name3: 'Trả kết quả', role3: 'receiver', agency3: '', hours3: '2',
      reauth: admin.password, // publishing a workflow asks the password again
    };
    const bad = await v.postForm('/can-bo/quan-tri/quy-trinh', { ...form, agency1: '999.99.99.H29' });
    assert.equal(bad.status, 422, 'an unknown agency code is refused');
    const a = await v.postForm('/can-bo/quan-tri/quy-trinh', form);
    assert.equal(a.status, 303, `saving redirects: ${textOf(a.text).slice(0, 300)}`);
    assert.equal(a.location, `/can-bo/quan-tri/quy-trinh?procedure=${P}&ok=1`);
    const shown = await v.get(`/can-bo/quan-tri/quy-trinh?procedure=${P}`);
    const m = shown.text.match(/name="name1" value="([^"]*)"/);
    assert.equal(m && m[1], stepName, 'the page shows the new version');
    // An officer cannot define workflows.
    const o = await loggedIn(recvA.email, recvA.password);
    assertErrorPage(await o.get(`/can-bo/quan-tri/quy-trinh?procedure=${P}`), 403);
  });

  test('a dossier accepted before keeps its steps; one accepted now follows the new version', async () => {
    const old = await view(recvA.token, before0);
    assert.ok(!old.steps.some((s) => s.name === stepName), 'the older dossier keeps its workflow');
    code = await fileOk(citizen.token, A, { proc: P });
    const d = await actOk(recvA.token, code, { action: 'accept' });
    assert.deepEqual(d.steps.map((s) => [s.name, s.role, s.agency, s.minutes]), [
      ['Tiếp nhận hồ sơ', 'receiver', agencyName(A), 120],
      [stepName, 'specialist', agencyName(B), 960],
      ['Phê duyệt', 'leader', agencyName(A), 240],
      ['Trả kết quả', 'receiver', agencyName(A), 120],
    ]);
    await actOk(recvA.token, before0, { action: 'withdraw', note: 'dọn dẹp sau kiểm thử' });
  });

  test('forwarded to the inter-agency step: in the other ward\'s inbox, not in the first one\'s', async () => {
    const d = await actOk(recvA.token, code, { action: 'forward' });
    assert.equal(d.status, 4);
    assert.equal(d.current_step, 2);
    assert.equal(d.current_agency, agencyName(B));
    const vb = await loggedIn(specB.email, specB.password);
    const inboxB = await vb.get(`/can-bo/?agency=${agencyId(B)}`);
    assert.equal(inboxB.status, 200);
    const row = rowLinking(inboxB.text, `/can-bo/ho-so/${code}`);
    assert.ok(row, 'the dossier is in the other ward\'s inbox');
    assertHas(textOf(row), 'Lý Thị Liên Thông', 'with the applicant');
    const va = await loggedIn(recvA.email, recvA.password);
    const inboxA = await va.get(`/can-bo/?agency=${agencyId(A)}`);
    assert.equal(inboxA.status, 200);
    assert.equal(rowLinking(inboxA.text, `/can-bo/ho-so/${code}`), undefined, 'not in the first ward\'s inbox');
    const found = await va.get(`/can-bo/?agency=${agencyId(A)}&q=${encodeURIComponent(code)}`);
    assert.equal(rowLinking(found.text, `/can-bo/ho-so/${code}`), undefined, 'nor found there by its code');
    // The receiving ward still sees the dossier itself.
    const page = await va.get(`/can-bo/ho-so/${code}`);
    assert.equal(page.status, 200);
    assertHas(fact(page.text, 'Đang xử lý tại') || '', agencyName(B), 'the receiving ward sees where it is');
  });

  test('the first ward\'s specialist may not act on the other ward\'s step (403)', async () => {
    assertJsonError(await act(specA.token, code, { action: 'forward' }), 403);
    assertJsonError(await act(specA.token, code, { action: 'request_supplement', items: [{ item: 'x', reason: 'y' }] }), 403);
    assertJsonError(await act(leadA.token, code, { action: 'approve' }), 403);
  });

  test('an officer of a third ward: 403 on the page, the papers and the action', async () => {
    const v = await loggedIn(other.email, other.password);
    assertErrorPage(await v.get(`/can-bo/ho-so/${code}`), 403);
    assertErrorPage(await v.get(`/can-bo/ho-so/${code}/phieu/01.pdf`), 403);
    const counter = await v.get(`/can-bo/tiep-nhan?agency=${agencyId(C)}`);
    assertErrorPage(await v.postForm(`/can-bo/ho-so/${code}/xu-ly`, {
      csrf: csrfOf(counter.text), action: 'forward' }), 403);
    for (const action of ['forward', 'claim', 'remind', 'note']) {
      assertJsonError(await act(other.token, code, { action, note: 'x' }), 403);
    }
    const inbox = await v.get(`/can-bo/?agency=${agencyId(C)}`);
    assert.equal(rowLinking(inbox.text, `/can-bo/ho-so/${code}`), undefined);
  });

  test('the other ward\'s officer forwards it from the page: back at the first ward for approval', async () => {
    const vb = await loggedIn(specB.email, specB.password);
    const page = await vb.get(`/can-bo/ho-so/${code}`);
    assert.equal(page.status, 200);
    const form = actionForm(page.text, 'forward');
    assert.ok(form, 'the other ward\'s specialist is offered "forward"');
    const a = await vb.postForm(`/can-bo/ho-so/${code}/xu-ly`, { ...form, note: 'Đã thẩm định liên thông' });
    assert.equal(a.status, 303, textOf(a.text).slice(0, 300));
    const d = await view(recvA.token, code);
    assert.equal(d.current_step, 3);
    assert.equal(d.current_agency, agencyName(A));
    assert.equal(d.steps[1].finished_at !== null, true, 'the inter-agency step has its finish time');
    assert.ok(d.steps[1].outcome, 'and its outcome');
    const inboxB = await vb.get(`/can-bo/?agency=${agencyId(B)}`);
    assert.equal(rowLinking(inboxB.text, `/can-bo/ho-so/${code}`), undefined, 'it left the other ward\'s inbox');
    const la = await loggedIn(leadA.email, leadA.password);
    const inboxA = await la.get(`/can-bo/?agency=${agencyId(A)}`);
    assert.ok(rowLinking(inboxA.text, `/can-bo/ho-so/${code}`), 'it is back in the first ward\'s inbox');
    assertJsonError(await act(leadB.token, code, { action: 'approve' }), 403);
    const f = await paper(la, `/can-bo/ho-so/${code}/phieu/05.pdf`);
    assertPdfHas(f, stepName, 'form 05 lists the inter-agency step');
    assertPdfHas(f, agencyName(B), 'with its agency');
    const done = await actOk(leadA.token, code, { action: 'approve' });
    assert.equal(done.status, 9);
    await actOk(recvA.token, code, { action: 'return', method: 3 });	// by post: online needs a result file
  });
});

// ================================================================== 5, 6

describe('two officers at once; who is kept out', { concurrency: false }, () => {
  const tag = uniq();
  let ward, citizen, stranger, recv1, recv2, spec1, spec2, outsider;

  before(async () => {
    [ward] = pickWards(1);
    const [otherWard] = officeWards().filter((w) => w !== ward);
    citizen = await withToken(newCitizen({ name: 'Đặng Thị Đồng Thời' }));
    stranger = await withToken(newCitizen());
    recv1 = await withToken(newOfficer('receiver', ward, `Tiếp Nhận Một ${tag}`));
    recv2 = await withToken(newOfficer('receiver', ward, `Tiếp Nhận Hai ${tag}`));
    spec1 = await withToken(newOfficer('specialist', ward));
    spec2 = await withToken(newOfficer('specialist', ward));
    outsider = await withToken(newOfficer('receiver', otherWard));
  });

  test('two receivers forward at once with the same version: exactly one 200 and one 409', async () => {
    const code = await fileOk(citizen.token, ward);
    const { version } = await actOk(recv1.token, code, { action: 'accept' });
    const answers = await Promise.all([recv1, recv2].map((o) =>
      act(o.token, code, { action: 'forward', version, note: `cùng lúc ${o.name}` })));
    assert.deepEqual(answers.map((a) => a.status).sort(), [200, 409], answers.map((a) => a.text.slice(0, 200)).join(' / '));
    assertJsonError(answers.find((a) => a.status === 409), 409);
    const d = await view(recv1.token, code);
    assert.equal(d.status, 4);
    assert.equal(d.current_step, 2, 'moved one step, not two');
    assert.equal(d.events.filter((e) => e.action === 'forward').length, 1, 'one forward event only');
    assert.equal(d.version, version + 1);
  });

  test('two specialists press "forward" on the page at once: one goes through, the other gets a 409 page in Vietnamese', async () => {
    const code = await fileOk(citizen.token, ward);
    await actOk(recv1.token, code, { action: 'accept' });
    await actOk(recv1.token, code, { action: 'forward' });
    const [v1, v2] = await Promise.all([spec1, spec2].map((s) => loggedIn(s.email, s.password)));
    const [p1, p2] = await Promise.all([v1, v2].map((v) => v.get(`/can-bo/ho-so/${code}`)));
    const f1 = actionForm(p1.text, 'forward');
    const f2 = actionForm(p2.text, 'forward');
    assert.ok(f1 && f2, 'both see "forward"');
    assert.equal(f1.version, f2.version);
    const answers = await Promise.all([[v1, f1], [v2, f2]].map(([v, f]) => v.postForm(`/can-bo/ho-so/${code}/xu-ly`, f)));
    assert.deepEqual(answers.map((a) => a.status).sort(), [303, 409]);
    const lost = answers.find((a) => a.status === 409);
    assertErrorPage(lost, 409);
    assertHas(textOf(lost.text), 'Hồ sơ vừa được người khác thay đổi', 'the loser is told plainly that the dossier changed');
    assertHas(textOf(lost.text), 'tải lại trang', 'and to reload');
    const d = await view(recv1.token, code);
    assert.equal(d.current_step, 3);
    assert.equal(d.events.filter((e) => e.action === 'forward').length, 2);
  });

  test('an officer of another agency: 403 on the dossier page and on the transitions API', async () => {
    const code = await fileOk(citizen.token, ward);
    const v = await loggedIn(outsider.email, outsider.password);
    assertErrorPage(await v.get(`/can-bo/ho-so/${code}`), 403);
    assertJsonError(await act(outsider.token, code, { action: 'accept' }), 403);
    assertJsonError(await request(`/api/v1/dossiers/${encodeURIComponent(code)}`, { headers: bearer(outsider.token) }), 403);
    await actOk(recv1.token, code, { action: 'accept' });
    assertJsonError(await act(outsider.token, code, { action: 'forward' }), 403);
    assertErrorPage(await v.get(`/can-bo/ho-so/${code}`), 403);
    assert.equal((await view(recv1.token, code)).events.length, 2, 'nothing more happened');
  });

  test('a specialist cannot accept (403), nor is offered to', async () => {
    const code = await fileOk(citizen.token, ward);
    assertJsonError(await act(spec1.token, code, { action: 'accept' }), 403);
    const v = await loggedIn(spec1.email, spec1.password);
    const page = await v.get(`/can-bo/ho-so/${code}`);
    assert.equal(page.status, 200, 'the specialist may read it');
    assert.equal(actionForm(page.text, 'accept'), undefined, 'no accept button for a specialist');
    assertErrorPage(await v.postForm(`/can-bo/ho-so/${code}/xu-ly`, { csrf: csrfOf(page.text), action: 'accept' }), 403);
    assert.equal((await view(recv1.token, code)).status, 1);
  });

  test('a citizen cannot act as an officer (403), not even the applicant', async () => {
    const code = await fileOk(citizen.token, ward);
    for (const action of ['accept', 'refuse', 'request_completion']) {
      assertJsonError(await act(citizen.token, code, { action, note: 'x', items: [{ item: 'x' }] }), 403);
    }
    const v = await loggedIn(citizen.email, citizen.password);
    assertErrorPage(await v.get('/can-bo/'), 403);
    assertErrorPage(await v.get(`/can-bo/ho-so/${code}`), 403);
    const csrf = csrfOf((await v.get(`/dich-vu/ho-so/${code}`)).text);
    assertErrorPage(await v.postForm(`/can-bo/ho-so/${code}/xu-ly`, { csrf, action: 'accept' }), 403);
    assert.equal((await view(recv1.token, code)).status, 1);
  });

  test('the applicant can withdraw (7); another citizen cannot (403)', async () => {
    const code = await fileOk(citizen.token, ward);
    await actOk(recv1.token, code, { action: 'accept' });
    assertJsonError(await act(stranger.token, code, { action: 'withdraw' }), 403);
    const sv = await loggedIn(stranger.email, stranger.password);
    assertErrorPage(await sv.get(`/dich-vu/ho-so/${code}`), 403);
    const scsrf = csrfOf((await sv.get('/dich-vu/ho-so')).text);
    assertErrorPage(await sv.postForm(`/dich-vu/ho-so/${code}/rut`, { csrf: scsrf, note: 'không phải của tôi' }), 403);
    assert.equal((await view(recv1.token, code)).status, 2, 'still accepted');

    const v = await loggedIn(citizen.email, citizen.password);
    const page = await v.get(`/dich-vu/ho-so/${code}`);
    assertHas(page.text, `action="/dich-vu/ho-so/${code}/rut"`, 'the applicant is offered the withdrawal');
    const a = await v.postForm(`/dich-vu/ho-so/${code}/rut`, { csrf: csrfOf(page.text), note: `Tôi rút hồ sơ ${tag}` });
    assert.equal(a.status, 303, textOf(a.text).slice(0, 300));
    const done = await v.follow(a.location);
    assert.deepEqual(statusBadge(done.text), { status: 7, text: 'Công dân yêu cầu rút hồ sơ' });
    const d = await view(recv1.token, code);
    assert.equal(d.status, 7);
    assert.equal(d.events.at(-1).actor, citizen.name);
    assertJsonError(await act(citizen.token, code, { action: 'withdraw' }), 409);
    assertJsonError(await act(recv1.token, code, { action: 'forward' }), 409);
    const inbox = await (await loggedIn(recv1.email, recv1.password)).get(`/can-bo/?agency=${agencyId(ward)}`);
    assert.equal(rowLinking(inbox.text, `/can-bo/ho-so/${code}`), undefined, 'a withdrawn dossier leaves the inbox');
  });
});

// ================================================================== 7, 8

describe('counter intake with the receipt\'s QR code; the tracking book', { concurrency: false }, () => {
  const tag = uniq();
  let ward, wardId, known, recv, off, code, second;

  before(async () => {
    [ward] = pickWards(1);
    wardId = agencyId(ward);
    known = await withToken(newCitizen({ name: 'Nguyễn Thị Hồng Nhung', phone: '0987654321' }));
    recv = await withToken(newOfficer('receiver', ward, `Quầy ${tag}`));
    off = await loggedIn(recv.email, recv.password);
  });

  test('the receiver looks the applicant up by ID number: the form is filled in', async () => {
    const empty = await off.get(`/can-bo/tiep-nhan?agency=${wardId}`);
    assert.equal(empty.status, 200);
    assert.equal(h1Of(empty.text), 'Tiếp nhận tại quầy');
    const page = await off.get(`/can-bo/tiep-nhan?agency=${wardId}&id_number=${known.idNumber}`);
    assert.equal(page.status, 200);
    assertHas(textOf(page.text), 'Đã tìm thấy người nộp', 'the page says the applicant is known');
    assert.equal(inputValue(page.text, 'name'), 'Nguyễn Thị Hồng Nhung');
    assert.equal(inputValue(page.text, 'id_number'), known.idNumber);
    assert.equal(inputValue(page.text, 'phone'), '0987654321');
    assert.equal(inputValue(page.text, 'email'), known.email);
    const unknown = await off.get(`/can-bo/tiep-nhan?agency=${wardId}&id_number=079100000000`);
    assert.ok(!textOf(unknown.text).includes('Đã tìm thấy người nộp'), 'an unknown number finds nobody');
  });

  test('filed with a scan at the counter: accepted at once (status 2)', async () => {
    const page = await off.get(`/can-bo/tiep-nhan?agency=${wardId}&id_number=${known.idNumber}`);
    const started = new Date();
    const a = await off.postMultipart('/can-bo/tiep-nhan', {
      csrf: csrfOf(page.text), agency: String(wardId), procedure: PROC, name: 'Nguyễn Thị Hồng Nhung',
      id_number: known.idNumber, phone: '0987654321', 'f.content': `Khai sinh tại quầy ${tag}`,
      scan1: filePart(minimalPdf(`scan ${tag}`), 'bản quét.pdf'),
    });
    assert.equal(a.status, 303, `counter filing redirects: ${textOf(a.text).slice(0, 300)}`);
    const m = a.location.match(/^\/can-bo\/ho-so\/([^/?]+)\?ok=1&receipt=1$/);
    assert.ok(m, `to the dossier's page, got ${a.location}`);
    code = decodeURIComponent(m[1]);
    assertDossierCode(code, ward, started);
    const shown = await off.follow(a.location);
    assert.deepEqual(statusBadge(shown.text), { status: 2, text: 'Được tiếp nhận' });
    assertHas(shown.text, `/can-bo/ho-so/${code}/phieu/01.pdf`, 'the page links the receipt');
    const d = await view(recv.token, code);
    assert.equal(d.status, 2);
    assert.equal(d.channel, 1, 'channel: in person');
    assert.match(d.due_at, SQL_TIME);
    assert.equal(d.files.length, 1);
    assert.equal(d.files[0].filename, 'bản quét.pdf');
    assert.equal(d.steps.length, 4);
    const mine = await request(`/api/v1/dossiers/${encodeURIComponent(code)}`, { headers: bearer(known.token) });
    assert.equal(mine.status, 200, 'the known applicant\'s account owns the counter dossier');
  });

  test('a walk-in applicant without an account is filed too; a specialist may not file at the counter (403)', async () => {
    const idn = `0792${String(Date.now() % 1e8).padStart(8, '0')}`;
    const page = await off.get(`/can-bo/tiep-nhan?agency=${wardId}&id_number=${idn}`);
    assert.ok(!textOf(page.text).includes('Đã tìm thấy người nộp'), 'nobody is known by that number');
    const a = await off.postMultipart('/can-bo/tiep-nhan', {
      csrf: csrfOf(page.text), agency: String(wardId), procedure: PROC, name: 'Trương Văn Vãng Lai',
      id_number: idn, scan1: filePart(minimalPdf(`walk-in ${tag}`), 'scan.pdf'),
    });
    assert.equal(a.status, 303, textOf(a.text).slice(0, 300));
    const c = decodeURIComponent(a.location.match(/^\/can-bo\/ho-so\/([^/?]+)/)[1]);
    const d = await view(recv.token, c);
    assert.equal(d.status, 2);
    assert.equal(d.applicant.name, 'Trương Văn Vãng Lai');
    const bad = await off.postMultipart('/can-bo/tiep-nhan', {
      csrf: csrfOf(page.text), agency: String(wardId), procedure: PROC, name: '', id_number: idn });
    assert.equal(bad.status, 422, 'a missing name is refused with the form again');
    assertHas(bad.text, 'has-error', 'the field is marked');
    const spec = await newOfficer('specialist', ward);
    const sv = await loggedIn(spec.email, spec.password);
    assertErrorPage(await sv.get(`/can-bo/tiep-nhan?agency=${wardId}`), 403);
    assertErrorPage(await sv.postMultipart('/can-bo/tiep-nhan', {
      csrf: csrfOf((await sv.get('/can-bo/')).text),
      agency: String(wardId), procedure: PROC, name: 'X', id_number: idn }), 403);
    await actOk(recv.token, c, { action: 'withdraw', note: 'dọn dẹp sau kiểm thử' });
  });

  test('the receipt (form 01) has the code, the name with diacritics and its title', async () => {
    const f = await paper(off, `/can-bo/ho-so/${code}/phieu/01.pdf`);
    for (const w of ['GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', code, 'Nguyễn Thị Hồng Nhung', known.idNumber,
      PROC_NAME, agencyName(ward)]) assertPdfHas(f, w, 'form 01 says');
    const codes = await qrCodes(f.body);
    assert.deepEqual(codes, [`${BASE_URL}/dich-vu/tra-cuu?ma=${code}`], 'the QR code opens the public status page');
  });

  test('the QR code\'s address with the ID number shows the status; a wrong number "not found"', async () => {
    const v = new Visitor();
    const ok = await v.get(`/dich-vu/tra-cuu?ma=${encodeURIComponent(code)}&id_number=${known.idNumber}`);
    assert.equal(ok.status, 200);
    assertHas(textOf(ok.text), code, 'the page shows the code');
    assert.deepEqual(statusBadge(ok.text), { status: 2, text: 'Được tiếp nhận' });
    assert.ok(!ok.text.includes('Nguyễn Thị Hồng Nhung'), 'nothing personal on the public page');
    const wrongId = known.idNumber.slice(0, 11) + ((Number(known.idNumber[11]) + 1) % 10);
    const bad = await v.get(`/dich-vu/tra-cuu?ma=${encodeURIComponent(code)}&id_number=${wrongId}`);
    assert.equal(bad.status, 200);
    assertHas(textOf(bad.text), 'Không tìm thấy hồ sơ với mã và số định danh này', 'a wrong ID number finds nothing');
    assert.ok(!bad.text.includes('class="badge status-'), 'and shows no status');
    const bare = await v.get(`/dich-vu/tra-cuu?ma=${encodeURIComponent(code)}`);
    assert.equal(bare.status, 200, 'the address in the QR code opens the look-up form');
    assert.ok(!bare.text.includes('class="badge status-'), 'without the ID number no status is shown');
  });

  test('the tracking book lists today\'s dossiers; as PDF (form 06) with their codes', async () => {
    // A second one, received online and accepted today.
    second = await fileOk(known.token, ward);
    const d2 = await actOk(recv.token, second, { action: 'accept' });
    const day = d2.received_at.slice(0, 10);
    const d1 = await view(recv.token, code);
    const days = [...new Set([d1.received_at.slice(0, 10), day])].sort();
    const qs = `agency=${wardId}&from=${days[0]}&to=${days.at(-1)}`;
    const page = await off.get(`/can-bo/so-theo-doi?${qs}`);
    assert.equal(page.status, 200);
    assert.equal(h1Of(page.text), 'Sổ theo dõi hồ sơ');
    for (const c of [code, second]) {
      const row = rowLinking(page.text, `/can-bo/ho-so/${c}`);
      assert.ok(row, `the book lists ${c}`);
      for (const w of [PROC_NAME, 'Nguyễn Thị Hồng Nhung']) assertHas(textOf(row), w, 'the row tells');
    }
    const plain = await off.get(`/can-bo/so-theo-doi?agency=${wardId}`);
    assert.ok(rowLinking(plain.text, `/can-bo/ho-so/${second}`), 'the default period includes today');
    const f = await paper(off, `/can-bo/so-theo-doi?${qs}&pdf=1`);
    assertPdfHas(f, 'SỔ THEO DÕI HỒ SƠ', 'form 06 has its title');
    const squeezed = f.pdfText.replace(/\s+/g, '');
    for (const c of [code, second]) assert.ok(squeezed.includes(c), `form 06 lists ${c}`);
    assertPdfHas(f, 'Nguyễn Thị Hồng Nhung', 'form 06 names the applicant');
  });

  test('a returned dossier shows its return date and method in the book', async () => {
    const lead = await withToken(newOfficer('leader', ward));
    await actOk(recv.token, second, { action: 'forward' });
    const d9 = await actOk(lead.token, second, { action: 'decide' });
    assert.equal(d9.status, 9, 'the leader marks it decided');
    assert.equal(d9.current_step, 4, 'at the return step');
    const r = await actOk(recv.token, second, { action: 'return', method: 3 });
    assert.equal(r.status, 10);
    const page = await off.get(`/can-bo/so-theo-doi?agency=${wardId}&from=${r.received_at.slice(0, 10)}&to=${r.returned_at.slice(0, 10)}`);
    const row = rowLinking(page.text, `/can-bo/ho-so/${second}`);
    assert.ok(row);
    const t = r.returned_at;	// the book writes dd/mm/yyyy HH:MM (lib/mc_fmt)
    assertHas(textOf(row), `${t.slice(8, 10)}/${t.slice(5, 7)}/${t.slice(0, 4)} ${t.slice(11, 16)}`, 'the return time');
    assertHas(textOf(row), 'Dịch vụ bưu chính công ích', 'the delivery method');
  });
});

// ================================================================== 9

describe('the leader\'s overview and a reminder', { concurrency: false }, () => {
  const tag = uniq();
  let ward, wardId, citizen, recv, spec, lead, code, soon;

  before(async () => {
    [ward] = pickWards(1);
    wardId = agencyId(ward);
    citizen = await withToken(newCitizen());
    recv = await withToken(newOfficer('receiver', ward));
    spec = await withToken(newOfficer('specialist', ward, `Chuyên Viên Chậm ${tag}`));
    lead = await withToken(newOfficer('leader', ward, `Lãnh Đạo ${tag}`));
    code = await fileOk(citizen.token, ward);
    await actOk(recv.token, code, { action: 'accept' });
    await actOk(recv.token, code, { action: 'forward' });
    const d = await actOk(spec.token, code, { action: 'claim' });
    assert.equal(d.holder, spec.name, 'the specialist holds it');
    // Its step is made overdue: the step's due (and warning) time moved an
    // hour into the past in the database.
    sql(`UPDATE dossiers SET step_due_at = ${q(fmtLocal(Date.now() - 3600e3))}, ` +
      `step_warn_at = ${q(fmtLocal(Date.now() - 7200e3))} WHERE code = ${q(code)}`);
    // Another one is made due soon: warned an hour ago, due tomorrow.
    soon = await fileOk(citizen.token, ward);
    await actOk(recv.token, soon, { action: 'accept' });
    sql(`UPDATE dossiers SET step_due_at = ${q(fmtLocal(Date.now() + 86400e3))}, ` +
      `step_warn_at = ${q(fmtLocal(Date.now() - 3600e3))} WHERE code = ${q(soon)}`);
  });

  after(async () => {
    if (soon) await actOk(recv.token, soon, { action: 'withdraw', note: 'dọn dẹp sau kiểm thử' }).catch(() => {});
  });

  test('the overdue dossier is listed under "Hồ sơ quá hạn" with its holder, a due-soon one under "Hồ sơ sắp đến hạn"', async () => {
    const v = await loggedIn(lead.email, lead.password);
    const page = await v.get(`/can-bo/lanh-dao?agency=${wardId}`);
    assert.equal(page.status, 200);
    assert.equal(h1Of(page.text), 'Theo dõi, đôn đốc');
    const late = page.text.indexOf('Hồ sơ quá hạn');
    const soonAt = page.text.indexOf('Hồ sơ sắp đến hạn');
    assert.ok(late > 0 && soonAt > late, 'the page has the overdue and due-soon lists');
    const row = rowLinking(page.text.slice(late, soonAt), `/can-bo/ho-so/${code}`);
    assert.ok(row, 'the dossier is in the overdue list');
    assertHas(textOf(row), spec.name, 'with the officer holding it');
    assert.equal(rowLinking(page.text.slice(soonAt), `/can-bo/ho-so/${code}`), undefined, 'not among the due-soon ones');
    assert.ok(rowLinking(page.text.slice(soonAt), `/can-bo/ho-so/${soon}`), 'the due-soon one is in the due-soon list');
    assert.equal(rowLinking(page.text.slice(late, soonAt), `/can-bo/ho-so/${soon}`), undefined, 'and not overdue');
    assert.ok(rowLinking(page.text.slice(0, late), `/can-bo/?agency=${wardId}`), 'the ward is in the agencies table');
    const overdue = () => Number(sqlValue(`SELECT COUNT(*) FROM dossiers WHERE current_agency_id = ${wardId} ` +
      `AND is_open = 1 AND status <> 5 AND step_due_at < ${q(fmtLocal(Date.now()))}`));
    let red = overdue();
    assert.ok(red >= 1);
    // The counts come from the counters, which the worker moves within
    // seconds of the clock turning a dossier red (here the test turned it):
    // the leader sees the count once the worker has passed (every 5 s: a
    // minute on a loaded machine). The count asked of the database again
    // each time: another of the ward's dossiers may turn red meanwhile.
    await until(async () => {
      const again = await v.get(`/can-bo/lanh-dao?agency=${wardId}`);
      const arow = rowLinking(again.text.slice(0, again.text.indexOf('Hồ sơ quá hạn')), `/can-bo/?agency=${wardId}`);
      red = overdue();
      return arow && textOf(arow).includes(String(red));
    }, { timeout: 60_000, every: 500, what: `the ward's overdue count in the agencies table (${red} at first)` });
    assertErrorPage(await (await loggedIn(spec.email, spec.password)).get(`/can-bo/lanh-dao?agency=${wardId}`), 403);
  });

  test('the leader reminds the holder from the dossier page; the reminder reaches the specialist', async () => {
    assertJsonError(await act(spec.token, code, { action: 'remind' }), 403);
    const v = await loggedIn(lead.email, lead.password);
    const page = await v.get(`/can-bo/ho-so/${code}`);
    const form = actionForm(page.text, 'remind');
    assert.ok(form, 'the leader is offered "Đôn đốc"');
    const note = `Đề nghị hoàn thành trong hôm nay ${tag}`;
    const a = await v.postForm(`/can-bo/ho-so/${code}/xu-ly`, { ...form, note });
    assert.equal(a.status, 303, textOf(a.text).slice(0, 300));
    const sv = await loggedIn(spec.email, spec.password);
    const inbox = await sv.get('/can-bo/');
    assertHas(textOf(inbox.text), 'Thông báo (', 'the inbox shows an unread count');
    const n = await sv.get('/can-bo/thong-bao');
    assert.equal(n.status, 200);
    const unread = n.text.slice(n.text.indexOf('notifications-unread'));
    assertHas(textOf(unread), `Đôn đốc xử lý hồ sơ ${code}`, 'the reminder is among the unread');
    assertHas(textOf(unread), note, 'with the leader\'s words');
    assertHas(unread, `/can-bo/ho-so/${code}`, 'linking the dossier');
    const d = await view(recv.token, code);
    assert.equal(d.events.at(-1).action, 'remind');
    assert.equal(d.status, 4, 'a reminder changes no status');
    const pub = (await request(`/api/v1/dossiers/${encodeURIComponent(code)}?id_number=${citizen.idNumber}`)).json();
    assert.ok(!pub.events.some((e) => e.action === 'remind'), 'the reminder is internal: the applicant does not see it');
    await actOk(recv.token, code, { action: 'withdraw', note: 'dọn dẹp sau kiểm thử' });
  });
});
