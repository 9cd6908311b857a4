// The audit log through the pages (issue 9): an officer opens a citizen's
// dossier in the back office and the citizen sees that access (unit, role,
// time; not the officer) on their dossier page; a city administrator
// filters the audit page down to that entry, sees the chain verified and
// downloads the list as CSV, which is itself in the log. Screenshots at
// phone and desktop widths in tests/e2e/output/.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import {
  BASE_URL, PROC, filePart, launchBrowser, minimalPdf, newCitizen, newOfficer, newToken, q, randomWard,
  request, signIn, sqlValue, toFormData, uniq, watch,
} from './lib.mjs';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'output');


describe('the audit log through the pages', { concurrency: false, timeout: 240_000 }, () => {
  const tag = uniq();
  let browser, ward, wardName, citizen, recv, cityAdmin, code;

  before(async () => {
    mkdirSync(OUT, { recursive: true });
    ward = randomWard();
    wardName = sqlValue(`SELECT name FROM agencies WHERE code = ${q(ward)}`);
    citizen = await newCitizen({ name: `Kiểm Toán ${tag}` });
    recv = await newOfficer('receiver', ward, `Tiếp Nhận Kín ${tag}`);
    cityAdmin = await newOfficer('admin', '000.00.00.H29', `Quản Trị ${tag}`);
    const token = await newToken(citizen.email);
    const a = await request('/api/v1/dossiers', {
      method: 'POST', headers: { authorization: `Bearer ${token}` }, body: toFormData({
        procedure: PROC, agency: ward, fields: JSON.stringify({ content: `Nhật ký ${tag}` }),
        file: filePart(minimalPdf(`audit ${tag}`), 'audit.pdf'),
      }),
    });
    assert.equal(a.status, 201, a.text);
    code = a.json().code;
    browser = await launchBrowser();
  });

  after(async () => { if (browser) await browser.close(); });

  test('an officer opens the dossier; its applicant sees the access on their page', async () => {
    const cit = await signIn(browser, citizen.email, citizen.password, 390);
    const w = watch(cit);
    await cit.goto(`${BASE_URL}/dich-vu/ho-so/${encodeURIComponent(code)}`);
    const section = cit.locator('#truy-cap');
    await section.waitFor();
    assert.match(await section.innerText(), /Chưa có cán bộ nào mở hồ sơ này/);

    // The receiver finds the dossier in the inbox and opens it.
    const off = await signIn(browser, recv.email, recv.password);
    await off.goto(`${BASE_URL}/can-bo/?q=${encodeURIComponent(code)}`);
    await Promise.all([off.waitForNavigation(), off.locator(`a[href="/can-bo/ho-so/${code}"]`).first().click()]);
    assert.match(await off.locator('h1').innerText(), new RegExp(code.replace(/\./g, '\\.')));
    await off.context().close();

    await cit.reload();
    const row = section.locator('#accesses tbody tr').first();
    await row.waitFor();
    const text = await row.innerText();
    assert.match(text, new RegExp(wardName), 'the unit');
    assert.match(text, /Cán bộ tiếp nhận/, 'the role');
    assert.match(text, /Mở xem hồ sơ/, 'what was done');
    assert.ok(!(await section.innerText()).includes(`Tiếp Nhận Kín ${tag}`), 'never the officer\'s name');
    assert.ok(!(await section.innerText()).includes(recv.email), 'nor their e-mail');
    await section.screenshot({ path: path.join(OUT, 'audit-accesses-390.png') });
    await cit.setViewportSize({ width: 1280, height: 900 });
    await section.screenshot({ path: path.join(OUT, 'audit-accesses-1280.png') });
    assert.deepEqual(w.problems(), []);
    await cit.context().close();
  });

  test('the city administrator filters the audit page to that access and downloads it', async () => {
    assert.ok(code, 'opened before');
    const page = await signIn(browser, cityAdmin.email, cityAdmin.password);
    const w = watch(page);
    await page.goto(`${BASE_URL}/can-bo/`);
    await Promise.all([page.waitForNavigation(), page.locator('a[href="/can-bo/quan-tri/nhat-ky"]').click()]);
    assert.match(await page.locator('#audit-chain').innerText(), /nguyên vẹn/, 'the chain verifies');
    await page.locator('#dossier').fill(code);
    await page.locator('#event').selectOption('dossier_view');
    await Promise.all([page.waitForNavigation(), page.locator('#audit-filter button[type=submit]').click()]);
    const rows = page.locator('#audit-entries tbody tr');
    assert.equal(await rows.count(), 1, 'the one view of that dossier');
    const text = await rows.first().innerText();
    assert.match(text, /Mở xem hồ sơ/);
    assert.ok(text.includes(recv.email), 'the officer who opened it');
    assert.ok(text.includes(wardName), 'in their unit');
    await page.screenshot({ path: path.join(OUT, 'audit-page-1280.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 900 });
    await page.screenshot({ path: path.join(OUT, 'audit-page-390.png'), fullPage: true });

    const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('#audit-csv').click()]);
    const csv = await new Promise((resolve, reject) => {
      dl.createReadStream().then((st) => {
        const parts = [];
        st.on('data', (c) => parts.push(c));
        st.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
        st.on('error', reject);
      }, reject);
    });
    const lines = csv.trim().split(/\r?\n/);
    assert.equal(lines.length, 2, 'the heading and the one entry');
    assert.ok(lines[1].includes(code) && lines[1].includes(recv.email) && lines[1].includes('dossier_view'));

    // The download is itself in the log.
    await page.goto(`${BASE_URL}/can-bo/quan-tri/nhat-ky?event=export&account=${encodeURIComponent(cityAdmin.email)}`);
    assert.match(await page.locator('#audit-entries tbody tr').first().innerText(), /nhat-ky\.csv/);
    assert.deepEqual(w.problems(), []);
    await page.context().close();
  });
});
