// Authorisation is decided before a handler runs (issue 9): every route of
// the back office and every API route that needs an account, read from the
// programs' route tables (a new route is covered), is tried by nobody and by
// a logged-in citizen (with a valid form token, so that only the role check
// can refuse a POST): nobody gets the login page (GET), 403 (POST) or 401
// (API); the citizen gets 403 (404 only where the address names a record),
// never a page, a redirect into the back office, or a 5xx. Then a
// receiver, a leader and an administrator of a sibling ward try every route
// that names an object (a dossier, an account, a feedback, a device, a
// procedure) with the objects of the other ward: 403 or 404, and nothing
// of those objects changed; and every page and export of the back office
// asked for the other ward (?agency=, ?noi=) never shows its dossier.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import {
  PROC, Visitor, WARD_SLOTS, csrfOf, filePart, minimalPdf, newCitizen, newOfficer, newToken, q, request,
  sql, sqlValue, toFormData, uniq, wardCodes,
} from './lib.mjs';
import { readRoutes } from './routes.mjs';

/** The routes of a program, every entry of its tables read. */
function programRoutes(program) {
  const { routes, entries } = readRoutes([program]);
  assert.equal(routes.length, entries, `every route of ${program} read`);
  return routes;
}

const filled = (p) => p.replace(/\{\}/g, 'X1');
const bad = [];
const expect = (what, a, ok) => { if (!ok(a)) bad.push(`${what}: ${a.status} ${a.location || ''}`.trim()); };

describe('who may use the back office and the API (issue 9)', { concurrency: false, timeout: 300_000 }, () => {
  const office = programRoutes('office');
  const api = programRoutes('api').filter((r) => r.login);
  let citizen; let csrf; let token;

  before(async () => {
    const me = await newCitizen();
    citizen = new Visitor();
    await citizen.login(me.email, me.password);
    const mine = await citizen.get('/dich-vu/ho-so');
    assert.equal(mine.status, 200);
    csrf = csrfOf(mine.text);
    token = await newToken(me.email);
  });

  test('the route tables are read: the back office and the API routes that need an account', () => {
    assert.ok(office.length > 50, `${office.length} back office routes`);
    assert.ok(office.every((r) => r.pattern.startsWith('/can-bo/') && r.login), 'each a /can-bo/ route that needs a login');
    assert.ok(api.some((r) => r.handler === 'api_transition'), `the API's officer actions need an account (${api.length} routes do)`);
  });

  test('nobody: the login page for a GET, 403 for a POST, 401 from the API', async () => {
    bad.length = 0;
    for (const r of office) {
      const a = await request(filled(r.pattern), r.method === 'POST' ? { method: 'POST', body: new URLSearchParams({ a: 'b' }) } : {});
      expect(`nobody ${r.method} ${r.pattern}`, a, (x) => (r.method === 'GET' ?
        x.status === 303 && /^\/dich-vu\/dang-nhap\?next=/.test(x.location || '') : x.status === 403));
    }
    for (const r of api) {
      const a = await request(filled(r.pattern), r.method === 'GET' ? {} : { method: r.method, body: '{}', headers: { 'content-type': 'application/json' } });
      expect(`nobody ${r.method} ${r.pattern}`, a, (x) => x.status === 401);
    }
    assert.deepEqual(bad, []);
  });

  test('a citizen: 403 (404 for a record it cannot see), never a back office page', async () => {
    bad.length = 0;
    const refused = (r) => (x) => x.status === 403 || (x.status === 404 && r.pattern.includes('{}'));
    for (const r of office) {
      const a = r.method === 'POST' ?
        await citizen.postForm(filled(r.pattern), { csrf, a: 'b' }) : await citizen.get(filled(r.pattern));
      expect(`citizen ${r.method} ${r.pattern}`, a, refused(r));
    }
    // The API's two routes with an account are the citizen's too (filing, and
    // withdrawing through transitions: the handler decides by the dossier,
    // api.test); an API route kept for a role is tried here once there is one.
    for (const r of api.filter((x) => x.roles)) {
      const a = await request(filled(r.pattern), {
        method: r.method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(r.method === 'GET' ? {} : { body: '{}' }),
      });
      expect(`citizen token ${r.method} ${r.pattern}`, a, refused(r));
    }
    assert.deepEqual(bad, []);
  });
});

