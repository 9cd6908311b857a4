// Helpers of the end-to-end suite: the instance under test (from the
// environment tools/test.sh sets), an HTTP client with a cookie jar, CSRF
// extraction, form and multipart posts, fixtures through bin/motcua,
// read-only database look-ups, a small real PDF, and the checks every error
// answer must pass.
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileP = promisify(execFile);

export const BASE_URL = (process.env.BASE_URL || 'http://127.0.0.1:8080').replace(/\/$/, '');
export const TOP = path.resolve(process.env.TOP || process.cwd());
export const RUNDIR = process.env.RUNDIR || '/tmp/motcua-8080';
export const MOTCUA_CONFIG = process.env.MOTCUA_CONFIG || path.join(RUNDIR, 'motcua.conf');
export const MYCNF = path.join(RUNDIR, 'mysql', 'my.cnf');
export const DEMO_PASSWORD = 'MotCua@2026';
export const PROC = '1.001193';              // Thủ tục đăng ký khai sinh (commune level)
export const PROC_NAME = 'Thủ tục đăng ký khai sinh';
export const HTTP_TIMEOUT = 60_000;

/** A short random tag, unique per call: fixtures never collide across runs. */
export function uniq() {
  return Date.now().toString(36) + randomBytes(4).toString('hex');
}

/**
 * A short tag for a person's name that a paper prints: six letters, so the
 * name fits a table cell of the forms (a 16-character tag once wrapped inside
 * its cell and broke a check). Random, so names stay apart across runs.
 */
export function personTag() {
  let t = '';
  for (let i = 0; i < 6; i++) t += String.fromCharCode(97 + randomInt(0, 26));
  return t[0].toUpperCase() + t.slice(1);
}

/** A 12-digit ID number nobody else has (0791 + 8 random digits). */
export function newIdNumber() {
  return '0791' + String(randomInt(0, 1e8)).padStart(8, '0');
}

