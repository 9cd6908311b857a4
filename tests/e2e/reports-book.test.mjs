// The registers of issue 11 in headless Chromium: a ward leader reads the
// pending figures of past month ends on the statistics page (each equal to
// the statistics up to that day), goes from there to the tracking book
// (form 06), the late dossiers with their apologies and the officers'
// workload through the reports' links, finds this file's own dossiers with
// the right notes and figures, and downloads each as CSV, Word and PDF
// through the page's links (the book's and the late list's Word and PDF
// through their forms: export jobs, fetched from "my exports"); the ward's receiver reaches the same pages
// from the inbox and sees only their own line; an officer of another ward
// gets 403. Only this file's dossiers and officers are asserted on.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import {
  BASE_URL, PROC, WARD_SLOTS, Visitor, assertErrorPage, filePart, launchBrowser, minimalPdf,
  newCitizen, newOfficer, newToken, pdfHas, pdfText, q, randomWard, request, sql, sqlValue, toFormData, uniq, until,
  unzipText, watch,
  awayFromMidnight,
} from './lib.mjs';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'output');
const bearer = (t) => ({ authorization: `Bearer ${t}` });
/** Today in Ho Chi Minh City, YYYY-MM-DD. */
const today = () => new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);
const dmy = (iso) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

async function act(token, code, body) {
  const a = await request(`/api/v1/dossiers/${encodeURIComponent(code)}/transitions`, {
    method: 'POST', headers: { ...bearer(token), 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  assert.equal(a.status, 200, `${body.action}: ${a.status} ${a.text.slice(0, 300)}`);
  return a.json();
}

// Today's figures are read after today's filings: not across midnight.
await awayFromMidnight();

describe('the tracking book, the late list and the officers', { concurrency: false, timeout: 600_000 }, () => {
  const tag = uniq();
  const applicant = `Sổ Sách ${tag}`;
  let browser, ward, wardId, recv, leader, outsider, cToken, rToken, lToken;
  const c = {};

  before(async () => {
    mkdirSync(OUT, { recursive: true });
    ward = randomWard(WARD_SLOTS.other);
    let other;
    do other = randomWard(WARD_SLOTS.other); while (other === ward);
    wardId = Number(sqlValue(`SELECT id FROM agencies WHERE code = ${q(ward)}`));
    const citizen = await newCitizen({ name: applicant });
    recv = await newOfficer('receiver', ward, `Tiếp Nhận ${tag}`);
    leader = await newOfficer('leader', ward, `Lãnh Đạo ${tag}`);
    outsider = await newOfficer('receiver', other, `Phường Khác ${tag}`);
    [cToken, rToken, lToken] = await Promise.all([citizen, recv, leader].map((x) => newToken(x.email)));
    for (const what of ['early', 'apology', 'late', 'held']) {
      const a = await request('/api/v1/dossiers', {
        method: 'POST', headers: bearer(cToken), body: toFormData({
          procedure: PROC, agency: ward, fields: JSON.stringify({ content: `Sổ theo dõi ${what} ${tag}` }),
          file: filePart(minimalPdf(`${what} ${tag}`), `${what}.pdf`),
        }),
      });
      assert.equal(a.status, 201, a.text);
      c[what] = a.json().code;
      await act(rToken, c[what], { action: 'accept' });
      if (what !== 'held') await act(rToken, c[what], { action: 'forward' });
    }
    // Resolved and returned today, within its time.
    await act(lToken, c.early, { action: 'decide' });
    await act(rToken, c.early, { action: 'return', method: 1 });
    // An apology with a new date; its first due time then put at today's
    // first second, so that it is open past it (a real one is days away).
    const due = sqlValue(`SELECT DATE_FORMAT(due_at + INTERVAL 10 DAY, '%Y-%m-%d') FROM dossiers WHERE code = ${q(c.apology)}`);
    sql(`UPDATE dossiers SET due_at = due_at + INTERVAL 10 DAY WHERE code = ${q(c.apology)}`);
    const newDay = new Date(Date.parse(`${due}T12:00:00Z`) + 7 * 86400e3).toISOString().slice(0, 10);
    c.newDay = newDay;
    await act(lToken, c.apology, { action: 'apology', note: `Chờ xác minh ${tag}`, new_due: newDay });
    sql(`UPDATE dossiers SET original_due_at = '${today()} 00:00:01' WHERE code = ${q(c.apology)}`);
    // Resolved after a due time put at today's first second: late.
    await act(lToken, c.late, { action: 'decide' });
    sql(`UPDATE dossiers SET due_at = '${today()} 00:00:01' WHERE code = ${q(c.late)}`);
    // Held by the receiver, its step overdue.
    sql(`UPDATE dossiers SET step_due_at = '${today()} 00:00:01', step_warn_at = '${today()} 00:00:00' WHERE code = ${q(c.held)}`);
    browser = await launchBrowser();
  });

  after(async () => {
    if (browser) await browser.close();
    for (const k of ['apology', 'held']) {
      await request(`/api/v1/dossiers/${encodeURIComponent(c[k])}/transitions`, {
        method: 'POST', headers: { ...bearer(lToken), 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'stop', note: 'dọn dẹp sau kiểm thử' }),
      }).catch(() => {});
    }
  });

  async function signedIn(who, width) {
    const ctx = await browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true });
    const page = await ctx.newPage();
    await page.goto(`${BASE_URL}/dich-vu/dang-nhap`);
    await page.locator('#login').fill(who.email);
    await page.locator('#password').fill(who.password);
    await Promise.all([page.waitForURL(`${BASE_URL}/can-bo/`), page.locator('form.form button[type=submit]').click()]);
    return { ctx, page, w: watch(page) };
  }

  /** The row of a dossier on a register, following "next page" links. */
  async function rowOf(page, table, code) {
    for (let i = 0; i < 40; i++) {
      const row = page.locator(`#${table} tr[data-code="${code}"]`);
      if (await row.count()) return row;
      const next = page.locator('#page-next');
      assert.ok(await next.count(), `${code} is on a page of ${table}`);
      await Promise.all([page.waitForURL(/after_id=/), next.click()]);
    }
    throw new Error(`${code} not found`);
  }

  const cell = async (row, col) => (await row.locator(`[data-col="${col}"]`).innerText()).trim();

  /** The file behind the page's export link #export-<ext>: its path. */
  async function download(page, ext) {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.locator(`#export-${ext}`).click()]);
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'reports-book-')), dl.suggestedFilename());
    await dl.saveAs(file);
    return file;
  }

  const csvOf = async (page) => readFileSync(await download(page, 'csv'), 'utf8');

  /**
   * A register's file asked for through its form (an export job): "my
   * exports" reloaded until the file is ready, then downloaded; the page
   * goes back to the register. The file's path.
   */
  async function viaJob(page, ext) {
    const back = page.url();
    await Promise.all([page.waitForURL(/\/can-bo\/tep-xuat\?queued=\d+/, { timeout: 60_000 }),
      page.locator(`#export-${ext}`).click()]);
    const id = new URL(page.url()).searchParams.get('queued');
    const row = page.locator(`#exports tr[data-job="${id}"]`);
    await until(async () => {
      await page.goto(`${BASE_URL}/can-bo/tep-xuat`);
      const st = await row.getAttribute('data-state');
      assert.notEqual(st, 'failed', `job ${id} failed`);
      return st === 'ready';
    }, { timeout: 300_000, every: 1000, what: `export ${id} ready` });
    const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }),
      row.locator('a.export-download').click()]);
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'reports-book-')), dl.suggestedFilename());
    await dl.saveAs(file);
    await page.goto(back);
    return file;
  }

  /** The receiver's finished steps today, from the steps themselves. */
  function recvSteps() {
    const [n, early, ontime, late] = sqlValue(`SELECT CONCAT_WS(' ', COUNT(*), COALESCE(SUM(outcome = 'early'), 0),
      COALESCE(SUM(outcome = 'ontime'), 0), COALESCE(SUM(outcome = 'late'), 0)) FROM dossier_steps
      WHERE taken_by = ${recv.id} AND agency_id = ${wardId} AND finished_at >= '${today()}'`).split(' ').map(Number);
    return { n, early, ontime, late };
  }

  test('a leader opens each register from the statistics page and downloads it', async () => {
    const { ctx, page, w } = await signedIn(leader, 1280);
    try {
      await page.goto(`${BASE_URL}/can-bo/?agency=${wardId}`);
      await Promise.all([page.waitForURL(/\/can-bo\/thong-ke/), page.locator('a[href="/can-bo/thong-ke"]').click()]);
      // Pending at the end of the period and of the six months before it;
      // a past month's end opens the statistics up to that day, whose
      // pending total is the same (read again if a move fell in between).
      assert.equal(await page.locator('#pending tbody tr').count(), 7);
      const stats = page.url();
      await until(async () => {
        await page.goto(stats);
        const row = page.locator('#pending tbody tr').nth(1);
        const day = await row.getAttribute('data-day');
        const want = Number(await cell(row, 'pending'));
        await Promise.all([page.waitForURL(new RegExp(`to=${day}`)), row.locator('a').click()]);
        return Number(await page.locator('#stats tfoot td[data-col="pending"]').innerText()) === want;
      }, { timeout: 60_000, every: 500, what: 'a past month\'s pending equals its statistics' });
      await Promise.all([page.waitForURL(/\/can-bo\/so-theo-doi/), page.locator('#nav-book').click()]);
      // Today only, through the form.
      await page.locator('#from').fill(today());
      await page.locator('#to').fill(today());
      await Promise.all([page.waitForURL(/from=/), page.locator('#report-form button[type=submit]').click()]);
      const scope = await page.locator('#report-scope').innerText();
      const wardName = sqlValue(`SELECT name FROM agencies WHERE id = ${wardId}`);
      assert.ok(scope.includes(wardName) && scope.includes(dmy(today())), `scope and period: ${scope}`);
      const early = await rowOf(page, 'book', c.early);
      assert.equal(await cell(early, 'applicant'), applicant);
      assert.match(await cell(early, 'returned'), /^\d\d\/\d\d\/\d{4} \d\d:\d\d · Trực tiếp$/, 'returned at the counter');
      assert.ok((await cell(early, 'handed')).includes(':'), 'handed over for processing at a time');
      // Early or on time, by the hour of the run (the unit test tells them apart).
      assert.ok(['Trước hạn', ''].includes(await cell(early, 'note')), 'resolved in time');
      await page.screenshot({ path: path.join(OUT, 'reports-book-1280.png'), fullPage: true });
      await page.goto(`${BASE_URL}/can-bo/so-theo-doi?agency=${wardId}&from=${today()}&to=${today()}`);
      const apology = await rowOf(page, 'book', c.apology);
      assert.equal(await cell(apology, 'note'), `Đang quá hạn; Đã xin lỗi, hẹn lại ${dmy(c.newDay)} 17:00`);
      assert.equal(await cell(await rowOf(page, 'book', c.late), 'note'), 'Quá hạn');
      const csv = await csvOf(page);
      assert.ok(csv.startsWith('STT,Mã hồ sơ,Tên thủ tục hành chính'), 'the CSV has the form\'s header row');
      const line = csv.split('\r\n').find((l) => l.includes(c.apology));
      assert.ok(line && line.includes(applicant) && line.includes(`hẹn lại ${dmy(c.newDay)}`), `the CSV line: ${line}`);

      // The late list from the book's links.
      await Promise.all([page.waitForURL(/tre-han/), page.locator('#nav-late').click()]);
      const late = await rowOf(page, 'late', c.late);
      assert.equal(await cell(late, 'apology'), 'Chưa có');
      assert.match(await cell(late, 'days'), /ngày làm việc$/);
      const ap = await rowOf(page, 'late', c.apology);
      assert.equal(await cell(ap, 'new_due'), `${dmy(c.newDay)} 17:00`);
      assert.equal(await cell(ap, 'finished'), 'Chưa giải quyết xong');
      assert.equal(await cell(ap, 'reason'), `Chờ xác minh ${tag}`);
      assert.equal(await page.locator(`#late tr[data-code="${c.early}"]`).count(), 0, 'the early one is not late');
      assert.ok(Number(await page.locator('[data-count="late"]').innerText()) >= 2);
      assert.ok(Number(await page.locator('[data-count="apologies"]').innerText()) >= 1);
      const lateCsv = await csvOf(page);
      assert.ok(lateCsv.split('\r\n').some((l) => l.includes(c.apology) && l.includes(`Chờ xác minh ${tag}`)));

      // The officers from the late list's links: the receiver's line.
      await Promise.all([page.waitForURL(/thong-ke\/can-bo/), page.locator('#nav-officers').click()]);
      const mine = page.locator(`#officers tr[data-officer="${recv.id}"]`);
      assert.equal(await mine.count(), 1, 'the leader sees the receiver');
      assert.ok(await page.locator(`#officers tr[data-officer="${leader.id}"]`).count(), 'and themself');
      const s = recvSteps();
      assert.ok(s.n >= 4, `the receiver finished steps: ${s.n}`);
      assert.deepEqual(
        await Promise.all(['open', 'overdue', 'steps', 'early', 'ontime', 'late'].map(async (k) => Number(await cell(mine, k)))),
        [1, 1, s.n, s.early, s.ontime, s.late], 'held now and done today');
      const offCsv = await csvOf(page);
      // The officer, the unit (the ward: by today's units), the figures.
      const unit = sqlValue(`SELECT name FROM agencies WHERE id = ${wardId}`);
      assert.ok(offCsv.split('\r\n').some((l) => l.startsWith(`Tiếp Nhận ${tag},${unit},1,0,0,1,${s.n},`)), 'the CSV line');
      assert.equal(await cell(mine, 'unit'), unit, 'the unit shown');
      await page.setViewportSize({ width: 390, height: 900 });
      await page.screenshot({ path: path.join(OUT, 'reports-officers-390.png'), fullPage: true });
      assert.deepEqual(w.problems(), []);
    } finally {
      await ctx.close();
    }
  });

  test('each register downloads as Word and PDF through its links', async () => {
    const { ctx, page, w } = await signedIn(leader, 1280);
    try {
      await page.goto(`${BASE_URL}/can-bo/so-theo-doi?agency=${wardId}&from=${today()}&to=${today()}`);
      const wardName = sqlValue(`SELECT name FROM agencies WHERE id = ${wardId}`);
      // Each register, reached through the previous one's link: its title,
      // its scope and this file's own lines in the Word and the PDF file.
      const registers = [
        { nav: null, name: 'so-theo-doi', title: 'Sổ theo dõi hồ sơ', has: [c.apology, c.early, applicant], job: true },
        { nav: 'late', name: 'ho-so-tre-han', title: 'Hồ sơ trễ hạn và phiếu xin lỗi', has: [c.late, `Chờ xác minh ${tag}`],
          job: true },
        { nav: 'officers', name: 'can-bo', title: 'Công việc và tiến độ của cán bộ', has: [`Tiếp Nhận ${tag}`] },
      ];
      for (const reg of registers) {
        if (reg.nav) await Promise.all([page.waitForURL(/\/can-bo\//), page.locator(`#nav-${reg.nav}`).click()]);
        const get = (ext) => (reg.job ? viaJob(page, ext) : download(page, ext));
        const docx = await get('docx');
        assert.equal(path.basename(docx), `${reg.name}-${today()}-${today()}.docx`);
        const doc = unzipText(docx, 'word/document.xml');
        for (const s of [reg.title, wardName, '<w:tblHeader/>', ...reg.has]) {
          assert.ok(doc.includes(s), `${reg.name}.docx has ${s}`);
        }
        const pdf = await get('pdf');
        assert.equal(path.basename(pdf), `${reg.name}-${today()}-${today()}.pdf`);
        const text = await pdfText(readFileSync(pdf));
        for (const s of [reg.title, wardName, ...reg.has]) assert.ok(pdfHas(text, s), `${reg.name}.pdf has ${s}`);
      }
      assert.deepEqual(w.problems(), []);
    } finally {
      await ctx.close();
    }
  });

  test('the receiver sees only their own line; another ward\'s officer gets 403', async () => {
    const { ctx, page, w } = await signedIn(recv, 390);
    try {
      await page.goto(`${BASE_URL}/can-bo/?agency=${wardId}`);
      await Promise.all([page.waitForURL(/so-theo-doi/), page.locator(`a[href="/can-bo/so-theo-doi?agency=${wardId}"]`).click()]);
      await page.screenshot({ path: path.join(OUT, 'reports-book-390.png'), fullPage: true });
      await Promise.all([page.waitForURL(/thong-ke\/can-bo/), page.locator('#nav-officers').click()]);
      assert.equal(await page.locator('#own-line').count(), 1, 'the page says so');
      assert.deepEqual(await page.locator('#officers tbody tr').evaluateAll((rs) => rs.map((r) => r.dataset.officer)),
        [String(recv.id)], 'only their own line');
      assert.equal(Number(await cell(page.locator('#officers tbody tr'), 'overdue')), 1);
      assert.equal(await page.locator('#nav-stats').count(), 0, 'no statistics link for a receiver');
      const csv = await csvOf(page);
      assert.equal(csv.trim().split('\r\n').length, 2, 'header and their line');
      assert.deepEqual(w.problems(), []);
    } finally {
      await ctx.close();
    }
    const v = new Visitor();
    await v.login(outsider.email, outsider.password);
    for (const p of ['/can-bo/thong-ke/can-bo', '/can-bo/so-theo-doi', '/can-bo/thong-ke/tre-han',
      '/can-bo/thong-ke/can-bo/xuat/csv', '/can-bo/so-theo-doi/xuat/csv']) {
      assertErrorPage(await v.get(`${p}?agency=${wardId}`), 403);
    }
  });
});
