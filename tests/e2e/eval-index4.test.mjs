// Index 4 (the agencies the applicant had to contact, issue 10) from the
// dossier's trail, on the leader's scores page by dossier: filed and
// returned online with only a supplement of the applicant's own fault (2),
// returned by post (2), filed online and collected at the counter (1), an
// agency-caused request of the ward's own officer (1), and a request the
// agency caused at another agency's (coordinating) step (0). The dossiers
// are written straight into the tables (returned five days ago: no clock
// boundary near), the page read in Chromium.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  BASE_URL, PROC, WARD_SLOTS, randomWard, uniq, newOfficer, launchBrowser, watch, sql, sqlValue, q,
} from './lib.mjs';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'output');
mkdirSync(OUT, { recursive: true });
const WAIT = { timeout: 60_000 };

describe('index 4 follows the filing, the return and who caused a supplement (issue 10)',
  { concurrency: false, timeout: 300_000 }, () => {
    const tag = uniq();
    const codes = {};
    let browser, ward, other, lead, spec, away, from, to;

    before(async () => {
      ward = randomWard(WARD_SLOTS.eval);
      do other = randomWard(WARD_SLOTS.other); while (other === ward);
      [lead, spec, away] = await Promise.all([
        newOfficer('leader', ward, `Lãnh Đạo CS4 ${tag}`),
        newOfficer('specialist', ward, `Chuyên Viên CS4 ${tag}`),
        newOfficer('specialist', other, `Chuyên Viên Phối Hợp CS4 ${tag}`),
      ]);
      const agency = sqlValue(`SELECT id FROM agencies WHERE code = ${q(ward)}`);
      const proc = sqlValue(`SELECT id FROM procedures WHERE code = ${q(PROC)} ORDER BY id LIMIT 1`);
      assert.ok(agency && proc, 'the ward and the procedure');
      const day = 'CURDATE() - INTERVAL 5 DAY';
      [from, to] = sql(`SELECT DATE_FORMAT(${day} - INTERVAL 1 DAY, '%Y-%m-%d'), ` +
        `DATE_FORMAT(${day} + INTERVAL 1 DAY, '%Y-%m-%d')`)[0];
      // name: [filed (1 counter, 2 online), returned, [[cause, asked by]]]
      const cases = {
        online: [2, 2, [['applicant', spec.id]]],
        post: [2, 3, []],
        counter: [2, 1, []],
        section: [2, 2, [['agency', spec.id]]],
        elsewhere: [2, 2, [['applicant', spec.id], ['agency', away.id]]],
      };
      for (const [k, [channel, back, asks]] of Object.entries(cases)) {
        codes[k] = `CS4-${tag}-${k}`;
        sql('INSERT INTO dossiers (code, procedure_id, agency_id, applicant_name, applicant_id_number, ' +
          'channel, status, form_data, submitted_at, received_at, due_at, finished_at, returned_at, ' +
          `return_method, updated_at) VALUES (${q(codes[k])}, ${proc}, ${agency}, 'Người Chỉ Số Bốn', ` +
          `'079100000004', ${channel}, 10, '{}', ${day} - INTERVAL 9 DAY, ${day} - INTERVAL 9 DAY, ` +
          `${day} + INTERVAL 2 DAY, ${day} + INTERVAL 10 HOUR, ${day} + INTERVAL 12 HOUR, ${back}, NOW())`);
        const id = sqlValue(`SELECT id FROM dossiers WHERE code = ${q(codes[k])}`);
        for (const [cause, by] of asks)
          sql('INSERT INTO supplement_requests (dossier_id, stage, cause, requested_at, requested_by, items) ' +
            `VALUES (${id}, 'processing', ${q(cause)}, ${day} - INTERVAL 5 DAY, ${by}, '[]')`);
      }
      browser = await launchBrowser();
    });

    after(async () => {
      if (browser) await browser.close();
      const ids = `SELECT id FROM dossiers WHERE code LIKE ${q(`CS4-${tag}-%`)}`;
      sql(`DELETE FROM supplement_requests WHERE dossier_id IN (${ids})`);
      sql(`DELETE FROM dossiers WHERE code LIKE ${q(`CS4-${tag}-%`)}`);
    });

    test('the leader\'s scores by dossier: 2 none, 1 the one-stop section, 0 another agency', async () => {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await ctx.newPage();
      const w = watch(page);
      try {
        await page.goto(`${BASE_URL}/dich-vu/dang-nhap`);
        await page.locator('#login').fill(lead.email);
        await page.locator('#password').fill(lead.password);
        await Promise.all([page.waitForURL(`${BASE_URL}/can-bo/`, WAIT), page.locator('form.form button[type=submit]').click()]);
        await page.goto(`${BASE_URL}/can-bo/danh-gia/diem?theo=ho-so&tu=${from}&den=${to}`);
        const idx = async (k) => {
          const row = page.locator('#scores tbody tr', { hasText: codes[k] });
          await row.first().waitFor(WAIT);
          assert.equal(await row.count(), 1, `one line for ${k}`);
          return [(await row.locator('td.idx-3').innerText()).trim(), (await row.locator('td.idx-4').innerText()).trim()];
        };
        // [index 3, index 4]
        assert.deepEqual(await idx('online'), ['2,0', '2,0'], 'online both ways, the applicant\'s own supplement: none');
        assert.deepEqual(await idx('post'), ['2,0', '2,0'], 'the result by post: none');
        assert.deepEqual(await idx('counter'), ['2,0', '1,0'], 'collected at the counter: the section');
        assert.deepEqual(await idx('section'), ['1,0', '1,0'], 'the ward asked again (its fault): the section');
        assert.deepEqual(await idx('elsewhere'), ['1,0', '0,0'], 'another agency asked (its fault): more');
        await page.screenshot({ path: path.join(OUT, 'eval-index4-1280.png'), fullPage: true });
        assert.deepEqual(w.problems(), [], 'no console error or failed request');
      } finally {
        await ctx.close();
      }
    });
  });
