// Site builds through the worker (issue 8): a webmaster writes a news item
// and presses "Cập nhật trang công khai" on the webmaster's page; the office
// only queues a build row, bin/worker claims it (the row names the worker)
// and runs the generator; the build's page follows it from waiting or
// running to done, with its start and end times, in place; the news item is
// then on the public site. The office program links no generator.
// Screenshots at 390 and 1280 px in tests/e2e/output/.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import {
  BASE_URL, TOP, launchBrowser, newOfficer, q, request, sql, sqlValue, uniq, until, watch,
} from './lib.mjs';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'output');
const CITY = '000.00.00.H29';

describe('site builds run in the worker', { concurrency: false, timeout: 400_000 }, () => {
  const tag = uniq();
  let browser, admin;

  before(async () => {
    mkdirSync(OUT, { recursive: true });
    admin = await newOfficer('admin', CITY, `Quản Trị Trang ${tag.slice(-6)}`);
    browser = await launchBrowser();
  });

  after(async () => {
    if (browser) await browser.close();
  });

  async function login(width) {
    const ctx = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
    const page = await ctx.newPage();
    await page.goto(`${BASE_URL}/dich-vu/dang-nhap`);
    await page.locator('#login').fill(admin.email);
    await page.locator('#password').fill(admin.password);
    await Promise.all([page.waitForURL(`${BASE_URL}/can-bo/`), page.locator('form.form button[type=submit]').click()]);
    return { ctx, page, w: watch(page) };
  }

  test('publish from the webmaster page: queued, run by the worker, done with its times; the public page changed', async () => {
    const { ctx, page, w } = await login(1280);
    const title = `Tin dựng trang ${tag}`;
    // A news item, written through its page.
    await page.goto(`${BASE_URL}/can-bo/quan-tri-trang/tin-tuc/moi`);
    await page.locator('#title').fill(title);
    await page.locator('#body').fill('Nội dung thử của việc dựng trang qua chương trình nền.');
    await Promise.all([page.waitForURL(/tin-tuc\?ok=1$/), page.locator('button[value=save]').click()]);
    const news = sqlValue(`SELECT id FROM news WHERE title = ${q(title)}`);
    assert.ok(news, 'the news item is saved');
    assert.equal((await request(`/tin-tuc/${news}.html`)).status, 404, 'not public before the update');

    // The button on the webmaster's page.
    await page.goto(`${BASE_URL}/can-bo/quan-tri-trang/`);
    await Promise.all([page.waitForURL(/\/can-bo\/quan-tri-trang\/cap-nhat\/\d+$/),
      page.getByRole('button', { name: 'Cập nhật trang công khai' }).click()]);
    const id = page.url().match(/cap-nhat\/(\d+)$/)[1];
    const first = await page.locator('[role=status]').innerText();
    assert.match(first, /Đang chờ|Đang chạy|Xong/, `the page shows the build's state: ${first}`);
    // The page follows the build in place (build.js), to the end.
    await page.locator('[role=status]', { hasText: /Xong|Lỗi/ }).waitFor({ timeout: 240_000 });
    assert.equal((await page.locator('[role=status]').innerText()).trim(), 'Xong');
    const started = await page.locator('[data-k=started_at_text]').innerText();
    const finished = await page.locator('[data-k=finished_at_text]').innerText();
    assert.match(started, /\d{2}\/\d{2}\/\d{4}/, `the start time is shown: ${started}`);
    assert.match(finished, /\d{2}\/\d{2}\/\d{4}/, `the end time is shown: ${finished}`);
    assert.ok(await page.locator('[data-k=failed]').isHidden(), 'no failure shown');
    await page.screenshot({ path: path.join(OUT, 'site-build-done-1280.png'), fullPage: true });

    // The worker ran it, not the office.
    const [row] = sql(`SELECT state, claimed_by, started_at IS NOT NULL, finished_at >= started_at FROM site_builds WHERE id = ${Number(id)}`);
    assert.deepEqual([row[0], row[2], row[3]], ['done', '1', '1']);
    assert.ok(row[1] && row[1].includes(':'), `claimed by a worker (host:pid:start): ${row[1]}`);
    const worker = Number(row[1].split(':')[1]);
    assert.equal(execFileSync('ps', ['-o', 'comm=', '-p', String(worker)], { encoding: 'utf8' }).trim(), 'worker');

    // The public site has the news item.
    const pub = await until(async () => {
      const a = await request(`/tin-tuc/${news}.html`);
      return a.status === 200 ? a : null;
    }, { timeout: 30_000, what: 'the public news page' });
    assert.ok(pub.text.includes(title), 'the public page shows the news item');

    // The webmaster's page lists the build as done.
    await page.goto(`${BASE_URL}/can-bo/quan-tri-trang/`);
    const line = page.locator(`tr:has(a[href="/can-bo/quan-tri-trang/cap-nhat/${id}"])`);
    if (await line.count() > 0) assert.match(await line.innerText(), /Xong/);
    // The audit log shows who asked for it (issue 9: configuration changes).
    await page.goto(`${BASE_URL}/can-bo/quan-tri/nhat-ky?account=${encodeURIComponent(admin.email)}&event=config_change`);
    assert.match(await page.locator('main table').innerText(), new RegExp(`site build ${id} (asked|joined)`));
    assert.deepEqual(w.problems(), []);
    await ctx.close();

    // The build's page at 390 px.
    const small = await login(390);
    await small.page.goto(`${BASE_URL}/can-bo/quan-tri-trang/cap-nhat/${id}`);
    await small.page.screenshot({ path: path.join(OUT, 'site-build-done-390.png'), fullPage: true });
    assert.deepEqual(small.w.problems(), []);
    await small.ctx.close();
  });

  test('the office program links no generator; the worker does', () => {
    const syms = (bin) => execFileSync('nm', ['-j', path.join(TOP, 'bin', bin)], { encoding: 'utf8' });
    assert.doesNotMatch(syms('office'), /^sitegen_/m);
    assert.match(syms('worker'), /^sitegen_build$/m);
  });
});
