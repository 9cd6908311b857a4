// Notifications that are never lost: filing and accepting a dossier reach the
// applicant as an e-mail (a real SMTP server on loopback, aiosmtpd) and an
// SMS (a small HTTP gateway) with the right Vietnamese text, and in the
// portal; officers read theirs in the back office. With the mail server
// down the messages wait and are retried; once it is back each arrives
// exactly once (counted by Message-ID), even with a second worker
// competing for them. A recipient the server refuses for good is failed.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  BASE_URL, MOTCUA_CONFIG, MYCNF, PROC, PROC_NAME, TOP, Visitor, configValue, csrfOf,
  filePart, loggedIn, minimalPdf, motcua, newCitizen, newOfficer, newToken, q,
  randomWard, request, sql, sqlValue, toFormData, uniq, until,
} from './lib.mjs';

const PY = '/usr/bin/python3';
const WORK = mkdtempSync(path.join(os.tmpdir(), 'motcua-notify-'));
const MAILS = path.join(WORK, 'mail.jsonl');
const SMSES = path.join(WORK, 'sms.jsonl');
const NOTIFY_SLOT = 7;           // a ward slot no other file uses (lib.mjs WARD_SLOTS)

const portOf = (u) => Number(new URL(u).port);
const smtpPort = () => portOf(configValue('smtp_url'));
const smsPort = () => portOf(configValue('sms_url'));
// The worker's retry schedule, for patient waits against any instance.
const backoffMax = () => Number(configValue('outbox_backoff_max_seconds') || 3600);
const patience = () => Math.min(300_000, 30_000 + 3_000 * Math.min(backoffMax(), 60));

/** Starts a helper server (smtp_server.py or sms_server.py); resolves when it listens. */
function startServer(script, port, out) {
  const child = spawn(PY, [path.join(TOP, 'tests', 'e2e', script), String(port), out],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => { err += d; });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start: ${err}`)), 15_000);
    child.stdout.on('data', (d) => {
      if (String(d).startsWith('ready')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited (${code}) on port ${port}: ${err}`));
    });
  });
}

/** Stops a child we started (by its pid); resolves once its output is read too. */
function stopChild(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.on('close', () => resolve());
    child.kill('SIGTERM');
  });
}

function jsonl(file) {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter((l) => l).map((l) => JSON.parse(l));
}
const mailsTo = (addr) => jsonl(MAILS).filter((m) => m.rcpt.includes(addr));
const smsTo = (phone) => jsonl(SMSES).filter((s) => s.to === phone);
const crlf = (s) => s.replace(/\r\n/g, '\n');

const bearer = (token) => ({ authorization: `Bearer ${token}` });

/** A unique mobile number, so the SMS of this run are told apart. */
const newPhone = () => '09' + String(randomInt(0, 1e8)).padStart(8, '0');

/** The outbox rows of a dossier: id, channel, status, attempts, last_error, subject. */
function outboxOf(code) {
  return sql(`SELECT o.id, o.channel, o.status, o.attempts, o.last_error, o.subject, o.recipient
    FROM outbox o JOIN dossiers d ON d.id = o.dossier_id WHERE d.code = ${q(code)} ORDER BY o.id`)
    .map(([id, channel, status, attempts, error, subject, recipient]) =>
      ({ id: Number(id), channel, status, attempts: Number(attempts), error, subject, recipient }));
}

