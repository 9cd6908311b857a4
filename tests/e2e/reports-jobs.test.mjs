// A register's Word and PDF files as background export jobs (issue 11:
// "an export of a large report streams or runs as a background job with
// progress, never times out the request"), in headless Chromium: a ward of
// this file's own with 2,500 closed dossiers of 2023 entered directly (no
// counter or summary holds a closed dossier; removed afterwards), three
// batches of the builder's reads. Its leader asks for the tracking book's
// Word file, then its PDF, on the book's page: each lands at once on "my
// exports" with the file listed as waiting, being built or ready, and,
// reloaded until it is ready (a generous deadline), downloads; the Word
// file holds every dossier once in the book's order under its header row,
// the PDF the first and the last dossier, its header on each page, pages
// numbered. A Word or PDF file asked for by GET is not built in the
// request (404): only the job builds it.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  BASE_URL, PROC, Visitor, launchBrowser, newOfficer, pdfHas, pdfText, q, sql, sqlValue, uniq, until, unzipText, watch,
} from './lib.mjs';

const ROWS = 2500;
const DEADLINE = 300_000; // the CI machine is slow and loaded, the worker shared

describe('a register\'s Word and PDF files are built by export jobs', { concurrency: false, timeout: 900_000 }, () => {
  const tag = uniq();
  const agencyCode = `E2EJ.${tag}`.slice(0, 32);
  const wardName = `Phường Sổ Xuất ${tag}`;
  const code = (i) => `SJ-${tag}-${String(i).padStart(4, '0')}`;
  let ward, leader, browser;

  before(async () => {
    sql(`INSERT INTO agencies (code, kind, name, name_en, valid_from) VALUES (${q(agencyCode)}, 'ward', ${q(wardName)}, ` +
      `${q(`${wardName} (en)`)}, '2020-01-01')`);
    ward = Number(sqlValue(`SELECT id FROM agencies WHERE code = ${q(agencyCode)}`));
    const proc = Number(sqlValue(`SELECT id FROM procedures WHERE code = ${q(PROC)}`));
    // One a minute from 2 January 2023 08:00, returned two days later.
    const rows = [];
    for (let i = 0; i < ROWS; i++) {
      const at = new Date(Date.UTC(2023, 0, 2, 8, i)).toISOString().slice(0, 19).replace('T', ' ');
      rows.push(`(${q(code(i))}, ${proc}, ${ward}, ${ward}, 'Người Sổ Xuất ${tag}', ` +
        `'079100000000', 2, 10, '{}', '${at}', '${at}', '${at}' + INTERVAL 5 DAY, '${at}' + INTERVAL 2 DAY, ` +
        `'${at}' + INTERVAL 2 DAY, 1, NOW())`);
    }
    for (let i = 0; i < ROWS; i += 200) {
      sql('INSERT INTO dossiers (code, procedure_id, agency_id, current_agency_id, applicant_name, applicant_id_number, ' +
        'channel, status, form_data, submitted_at, received_at, due_at, finished_at, returned_at, return_method, ' +
        `updated_at) VALUES ${rows.slice(i, i + 200).join(', ')}`);
    }
    leader = await newOfficer('leader', agencyCode, `Lãnh Đạo Sổ Xuất ${tag}`);
    browser = await launchBrowser();
  });

  after(async () => {
    if (browser) await browser.close();
    sql(`DELETE FROM dossiers WHERE code LIKE ${q(`SJ-${tag}-%`)}`);
    if (ward) sql(`UPDATE agencies SET valid_to = CURDATE() - INTERVAL 1 DAY WHERE id = ${ward}`);
  });

  /** Asks for the book's file of format ext on its page; the job's row on "my exports", and its id. */
  async function ask(page, ext) {
    await page.goto(`${BASE_URL}/can-bo/so-theo-doi?agency=${ward}&from=2023-01-01&to=2023-12-31`);
    await page.locator('#book').waitFor({ timeout: 60_000 });
    await Promise.all([page.waitForURL(/\/can-bo\/tep-xuat\?queued=\d+/, { timeout: 60_000 }),
      page.locator(`#export-${ext}`).click()]);
    const id = new URL(page.url()).searchParams.get('queued');
    await page.locator('.flash-success').waitFor();
    const row = page.locator(`#exports tr[data-job="${id}"]`);
    assert.match(await row.innerText(), new RegExp(`so-theo-doi-2023-01-01-2023-12-31\\.${ext}`));
    const state = await row.getAttribute('data-state');
    assert.ok(['waiting', 'building', 'ready'].includes(state), `listed as it stands: ${state}`);
    // What the state says, in words: "Đang chờ", "Đang tạo" or "Sẵn sàng".
    assert.match(await row.locator('[data-col="state"]').innerText(), /Đang chờ|Đang tạo|Sẵn sàng/);
    return { id, row };
  }

  /** Reloads "my exports" until job id is ready; downloads it; the file's path. */
  async function fetchReady(page, id, row, ext) {
    await until(async () => {
      await page.goto(`${BASE_URL}/can-bo/tep-xuat`);
      const st = await row.getAttribute('data-state');
      assert.notEqual(st, 'failed', `job ${id} failed: ${await row.innerText()}`);
      return st === 'ready';
    }, { timeout: DEADLINE, every: 1000, what: `export ${id} ready` });
    assert.equal(await row.locator('[data-col="state"]').innerText(), 'Sẵn sàng');
    assert.equal(Number(await row.locator('[data-col="rows"]').innerText()), ROWS, 'every row written');
    const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }),
      row.locator('a.export-download').click()]);
    assert.equal(dl.suggestedFilename(), `so-theo-doi-2023-01-01-2023-12-31.${ext}`);
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'reports-jobs-')), dl.suggestedFilename());
    await dl.saveAs(file);
    return file;
  }

  test('the book\'s Word and PDF files of 2,500 dossiers, asked for on its page, built in the background', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await ctx.newPage();
    const w = watch(page);
    try {
      await page.goto(`${BASE_URL}/dich-vu/dang-nhap`);
      await page.locator('#login').fill(leader.email);
      await page.locator('#password').fill(leader.password);
      await Promise.all([page.waitForURL(`${BASE_URL}/can-bo/`), page.locator('form.form button[type=submit]').click()]);

      const docx = await ask(page, 'docx');
      const docFile = await fetchReady(page, docx.id, docx.row, 'docx');
      const doc = unzipText(docFile, 'word/document.xml');
      assert.ok(doc.includes('Sổ theo dõi hồ sơ') && doc.includes(wardName), 'title and scope');
      assert.equal((doc.match(/<w:tblHeader\/>/g) || []).length, 1, 'one header row, repeated by Word on each page');
      const codes = [...doc.matchAll(new RegExp(`SJ-${tag}-(\\d{4})`, 'g'))].map((m) => Number(m[1]));
      assert.equal(codes.length, ROWS, 'every dossier once');
      assert.deepEqual(codes, [...Array(ROWS).keys()], 'in the book\'s order, across the batches');

      const pdf = await ask(page, 'pdf');
      const pdfFile = await fetchReady(page, pdf.id, pdf.row, 'pdf');
      const text = await pdfText(readFileSync(pdfFile));
      assert.ok(pdfHas(text, 'Sổ theo dõi hồ sơ') && pdfHas(text, wardName), 'title and scope');
      assert.ok(pdfHas(text, code(0)), 'the first dossier');
      assert.ok(pdfHas(text, code(ROWS - 1)), 'the last dossier');
      const pages = (text.match(/Trang \d+/g) || []).map((s) => Number(s.slice(6)));
      assert.ok(pages.length > 10, `pages numbered: ${pages.length}`);
      assert.ok(pages.includes(1) && pages.includes(Math.max(...pages)), 'from the first page');
      assert.deepEqual(w.problems(), [], 'no console errors');
    } finally {
      await ctx.close();
    }
    // Not built in a request: the page's forms queue a job.
    const v = new Visitor();
    await v.login(leader.email, leader.password);
    for (const ext of ['docx', 'pdf', 'xlsx']) {
      assert.equal((await v.get(`/can-bo/so-theo-doi/xuat/${ext}?agency=${ward}&from=2023-01-01&to=2023-12-31`)).status,
        404, `${ext} by GET`);
    }
  });
});
