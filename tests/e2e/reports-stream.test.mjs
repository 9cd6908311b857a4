// A register's CSV is sent as it is read (issue 11: "an export of a large
// report streams ... never times out the request"; register_stream_csv,
// mc_resp_stream), in headless Chromium: a ward of this file's own with
// 2,500 closed dossiers of 2023 entered directly (no counter or summary
// holds a closed dossier; removed afterwards), three batches of the
// export's reads (1,000 rows each, each sent and its memory given back
// before the next). Its leader downloads the tracking book's CSV through
// the page's link: the head line, then every dossier once, numbered 1 to
// 2,500 in the book's order across the batches. (Apache's mod_buffer holds
// the first MiB of any answer, so a file this size reaches the browser
// whole; what streaming changes is that the program never holds it.)
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { BASE_URL, PROC, launchBrowser, newOfficer, q, sql, sqlValue, uniq, watch } from './lib.mjs';

const ROWS = 2500;

describe('a large register\'s CSV is streamed', { concurrency: false, timeout: 600_000 }, () => {
  const tag = uniq();
  const agencyCode = `E2ES.${tag}`.slice(0, 32);
  const wardName = `Phường Sổ Dài ${tag}`;
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
      rows.push(`(${q(`ST-${tag}-${String(i).padStart(4, '0')}`)}, ${proc}, ${ward}, ${ward}, 'Người Sổ Dài ${tag}', ` +
        `'079100000000', 2, 10, '{}', '${at}', '${at}', '${at}' + INTERVAL 5 DAY, '${at}' + INTERVAL 2 DAY, ` +
        `'${at}' + INTERVAL 2 DAY, 1, NOW())`);
    }
    for (let i = 0; i < ROWS; i += 200) {
      sql('INSERT INTO dossiers (code, procedure_id, agency_id, current_agency_id, applicant_name, applicant_id_number, ' +
        'channel, status, form_data, submitted_at, received_at, due_at, finished_at, returned_at, return_method, ' +
        `updated_at) VALUES ${rows.slice(i, i + 200).join(', ')}`);
    }
    leader = await newOfficer('leader', agencyCode, `Lãnh Đạo Sổ Dài ${tag}`);
    browser = await launchBrowser();
  });

  after(async () => {
    if (browser) await browser.close();
    sql(`DELETE FROM dossiers WHERE code LIKE ${q(`ST-${tag}-%`)}`);
    if (ward) sql(`UPDATE agencies SET valid_to = CURDATE() - INTERVAL 1 DAY WHERE id = ${ward}`);
  });

  test('the book\'s CSV of 2,500 dossiers: every row, in order, sent chunked', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await ctx.newPage();
    const w = watch(page);
    try {
      await page.goto(`${BASE_URL}/dich-vu/dang-nhap`);
      await page.locator('#login').fill(leader.email);
      await page.locator('#password').fill(leader.password);
      await Promise.all([page.waitForURL(`${BASE_URL}/can-bo/`), page.locator('form.form button[type=submit]').click()]);
      await page.goto(`${BASE_URL}/can-bo/so-theo-doi`);
      await page.locator('#from').fill('2023-01-01');
      await page.locator('#to').fill('2023-12-31');
      await Promise.all([page.waitForURL(/to=2023-12-31/, { timeout: 60_000 }),
        page.locator('#report-form button[type=submit]').click()]);
      const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.locator('#export-csv').click()]);
      const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'reports-stream-')), dl.suggestedFilename());
      await dl.saveAs(file);
      assert.equal(dl.suggestedFilename(), 'so-theo-doi-2023-01-01-2023-12-31.csv');
      const lines = readFileSync(file, 'utf8').split('\r\n').filter((l) => l !== '');
      const mine = lines.filter((l) => l.includes(`ST-${tag}-`));
      assert.equal(lines.length, ROWS + 1, 'the head line and every dossier');
      assert.equal(mine.length, ROWS, 'every dossier of the ward');
      assert.ok(!lines[0].includes(`ST-${tag}-`), 'the head line first');
      // In the book's order (by reception), numbered 1..2,500: across the batches.
      mine.forEach((l, i) => {
        assert.ok(l.startsWith(`${i + 1},`), `line ${i + 1}: ${l.slice(0, 40)}`);
        assert.ok(l.includes(`ST-${tag}-${String(i).padStart(4, '0')}`), `line ${i + 1} is dossier ${i}`);
      });
      assert.equal(new Set(mine.map((l) => l.match(/ST-[^,]*/)[0])).size, ROWS, 'each once');

      assert.deepEqual(w.problems(), [], 'no console errors');
    } finally {
      await ctx.close();
    }
  });
});
