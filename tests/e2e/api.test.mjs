// The JSON API: catalogue search and detail, filing with a token, the public
// status lookup, transitions with versions, and what happens under concurrency.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { before, describe, test } from 'node:test';

import {
  PROC, PROC_NAME, Visitor, agencyCode, assertDossierCode, assertJsonError, filePart,
  minimalPdf, newCitizen, newOfficer, newToken, q, randomWard, WARD_SLOTS, request, sqlValue, textOf, toFormData, uniq,
} from './lib.mjs';

const search = async (qs) => {
  const a = await request(`/api/v1/procedures?${new URLSearchParams(qs)}`);
  assert.equal(a.status, 200, `search ${JSON.stringify(qs)}: ${a.text.slice(0, 200)}`);
  return a.json();
};

const bearer = (token) => ({ authorization: `Bearer ${token}` });

describe('catalogue API', () => {
  test('search ignores case, diacritics and Unicode form', async () => {
    const nfc = 'Đăng ký khai sinh';
    const variants = [nfc, nfc.normalize('NFD'), 'dang ky khai sinh', 'ĐĂNG KÝ KHAI SINH', '  đăng   ký khai sinh '];
    const lists = [];
    for (const v of variants) {
      const r = await search({ q: v, limit: 50 });
      assert.ok(r.total > 0, `"${v}" finds something`);
      lists.push(r.items.map((i) => i.code));
    }
    for (let i = 1; i < lists.length; i++) {
      assert.deepEqual(lists[i], lists[0], `"${variants[i]}" finds what "${nfc}" finds`);
    }
    const a = await search({ q: 'khai sinh', limit: 50 });
    const b = await search({ q: 'KHAI SINH', limit: 50 });
    assert.deepEqual(b.items, a.items);
    assert.equal(b.total, a.total);
  });

  test(`every spelling of the query puts "${PROC_NAME}" first`, async () => {
    const wrong = [];
    for (const q of ['khai sinh', 'KHAI SINH', 'Khai Sinh', 'Đăng ký khai sinh',
      'Đăng ký khai sinh'.normalize('NFD'), 'đăng ký khai sinh', 'dang ky khai sinh']) {
      const r = await search({ q });
      assert.ok(r.items.length > 0, `"${q}" finds something`);
      if (r.items[0].code !== PROC) {
        wrong.push(`"${q}"${q.normalize('NFC') === q ? '' : ' (NFD)'} -> ${r.items[0].code} ${r.items[0].name}`);
      }
    }
    assert.deepEqual(wrong, [], `queries whose first result is not ${PROC} ${PROC_NAME}`);
  });

  test('the portal\'s search page finds it first too, and links to the static page', async () => {
    const a = await request(`/dich-vu/tim-kiem?q=${encodeURIComponent('khai sinh')}`);
    assert.equal(a.status, 200);
    const list = a.text.match(/<ol class="results[^"]*"[^>]*>([\s\S]*?)<\/ol>/);
    assert.ok(list, 'the search page lists results');
    const first = list[1].match(/<a href="([^"]+)"[^>]*>([\s\S]*?)<\/a>/);
    assert.ok(first, 'the results are links');
    assert.equal(first[1], `/thu-tuc/${PROC}.html`);
    assert.equal(textOf(first[2]), PROC_NAME);
    assert.equal((await request(first[1])).status, 200, 'the result link works');
  });

  test('a code or a code prefix finds the procedure by code', async () => {
    const r = await search({ q: PROC });
    assert.equal(r.total, 1);
    assert.equal(r.items[0].code, PROC);
    assert.equal(r.items[0].name, PROC_NAME);
    assert.equal(r.items[0].commune_level, true);
    assert.equal(r.items[0].online, true);
    const p = await search({ q: PROC.slice(0, 7), limit: 100 });
    assert.ok(p.items.some((i) => i.code === PROC), 'the prefix finds it');
    assert.ok(p.items.every((i) => i.code.startsWith(PROC.slice(0, 7))), 'only codes with that prefix');
  });

  test('limit and offset page through the results', async () => {
    const all = await search({ q: 'khai sinh', limit: 10 });
    const second = await search({ q: 'khai sinh', limit: 5, offset: 5 });
    assert.equal(second.total, all.total);
    assert.deepEqual(second.items, all.items.slice(5, 10));
    for (const bad of ['0', '101', 'abc', '-1']) {
      assertJsonError(await request(`/api/v1/procedures?q=x&limit=${bad}`), 400);
    }
  });

  test('procedure detail has channels, documents, legal basis and agencies', async () => {
    const a = await request(`/api/v1/procedures/${PROC}`);
    assert.equal(a.status, 200);
    const p = a.json();
    assert.equal(p.code, PROC);
    assert.equal(p.name, PROC_NAME);
    assert.equal(p.field, 'Hộ tịch');
    assert.ok(Number.isInteger(p.version) && p.version >= 1);
    assert.ok(Array.isArray(p.channels) && p.channels.length > 0, 'channels');
    assert.ok(p.channels.every((c) => ['1', '2', '3'].includes(c.channel)));
    assert.ok(Array.isArray(p.documents) && p.documents.length > 0, 'documents');
    assert.ok(p.documents.every((d) => typeof d.name === 'string' && d.name.length > 0));
    assert.ok(Array.isArray(p.legal_basis) && p.legal_basis.length > 0, 'legal basis');
    assert.ok(p.legal_basis.every((l) => typeof l.title === 'string' && l.title.length > 0));
    assert.ok(p.agencies.some((g) => g.kind === 'ward'), 'a commune-level procedure is filed at wards');
  });

  test('an unknown procedure is a 404 in JSON', async () => {
    assertJsonError(await request('/api/v1/procedures/9.999999'), 404);
    assertJsonError(await request('/api/v1/khong-co'), 404);
  });
});

