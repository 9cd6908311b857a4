// Exports as background jobs (issue 11) in headless Chromium: a ward
// leader asks for the late list's Excel file on its page and lands at once
// on "my exports" (Tệp xuất của tôi), the file listed as being prepared;
// reloading until it is ready (a generous deadline), they download it and
// the xlsx holds as many rows as the page counts: this file's own 1 200
// late dossiers on a day of the past no other file uses, more than one
// batch of the builder. Another officer of the ward cannot download it;
// a job whose builder died mid-build (building, its lease run out) is
// built again by the worker and becomes ready, never lost.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomInt } from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import {
  BASE_URL, PROC, Visitor, WARD_SLOTS, launchBrowser, newOfficer, q, randomWard, sql, sqlValue, uniq, until,
  unzipText, watch,
} from './lib.mjs';

const N = 1200;
const DEADLINE = 240_000; // the CI machine is slow and loaded

/** Rows of the first sheet whose column A holds a number: the data rows. */
function dataRows(file) {
  const sheet = unzipText(file, 'xl/worksheets/sheet1.xml');
  return [...sheet.matchAll(/<c r="A(\d+)"[^>]*><v>(\d+)<\/v><\/c>/g)].map((m) => Number(m[2]));
}

describe('exports as background jobs', { concurrency: false, timeout: 900_000 }, () => {
  const tag = uniq();
  // A day of the past, random per run: only this file's dossiers are late on it.
  const day = new Date(Date.UTC(2011 + randomInt(0, 8), randomInt(0, 12), 1 + randomInt(0, 28)))
    .toISOString().slice(0, 10);
  let browser, ward, wardId, leader, other;

  before(async () => {
    ward = randomWard(WARD_SLOTS.other);
    wardId = Number(sqlValue(`SELECT id FROM agencies WHERE code = ${q(ward)}`));
    leader = await newOfficer('leader', ward, `Lãnh Đạo Xuất ${tag}`);
    other = await newOfficer('leader', ward, `Lãnh Đạo Khác ${tag}`);
    const proc = Number(sqlValue(`SELECT id FROM procedures WHERE code = ${q(PROC)} ORDER BY id DESC LIMIT 1`));
    // Resolved the day after their due time: late, each with its number.
    sql(`INSERT INTO dossiers (code, procedure_id, agency_id, applicant_name, applicant_id_number, channel,
      status, form_data, submitted_at, received_at, due_at, finished_at, updated_at)
      SELECT CONCAT('XUAT-${tag}-', LPAD(seq, 5, '0')), ${proc}, ${wardId}, CONCAT('Người Xuất ${tag} ', seq),
      '079000000000', 1, 10, '{}', '${day} 08:00:00', '${day} 08:00:00', '${day} 17:00:00',
      '${day} 17:00:00' + INTERVAL 1 DAY, NOW() FROM seq_1_to_${N}`);
    browser = await launchBrowser();
  });

  after(async () => {
    if (browser) await browser.close();
    sql(`DELETE FROM dossiers WHERE code LIKE ${q(`XUAT-${tag}-%`)}`);
  });

  async function signedIn(who) {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await ctx.newPage();
    await page.goto(`${BASE_URL}/dich-vu/dang-nhap`);
    await page.locator('#login').fill(who.email);
    await page.locator('#password').fill(who.password);
    await Promise.all([page.waitForURL(`${BASE_URL}/can-bo/`), page.locator('form.form button[type=submit]').click()]);
    return { ctx, page, w: watch(page) };
  }

  /** Reloads "my exports" until job id's row says ready; its row. */
  async function waitReady(page, id) {
    const row = page.locator(`#exports tr[data-job="${id}"]`);
    await until(async () => {
      await page.goto(`${BASE_URL}/can-bo/tep-xuat`);
      const st = await row.getAttribute('data-state');
      assert.notEqual(st, 'failed', `job ${id} failed: ${await row.innerText()}`);
      return st === 'ready';
    }, { timeout: DEADLINE, every: 1000, what: `export ${id} ready` });
    return row;
  }

  test('the late list\'s Excel file is prepared in the background and holds every row the page counts', async () => {
    const { ctx, page, w } = await signedIn(leader);
    try {
      await page.goto(`${BASE_URL}/can-bo/thong-ke/tre-han?agency=${wardId}&from=${day}&to=${day}`);
      const counted = Number(await page.locator('[data-count="late"]').innerText());
      assert.equal(counted, N, 'the page counts this file\'s late dossiers');
      // The page answers at once: "my exports", the file being prepared.
      await Promise.all([page.waitForURL(/\/can-bo\/tep-xuat\?queued=\d+/), page.locator('#export-xlsx').click()]);
      const id = new URL(page.url()).searchParams.get('queued');
      await page.locator('.flash-success').waitFor();
      const row = page.locator(`#exports tr[data-job="${id}"]`);
      assert.match(await row.innerText(), new RegExp(`ho-so-tre-han-${day}-${day}\\.xlsx`));
      assert.ok(['waiting', 'building', 'ready'].includes(await row.getAttribute('data-state')));
      await waitReady(page, id);
      assert.equal(Number(await row.locator('[data-col="rows"]').innerText()), N, 'rows written, as listed');
      const [dl] = await Promise.all([page.waitForEvent('download'), row.locator('a.export-download').click()]);
      assert.equal(dl.suggestedFilename(), `ho-so-tre-han-${day}-${day}.xlsx`);
      const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'exports-')), dl.suggestedFilename());
      await dl.saveAs(file);
      const seqs = dataRows(file);
      assert.equal(seqs.length, counted, 'as many rows in the file as the page counts');
      assert.deepEqual([seqs[0], seqs[seqs.length - 1]], [1, N], 'numbered 1..N');
      const sheet = unzipText(file, 'xl/worksheets/sheet1.xml');
      assert.ok(sheet.includes(`XUAT-${tag}-00001`) && sheet.includes(`XUAT-${tag}-${String(N).padStart(5, '0')}`),
        'the first and the last dossier are in the file');
      assert.deepEqual(w.problems(), []);

      // The file is the requester's only.
      const v = new Visitor();
      await v.login(other.email, other.password);
      assert.equal((await v.get(`/can-bo/tep-xuat/${id}`)).status, 404, 'another officer cannot download it');
      assert.ok(!(await v.get('/can-bo/tep-xuat')).text.includes(`data-job="${id}"`), 'nor see it listed');
    } finally {
      await ctx.close();
    }
  });

  test('a job whose builder died mid-build is built again, never lost', async () => {
    const uri = `/can-bo/thong-ke/tre-han/xuat/xlsx?agency=${wardId}&from=${day}&to=${day}`;
    // As a worker that claimed it and died leaves it: building, a lease run out.
    sql(`INSERT INTO export_jobs (account_id, agency_id, name, format, uri, lang, state, rows_done, attempts,
      claimed_by, lease_until, requested_at, started_at) VALUES (${leader.id}, ${wardId}, 'crashed-${tag}', 'xlsx',
      ${q(uri)}, 'vi', 1, 500, 1, 'dead-worker:1:1/x1', NOW() - INTERVAL 1 MINUTE, NOW(), NOW())`);
    const id = sqlValue(`SELECT id FROM export_jobs WHERE name = 'crashed-${tag}'`);
    const { ctx, page, w } = await signedIn(leader);
    try {
      const row = await waitReady(page, id);
      assert.equal(Number(await row.locator('[data-col="rows"]').innerText()), N);
      assert.equal(Number(sqlValue(`SELECT attempts FROM export_jobs WHERE id = ${id}`)), 2, 'tried once more');
      const [dl] = await Promise.all([page.waitForEvent('download'), row.locator('a.export-download').click()]);
      const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'exports-')), dl.suggestedFilename());
      await dl.saveAs(file);
      assert.equal(dataRows(file).length, N);
      assert.ok(readFileSync(file).length > 0);
      assert.deepEqual(w.problems(), []);
    } finally {
      await ctx.close();
    }
  });
});