describe('notifications that are never lost', { concurrency: false }, () => {
  const pdf = minimalPdf(`Notify ${uniq()}`);
  let smtp, sms, worker2, ward, wardName, citizen, cToken, receiver, rToken, code;

  const file = async (token) => {
    const a = await request('/api/v1/dossiers', {
      method: 'POST', headers: bearer(token),
      body: toFormData({
        procedure: PROC, agency: ward, fields: JSON.stringify({ content: 'Đăng ký khai sinh cho con' }),
        file: filePart(pdf, 'giấy chứng sinh.pdf'),
      }),
    });
    assert.equal(a.status, 201, `filing answers 201: ${a.text.slice(0, 300)}`);
    return a.json().code;
  };
  const accept = async (c) => {
    const a = await request(`/api/v1/dossiers/${encodeURIComponent(c)}/transitions`, {
      method: 'POST', headers: { ...bearer(rToken), 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'accept' }),
    });
    assert.equal(a.status, 200, `accept answers 200: ${a.text.slice(0, 300)}`);
  };

  before(async () => {
    smtp = await startServer('smtp_server.py', smtpPort(), MAILS);
    sms = await startServer('sms_server.py', smsPort(), SMSES);
    ward = randomWard(NOTIFY_SLOT);
    wardName = sqlValue(`SELECT name FROM agencies WHERE code = ${q(ward)}`);
    citizen = await newCitizen({ name: 'Phạm Thị Hồng Nhung', phone: newPhone() });
    citizen.phone = sqlValue(`SELECT phone FROM accounts WHERE id = ${citizen.id}`);
    receiver = await newOfficer('receiver', ward, 'Lê Văn Tiếp Nhận');
    [cToken, rToken] = await Promise.all([newToken(citizen.email), newToken(receiver.email)]);
  });

  after(async () => {
    await Promise.all([stopChild(smtp), stopChild(sms), stopChild(worker2)]);
    rmSync(WORK, { recursive: true, force: true });
  });

  test('filing and accepting reach the applicant by e-mail and SMS, in Vietnamese', async () => {
    code = await file(cToken);
    await accept(code);
    const link = `${BASE_URL}/dich-vu/ho-so/${code}`;

    const mails = await until(() => {
      const m = mailsTo(citizen.email);
      return m.length >= 2 && m;
    }, { timeout: patience(), what: 'two e-mails to the applicant' });
    assert.equal(mails.length, 2, 'one e-mail per event, no more');
    const rows = outboxOf(code);
    const mailRows = rows.filter((r) => r.channel === 'email');
    assert.equal(mailRows.length, 2);

    const [submitted, accepted] = mailRows.map((r) => mails.find((m) => m.message_id === `<outbox-${r.id}@motcua>`));
    assert.ok(submitted && accepted, 'each e-mail carries the Message-ID of its outbox row');
    assert.equal(submitted.subject, `Hồ sơ ${code} đã được nộp thành công`);
    assert.equal(accepted.subject, `Hồ sơ ${code} đã được tiếp nhận`);
    assert.match(accepted.subject_raw, /^=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=(\r\n =\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=)*$/,
      'the subject is RFC 2047-encoded UTF-8');
    assert.equal(accepted.from, 'Một Cửa <noreply@motcua.local>');
    assert.equal(accepted.content_type, 'text/plain');
    assert.equal(accepted.charset, 'utf-8');
    assert.match(accepted.date, /\+0700$/, 'dated in Ho Chi Minh City time');
    const body = crlf(accepted.body);
    assert.ok(body.startsWith('Kính gửi Phạm Thị Hồng Nhung,\n\n'), body);
    assert.ok(body.includes(`${wardName} đã tiếp nhận hồ sơ ${code} (${PROC_NAME}). Thời hạn trả kết quả: `),
      `the body says who accepted what: ${body}`);
    assert.match(body, /Thời hạn trả kết quả: \d\d\/\d\d\/\d{4} \d\d:\d\d\./, 'with the due date');
    assert.ok(body.includes(`Xem chi tiết hồ sơ: ${link}\n`), 'with the link to the dossier');
    assert.ok(crlf(submitted.body).includes(`đã được gửi đến ${wardName}`));

    const texts = await until(() => {
      const s = smsTo(citizen.phone);
      return s.length >= 2 && s;
    }, { timeout: patience(), what: 'two SMS to the applicant' });
    assert.equal(texts.length, 2);
    const smsRows = rows.filter((r) => r.channel === 'sms');
    const acceptedSms = texts.find((s) => s.id === smsRows[1].id);
    assert.ok(acceptedSms, 'the SMS carries its outbox id');
    assert.match(acceptedSms.text, new RegExp(`^Một Cửa: hồ sơ ${code.replace(/\./g, '\\.')} đã được tiếp nhận, hẹn trả kết quả \\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d\\. Tra cứu: `));
    assert.ok(acceptedSms.text.endsWith(link));
    assert.match(acceptedSms.content_type, /^application\/json/);
    assert.equal(acceptedSms.idempotency_key, `outbox-${smsRows[1].id}`,
      'the gateway may drop the same SMS sent again after an unknown outcome');

    await until(() => outboxOf(code).every((r) => r.status === 'sent'), { what: 'rows marked sent' });
    for (const r of outboxOf(code)) {
      assert.equal(r.attempts, 1, `outbox ${r.id} went out at the first try`);
      assert.equal(r.error, null);
    }
  });

  test('the applicant reads them in the portal, newest and unread first, and marks them read', async () => {
    const v = await loggedIn(citizen.email, citizen.password);
    let page = await v.get('/dich-vu/thong-bao');
    assert.equal(page.status, 200);
    assert.match(page.text, /<h1>Thông báo<\/h1>/);
    assert.match(page.text, /<strong class="unread-count">2<\/strong> thông báo chưa đọc/);
    const unread = page.text.match(/<ul class="results notifications-unread">([\s\S]*?)<\/ul>/);
    assert.ok(unread, 'an unread list');
    const titles = [...unread[1].matchAll(/<span class="tag">Mới<\/span> <strong>([^<]+)<\/strong>/g)].map((m) => m[1]);
    assert.deepEqual(titles, [`Hồ sơ ${code} đã được tiếp nhận`, `Hồ sơ ${code} đã được nộp thành công`]);
    assert.ok(unread[1].includes(`href="/dich-vu/ho-so/${code}"`), 'each links to the dossier');
    assert.ok(unread[1].includes(`${wardName} đã tiếp nhận hồ sơ ${code}`));
    assert.equal((await v.follow(`/dich-vu/ho-so/${code}`)).status, 200, 'the link opens the dossier');

    // Nobody else sees them, and nobody else can mark them.
    const other = await newCitizen();
    const ov = await loggedIn(other.email, other.password);
    const theirs = await ov.get('/dich-vu/thong-bao');
    assert.equal(theirs.status, 200);
    assert.ok(!theirs.text.includes(code), 'another citizen sees none of them');
    assert.match(theirs.text, /Bạn chưa có thông báo nào\./);
    const firstId = unread[1].match(/name="id" value="(\d+)"/)[1];
    const a = await ov.postForm('/dich-vu/thong-bao/da-doc', { csrf: csrfOf(theirs.text), id: firstId });
    assert.equal(a.status, 303);
    assert.equal(sqlValue(`SELECT COUNT(*) FROM notifications WHERE account_id = ${citizen.id} AND read_at IS NULL`), '2');

    // Without the CSRF token: refused.
    assert.equal((await v.postForm('/dich-vu/thong-bao/da-doc', { id: firstId })).status, 403);
    // Anonymous: sent to the login page.
    const anon = await new Visitor().get('/dich-vu/thong-bao');
    assert.equal(anon.status, 303);
    assert.match(anon.location, /^\/dich-vu\/dang-nhap\?next=/);

    // One, then all up to the newest seen.
    let r = await v.postForm('/dich-vu/thong-bao/da-doc', { csrf: csrfOf(page.text), id: firstId });
    assert.equal(r.status, 303);
    assert.equal(r.location, '/dich-vu/thong-bao?ok=1');
    page = await v.follow(r.location);
    assert.match(page.text, /<strong class="unread-count">1<\/strong>/);
    assert.match(page.text, /Đã đánh dấu là đã đọc\./);
    const upto = page.text.match(/name="upto" value="(\d+)"/)[1];
    r = await v.postForm('/dich-vu/thong-bao/da-doc', { csrf: csrfOf(page.text), upto });
    assert.equal(r.status, 303);
    page = await v.follow(r.location);
    assert.match(page.text, /Không có thông báo mới\./);
    const read = page.text.match(/<ul class="results notifications-read">([\s\S]*?)<\/ul>/);
    assert.ok(read && read[1].includes(`Hồ sơ ${code} đã được tiếp nhận`), 'they move to the read list');
    assert.ok(!page.text.includes('notifications-unread'));
  });

  test('an officer reads their own notifications in the back office', async () => {
    // mc_notify_officer's texts are checked by tests/unit/test_outbox.c;
    // here a row for this officer stands for a reminder (đôn đốc).
    const title = `Đôn đốc xử lý hồ sơ ${code}`;
    execFileSync('mariadb', [`--defaults-file=${MYCNF}`, 'motcua', '-e',
      `INSERT INTO notifications (account_id, dossier_id, kind, title, body, url, created_at)
       SELECT ${receiver.id}, id, 'reminder', ${q(title)}, 'Lãnh đạo đề nghị khẩn trương xử lý.',
       CONCAT('/can-bo/ho-so/', code), NOW() FROM dossiers WHERE code = ${q(code)}`]);
    const v = await loggedIn(receiver.email, receiver.password);
    const page = await v.get('/can-bo/thong-bao');
    assert.equal(page.status, 200);
    assert.match(page.text, /<h1>Thông báo của tôi<\/h1>/);
    assert.ok(page.text.includes(`<strong>${title}</strong>`));
    assert.ok(page.text.includes(`href="/can-bo/ho-so/${code}"`));
    assert.match(page.text, /<strong class="unread-count">1<\/strong>/);
    const r = await v.postForm('/can-bo/thong-bao/da-doc', {
      csrf: csrfOf(page.text), upto: page.text.match(/name="upto" value="(\d+)"/)[1],
    });
    assert.equal(r.status, 303);
    assert.match((await v.follow(r.location)).text, /Không có thông báo mới\./);
    // Citizens have no back office.
    const c = await loggedIn(citizen.email, citizen.password);
    assert.equal((await c.get('/can-bo/thong-bao')).status, 403);
  });

  test('with the mail server down messages wait; back up, each arrives exactly once', async () => {
    await stopChild(smtp);
    smtp = null;
    const codes = [];
    for (let i = 0; i < 4; i++) {
      const c = await file(cToken);
      await accept(c);
      codes.push(c);
    }
    const mailRows = () => codes.flatMap(outboxOf).filter((r) => r.channel === 'email');
    assert.equal(mailRows().length, 8, 'two e-mails queued per dossier, in the transitions');

    // Retried with backoff, never sent meanwhile; the SMS go out regardless.
    await until(() => mailRows().every((r) => r.status === 'pending' && r.attempts >= 2),
      { timeout: patience(), what: 'every e-mail tried twice and still pending' });
    for (const r of mailRows()) {
      assert.match(r.error, /smtp: .*connect/i, `outbox ${r.id} says why: ${r.error}`);
    }
    assert.equal(mailsTo(citizen.email).length, 2, 'nothing new reached the mail server');
    await until(() => smsTo(citizen.phone).length === 2 + 8, { timeout: patience(), what: 'the SMS of the new dossiers' });

    // A second worker competes for the backlog (one row at a time).
    let log2 = '';
    worker2 = spawn(path.join(TOP, 'bin', 'worker'), ['-c', MOTCUA_CONFIG], {
      env: { ...process.env, MOTCUA_OUTBOX_BATCH: '1' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    worker2.stderr.on('data', (d) => { log2 += d; });
    await until(() => / started: /.test(log2), { what: 'the second worker started' });

    smtp = await startServer('smtp_server.py', smtpPort(), MAILS);
    await until(() => mailRows().every((r) => r.status === 'sent'),
      { timeout: patience(), what: 'every waiting e-mail sent' });
    // A few more polls of both workers: nothing goes out twice.
    await new Promise((r) => setTimeout(r, 2_000));
    const got = mailsTo(citizen.email);
    assert.equal(got.length, 2 + 8, 'ten e-mails in all');
    for (const r of mailRows()) {
      const copies = got.filter((m) => m.message_id === `<outbox-${r.id}@motcua>`);
      assert.equal(copies.length, 1, `outbox ${r.id} arrived exactly once`);
      assert.equal(copies[0].subject, r.subject);
      assert.ok(r.attempts >= 3, `outbox ${r.id}: failed tries counted (${r.attempts})`);
    }
    for (const c of codes) {
      const subjects = got.filter((m) => m.subject.includes(c)).map((m) => m.subject).sort();
      assert.deepEqual(subjects, [`Hồ sơ ${c} đã được nộp thành công`, `Hồ sơ ${c} đã được tiếp nhận`].sort());
    }
    const ids = new Set(got.map((m) => m.message_id));
    assert.equal(ids.size, got.length, 'no Message-ID twice');

    await stopChild(worker2);
    assert.equal(worker2.exitCode, 0, `the second worker stops cleanly on SIGTERM: ${log2}`);
    assert.match(log2, / stopped/);
    worker2 = null;
  });

  test('a recipient the mail server refuses for good is failed, not retried', async () => {
    const tag = uniq();
    const email = `reject-${tag}@motcua.test`;
    const pw = `Pw-${tag}`;
    const id = Number(await motcua('user', 'add', '--role', 'citizen', '--id-number',
      '0791' + String(randomInt(0, 1e8)).padStart(8, '0'), '--email', email,
      '--password', pw, '--name', 'Người Bị Từ Chối'));
    assert.ok(id > 0);
    const c = await file(await newToken(email));
    const row = await until(() => {
      const r = outboxOf(c).find((x) => x.channel === 'email');
      return r && r.status === 'failed' && r;
    }, { timeout: patience(), what: 'the refused e-mail marked failed' });
    assert.equal(row.attempts, 1, 'one try only');
    assert.match(row.error, /550/);
    assert.equal(mailsTo(email).length, 0);
    // The dossier itself was filed all the same, and the portal has the notice.
    assert.equal(sqlValue(`SELECT COUNT(*) FROM notifications WHERE account_id = ${id}`), '1');
  });
});
