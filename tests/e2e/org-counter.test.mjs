// An organisation served at the counter (issue 9) in headless Chromium: the
// receiver chooses "organisation" on the counter page (the person's fields
// hide), types its name and tax code and the e-mail of the account it
// registered on the portal. A tax code whose check digit is wrong, without
// the business registration certificate's box ticked: 422, both errors at
// their fields, every typed value kept, nothing stored (no dossier, the
// account unverified, nothing audited). With the right code and the box
// ticked: filed and accepted for that account, whose tax code is now
// verified by 'counter' and audited (tax_code_verified, the receiver the
// actor); the receipt, the officer's dossier page and form 01 (pdftotext)
// say "Mã số thuế" (and "Tax code" in English) with the code. An
// organisation without an account is filed with its tax code alone,
// labelled the same; a person's receipt still says "Số định danh cá nhân".
// Screenshots in tests/e2e/output.
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import {
  BASE_URL, PROC, WARD_SLOTS, launchBrowser, newCitizen, newIdNumber, newOfficer, pdfHas, pdfText, personTag, q,
  randomWard, sql, sqlValue, uniq, watch,
} from './lib.mjs';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'output');
const LONG = 60_000;

/** A tax code of this run's own (check digit right), and one with it wrong. */
function newTaxCode(branch) {
  const w = [31, 29, 23, 19, 17, 13, 7, 5, 3];
  for (;;) {
    const nine = `7${String(randomInt(0, 1e8)).padStart(8, '0')}`;
    const sum = [...nine].reduce((s, d, i) => s + Number(d) * w[i], 0);
    const check = 10 - (sum % 11);
    if (check === 10) continue; // no code is issued with it
    const tail = branch ? `-${String(randomInt(1, 1000)).padStart(3, '0')}` : '';
    return { ok: `${nine}${check}${tail}`, wrong: `${nine}${(check + 1) % 10}${tail}` };
  }
}

/** Nothing went wrong in the page but the refusals (422) the test asked for. */
function clean(w) {
  assert.deepEqual(w.problems().filter((p) => !/^HTTP 422: |status of 422/.test(p)
    && !/^failed: \S+\/static\/images\/logo\.svg net::ERR_ABORTED$/.test(p)), []);
}

/** The text of the <dd> after the <dt> labelled label in the page's facts. */
async function fact(page, label) {
  const dd = page.locator(`dl.facts dt:text-is("${label}") + dd`);
  await dd.first().waitFor({ timeout: LONG });
  return (await dd.first().innerText()).trim();
}

