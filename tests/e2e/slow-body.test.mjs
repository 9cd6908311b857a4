// Slow request bodies and headers (issue 9, item 3): three connections that
// trickled a POST body held three of the portal's four FastCGI workers for
// 30 s. mod_reqtimeout (RequestReadTimeout in apache-conf/httpd.conf.in) now
// cuts a body or headers that come too slowly, and the pools have room to
// spare: a normal request to the same program answers at once while the slow
// ones are held, and the slow ones end (408 or closed) within the configured
// time. Raw sockets, every one bounded in time.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import test from 'node:test';
import { BASE_URL, RUNDIR, configValue } from './lib.mjs';

const { hostname: HOST, port: PORT_S } = new URL(BASE_URL);
const PORT = Number(PORT_S);

// The limits the running Apache was configured with (its generated config).
const HTTPD = readFileSync(path.join(RUNDIR, 'apache', 'httpd.conf'), 'utf8');
const RRT = (HTTPD.match(/^\s*RequestReadTimeout\s+(.*)$/m) || [])[1] || '';
const BODY_S = Number((RRT.match(/body=(\d+)/) || [])[1] || 10);
const HEADER_MAX_S = Number((RRT.match(/header=\d+(?:-(\d+))?/) || [])[1] || (RRT.match(/header=(\d+)/) || [])[1] || 20);
const SLACK_MS = 6000;          // a loaded 2-core machine

/**
 * Opens a connection and sends `head`, then one byte of `trickle` every
 * `everyMs` until the server answers or closes, or `capMs` passes (then the
 * socket is destroyed and `how` is 'still open'). Resolves with how it ended,
 * after how long, and the status line's code if an answer came.
 */
function slowClient(head, { everyMs = 1000, capMs, trickle = 'a' }) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const sock = net.connect(PORT, HOST);
    let got = '';
    let timer = null;
    let done = false;
    const finish = (how) => {
      if (done) return;
      done = true;
      clearInterval(timer);
      clearTimeout(cap);
      sock.destroy();
      const m = got.match(/^HTTP\/1\.[01] (\d{3})/);
      resolve({ how, ms: Date.now() - t0, status: m ? Number(m[1]) : null });
    };
    const cap = setTimeout(() => finish('still open'), capMs);
    sock.setNoDelay(true);
    sock.on('connect', () => {
      sock.write(head);
      timer = setInterval(() => { if (!sock.destroyed) sock.write(trickle); }, everyMs);
    });
    sock.on('data', (b) => { got += b.toString('latin1'); if (/\r\n\r\n/.test(got)) finish('answered'); });
    sock.on('end', () => finish(got ? 'answered' : 'closed'));
    sock.on('close', () => finish(got ? 'answered' : 'closed'));
    sock.on('error', () => finish('closed'));
  });
}

const slowBodyHead = (p) =>
  `POST ${p} HTTP/1.1\r\nHost: ${HOST}:${PORT}\r\nContent-Type: application/x-www-form-urlencoded\r\n` +
  `Content-Length: 100000\r\nConnection: close\r\n\r\n`;

test('the instance is configured with mod_reqtimeout and enough workers per program', () => {
  assert.ok(/^LoadModule reqtimeout_module /m.test(HTTPD), 'mod_reqtimeout loaded');
  assert.match(RRT, /header=\d+(-\d+)?,MinRate=\d+/, `header timeout with a minimum rate (${RRT})`);
  assert.match(RRT, /body=\d+(-\d+)?,MinRate=\d+/, `body timeout with a minimum rate (${RRT})`);
  assert.ok(BODY_S <= 20, `a slow body is cut within ${BODY_S} s`);
  const workers = Number(configValue('workers'));
  assert.ok(workers >= 8, `${workers} workers per program: a few slow clients leave most of them free`);
});

test('three slow bodies do not starve the portal, and are cut (408 or closed) within the body timeout', async () => {
  const capMs = BODY_S * 1000 + SLACK_MS + 4000;
  const slow = [1, 2, 3].map(() => slowClient(slowBodyHead('/dich-vu/dang-nhap'), { capMs }));
  // Let them reach the program's workers, then ask the same program normally.
  await new Promise((r) => setTimeout(r, 2000));
  const t0 = Date.now();
  const r = await fetch(`${BASE_URL}/dich-vu/dang-nhap`, { signal: AbortSignal.timeout(capMs) });
  const ms = Date.now() - t0;
  assert.equal(r.status, 200);
  await r.text();
  assert.ok(ms < 3000, `a normal request answered in ${ms} ms while 3 slow bodies were held`);
  const ends = await Promise.all(slow);
  for (const e of ends) {
    assert.notEqual(e.how, 'still open', `a slow body was still held after ${e.ms} ms (${JSON.stringify(ends)})`);
    assert.ok(e.status === null || e.status === 408 || e.status === 400,
      `cut with 408 (or closed): ${JSON.stringify(e)}`);
    assert.ok(e.ms <= BODY_S * 1000 + SLACK_MS, `cut after ${e.ms} ms (limit ${BODY_S} s)`);
  }
  // The workers they held are free again: several requests at once all answer.
  const t1 = Date.now();
  const many = await Promise.all([...Array(6)].map(() =>
    fetch(`${BASE_URL}/dich-vu/dang-nhap`, { signal: AbortSignal.timeout(15_000) }).then(async (x) => { await x.text(); return x.status; })));
  assert.deepEqual(many, Array(6).fill(200));
  assert.ok(Date.now() - t1 < 5000, `6 requests at once answered in ${Date.now() - t1} ms`);
});

test('slow headers (slowloris) are cut within the header timeout', async () => {
  const capMs = HEADER_MAX_S * 1000 + SLACK_MS + 4000;
  const e = await slowClient(`GET /dich-vu/ HTTP/1.1\r\nHost: ${HOST}:${PORT}\r\n`,
    { capMs, trickle: 'X', everyMs: 1000 });
  assert.notEqual(e.how, 'still open', `slow headers still held after ${e.ms} ms`);
  assert.ok(e.status === null || e.status === 408, `cut with 408 (or closed): ${JSON.stringify(e)}`);
  assert.ok(e.ms <= HEADER_MAX_S * 1000 + SLACK_MS, `cut after ${e.ms} ms (limit ${HEADER_MAX_S} s)`);
});
