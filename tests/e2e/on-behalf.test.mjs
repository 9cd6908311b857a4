// Whose dossier a web filing is (issue 9, finding 4.2). By default the
// applicant is the account holder: the name and the verified ID number are
// the account's, whatever the posted form says. Filing on behalf of someone
// else is said explicitly on the form; the dossier then keeps the filer's
// account and the applicant as declared, and the officer's page says it was
// filed on their behalf and that the applicant's paper must be checked.
// Through the filing page in Chromium, in Vietnamese and in English.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  BASE_URL, PROC, launchBrowser, minimalPdf, newCitizen, newIdNumber, newOfficer, q, randomWard,
  signIn, sqlValue, uniq, watch,
} from './lib.mjs';

const LONG = 60_000;

/** Clicks a submit button and waits for the page its POST leads to. */
async function submit(page, button) {
  const posted = page.waitForResponse((r) => r.request().method() === 'POST', { timeout: LONG });
  await button.click();
  await posted;
  await page.waitForLoadState('load', { timeout: LONG });
}

/** Fills the rest of the birth registration form and files it; its code. */
async function fileRest(page, ward, tag) {
  await page.locator('#agency').selectOption(ward);
  await page.locator('#f-content').fill(`Khai sinh ${tag}`);
  await page.locator('#doc-d1').setInputFiles({
    name: 'giay-chung-sinh.pdf', mimeType: 'application/pdf', buffer: minimalPdf(`on-behalf ${tag}`),
  });
  await submit(page, page.locator('#continue'));
  await page.locator('#check-applicant').waitFor({ timeout: LONG });
}

/** Sends the dossier from the check page; its code. */
async function send(page) {
  await submit(page, page.locator('#submit-dossier'));
  await page.waitForURL(/\/dich-vu\/ho-so\/[^/?]+\?moi=1$/, { timeout: LONG });
  return decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
}

/** The dossier row's (applicant_id_number, applicant_name, on_behalf, account_id). */
function row(code) {
  return sqlValue('SELECT CONCAT_WS(\'|\', applicant_id_number, applicant_name, on_behalf, account_id) '
    + `FROM dossiers WHERE code = ${q(code)}`);
}

describe('filing for oneself or on behalf of someone else (issue 9)', { concurrency: false, timeout: 300_000 }, () => {
  let browser, ward, recv;

  before(async () => {
    ward = randomWard();
    recv = await newOfficer('receiver', ward, `Tiếp Nhận Nộp Thay ${uniq()}`);
    browser = await launchBrowser();
  });
  after(async () => { if (browser) await browser.close(); });

  test('filing for oneself keeps the account\'s verified name and ID number, even when the form posts others', async () => {
    const tag = uniq();
    const me = await newCitizen({ name: `Chính Chủ ${tag}` });
    const other = newIdNumber();
    const page = await signIn(browser, me.email, me.password);
    try {
      const w = watch(page);
      await page.goto(`${BASE_URL}/dich-vu/nop-ho-so/${PROC}`);
      const note = page.locator('#own-note');
      await note.waitFor({ timeout: LONG });
      assert.match(await note.innerText(), new RegExp(`${me.idNumber}.*đã xác thực`));
      assert.equal(await page.locator('#on_behalf').isChecked(), false, 'for oneself unless said');
      // What a tampered post (or a mistaken edit) sends: another person.
      await page.locator('#name').fill(`Mạo Danh ${tag}`);
      await page.locator('#id_number').fill(other);
      await fileRest(page, ward, tag);
      const check = await page.locator('#check-applicant').innerText();
      assert.ok(check.includes(me.idNumber) && !check.includes(other), `the check page shows the account's ID: ${check}`);
      assert.ok(!check.includes('Mạo Danh'), 'and its name');
      assert.match(await page.locator('#check-on-behalf').innerText(), /Cho chính tôi \(đã xác thực\)/);
      const code = await send(page);
      assert.equal(row(code), `${me.idNumber}|Chính Chủ ${tag}|0|${me.id}`);
      assert.deepEqual(w.problems(), []);

      const off = await signIn(browser, recv.email, recv.password);
      await off.goto(`${BASE_URL}/can-bo/ho-so/${encodeURIComponent(code)}`);
      await off.locator('#applicant-verified').waitFor({ timeout: LONG });
      assert.equal(await off.locator('#on-behalf').count(), 0, 'not shown as filed on behalf');
      assert.equal((await off.locator('dl.facts dt:text-is("Người nộp") + dd').first().innerText()).trim(), `Chính Chủ ${tag}`);
      assert.equal(await off.locator('#applicant-number-label').innerText(), 'Số định danh cá nhân');
      assert.match(await off.locator('#applicant-number').innerText(), new RegExp(`^${me.idNumber} \\(đã xác thực\\)$`));
      await off.context().close();
    } finally {
      await page.context().close();
    }
  });

  test('filing on behalf of someone else (in English): the dossier and the officer\'s page say so; Vietnamese too', async () => {
    const tag = uniq();
    const me = await newCitizen({ name: `Người Nộp Hộ ${tag}` });
    const relative = newIdNumber();
    const page = await signIn(browser, me.email, me.password);
    try {
      const w = watch(page);
      await page.goto(`${BASE_URL}/dich-vu/nop-ho-so/${PROC}?lang=en`);
      const box = page.locator('label[for=on_behalf]');
      await box.waitFor({ timeout: LONG });
      assert.match(await box.innerText(), /Filing on behalf of someone else/);
      assert.match(await page.locator('#on-behalf-hint').innerText(), /identity paper/);
      await page.locator('#on_behalf').check();
      await page.locator('#name').fill(`Bà Ngoại ${tag}`);
      await page.locator('#id_number').fill(relative);
      await fileRest(page, ward, tag);
      const check = await page.locator('#check-applicant').innerText();
      assert.ok(check.includes(relative) && check.includes(`Bà Ngoại ${tag}`), `the check page shows the applicant as declared: ${check}`);
      assert.match(await page.locator('#check-on-behalf').innerText(), /Filing on behalf of someone else/);
      const code = await send(page);
      assert.equal(row(code), `${relative}|Bà Ngoại ${tag}|1|${me.id}`, 'the filer\'s account and the declared applicant');
      assert.match(await page.locator('#on-behalf').innerText(), new RegExp(`Người Nộp Hộ ${tag}`));
      assert.deepEqual(w.problems(), []);

      const off = await signIn(browser, recv.email, recv.password);
      await off.goto(`${BASE_URL}/can-bo/ho-so/${encodeURIComponent(code)}?lang=en`);
      const said = off.locator('#on-behalf');
      await said.waitFor({ timeout: LONG });
      const en = await said.innerText();
      assert.match(en, new RegExp(`filed on the applicant's behalf by the account of Người Nộp Hộ ${tag}`));
      assert.match(en, /not verified: check the applicant's identity paper/);
      assert.equal(await off.locator('#applicant-verified').count(), 0, 'the declared ID is not shown as verified');
      await off.goto(`${BASE_URL}/can-bo/ho-so/${encodeURIComponent(code)}?lang=vi`);
      await off.locator('#on-behalf').waitFor({ timeout: LONG });
      const facts = await off.locator('dl.facts').first().innerText();
      assert.match(facts, /Nộp thay/);
      assert.match(await off.locator('#on-behalf').innerText(), /kiểm tra giấy tờ tùy thân của người đứng tên/);
      await off.context().close();
    } finally {
      await page.context().close();
    }
  });
});