describe('an organisation at the counter (issue 9)', { concurrency: false, timeout: 300_000 }, () => {
  const tag = uniq();
  const tax = newTaxCode(true);
  const orgName = `Công ty TNHH Quầy ${personTag()}`;
  let browser, ward, wardId, recv, org, code;

  before(async () => {
    mkdirSync(OUT, { recursive: true });
    ward = randomWard(WARD_SLOTS.other);
    wardId = Number(sqlValue(`SELECT id FROM agencies WHERE code = ${q(ward)}`));
    recv = await newOfficer('receiver', ward, `Quầy Tổ Chức ${personTag()}`);
    // An organisation that registered on the portal (org-account.test.mjs
    // goes through the form): its tax code a claim, unverified.
    org = await newCitizen({ name: `Đại Diện ${personTag()}` });
    sql(`UPDATE accounts SET kind = 'org', org_name = ${q(orgName)}, tax_code = ${q(tax.ok)}, ` +
      `tax_verified = 0 WHERE id = ${org.id}`);
    browser = await launchBrowser();
  });

  after(async () => { if (browser) await browser.close(); });

  async function receiverPage(width = 1280) {
    const ctx = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await ctx.newPage();
    const w = watch(page);
    await page.goto(`${BASE_URL}/dich-vu/dang-nhap`);
    await page.locator('#login').fill(recv.email);
    await page.locator('#password').fill(recv.password);
    await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/dich-vu/dang-nhap'), { timeout: LONG }),
      page.locator('#password').press('Enter')]);
    return { ctx, page, w };
  }

  /** Submits the counter form; the POST's response, the page loaded. */
  async function file(page) {
    const posted = page.waitForResponse((r) => r.request().method() === 'POST'
      && new URL(r.url()).pathname === '/can-bo/tiep-nhan', { timeout: LONG });
    await page.locator('#counter-submit').click();
    const resp = await posted;
    await page.waitForLoadState('load', { timeout: LONG });
    return resp;
  }

  const audited = () => sqlValue('SELECT COUNT(*) FROM audit_log WHERE event = \'tax_code_verified\' ' +
    `AND account_id = ${org.id} AND subject = ${q(tax.ok)}`);

  test('a wrong tax code without the certificate seen: 422, the errors at their fields, every value kept, nothing stored', async () => {
    const { ctx, page, w } = await receiverPage(390);
    await page.goto(`${BASE_URL}/can-bo/tiep-nhan?agency=${wardId}&procedure=${PROC}`);
    assert.equal(await page.locator('#org_name').isVisible(), false, 'a person is the default: no organisation fields');
    await page.locator('#kind-org').check();
    await page.locator('#org_name').waitFor({ state: 'visible', timeout: LONG });
    assert.equal(await page.locator('#name').isVisible(), false, 'the person\'s fields hide');
    await page.locator('#doc1').check();
    await page.locator('#org_name').fill(orgName);
    await page.locator('#tax_code').fill(tax.wrong);
    await page.locator('#org_holder').fill(org.email);
    await page.locator('#phone').fill('0283822' + String(randomInt(1000, 10000)));
    await page.locator('#address').fill(`${tag} Đường Lê Lợi`);
    const phone = await page.locator('#phone').inputValue();
    const r = await file(page);
    assert.equal(r.status(), 422);
    assert.match(await page.locator('#tax_code-error').innerText(), /chữ số kiểm tra/);
    assert.match(await page.locator('#cert_seen-error').innerText(), /giấy chứng nhận đăng ký doanh nghiệp/);
    assert.equal(await page.locator('#kind-org').isChecked(), true, 'still an organisation');
    assert.equal(await page.locator('#org_name').isVisible(), true);
    assert.equal(await page.locator('#org_name').inputValue(), orgName);
    assert.equal(await page.locator('#tax_code').inputValue(), tax.wrong);
    assert.equal(await page.locator('#org_holder').inputValue(), org.email);
    assert.equal(await page.locator('#phone').inputValue(), phone);
    assert.equal(await page.locator('#address').inputValue(), `${tag} Đường Lê Lợi`);
    assert.equal(await page.locator('#doc1').isChecked(), true, 'the ticked document too');
    await page.screenshot({ path: path.join(OUT, 'org-counter-refused-390.png'), fullPage: true });
    // The right code but still no certificate: refused, nothing verified.
    await page.locator('#tax_code').fill(tax.ok);
    assert.equal((await file(page)).status(), 422);
    assert.match(await page.locator('#cert_seen-error').innerText(), /giấy chứng nhận/);
    assert.equal(await page.locator('#tax_code-error').count(), 0, 'the code is right now');
    assert.equal(sqlValue('SELECT COUNT(*) FROM dossiers WHERE applicant_id_number IN ' +
      `(${q(tax.ok)}, ${q(tax.wrong)})`), '0', 'no dossier');
    assert.equal(sqlValue(`SELECT CONCAT_WS('|', tax_verified, COALESCE(tax_verified_by, '-')) FROM accounts WHERE id = ${org.id}`),
      '0|-', 'the account unverified');
    assert.equal(audited(), '0', 'nothing audited');
    clean(w);
    await ctx.close();
  });

  test('the right code with the certificate seen: filed for the account, verified by the counter, audited; the receipt says Mã số thuế', async () => {
    const { ctx, page, w } = await receiverPage();
    await page.goto(`${BASE_URL}/can-bo/tiep-nhan?agency=${wardId}&procedure=${PROC}`);
    await page.locator('#kind-org').check();
    await page.locator('#doc1').check();
    await page.locator('#org_name').fill(orgName);
    await page.locator('#tax_code').fill(tax.ok);
    await page.locator('#org_holder').fill(org.email);
    await page.locator('#cert_seen').check();
    await Promise.all([page.waitForURL(/\/can-bo\/ho-so\/[^/?]+\?ok=1&receipt=1$/, { timeout: LONG }),
      page.locator('#counter-submit').click()]);
    code = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
    assert.equal(await fact(page, 'Người nộp'), orgName);
    assert.match(await fact(page, 'Mã số thuế'), new RegExp(`^${tax.ok}\\b`), 'the officer\'s page labels the tax code');
    assert.equal(await page.locator('#applicant-number-label').innerText(), 'Mã số thuế');
    assert.equal(sqlValue('SELECT CONCAT_WS(\'|\', account_id, applicant_name, applicant_id_number, status) ' +
      `FROM dossiers WHERE code = ${q(code)}`), `${org.id}|${orgName}|${tax.ok}|2`, 'filed and accepted for the account');
    assert.equal(sqlValue(`SELECT CONCAT_WS('|', tax_verified, tax_verified_by) FROM accounts WHERE id = ${org.id}`),
      '1|counter', 'the tax code verified by the counter');
    assert.equal(sqlValue('SELECT COUNT(*) FROM audit_log WHERE event = \'tax_code_verified\' ' +
      `AND account_id = ${org.id} AND actor_id = ${recv.id} AND subject = ${q(tax.ok)}`), '1', 'audited, the receiver the actor');

    await page.goto(`${BASE_URL}/can-bo/ho-so/${encodeURIComponent(code)}/giay-tiep-nhan`);
    assert.equal(await fact(page, 'Mã số thuế'), tax.ok);
    assert.equal(await page.locator('.receipt dt:text-is("Số định danh cá nhân")').count(), 0, 'not an ID number');
    await page.screenshot({ path: path.join(OUT, 'org-counter-receipt-1280.png'), fullPage: true });
    // Form 01 from the receipt's link says so too (pdftotext).
    const href = await page.locator('.receipt a[href$="/phieu/01.pdf"]').getAttribute('href');
    const pdf = await ctx.request.get(`${BASE_URL}${href}`);
    assert.equal(pdf.status(), 200);
    const text = await pdfText(await pdf.body());
    assert.ok(pdfHas(text, `Mã số thuế: ${tax.ok}`), `form 01 labels the tax code: ${text.slice(0, 800)}`);
    assert.ok(!pdfHas(text, 'Số định danh cá nhân'), 'and no ID number');
    await page.goto(`${BASE_URL}/can-bo/ho-so/${encodeURIComponent(code)}/giay-tiep-nhan?lang=en`);
    assert.equal(await fact(page, 'Tax code'), tax.ok, 'in English');
    await page.goto(`${BASE_URL}/can-bo/ho-so/${encodeURIComponent(code)}?lang=en`);
    assert.equal(await page.locator('#applicant-number-label').innerText(), 'Tax code');
    clean(w);
    await ctx.close();
  });

  test('a verified tax code is not verified again; an organisation without an account and a person are labelled by their kind', async () => {
    const { ctx, page, w } = await receiverPage();
    // The same organisation again: its verified account owns it, one entry.
    await page.goto(`${BASE_URL}/can-bo/tiep-nhan?agency=${wardId}&procedure=${PROC}`);
    await page.locator('#kind-org').check();
    await page.locator('#org_name').fill(orgName);
    await page.locator('#tax_code').fill(tax.ok);
    await page.locator('#cert_seen').check();
    await Promise.all([page.waitForURL(/\/can-bo\/ho-so\/[^/?]+\?ok=1&receipt=1$/, { timeout: LONG }),
      page.locator('#counter-submit').click()]);
    const again = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
    assert.equal(sqlValue(`SELECT account_id FROM dossiers WHERE code = ${q(again)}`), String(org.id));
    assert.equal(audited(), '1', 'audited once');

    // A new organisation (no account): the dossier carries its tax code.
    const other = newTaxCode(false);
    const otherName = `Hợp tác xã ${personTag()}`;
    await page.goto(`${BASE_URL}/can-bo/tiep-nhan?agency=${wardId}&procedure=${PROC}`);
    await page.locator('#kind-org').check();
    await page.locator('#org_name').fill(otherName);
    await page.locator('#tax_code').fill(other.ok);
    await page.locator('#cert_seen').check();
    await Promise.all([page.waitForURL(/\/can-bo\/ho-so\/[^/?]+\?ok=1&receipt=1$/, { timeout: LONG }),
      page.locator('#counter-submit').click()]);
    const lone = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
    assert.equal(sqlValue(`SELECT CONCAT_WS('|', COALESCE(account_id, 0), applicant_name, applicant_id_number) FROM dossiers WHERE code = ${q(lone)}`),
      `0|${otherName}|${other.ok}`);
    await page.goto(`${BASE_URL}/can-bo/ho-so/${encodeURIComponent(lone)}/giay-tiep-nhan`);
    assert.equal(await fact(page, 'Mã số thuế'), other.ok);

    // A person, as before: the ID number's label.
    const idn = newIdNumber();
    await page.goto(`${BASE_URL}/can-bo/tiep-nhan?agency=${wardId}&procedure=${PROC}`);
    assert.equal(await page.locator('#kind-person').isChecked(), true);
    await page.locator('#name').fill(`Lê Văn ${personTag()}`);
    await page.locator('#id_number').fill(idn);
    await Promise.all([page.waitForURL(/\/can-bo\/ho-so\/[^/?]+\?ok=1&receipt=1$/, { timeout: LONG }),
      page.locator('#counter-submit').click()]);
    assert.equal(await page.locator('#applicant-number-label').innerText(), 'Số định danh cá nhân');
    const person = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
    await page.goto(`${BASE_URL}/can-bo/ho-so/${encodeURIComponent(person)}/giay-tiep-nhan`);
    assert.equal(await fact(page, 'Số định danh cá nhân'), idn);
    clean(w);
    await ctx.close();
  });
});