/** A value of the instance's config file (key = value), or undefined. */
export function configValue(key) {
  const text = readFileSync(MOTCUA_CONFIG, 'utf8');
  let v;
  for (const line of text.split('\n')) {
    const m = line.match(/^\s*([A-Za-z0-9_]+)\s*=\s*([^#\s]*)/);
    if (m && m[1] === key) v = m[2];
  }
  return v;
}

// ------------------------------------------------------------------ CLI, DB

/** Runs bin/motcua with the instance's config; returns stdout, trimmed. */
export async function motcua(...args) {
  const { stdout } = await execFileP(path.join(TOP, 'bin', 'motcua'), args, {
    cwd: TOP,
    env: { ...process.env, MOTCUA_CONFIG },
    timeout: 120_000,
    maxBuffer: 16 << 20,
  });
  return stdout.trim();
}

/** A read-only look-up with the mariadb client: rows of strings (NULL as null). */
export function sql(query) {
  const out = execFileSync('mariadb', [`--defaults-file=${MYCNF}`, '--batch',
    '--skip-column-names', '--raw', 'motcua', '-e', query],
  { encoding: 'utf8', timeout: 60_000 });
  return out.split('\n').filter((l) => l !== '').map((l) =>
    l.split('\t').map((c) => (c === 'NULL' ? null : c)));
}

/** One value of a one-row look-up. */
export function sqlValue(query) {
  const rows = sql(query);
  return rows.length ? rows[0][0] : undefined;
}

/** Quotes a string for SQL (only for the test's own look-ups). */
export function q(s) {
  return "'" + String(s).replace(/\\/g, '\\\\').replace(/'/g, "\\'") + "'";
}

const agencyCache = new Map();
/** An agency's code by its exact name (e.g. "Sở Tư pháp"). */
export function agencyCode(name) {
  if (!agencyCache.has(name)) {
    const c = sqlValue(`SELECT code FROM agencies WHERE name = ${q(name)} ORDER BY id LIMIT 1`);
    assert.ok(c, `no agency named ${name}`);
    agencyCache.set(name, c);
  }
  return agencyCache.get(name);
}

/** The codes of the wards (kind = 'ward', in force), by id. */
export function wardCodes() {
  return sql("SELECT code FROM agencies WHERE kind = 'ward' AND " +
    '(valid_to IS NULL OR valid_to >= CURDATE()) ORDER BY id').map((r) => r[0]);
}

/**
 * Which wards a test may file at. Dossier numbers run per ward and day, and
 * test files run in parallel: each caller names its own slot (0..N-1) and gets
 * a ward no other slot uses (random within the slot, so repeated runs on
 * one database spread out). The first wards are left to people.
 */
export const WARD_SLOTS = {
  journey: 0, api: 1, apiParallel: 2, browser: 3, escaping: 4, dbDown: 5, other: 6, notify: 7,
  office: 8, portalForms: 9, officeActions: 10, routing: 11,
  eval: 12, publicStats: 13, expect: 14, dashboard: 15,
  evalForm: 16, // wards that get a questionnaire of their own (eval-questionnaire.test)
  hostile: 17, // hostile.test: its ward's rows are checked unchanged after refused requests
};
export function randomWard(slot = WARD_SLOTS.other) {
  const all = wardCodes().slice(5);
  const nslots = Math.max(...Object.values(WARD_SLOTS)) + 1;
  const mine = all.filter((_, i) => i % nslots === slot);
  assert.ok(mine.length > 0, 'the seed should hold the wards');
  return mine[randomInt(0, mine.length)];
}

/** A new citizen account through the CLI. */
export async function newCitizen({ name, phone } = {}) {
  const tag = uniq();
  const c = {
    email: `e2e-cit-${tag}@motcua.test`,
    idNumber: newIdNumber(),
    password: `Pw-${tag}`,
    name: name || `Công Dân ${tag}`,
  };
  const args = ['user', 'add', '--role', 'citizen', '--id-number', c.idNumber,
    '--email', c.email, '--password', c.password, '--name', c.name];
  if (phone) args.push('--phone', phone);
  c.id = Number(await motcua(...args));
  return c;
}

/** A new officer (receiver, specialist, leader) of an agency through the CLI. */
export async function newOfficer(role, agency, name) {
  const tag = uniq();
  const o = {
    email: `e2e-${role}-${tag}@motcua.test`,
    password: `Pw-${tag}`,
    name: name || `Cán Bộ ${role} ${tag}`,
    agency,
  };
  o.id = Number(await motcua('user', 'add', '--role', role, '--agency', agency,
    '--email', o.email, '--password', o.password, '--name', o.name));
  return o;
}

/** A bearer token for an account. */
export async function newToken(email) {
  const t = await motcua('token', 'create', '--email', email);
  assert.match(t, /^[0-9a-f]{64}$/, 'token create prints 64 hex digits');
  return t;
}

// ------------------------------------------------------------------ HTTP

export function url(p) {
  return /^https?:/.test(p) ? p : BASE_URL + p;
}

/** A fetched answer with its body read once. */
export class Answer {
  constructor(res, body) {
    this.status = res.status;
    this.headers = res.headers;
    this.body = body;
    this.url = res.url;
  }
  get text() { return this.body.toString('utf8'); }
  get location() { return this.headers.get('location'); }
  get type() { return this.headers.get('content-type') || ''; }
  json() {
    assert.match(this.type, /^application\/json/, `JSON expected, got ${this.type}: ${this.text.slice(0, 200)}`);
    return JSON.parse(this.text);
  }
}

/** fetch with a timeout, redirects left to the caller, the body read. */
export async function request(p, opts = {}) {
  const res = await fetch(url(p), {
    redirect: 'manual',
    signal: AbortSignal.timeout(opts.timeout || HTTP_TIMEOUT),
    ...opts,
  });
  return new Answer(res, Buffer.from(await res.arrayBuffer()));
}

/**
 * POSTs a large body with node:http, reading the answer even when the server
 * answers (and closes) before the whole body is sent, as HTTP allows for a
 * 413. One retry when the connection breaks before any answer.
 */
export async function postLarge(p, body, headers = {}, attempt = 1) {
  const http = await import('node:http');
  const u = new URL(url(p));
  try {
    return await new Promise((resolve, reject) => {
      const req = http.request({
        host: u.hostname, port: u.port, path: u.pathname + u.search, method: 'POST',
        headers: { ...headers, 'content-length': body.length }, timeout: HTTP_TIMEOUT,
      }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const h = new Headers();
          for (const [k, v] of Object.entries(res.headers)) h.set(k, Array.isArray(v) ? v.join(', ') : v);
          resolve(new Answer({ status: res.statusCode, headers: h, url: u.href }, Buffer.concat(chunks)));
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.on('timeout', () => req.destroy(new Error(`no answer within ${HTTP_TIMEOUT} ms`)));
      (async () => {
        for (let off = 0; off < body.length && !req.destroyed; off += 1 << 20) {
          if (!req.write(body.subarray(off, off + (1 << 20)))) await new Promise((r) => req.once('drain', r));
        }
        req.end();
      })().catch(() => {});
    });
  } catch (e) {
    if (attempt >= 2) throw e;
    console.log(`# postLarge ${p}: ${e.code || e.message} before any answer; trying once more`);
    return postLarge(p, body, headers, attempt + 1);
  }
}

/** The hidden csrf field of a page's (first) form. */
export function csrfOf(html) {
  const m = html.match(/name="csrf" value="([0-9a-f]{64})"/);
  assert.ok(m, 'the page has a form with a hidden csrf field');
  return m[1];
}

/** A browser-like visitor: a cookie jar and helpers for the site's forms. */
export class Visitor {
  constructor(headers = {}) {
    this.cookies = new Map();
    this.headers = headers;
  }

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  keep(res) {
    for (const sc of res.headers.getSetCookie()) {
      const [pair, ...attrs] = sc.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const gone = attrs.some((a) => /^\s*max-age\s*=\s*0\s*$/i.test(a)) || value === '';
      if (gone) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async fetch(p, opts = {}) {
    const headers = { ...this.headers, ...(opts.headers || {}) };
    if (this.cookies.size) headers.cookie = this.cookieHeader();
    const res = await fetch(url(p), {
      redirect: 'manual',
      signal: AbortSignal.timeout(opts.timeout || HTTP_TIMEOUT),
      ...opts,
      headers,
    });
    this.keep(res);
    const a = new Answer(res, Buffer.from(await res.arrayBuffer()));
    a.path = p;
    return a;
  }

  get(p, opts = {}) { return this.fetch(p, { ...opts, method: 'GET' }); }

  /** GET, following local redirects (303/302/301) like a browser. */
  async follow(p, opts = {}) {
    let a = await this.get(p, opts);
    for (let i = 0; i < 5 && [301, 302, 303].includes(a.status); i++) {
      const loc = new URL(a.location, url(p));
      assert.equal(loc.origin, new URL(BASE_URL).origin, 'redirects stay on the site');
      p = loc.pathname + loc.search;
      a = await this.get(p, opts);
    }
    a.path = p;
    return a;
  }

  /** POST an urlencoded form (fields: object or array of pairs). */
  postForm(p, fields, opts = {}) {
    return this.fetch(p, { ...opts, method: 'POST', body: new URLSearchParams(fields) });
  }

  /** POST a multipart form (FormData built from an object; Blob values are files). */
  postMultipart(p, form, opts = {}) {
    return this.fetch(p, { ...opts, method: 'POST', body: toFormData(form) });
  }

  /** The csrf token of the form on a page (fetched now). */
  async csrf(p = '/dich-vu/dang-nhap') {
    const a = await this.get(p);
    assert.equal(a.status, 200, `GET ${p}`);
    return csrfOf(a.text);
  }

  /** Logs in through the HTML form; returns the 303 answer. */
  async login(login, password, next) {
    const csrf = await this.csrf('/dich-vu/dang-nhap');
    const f = { csrf, login, password };
    if (next) f.next = next;
    const a = await this.postForm('/dich-vu/dang-nhap', f);
    assert.equal(a.status, 303, `login of ${login} answers 303, got ${a.status}`);
    assert.ok(this.cookies.has('mc_session'), 'login sets the session cookie');
    return a;
  }
}

/** FormData from a plain object: arrays repeat a part; {blob, name} is a file. */
export function toFormData(form) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(form)) {
    for (const one of Array.isArray(v) ? v : [v]) {
      if (one && one.blob instanceof Blob) fd.append(k, one.blob, one.name);
      else fd.append(k, String(one));
    }
  }
  return fd;
}

/** A file part for toFormData. */
export function filePart(bytes, name, type = 'application/pdf') {
  return { blob: new Blob([bytes], { type }), name };
}

/** Logged-in visitor for an account. */
export async function loggedIn(login, password) {
  const v = new Visitor();
  await v.login(login, password);
  return v;
}

// ------------------------------------------------------------------ data

/** A small but complete PDF 1.4 (one page with a line of text). */
export function minimalPdf(text = 'Mot Cua e2e') {
  const safe = text.replace(/[()\\]/g, '');
  const stream = `BT /F1 18 Tf 36 100 Td (${safe}) Tj ET`;
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R ' +
      '/Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(stream)} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets = [];
  objs.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** RFC 4180 lines: fields split on commas outside double quotes. */
export function parseCsv(text) {
  const rows = [];
  let row = [], cell = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(cell); cell = ''; } else if (ch === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; } else if (ch !== '\r') cell += ch;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

/** YYMMDD of a moment in Ho Chi Minh City. */
export function hcmcYYMMDD(d = new Date()) {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh', year: '2-digit', month: '2-digit', day: '2-digit',
  }).formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}${p.month}${p.day}`;
}

/**
 * Waits, when Ho Chi Minh City's midnight is less than `minutes` away, until
 * just after it. A file that files a dossier "today" and then reads today's
 * or this month's figures must not see the day change between the two; the
 * suite runs in the evening UTC, when the city's day turns at 17:00.
 */
export async function awayFromMidnight(minutes = 10) {
  const now = Date.now();
  const local = now + 7 * 3600e3;
  const nextMidnight = Math.ceil(local / 86400e3) * 86400e3 - 7 * 3600e3;
  const left = nextMidnight - now;
  if (left > minutes * 60e3) return;
  console.log(`# ${Math.ceil(left / 1000)} s to midnight in Ho Chi Minh City: waiting for the new day`);
  await new Promise((r) => setTimeout(r, left + 5000));
}

/** Asserts a dossier code for an agency, dated today in HCMC (either side of a midnight). */
export function assertDossierCode(code, agency, before, after = new Date()) {
  const re = new RegExp(`^${agency.replace(/\./g, '\\.')}-(\\d{6})-(\\d{4,})$`);
  const m = code.match(re);
  assert.ok(m, `dossier code ${code} has the form ${agency}-YYMMDD-XXXX`);
  assert.ok([hcmcYYMMDD(before), hcmcYYMMDD(after)].includes(m[1]),
    `dossier code ${code} carries today's date in Ho Chi Minh City (${hcmcYYMMDD(after)})`);
  return Number(m[2]);
}

// ------------------------------------------------------------------ reading pages
// Small readers of the rendered HTML that look at what a visitor sees (text,
// values, links) rather than at exact markup, so that a template may change
// its layout without breaking the suite, but not its content.

const ENTITIES = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: '\u00a0' };
/** Decodes character references. */
export function decodeHtml(s) {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e) => {
    if (e[0] === '#') return String.fromCodePoint(e[1].toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/** The visible text of an HTML fragment, whitespace collapsed. */
export function textOf(html) {
  return decodeHtml(html.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ').trim();
}

/** The text of the page's first <h1>. */
export function h1Of(html) {
  const m = html.match(/<h1\b[^>]*>([\s\S]*?)<\/h1>/);
  return m ? textOf(m[1]) : undefined;
}

/** The value of the <input id="..."> (decoded), '' without one, undefined if absent. */
export function inputValue(html, id) {
  const tag = html.match(new RegExp(`<input\\b[^>]*\\bid="${id}"[^>]*>`));
  if (!tag) return undefined;
  const v = tag[0].match(/\bvalue="([^"]*)"/);
  return v ? decodeHtml(v[1]) : '';
}

/** The option values of <select id="...">. */
export function selectOptions(html, id) {
  const m = html.match(new RegExp(`<select\\b[^>]*\\bid="${id}"[^>]*>([\\s\\S]*?)</select>`));
  return m ? [...m[1].matchAll(/<option\b[^>]*\bvalue="([^"]*)"/g)].map((x) => decodeHtml(x[1])) : [];
}

/** The table row (<tr>...</tr>) holding a link to href, or undefined. */
export function rowLinking(html, href) {
  return (html.match(/<tr\b[\s\S]*?<\/tr>/g) || []).find((r) => r.includes(`href="${href}"`));
}

/** The text of the <dd> after the <dt> whose text is label, or undefined. */
export function fact(html, label) {
  for (const m of html.matchAll(/<dt\b[^>]*>([\s\S]*?)<\/dt>\s*<dd\b[^>]*>([\s\S]*?)<\/dd>/g)) {
    if (textOf(m[1]) === label) return textOf(m[2]);
  }
  return undefined;
}

/** The status badge shown among the dossier's facts: its number and words. */
export function statusBadge(html) {
  const m = html.match(/<dd>\s*<span class="badge status-(\d+)">([^<]*)<\/span>/);
  assert.ok(m, 'the page shows the dossier status badge');
  return { status: Number(m[1]), text: decodeHtml(m[2]) };
}

/** The history (timeline) entries: action words and the status they led to. */
export function historyActions(html) {
  const tl = html.match(/<ol class="timeline">([\s\S]*?)<\/ol>/);
  assert.ok(tl, 'the page shows the history');
  return tl[1].split(/<li\b/).slice(1).map((li) => {
    const a = li.match(/<strong>([^<]*)<\/strong>/);
    const b = li.match(/class="badge status-(\d+)"/);
    return { action: a ? decodeHtml(a[1]) : '', to: b ? Number(b[1]) : 0 };
  });
}

/** Asserts that the history shows these entries, in this order (others may come between). */
export function assertHistory(html, want) {
  const got = historyActions(html);
  let i = 0;
  for (const e of got) if (i < want.length && e.action === want[i].action && e.to === want[i].to) i++;
  assert.equal(i, want.length, `history ${JSON.stringify(got)} shows ${JSON.stringify(want)} in order`);
  return got;
}

/** The attachments listed on a dossier page: link, name, type and size. */
export function attachments(html) {
  return [...html.matchAll(/<a href="([^"]*\/tep\/\d+)">([^<]*)<\/a>\s*<span class="muted">\(([^,)]+), (\d+) B/g)]
    .map((m) => ({ href: decodeHtml(m[1]), name: decodeHtml(m[2]), mime: m[3], size: Number(m[4]) }));
}

/** The hidden fields of the officer's form for an action (csrf, version, ...), or undefined. */
export function actionForm(html, action) {
  const forms = html.match(/<form\b[^>]*action="[^"]*\/xu-ly"[^>]*>[\s\S]*?<\/form>/g) || [];
  const f = forms.find((x) => new RegExp(`name="action" value="${action}"|value="${action}"[^>]*name="action"`).test(x));
  if (!f) return undefined;
  const fields = { action };
  for (const m of f.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields[m[1]] = decodeHtml(m[2]);
  return fields;
}

/** assert.ok for "the page has X", without printing the whole page on failure. */
export function assertHas(html, what, msg) {
  const ok = what instanceof RegExp ? what.test(html) : html.includes(what);
  assert.ok(ok, `${msg} (looked for ${what})`);
}

// ------------------------------------------------------------------ error answers

const TITLES = {
  vi: {
    400: 'Yêu cầu không hợp lệ', 403: 'Không có quyền truy cập', 404: 'Không tìm thấy trang',
    405: 'Phương thức không được hỗ trợ', 409: 'Hồ sơ đã thay đổi', 413: 'Dữ liệu gửi lên quá lớn',
    503: 'Hệ thống tạm thời gián đoạn',
  },
};

/** Text that must never reach a visitor: SQL, driver messages, traces, paths. */
export const LEAKS = [
  /\b(SELECT|INSERT|UPDATE|DELETE)\s+[\s\S]{0,40}\b(FROM|INTO|SET|WHERE)\b/,
  /SQL syntax|MariaDB|MySQL|mysqld|ER_[A-Z_]{4,}|Deadlock|Lock wait/i,
  /Traceback|stack trace|Segmentation fault|core dumped|\bat \S+ \(\S+:\d+:\d+\)/i,
  /\b[\w/-]+\.(c|h|cs|hdf):\d+/, /\/tmp\/motcua|\/work\/|\/root\//,
  /NEOERR|ClearSilver|nerr_|hdf_/,
];

export function assertNoLeak(text, what = 'the answer') {
  for (const re of LEAKS) assert.doesNotMatch(text, re, `${what} shows no internals (${re})`);
}

/**
 * An HTML error page: the status, HTML in the language asked for, its title,
 * a request id, no internals. Returns the request id.
 */
export function assertErrorPage(a, status, { lang = 'vi', title } = {}) {
  assert.equal(a.status, status, `status ${status} expected, got ${a.status}: ${a.text.slice(0, 300)}`);
  assert.match(a.type, /^text\/html/, `an HTML page, not ${a.type}`);
  assert.ok(a.body.length > 300, 'never a blank or near-blank page');
  assert.match(a.text, new RegExp(`<html lang="${lang}"`), `the page is in language ${lang}`);
  const h1 = a.text.match(/<h1>([^<]+)<\/h1>/);
  assert.ok(h1, 'the error page has a heading');
  if (title === undefined && lang === 'vi') title = TITLES.vi[status];
  if (title) assert.equal(h1[1], title, `heading of the ${status} page`);
  const id = a.text.match(/class="request-id">[^<]*<code>([0-9a-f]{16})<\/code>/);
  assert.ok(id, 'the error page shows the request id');
  if (lang === 'vi') assert.match(a.text, /Mã yêu cầu:/, 'the request id is labelled in Vietnamese');
  assertNoLeak(a.text, `the ${status} page`);
  return id[1];
}

/** A JSON error of the API: {error, status, request_id}. Returns the body. */
export function assertJsonError(a, status) {
  assert.equal(a.status, status, `status ${status} expected, got ${a.status}: ${a.text.slice(0, 300)}`);
  const j = a.json();
  assert.equal(typeof j.error, 'string');
  assert.ok(j.error.length > 3, 'the error has a message');
  assert.equal(j.status, status, 'the JSON carries the status');
  assert.match(j.request_id, /^[0-9a-f]{16}$/, 'the JSON carries the request id');
  assertNoLeak(a.text, `the ${status} JSON`);
  return j;
}

/** Polls fn until it returns a truthy value (or throws after timeout ms). */
export async function until(fn, { timeout = 30_000, every = 100, what = 'condition' } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${last && last.message ? last.message : last}`);
    await new Promise((r) => setTimeout(r, every));
  }
}

export function fileExists(p) { return existsSync(p); }

// ------------------------------------------------------------------ browser

/** Debian's Chromium through playwright-core (never a downloaded browser). */
export async function launchBrowser() {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    timeout: 60_000,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
      '--disable-dev-shm-usage'],
  });
  await patchScreenshot(browser);
  return browser;
}

let screenshotPatched = false;

/**
 * page.screenshot tried once more, half a second later, when Chromium's
 * compositor refuses a capture with "Unable to capture screenshot" (an
 * upstream flake of full-page captures: it failed a11y.test once, on a
 * 7,000 px page the run before had taken, in a make test of 2026-12-07).
 * Screenshots are the tests' record, not what they assert; any other error,
 * or a second refusal, still fails the test.
 */
async function patchScreenshot(browser) {
  if (screenshotPatched) return;
  const ctx = await browser.newContext();
  const proto = Object.getPrototypeOf(await ctx.newPage());
  await ctx.close();
  const screenshot = proto.screenshot;
  proto.screenshot = async function screenshotOnceMore(options) {
    try {
      return await screenshot.call(this, options);
    } catch (e) {
      if (!/Unable to capture screenshot/.test(String(e && e.message))) throw e;
      console.log(`# screenshot refused by Chromium, taken again: ${String(e.message).split('\n')[0]}`);
      await new Promise((r) => setTimeout(r, 500));
      return screenshot.call(this, options);
    }
  };
  screenshotPatched = true;
}

/**
 * Watches a page for what a visitor would see go wrong: console errors
 * (CSP violations among them), uncaught exceptions, failed requests and
 * answers of 400 and more. problems() lists them.
 */
export function watch(page) {
  const seen = [];
  page.on('console', (m) => { if (m.type() === 'error') seen.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => seen.push(`exception: ${e.message}`));
  // A request cut short because the test moved on (net::ERR_ABORTED: the
  // next goto while a late image, font or fetch of the last page was on its
  // way) is not something a user sees; every other failure is.
  page.on('requestfailed', (r) => {
    const why = r.failure() && r.failure().errorText;
    if (why !== 'net::ERR_ABORTED') seen.push(`failed: ${r.url()} ${why}`);
  });
  page.on('response', (r) => { if (r.status() >= 400) seen.push(`HTTP ${r.status()}: ${r.url()}`); });
  page.on('dialog', (d) => { seen.push(`dialog: ${d.type()} ${d.message()}`); d.dismiss().catch(() => {}); });
  return { problems: () => [...seen], clear: () => { seen.length = 0; } };
}

// ------------------------------------------------------------------ axe-core

/** The WCAG rule sets every accessibility check runs. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
let axeSource;

/**
 * axe-core (from npm) over the page as it stands, WCAG 2.0-2.2 A and AA
 * (AXE_TAGS). axe is injected as a script, which the pages' CSP (rightly)
 * forbids: open the page in a context made with { bypassCSP: true }.
 * Returns { bad, other }: the serious and critical violations (a test fails
 * on them) and the moderate and minor ones, each { id, impact, help, nodes }
 * (the selectors of its first three nodes).
 */
export async function axeRun(page) {
  if (axeSource === undefined) {
    axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  }
  await page.addScriptTag({ content: axeSource });
  const found = await page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  }, AXE_TAGS);
  const serious = (v) => v.impact === 'serious' || v.impact === 'critical';
  return { bad: found.filter(serious), other: found.filter((v) => !serious(v)) };
}

/**
 * Fails when axe finds a serious or critical violation on the page (what
 * names the page in the message); the moderate and minor ones are printed
 * as TAP comments, not failed.
 */
export async function assertAxe(page, what = page.url()) {
  const { bad, other } = await axeRun(page);
  assert.deepEqual(bad, [], `${what}: ${JSON.stringify(bad, null, 1)}`);
  for (const v of other) console.log(`# ${what}: ${v.impact} ${v.id}: ${v.help} (${v.nodes.join(', ')})`);
}

// ------------------------------------------------------------------ papers

/**
 * The text of a PDF, NFC, whitespace collapsed, read twice: in reading order
 * (pdftotext), then, after a " \u241e " mark, in drawing order (-raw). In
 * reading order a table row is read line by line across its cells, so a
 * wrapped cell's words come apart; in drawing order a cell comes whole but a
 * list item's number may come after its first line. pdfHas accepts either.
 */
export async function pdfText(bytes) {
  const { mkdtemp, rm, writeFile } = await import('node:fs/promises');
  const os = await import('node:os');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'motcua-e2e-pdf-'));
  const fold = (t) => t.normalize('NFC').replace(/\s+/g, ' ').trim();
  try {
    const f = path.join(dir, 'paper.pdf');
    await writeFile(f, bytes);
    const opt = { maxBuffer: 16 << 20 };
    const read = await execFileP('pdftotext', ['-enc', 'UTF-8', f, '-'], opt);
    const drawn = await execFileP('pdftotext', ['-raw', '-enc', 'UTF-8', f, '-'], opt);
    return `${fold(read.stdout)} \u241e ${fold(drawn.stdout)}`;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The text of one member of a zip file (an .xlsx or .docx export). */
export function unzipText(file, member) {
  return execFileSync('unzip', ['-p', file, member], { encoding: 'utf8', maxBuffer: 64 << 20 });
}

/**
 * True if a paper's text (pdfText) holds the words, in one of its two
 * readings, whitespace ignored on both sides: lines and table cells wrap
 * anywhere, a long word too.
 */
export function pdfHas(text, words) {
  const want = String(words).normalize('NFC').replace(/\s+/g, '');
  return text.split('\u241e').some((t) => t.replace(/\s+/g, '').includes(want));
}

/**
 * Files a dossier online through the two pages (issue 13): the form (the
 * old field names content and file map to the default form's f.content
 * and first upload slot doc.d1), then "check your answers" and its submit
 * button. Returns the form's answer when it is not a 303 to the check page,
 * else the submit's answer (303 to the dossier's page).
 */
export async function fileOnline(v, proc, fields) {
  const form = {};
  for (const [k, val] of Object.entries(fields)) {
    if (k === 'content') form['f.content'] = val;
    else if (k === 'file') form['doc.d1'] = val;
    else form[k] = val;
  }
  const a = await v.postMultipart(`/dich-vu/nop-ho-so/${proc}`, form);
  if (a.status !== 303 || !/\/kiem-tra\?nhap=\d+$/.test(a.location || '')) return a;
  const check = await v.get(a.location);
  if (check.status !== 200) return check;
  const draft = a.location.match(/nhap=(\d+)/)[1];
  return v.postForm(`/dich-vu/nop-ho-so/${proc}/kiem-tra`, { csrf: csrfOf(check.text), nhap: draft });
}

/**
 * Puts a form definition in force for the procedure code (a new version
 * from a second ago), as the form designer saves one. Use a procedure no
 * other test files.
 */
export function putEForm(code, def) {
  sql(`INSERT INTO procedure_forms (procedure_id, version, definition, effective_from, created_at)
       SELECT p.id, (SELECT COALESCE(MAX(f.version), 0) + 1 FROM procedure_forms f WHERE f.procedure_id = p.id),
              ${q(JSON.stringify(def))}, NOW() - INTERVAL 1 SECOND, NOW()
       FROM procedures p WHERE p.code = ${q(code)}`);
}

/**
 * Signs in through the login form (/dich-vu/dang-nhap) in a fresh context
 * of the browser, its viewport width wide; returns its page, on the page
 * the login led to. Close it with page.context().close().
 */
export async function signIn(browser, login, password, width = 1280) {
  const ctx = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await ctx.newPage();
  await page.goto(`${BASE_URL}/dich-vu/dang-nhap`);
  await page.locator('#login').fill(login);
  await page.locator('#password').fill(password);
  await Promise.all([page.waitForNavigation(), page.locator('form.form button[type=submit]').click()]);
  return page;
}

/** Clicks locator and waits for the page it leads to (a form's submit). */
export async function submitAndWait(page, locator) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), locator.click()]);
}

/** Logs who ({email, password}) in through the portal's login form in page. */
export async function portalLogin(page, who) {
  await page.goto(`${BASE_URL}/dich-vu/dang-nhap`);
  await page.locator('#login').fill(who.email);
  await page.locator('#password').fill(who.password);
  await submitAndWait(page, page.locator('form.form button[type=submit]'));
}