/**
 * What a route's {} names, by its address: 'dossier', 'account', ... or
 * 'city' for what no agency owns (the portal's content, a site build) and
 * (or anyone may read), 'format' for an export's file format (the agency is in the query, tried
 * by the page sweep). undefined: a new kind, to be named here.
 */
function objectKind(pattern) {
  const kinds = [
    [/^\/can-bo\/ho-so\/\{\}\/phieu\/\{\}$/, 'paper'],
    [/^\/can-bo\/ho-so\/\{\}/, 'dossier'],
    [/^\/can-bo\/quan-tri\/chuyen-buoc\/\{\}$/, 'dossier'],
    [/^\/can-bo\/quan-tri\/tai-khoan\/\{\}\//, 'account'],
    [/^\/can-bo\/phan-anh\/\{\}\/anh\/\{\}$/, 'photo'],
    [/^\/can-bo\/phan-anh\/\{\}/, 'feedback'],
    [/^\/can-bo\/danh-gia\/(thiet-bi|quay)\/\{\}\//, 'device'],
    [/^\/can-bo\/quan-tri\/thu-tuc\/\{\}/, 'procedure'],
    [/^\/can-bo\/quan-tri-trang\//, 'city'],
    [/^\/can-bo\/tep-xuat\/\{\}$/, 'export'], // a file of "my exports"
    [/\/xuat\/\{\}$/, 'format'],
    [/^\/api\/v1\/dossiers\/\{\}/, 'dossier'],
    [/^\/api\/v1\/procedures\/\{\}$/, 'city'], // the public catalogue
  ];
  const k = kinds.find(([re]) => re.test(pattern));
  return k && k[1];
}

describe('a sibling ward\'s receiver, leader and administrator (issue 9)', { concurrency: false, timeout: 400_000 }, () => {
  const tag = uniq();
  const office = programRoutes('office');
  const named = [...office, ...programRoutes('api')].filter((r) => r.pattern.includes('{}'));
  const o = {}; // the objects of ward A
  let wardA, wardB, idA, staff;

  before(async () => {
    // Two wards of one district, both of this slot (no other file's ward gets staff).
    const nslots = Math.max(...Object.values(WARD_SLOTS)) + 1;
    const mine = wardCodes().slice(5).filter((_, i) => i % nslots === WARD_SLOTS.other); // randomWard's slot
    const pairs = sql(`SELECT a.code, b.code FROM agencies a JOIN agencies b ON b.parent_id = a.parent_id AND b.id <> a.id
      WHERE a.code IN (${mine.map(q).join(', ')}) AND b.code IN (${mine.map(q).join(', ')}) ORDER BY RAND() LIMIT 1`);
    assert.equal(pairs.length, 1, 'two wards of one district in the slot');
    [[wardA, wardB]] = pairs;
    idA = Number(sqlValue(`SELECT id FROM agencies WHERE code = ${q(wardA)}`));
    // Ward A: a receiver (an account), a dossier it accepted, a feedback, a device.
    const recA = await newOfficer('receiver', wardA, `Tiếp Nhận A ${tag}`);
    o.account = recA.id;
    o.email = recA.email;
    o.recA = recA;
    const c = await newCitizen();
    const filed = await request('/api/v1/dossiers', {
      method: 'POST', headers: { authorization: `Bearer ${await newToken(c.email)}` },
      body: toFormData({ procedure: PROC, agency: wardA, fields: JSON.stringify({ content: 'Đăng ký khai sinh' }),
        file: filePart(minimalPdf(`authz ${tag}`), 'giay-to.pdf') }),
    });
    assert.equal(filed.status, 201, filed.text.slice(0, 200));
    o.dossier = filed.json().code;
    const acc = await request(`/api/v1/dossiers/${encodeURIComponent(o.dossier)}/transitions`, {
      method: 'POST', headers: { authorization: `Bearer ${await newToken(recA.email)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'accept' }),
    });
    assert.equal(acc.status, 200, `accepted by ward A's receiver: ${acc.text.slice(0, 200)}`);
    o.feedback = `PAE2E${tag.replace(/\D/g, '').slice(-12)}`;
    sql(`INSERT INTO feedback (code, agency_id, category, body, created_at, due_at, round_at, updated_at)
      VALUES (${q(o.feedback)}, ${idA}, 'other', 'Phản ánh thử của phường A', NOW(), NOW() + INTERVAL 10 DAY,
      NOW() + INTERVAL 5 DAY, NOW())`);
    sql(`INSERT INTO eval_devices (agency_id, kind, name, counter, officer_id, created_at)
      VALUES (${idA}, 'tablet', 'Máy tính bảng A ${tag}', 'Quầy 1', ${recA.id}, NOW())`);
    o.device = Number(sqlValue(`SELECT id FROM eval_devices WHERE name = 'Máy tính bảng A ${tag}'`));
    o.procedure = sqlValue('SELECT code FROM procedures WHERE agency_id IS NOT NULL ORDER BY id LIMIT 1');
    // A ready file of ward A's receiver's exports (the worker leaves a ready one alone).
    sql(`INSERT INTO export_jobs (account_id, agency_id, name, format, uri, lang, state, rows_done, requested_at, finished_at)
      VALUES (${recA.id}, ${idA}, 'authz-${tag}', 'xlsx', '/can-bo/so-theo-doi/xuat/xlsx?agency=${idA}', 'vi', 2, 0, NOW(), NOW())`);
    o.export = Number(sqlValue(`SELECT id FROM export_jobs WHERE name = 'authz-${tag}'`));
    // Ward B's staff, each logged in with a form token, and a bearer token.
    staff = [];
    for (const role of ['receiver', 'leader', 'admin']) {
      const who = await newOfficer(role, wardB, `${role} B ${tag}`);
      const v = new Visitor();
      await v.login(who.email, who.password);
      const home = await v.get(role === 'admin' ? '/can-bo/quan-tri/tai-khoan' : '/can-bo/');
      assert.equal(home.status, 200, `${role} of ward B in the back office`);
      staff.push({ role, id: who.id, v, csrf: csrfOf(home.text), token: await newToken(who.email) });
    }
  });

  /** What ward A's objects are now (dossier, account, feedback, device), and what ward B's staff wrote in the audit log. */
  function snapshot() {
    const ids = staff.map((x) => x.id).join(', ');
    return sql(`SELECT
      (SELECT CONCAT_WS('|', status, current_step, current_agency_id, COALESCE(holder_id, 0)) FROM dossiers WHERE code = ${q(o.dossier)}),
      (SELECT COUNT(*) FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id WHERE d.code = ${q(o.dossier)}),
      (SELECT CONCAT_WS('|', disabled, (SELECT GROUP_CONCAT(role, agency_id) FROM account_roles WHERE account_id = a.id),
        (SELECT COUNT(*) FROM account_totp WHERE account_id = a.id)) FROM accounts a WHERE a.id = ${o.account}),
      (SELECT CONCAT_WS('|', status, COALESCE(answer, ''), answers) FROM feedback WHERE code = ${q(o.feedback)}),
      (SELECT COALESCE(revoked_at, 'live') FROM eval_devices WHERE id = ${o.device}),
      (SELECT COUNT(*) FROM eval_visits WHERE device_id = ${o.device}),
      (SELECT COUNT(*) FROM audit_log WHERE (actor_id IN (${ids}) OR account_id IN (${ids})) AND event IN ('config_change',
        'role_grant', 'role_revoke', 'account_disable', 'totp_reset', 'reauth', 'dossier_action', 'dossier_view', 'dossier_paper'))`);
  }

  const fill = (r, kind) => {
    const ids = {
      dossier: [encodeURIComponent(o.dossier)], paper: [encodeURIComponent(o.dossier), '01.pdf'],
      account: [o.account], feedback: [o.feedback], photo: [o.feedback, '1'], device: [o.device],
      procedure: [o.procedure], export: [o.export],
    }[kind];
    let i = 0;
    return r.pattern.replace(/\{\}/g, () => ids[Math.min(i++, ids.length - 1)]);
  };

  test('every route that names an object is classified (a new kind is named in objectKind)', () => {
    const unknown = named.filter((r) => !objectKind(r.pattern)).map((r) => `${r.method} ${r.pattern}`);
    assert.deepEqual(unknown, []);
    assert.ok(named.filter((r) => !['city', 'format'].includes(objectKind(r.pattern))).length >= 20);
  });

  test('the addresses are right: ward A\'s receiver opens the dossier, its paper and the feedback', async () => {
    const v = new Visitor();
    await v.login(o.recA.email, o.recA.password);
    for (const p of [`/can-bo/ho-so/${encodeURIComponent(o.dossier)}`, `/can-bo/ho-so/${encodeURIComponent(o.dossier)}/phieu/01.pdf`,
      `/can-bo/phan-anh/${o.feedback}`]) {
      assert.equal((await v.get(p)).status, 200, `ward A's receiver: ${p}`);
    }
  });

  test('each route naming ward A\'s object: 403 or 404 for ward B\'s receiver, leader and administrator; nothing changed', async () => {
    const before = JSON.stringify(snapshot());
    const bad = [];
    // Fields a form of each route might take, so that only the scope can refuse.
    const form = {
      action: 'forward', note: 'thử', role: 'receiver', agency: String(idA), email: o.email, answer: 'Trả lời thử từ phường B',
      founded: '1', step: '1', officer: String(o.account), noi: String(idA), reauth: '',
    };
    for (const r of named) {
      const kind = objectKind(r.pattern);
      if (kind === 'city' || kind === 'format') continue;
      const p = fill(r, kind);
      for (const s of staff) {
        let a;
        if (r.program === 'api') {
          a = await request(p, {
            method: r.method, headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' },
            ...(r.method === 'GET' ? {} : { body: JSON.stringify({ action: 'forward', note: 'thử' }) }),
          });
        } else {
          a = r.method === 'POST' ? await s.v.postForm(`${p}?agency=${idA}`, { csrf: s.csrf, ...form }) :
            await s.v.get(`${p}?agency=${idA}`);
        }
        if (a.status !== 403 && a.status !== 404) bad.push(`${s.role} ${r.method} ${p}: ${a.status} ${a.location || ''}`);
      }
    }
    assert.deepEqual(bad, []);
    assert.equal(JSON.stringify(snapshot()), before, 'nothing of ward A changed');
  });

  test('every page and export of the back office asked for ward A: never its dossier, its feedback or its receiver', async () => {
    const bad = [];
    for (const r of office.filter((x) => x.method === 'GET')) {
      const kind = r.pattern.includes('{}') ? objectKind(r.pattern) : 'none';
      if (kind !== 'none' && kind !== 'format') continue; // the objects: above
      const p = r.pattern.replace(/\{\}/g, 'csv');
      for (const s of staff) {
        const a = await s.v.get(`${p}?agency=${idA}&noi=${idA}&q=${encodeURIComponent(o.dossier)}`);
        if (a.status >= 500) bad.push(`${s.role} GET ${p}: ${a.status}`);
        // The search box keeps what was typed (value="..."); anything else is ward A's.
        const shown = a.text.replace(/value="[^"]*"/g, '');
        for (const [what, v] of [['dossier', o.dossier], ['feedback', o.feedback], ['receiver', o.email]]) {
          if (a.status === 200 && shown.includes(v)) bad.push(`${s.role} GET ${p}: shows ward A's ${what}`);
        }
      }
    }
    assert.deepEqual(bad, []);
  });
});
