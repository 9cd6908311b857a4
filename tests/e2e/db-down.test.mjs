// The database goes away: dynamic pages answer a 503 page with the request id
// (and the log carries it), the API a 503 JSON, static pages keep working, a
// dossier sent meanwhile leaves nothing behind; once MariaDB is back (started
// exactly as tools/instance.sh starts it) the same program processes serve
// again; the database stopping between two statements of an officer's action
// leaves a 503 page and nothing half-written. run.sh runs this file alone,
// after every other file.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { chmodSync, closeSync, existsSync, openSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';

import {
  BASE_URL, MYCNF, PROC, RUNDIR, TOP, Visitor, actionForm, assertErrorPage, assertJsonError, csrfOf, filePart,
  loggedIn, minimalPdf, newCitizen, newOfficer, newToken, q, randomWard, WARD_SLOTS, request, sql, sqlValue,
  toFormData, until, fileOnline,
} from './lib.mjs';

const execFileP = promisify(execFile);
const MYDIR = path.dirname(MYCNF);
const SOCK = path.join(MYDIR, 'mysqld.sock');

async function ping() {
  try {
    await execFileP('mariadb-admin', [`--defaults-file=${MYCNF}`, '--connect-timeout=2', 'ping'], { timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The program pools' supervisor pids (RUNDIR/pids/*.pid). */
function poolPids() {
  const dir = path.join(RUNDIR, 'pids');
  return Object.fromEntries(readdirSync(dir).filter((f) => f.endsWith('.pid'))
    .map((f) => [f.replace(/\.pid$/, ''), Number(readFileSync(path.join(dir, f), 'utf8').trim())]));
}

async function stopDb() {
  await execFileP('mariadb-admin', [`--defaults-file=${MYCNF}`, 'shutdown'], { timeout: 120_000 });
  await until(async () => !(await ping()), { timeout: 60_000, what: 'MariaDB to stop' });
}

/** Starts MariaDB like tools/instance.sh start_db: its own session, output appended to mariadbd.out. */
async function startDb() {
  if (await ping()) return;
  const out = openSync(path.join(MYDIR, 'mariadbd.out'), 'a');
  const child = spawn('mariadbd', [`--defaults-file=${MYCNF}`], { detached: true, stdio: ['ignore', out, out] });
  closeSync(out);
  let exited = null;
  child.on('exit', (code, sig) => { exited = `exit ${code} ${sig || ''}`; });
  child.unref();
  await until(async () => {
    if (exited) throw new Error(`mariadbd ${exited}; see ${MYDIR}/error.log`);
    return ping();
  }, { timeout: 120_000, every: 100, what: 'MariaDB to answer ping' });
  if (existsSync(SOCK)) chmodSync(SOCK, 0o777);   // as instance.sh: the programs' user connects
}

test('the database goes down and comes back', { timeout: 300_000 }, async (t) => {
  assert.ok(await ping(), `the instance's MariaDB runs (${MYCNF})`);
  const ward = randomWard(WARD_SLOTS.dbDown);
  const citizen = await newCitizen({ phone: '0901234567' });
  const officer = await newOfficer('receiver', ward);
  const token = await newToken(citizen.email);
  const cv = await loggedIn(citizen.email, citizen.password);
  const ov = await loggedIn(officer.email, officer.password);
  const form = await cv.get(`/dich-vu/nop-ho-so/${PROC}`);
  assert.equal(form.status, 200);
  const csrf = csrfOf(form.text);
  const pids = poolPids();
  assert.ok(Object.keys(pids).length >= 3, 'the pools\' pid files are there');
  const countFor = () => Number(sqlValue(`SELECT COUNT(*) FROM dossiers WHERE account_id = ${citizen.id}`));
  // Numbers used by the ward over all days (the run may cross a midnight);
  // seqOf(yymmdd): the last number of one day.
  const seqNow = () => Number(sqlValue(`SELECT COALESCE(SUM(last), 0) FROM dossier_code_seq s JOIN agencies a ON a.id = s.agency_id WHERE a.code = ${q(ward)}`));
  const seqOf = (yymmdd) => Number(sqlValue(`SELECT COALESCE(MAX(last), 0) FROM dossier_code_seq s JOIN agencies a ON a.id = s.agency_id WHERE a.code = ${q(ward)} AND s.day = STR_TO_DATE(${q(yymmdd)}, '%y%m%d')`));
  const seqBefore = seqNow();
  const log = (program) => readFileSync(path.join(RUNDIR, 'logs', `${program}.log`), 'utf8');
  // Logins with the ID number, each a POST only (the csrf is bound to one
  // anonymous cookie), so that one after another they go round the workers.
  const first = new Visitor();
  const loginPage = await first.get('/dich-vu/dang-nhap');
  const anonCsrf = csrfOf(loginPage.text);
  let loginsAfter = 0;
  const loginByIdNumber = async () => {
    const anon = new Visitor();
    anon.cookies.set('mc_anon', first.cookies.get('mc_anon'));
    return anon.postForm('/dich-vu/dang-nhap', { csrf: anonCsrf, login: citizen.idNumber, password: citizen.password });
  };

  await stopDb();
  try {
    await t.test('a dynamic page is a 503 page with the request id, which the log carries', async () => {
      // A search by code: a statement no other test runs in the portal, so
      // the workers meet it first on a connection the server has dropped.
      const id = assertErrorPage(await request(`/dich-vu/tim-kiem?q=${PROC}`), 503);
      assert.match(log('portal'), new RegExp(`req=${id} .*503`), 'the portal log has the request id');
      assertErrorPage(await ov.get('/can-bo/'), 503);
      const anon = new Visitor();
      assert.equal((await anon.get('/dich-vu/dang-nhap')).status, 200, 'the login form itself needs no database');
      assertErrorPage(await loginByIdNumber(), 503);
    });

    await t.test('the API answers 503 in JSON with the request id', async () => {
      const j = assertJsonError(await request('/api/v1/procedures?q=x'), 503);
      assert.match(log('api'), new RegExp(`req=${j.request_id} .*503`), 'the api log has the request id');
      assertJsonError(await request(`/api/v1/procedures/${PROC}`), 503);
      assertJsonError(await request(`/api/v1/dossiers/X-1?id_number=${citizen.idNumber}`), 503);
    });

    await t.test('static pages still work', async () => {
      for (const p of ['/', '/thu-tuc/', `/thu-tuc/${PROC}.html`, '/static/css/site.css']) {
        assert.equal((await request(p)).status, 200, p);
      }
    });

    await t.test('a dossier sent during the outage is refused with 503 (HTML and API)', async () => {
      assertErrorPage(await fileOnline(cv, PROC, {
        csrf, name: citizen.name, id_number: citizen.idNumber, phone: '0901234567', agency: ward,
        content: 'trong lúc mất CSDL', file: filePart(minimalPdf('outage'), 'outage.pdf'),
      }), 503);
      assertJsonError(await request('/api/v1/dossiers', {
        method: 'POST', headers: { authorization: `Bearer ${token}` },
        body: toFormData({ procedure: PROC, agency: ward, file: filePart(minimalPdf('outage api'), 'o.pdf') }),
      }), 503);
    });
  } finally {
    await startDb();
  }

  await t.test('the site serves again at once, from the same program processes', async () => {
    // One request after another goes round the idle workers, so every portal
    // worker gets these first, whatever its connection went through: a login
    // by ID number and a search by code, statements other tests hardly use.
    const logins = [];
    for (let i = 0; i < 12; i++) logins.push((await loginByIdNumber()).status);
    loginsAfter = logins.filter((x) => x === 303).length;
    assert.deepEqual(logins.filter((s) => s !== 303), [],
      `every login right after the restart is served: ${logins.join(' ')}`);
    const codeSearch = [];
    for (let i = 0; i < 16; i++) {
      const a = await request(`/dich-vu/tim-kiem?q=${PROC}`);
      codeSearch.push(a.status);
      if (a.status === 200) assert.ok(a.text.includes(`/thu-tuc/${PROC}.html`), 'the search finds the procedure');
    }
    assert.deepEqual(codeSearch.filter((s) => s !== 200), [],
      `every search right after the restart is served: ${codeSearch.join(' ')}`);
    const checks = [
      () => request('/dich-vu/tim-kiem?q=khai+sinh'),
      () => request('/api/v1/procedures?q=khai+sinh'),
      () => cv.get('/dich-vu/ho-so'),
      () => ov.get('/can-bo/'),
    ];
    for (let round = 0; round < 3; round++) {
      const answers = await Promise.all(checks.flatMap((c) => Array.from({ length: 6 }, c)));
      const tally = {};
      for (const a of answers) {
        const k = `${new URL(a.url || BASE_URL + a.path).pathname} ${a.status}`;
        tally[k] = (tally[k] || 0) + 1;
      }
      const bad = Object.entries(tally).filter(([k]) => !k.endsWith(' 200')).map(([k, n]) => `${k} x${n}`);
      assert.deepEqual(bad, [], `every request after the restart is served (round ${round + 1} of 3): ${JSON.stringify(tally)}`);
    }
    assert.deepEqual(poolPids(), pids, 'the programs were not restarted');
    for (const [name, pid] of Object.entries(pids)) assert.ok(alive(pid), `${name} (pid ${pid}) still runs`);
    const { stdout } = await execFileP(path.join(TOP, 'tools', 'instance.sh'), ['status'], {
      env: { ...process.env, RUNDIR, PORT: process.env.PORT || new URL(BASE_URL).port || '80' },
    });
    assert.match(stdout, /mariadb\s+running/, 'tools/instance.sh sees the restarted MariaDB');
  });

  await t.test('nothing from the outage was written', async () => {
    assert.equal(countFor(), 0, 'no dossier of the citizen');
    assert.equal(seqNow(), seqBefore, 'no dossier number was used up');
    assert.equal(Number(sqlValue(`SELECT COUNT(*) FROM sessions WHERE account_id = ${citizen.id}`)), 1 + loginsAfter,
      'no session from the login refused during the outage (only the one from before and those from after)');
  });

  await t.test('filing works again, with the next number', async () => {
    const form2 = await cv.get(`/dich-vu/nop-ho-so/${PROC}`);
    const a = await fileOnline(cv, PROC, {
      csrf: csrfOf(form2.text), name: citizen.name, id_number: citizen.idNumber, phone: '0901234567',
      agency: ward, content: 'sau khi CSDL trở lại', file: filePart(minimalPdf('after'), 'after.pdf'),
    });
    assert.equal(a.status, 303, a.text.slice(0, 300));
    assert.equal(seqNow(), seqBefore + 1, 'one more number used');
    const m = a.location.match(/-(\d{6})-(\d{4,})\?moi=1$/);
    assert.ok(m, `the new dossier's address ${a.location}`);
    assert.equal(Number(m[2]), seqOf(m[1]), 'the next number of its day follows on');
    assert.equal(countFor(), 1);
  });
});

// The database stops in the middle of a request: an officer accepts a
// dossier; the request has locked the dossier, written its new state and its
// event, and waits to write the applicant's notification (the test holds the
// applicant's account row, which the notification's foreign key must read)
// when MariaDB shuts down. The officer
// gets the 503 page with its request id; once MariaDB is back the dossier is
// as it was (state, version, history, no notification or message), and the
// same action works.
test('the database stops between two statements of a request', { timeout: 300_000 }, async () => {
  assert.ok(await ping(), `the instance's MariaDB runs (${MYCNF})`);
  const ward = randomWard(WARD_SLOTS.dbDown);
  const citizen = await newCitizen({ phone: '0901234567' });
  const officer = await newOfficer('receiver', ward);
  const cv = await loggedIn(citizen.email, citizen.password);
  const ov = await loggedIn(officer.email, officer.password);
  const form = await cv.get(`/dich-vu/nop-ho-so/${PROC}`);
  const filed = await fileOnline(cv, PROC, {
    csrf: csrfOf(form.text), name: citizen.name, id_number: citizen.idNumber, phone: '0901234567',
    agency: ward, content: 'giữa hai câu lệnh', file: filePart(minimalPdf('mid-request'), 'mid.pdf'),
  });
  assert.equal(filed.status, 303, filed.text.slice(0, 300));
  const code = filed.location.match(/ho-so\/([^?]+)\?moi=1$/)[1];
  const id = Number(sqlValue(`SELECT id FROM dossiers WHERE code = ${q(code)}`));
  const state = () => sql(`SELECT d.status, d.version, (SELECT COUNT(*) FROM dossier_events WHERE dossier_id = d.id),
    (SELECT COUNT(*) FROM notifications WHERE dossier_id = d.id),
    (SELECT COUNT(*) FROM outbox WHERE recipient = ${q(citizen.email)})
    FROM dossiers d WHERE d.id = ${id}`)[0].join(' ');
  const before = state();
  const page = await ov.get(`/can-bo/ho-so/${code}`);
  const accept = actionForm(page.text, 'accept');
  assert.ok(accept, 'the page offers "Tiếp nhận hồ sơ"');

  // A transaction of our own holds the applicant's account row.
  const holder = spawn('mariadb', [`--defaults-file=${MYCNF}`, 'motcua'], { stdio: ['pipe', 'ignore', 'ignore'] });
  let answer;
  try {
    holder.stdin.write(`BEGIN;\nSELECT id FROM accounts WHERE id = ${Number(citizen.id)} FOR UPDATE;\nSELECT SLEEP(600);\n`);
    await until(() => Number(sqlValue(`SELECT COUNT(*) FROM information_schema.processlist
      WHERE info LIKE 'SELECT SLEEP(600)%'`)) === 1, { timeout: 30_000, what: 'the lock to be held' });
    answer = ov.postForm(`/can-bo/ho-so/${code}/xu-ly`, { ...accept, note: 'trong lúc CSDL dừng' })
      .catch((e) => e);
    // The request waits on its notification, after its dossier and event rows.
    await until(() => Number(sqlValue(`SELECT COUNT(*) FROM information_schema.innodb_trx
      WHERE trx_state = 'LOCK WAIT' AND trx_query LIKE 'INSERT INTO notifications%'`)) === 1,
    { timeout: 60_000, what: 'the request to wait between two statements' });
    await stopDb();
  } finally {
    holder.kill();
    await startDb();
  }
  const a = await answer;
  assert.ok(!(a instanceof Error), `the officer got an answer: ${a}`);
  const rid = assertErrorPage(a, 503);
  assert.match(readFileSync(path.join(RUNDIR, 'logs', 'office.log'), 'utf8'), new RegExp(`req=${rid} .*503`),
    'the office log has the request id');
  assert.equal(state(), before, 'the dossier, its history, notifications and messages are as before');

  // Back: the same action goes through, once.
  const again = await ov.get(`/can-bo/ho-so/${code}`);
  const ok = await ov.postForm(`/can-bo/ho-so/${code}/xu-ly`, { ...actionForm(again.text, 'accept'), note: 'sau khi CSDL trở lại' });
  assert.equal(ok.status, 303, ok.text.slice(0, 300));
  assert.equal(sqlValue(`SELECT status FROM dossiers WHERE id = ${id}`), '2');
  assert.equal(Number(sqlValue(`SELECT COUNT(*) FROM dossier_events WHERE dossier_id = ${id}`)), Number(before.split(' ')[2]) + 1);
});