describe('dossiers API', () => {
  const pdf = minimalPdf(`API ${uniq()}`);
  let ward, citizen, cToken, recv, rToken, recv2, r2Token, spec, sToken, otherToken;

  const file = (token, form) => request('/api/v1/dossiers', {
    method: 'POST', headers: token ? bearer(token) : {}, body: toFormData(form),
  });
  const fileOk = async (extra = {}) => {
    const a = await file(cToken, {
      procedure: PROC, agency: ward, fields: JSON.stringify({ content: 'khai sinh' }),
      file: filePart(pdf, 'giay-chung-sinh.pdf'), ...extra,
    });
    assert.equal(a.status, 201, `filing answers 201: ${a.text.slice(0, 300)}`);
    return a.json().code;
  };
  const act = (token, code, body) => request(`/api/v1/dossiers/${encodeURIComponent(code)}/transitions`, {
    method: 'POST', headers: { ...bearer(token), 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const view = async (token, code) => {
    const a = await request(`/api/v1/dossiers/${encodeURIComponent(code)}`, { headers: bearer(token) });
    assert.equal(a.status, 200, `full view: ${a.text.slice(0, 200)}`);
    return a.json();
  };

  before(async () => {
    ward = randomWard(WARD_SLOTS.api);
    citizen = await newCitizen({ name: 'Lê Văn Tám', phone: '0912345678' });
    recv = await newOfficer('receiver', ward, 'Tiếp Nhận Một');
    recv2 = await newOfficer('receiver', ward, 'Tiếp Nhận Hai');
    spec = await newOfficer('specialist', ward);
    const other = await newOfficer('receiver', agencyCode('Sở Tư pháp'));
    [cToken, rToken, r2Token, sToken, otherToken] = await Promise.all(
      [citizen, recv, recv2, spec, other].map((x) => newToken(x.email)));
  });

  test('a citizen files with a token: 201, a code, and the full view', async () => {
    const before = new Date();
    const a = await file(cToken, {
      procedure: PROC, agency: ward,
      fields: JSON.stringify({ content: 'Đăng ký khai sinh', con: { ten: 'Bé Na' } }),
      file: filePart(pdf, 'giấy chứng sinh.pdf'),
    });
    assert.equal(a.status, 201, a.text);
    const j = a.json();
    assert.equal(j.status, 1);
    assertDossierCode(j.code, ward, before);
    assert.equal(a.location, `/api/v1/dossiers/${j.code}`);
    const d = await view(cToken, j.code);
    assert.equal(d.code, j.code);
    assert.equal(d.status, 1);
    assert.equal(d.status_name, 'Mới đăng ký');
    assert.deepEqual(d.procedure, { code: PROC, name: PROC_NAME });
    assert.equal(d.agency.code, ward);
    assert.equal(d.applicant.name, 'Lê Văn Tám');
    assert.equal(d.applicant.id_number, citizen.idNumber);
    assert.deepEqual(d.fields, { content: 'Đăng ký khai sinh', con: { ten: 'Bé Na' } });
    assert.equal(d.files.length, 1);
    assert.equal(d.files[0].sha256, createHash('sha256').update(pdf).digest('hex'));
    assert.equal(d.files[0].filename, 'giấy chứng sinh.pdf');
    assert.equal(d.files[0].mime, 'application/pdf');
    assert.equal(Number(d.files[0].size), pdf.length);
    assert.deepEqual(d.events.map((e) => [e.action, e.from_status, e.to_status]), [['submit', null, 1]]);
  });

  test('filing refuses bad input with the right status', async () => {
    const base = { procedure: PROC, agency: ward, file: filePart(pdf, 'a.pdf') };
    assertJsonError(await file(cToken, { ...base, fields: '{"content": "thiếu ngoặc"' }), 400);
    assertJsonError(await file(cToken, { ...base, fields: '[1, 2]' }), 400);
    assertJsonError(await file(cToken, { ...base, file: filePart(Buffer.from('not a PDF at all, just text\n'), 'x.pdf') }), 422);
    assertJsonError(await file(cToken, { ...base, file: filePart(Buffer.alloc(0), 'empty.pdf') }), 422);
    assertJsonError(await file(cToken, { ...base, procedure: '9.999999' }), 422);
    assertJsonError(await file(cToken, { ...base, agency: agencyCode('Sở Tư pháp') }), 422);
    assertJsonError(await file(null, base), 401);
    assertJsonError(await file('0'.repeat(64), base), 401);
    assertJsonError(await file(rToken, base), 403);
  });

  test('public lookup: status and events with the right ID number, nothing personal; 404 otherwise', async () => {
    const code = await fileOk();
    const a = await request(`/api/v1/dossiers/${code}?id_number=${citizen.idNumber}`);
    assert.equal(a.status, 200, a.text);
    const d = a.json();
    assert.equal(d.code, code);
    assert.equal(d.status, 1);
    assert.equal(d.status_name, 'Mới đăng ký');
    assert.equal(d.events.length, 1);
    assert.equal(d.events[0].action, 'submit');
    for (const k of ['applicant', 'fields', 'files']) assert.ok(!(k in d), `no ${k} in the public view`);
    for (const e of d.events) assert.ok(!('note' in e) && !('actor' in e), 'no notes or actors in public events');
    assert.ok(!a.text.includes('Lê Văn Tám'), 'the applicant\'s name is not in the public answer');
    assert.ok(!a.text.includes('0912345678'), 'the phone is not in the public answer');
    const wrong = citizen.idNumber.slice(0, 11) + ((Number(citizen.idNumber[11]) + 1) % 10);
    assertJsonError(await request(`/api/v1/dossiers/${code}?id_number=${wrong}`), 404);
    assertJsonError(await request(`/api/v1/dossiers/${ward}-000101-0001?id_number=${citizen.idNumber}`), 404);
    assertJsonError(await request(`/api/v1/dossiers/${code}`), 401);
    assertJsonError(await request(`/api/v1/dossiers/${code}?id_number=12ab`), 400);
  });

  test('officers: accept 200 then 409; other agency 403; specialist 403; citizen 403; stale version 409', async () => {
    const code = await fileOk();
    const d0 = await view(rToken, code);
    assert.equal(d0.status, 1);
    assertJsonError(await act(otherToken, code, { action: 'accept', version: d0.version }), 403);
    assertJsonError(await act(sToken, code, { action: 'accept', version: d0.version }), 403);
    assertJsonError(await act(cToken, code, { action: 'accept', version: d0.version }), 403);
    assertJsonError(await act(rToken, code, { action: 'accept', version: d0.version + 7 }), 409);
    assertJsonError(await act(rToken, code, { action: 'khong-co' }), 400);
    assertJsonError(await act(rToken, code, '{"action": "accept"'), 400);
    assertJsonError(await act(rToken, `${ward}-000101-0001`, { action: 'accept' }), 404);
    const still = await view(rToken, code);
    assert.equal(still.status, 1, 'nothing changed after the refused attempts');
    assert.equal(still.version, d0.version);
    assert.equal(still.events.length, 1);

    const ok = await act(rToken, code, { action: 'accept', note: 'Đủ giấy tờ', version: d0.version });
    assert.equal(ok.status, 200, ok.text);
    const d1 = ok.json();
    assert.equal(d1.status, 2);
    assert.equal(d1.status_name, 'Được tiếp nhận');
    assert.ok(d1.version > d0.version, 'the version moves on');
    assert.match(d1.received_at, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    assert.match(d1.due_at, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/, 'a due time is set');
    assert.ok(d1.due_at > d1.received_at, 'due after receipt');
    assert.deepEqual(d1.events.map((e) => [e.action, e.to_status]), [['submit', 1], ['accept', 2]]);
    assert.equal(d1.events[1].note, 'Đủ giấy tờ');
    assert.equal(d1.events[1].actor, 'Tiếp Nhận Một');

    const again = assertJsonError(await act(rToken, code, { action: 'accept' }), 409);
    assert.ok(again.error.length > 10);
    assertJsonError(await act(rToken, code, { action: 'accept', version: d0.version }), 409);
    const pub = (await request(`/api/v1/dossiers/${code}?id_number=${citizen.idNumber}`)).json();
    assert.equal(pub.status, 2, 'the public lookup shows the new status');
  });

  test('a lookup asked again shows each change at once, in the language asked, and still checks the ID number', async () => {
    // The API keeps each process's last answer for a code and checks it
    // against the dossier's version: asked many times (every worker), then
    // after a transition, no answer may be the old one.
    const code = await fileOk();
    const lookup = (q = '') => request(`/api/v1/dossiers/${code}?id_number=${citizen.idNumber}${q}`);
    for (let i = 0; i < 24; i++) {
      const a = await lookup();
      assert.equal(a.status, 200, a.text);
      assert.equal(a.json().status, 1);
    }
    const wrong = citizen.idNumber.slice(0, 11) + ((Number(citizen.idNumber[11]) + 1) % 10);
    assertJsonError(await request(`/api/v1/dossiers/${code}?id_number=${wrong}`), 404);
    const en = (await lookup('&lang=en')).json();
    assert.equal(en.status, 1);
    assert.notEqual(en.status_name, 'Mới đăng ký', 'the English answer is not the Vietnamese one kept');
    const d0 = await view(rToken, code);
    const ok = await act(rToken, code, { action: 'accept', version: d0.version });
    assert.equal(ok.status, 200, ok.text);
    for (let i = 0; i < 24; i++) {
      const d = (await lookup()).json();
      assert.equal(d.status, 2, `lookup ${i + 1} after the acceptance shows it`);
      assert.equal(d.status_name, 'Được tiếp nhận');
      assert.deepEqual(d.events.map((e) => e.action), ['submit', 'accept']);
      assert.ok(d.steps.length > 0 && d.step_due_at, 'the steps and the step\'s due time are shown');
      assert.ok(['green', 'yellow', 'red'].includes(d.colour), d.colour);
    }
    assert.equal((await lookup('&lang=en')).json().status, 2, 'and in English');
  });

  test('two officers accepting at once: exactly one 200 and one 409', async () => {
    const code = await fileOk();
    const { version } = await view(rToken, code);
    const answers = await Promise.all([rToken, r2Token].map((t) =>
      act(t, code, { action: 'accept', note: 'cùng lúc', version })));
    const statuses = answers.map((a) => a.status).sort();
    assert.deepEqual(statuses, [200, 409], `answers: ${answers.map((a) => a.text).join(' / ')}`);
    const d = await view(rToken, code);
    assert.equal(d.status, 2);
    assert.equal(d.events.filter((e) => e.action === 'accept').length, 1, 'one accept event only');
  });

  // Issue 15: a client that lost the answer (a web node stopped under it,
  // HAProxy's 503) sends the submission again with the same key.
  test('a submission sent again with its Idempotency-Key files one dossier', async () => {
    const key = `idem-${uniq()}`;
    const form = () => ({
      procedure: PROC, agency: ward, fields: JSON.stringify({ content: `một lần ${key}` }),
      file: filePart(minimalPdf(`idem ${key}`), 'giay-to.pdf'),
    });
    const send = (token, k, f = form()) => request('/api/v1/dossiers', {
      method: 'POST', headers: { ...bearer(token), 'idempotency-key': k }, body: toFormData(f),
    });
    const count = () => Number(sqlValue(`SELECT COUNT(*) FROM dossiers WHERE account_id = ${citizen.id} AND form_data LIKE ${q(`%${key}%`)}`));
    const first = await send(cToken, key);
    assert.equal(first.status, 201, first.text);
    const code = first.json().code;
    assert.equal(first.headers.get('idempotent-replayed'), null);
    // Again, twice at once: the same dossier each time, nothing new filed.
    const again = await Promise.all([send(cToken, key), send(cToken, key)]);
    for (const a of again) {
      assert.equal(a.status, 201, a.text);
      assert.equal(a.json().code, code);
      assert.equal(a.headers.get('idempotent-replayed'), 'true');
      assert.equal(a.location, `/api/v1/dossiers/${code}`);
    }
    // A new key sent twice at once for the first time: one dossier too.
    const key2 = `${key}-b`;
    const both = await Promise.all([send(cToken, key2), send(cToken, key2)]);
    for (const a of both) assert.equal(a.status, 201, a.text);
    assert.equal(both[0].json().code, both[1].json().code, 'the same dossier for both');
    assert.notEqual(both[0].json().code, code);
    const d = await view(cToken, code);
    assert.equal(d.files.length, 1);
    // The key with another submission: refused, nothing filed.
    const other = await send(cToken, key, { ...form(), fields: JSON.stringify({ content: `khác ${key}` }) });
    assertJsonError(other, 422);
    assert.match(other.json().error, /Idempotency-Key/);
    // Another account's same key is its own.
    const stranger = await newCitizen();
    const theirs = await send(await newToken(stranger.email), key);
    assert.equal(theirs.status, 201, theirs.text);
    assert.notEqual(theirs.json().code, code);
    assert.equal(theirs.headers.get('idempotent-replayed'), null);
    // A key that is not 1 to 255 printable ASCII characters: 400.
    assertJsonError(await send(cToken, 'x'.repeat(256)), 400);
    assertJsonError(await send(cToken, 'two words'), 400);
    assert.equal(count(), 2, 'two dossiers of this account carry the text: one per key');
  });

  test('20 submissions in parallel get 20 distinct codes with consecutive numbers', async () => {
    const n = 20;
    const mine = randomWard(WARD_SLOTS.apiParallel);
    const started = new Date();
    const answers = await Promise.all(Array.from({ length: n }, (_, i) => file(cToken, {
      procedure: PROC, agency: mine, fields: JSON.stringify({ content: `song song ${i}` }),
      file: filePart(minimalPdf(`parallel ${i} ${uniq()}`), `p${i}.pdf`),
    })));
    for (const a of answers) assert.equal(a.status, 201, a.text);
    const codes = answers.map((a) => a.json().code);
    assert.equal(new Set(codes).size, n, 'all codes distinct');
    const seq = codes.map((c) => assertDossierCode(c, mine, started)).sort((x, y) => x - y);
    for (let i = 1; i < n; i++) assert.equal(seq[i], seq[i - 1] + 1, `consecutive numbers: ${seq.join(',')}`);
    for (const c of codes) {
      const d = await view(cToken, c);
      assert.equal(d.files.length, 1, `${c} has its file`);
    }
  });
});
