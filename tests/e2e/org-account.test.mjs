// Organisations register and file in their own name (issue 9, migration
// 0071), through the pages in Chromium: the registration page's
// "organisation" choice with a wrong tax code's check digit refused at the
// field (422, the values kept, nothing stored), a malformed code and a
// missing name told apart, an over-long name refused; then registered, the
// e-mail verified by the link read from the outbox; the account page shows
// the kind, the organisation and its unverified tax code; a dossier filed
// through the filing page carries the organisation's name and tax code, is
// listed in "my dossiers" with it and found by the public lookup (page and
// API) with the tax code; the city's administrator verifies the tax code on
// the accounts page (the certificate's box first, the password asked
// again), audited; a second registration claiming that tax code, on the
// English page, gets the clear error at the field and stores nothing.
// Screenshots in tests/e2e/output.
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import {
  BASE_URL, PROC, Visitor, csrfOf, launchBrowser, minimalPdf, newIdNumber, newOfficer, q, randomWard,
  request, signIn, sqlValue, submitAndWait, textOf, uniq, watch,
} from './lib.mjs';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'output');
mkdirSync(OUT, { recursive: true });
const LONG = 60_000;

/** A tax code of this run's own: 10 digits (check digit right) and a branch. */
function newTaxCode() {
  const w = [31, 29, 23, 19, 17, 13, 7, 5, 3];
  for (;;) {
    const nine = `8${String(randomInt(0, 1e8)).padStart(8, '0')}`;
    const sum = [...nine].reduce((s, d, i) => s + Number(d) * w[i], 0);
    const check = 10 - (sum % 11);
    if (check === 10) continue; // no code is issued with it
    const branch = String(randomInt(1, 1000)).padStart(3, '0');
    return { ok: `${nine}${check}-${branch}`, wrong: `${nine}${(check + 1) % 10}-${branch}` };
  }
}

/** The confirmation link's path in the latest e-mail to addr (the outbox). */
function linkTo(addr) {
  const id = sqlValue(`SELECT MAX(id) FROM outbox WHERE channel = 'email' AND recipient = ${q(addr)}`);
  assert.ok(id && id !== 'NULL', `an e-mail went to ${addr}`);
  const body = sqlValue(`SELECT REPLACE(body, '\n', ' ') FROM outbox WHERE id = ${id}`);
  const found = body.match(/\/dich-vu\/xac-nhan-email\/[0-9a-f]{64}/);
  assert.ok(found, `the e-mail holds a confirmation link: ${body.slice(0, 300)}`);
  return found[0];
}

const accountsOf = (email) => sqlValue(
  `SELECT COUNT(*) FROM accounts WHERE email_new = ${q(email)} OR email = ${q(email)}`);

/** Clicks a submit button; the response of its POST (the page loaded). */
async function post(page, button) {
  const posted = page.waitForResponse((r) => r.request().method() === 'POST', { timeout: LONG });
  await button.click();
  const resp = await posted;
  await page.waitForLoadState('load', { timeout: LONG });
  return resp;
}

/** Nothing went wrong in the page but the refusals (422) the test asked for. */
function clean(w) {
  assert.deepEqual(w.problems().filter((p) => !/^HTTP 422: |status of 422/.test(p)), []);
}

async function shot(page, name) {
  await page.screenshot({ path: path.join(OUT, `org-${name}.png`), fullPage: true });
}

describe('organisation accounts with a tax code (issue 9)', { concurrency: false, timeout: 300_000 }, () => {
  const tag = uniq();
  const tax = newTaxCode();
  const org = {
    orgName: `Công ty TNHH Thử Nghiệm ${tag}`,
    name: `Đại Diện ${tag}`,
    idNumber: newIdNumber(),
    email: `e2e-org-${tag}@motcua.test`,
    phone: `09${String(randomInt(0, 1e8)).padStart(8, '0')}`,
    password: `cong ty hoa sen ${tag}`,
  };
  let browser, ward, cityAdmin, code;

  before(async () => {
    ward = randomWard();
    cityAdmin = await newOfficer('admin', '000.00.00.H29', `Quản Trị Mã Số Thuế ${tag}`);
    browser = await launchBrowser();
  });
  after(async () => { if (browser) await browser.close(); });

  test('bad input: a missing name and a malformed code told apart, an over-long name refused; nothing stored', async () => {
    const v = new Visitor();
    const form = {
      kind: 'org', org_name: '', tax_code: '12345', name: org.name, id_number: org.idNumber,
      email: org.email, phone: '', password: org.password, password2: org.password,
    };
    let page = await v.get('/dich-vu/dang-ky');
    let a = await v.postForm('/dich-vu/dang-ky', { csrf: csrfOf(page.text), ...form });
    assert.equal(a.status, 422);
    assert.match(a.text, /id="org_name-error">Xin nhập tên tổ chức/);
    assert.match(a.text, /id="tax_code-error">Mã số thuế gồm 10 chữ số/);
    assert.ok(!/chữ số kiểm tra/.test(a.text), 'a malformed code is not called a wrong check digit');
    page = await v.get('/dich-vu/dang-ky');
    a = await v.postForm('/dich-vu/dang-ky', {
      csrf: csrfOf(page.text), ...form, org_name: 'X'.repeat(256), tax_code: tax.ok,
    });
    assert.equal(a.status, 422, 'a name over 255 characters is refused');
    assert.match(textOf(a.text), /Tên tổ chức, doanh nghiệp” dài quá mức/, 'the field is named');
    assert.equal(accountsOf(org.email), '0', 'nothing stored');
  });

  test('registered through the page: the wrong check digit first (kept, told at the field), then the e-mail verified by its link', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    const w = watch(page);
    await page.goto(`${BASE_URL}/dich-vu/dang-ky`);
    assert.equal(await page.locator('#org_name').isVisible(), false, 'an individual sees no organisation fields');
    await page.locator('#kind-org').check();
    await page.locator('#org_name').waitFor({ state: 'visible', timeout: LONG });
    await page.locator('#org_name').fill(org.orgName);
    await page.locator('#tax_code').fill(tax.wrong);
    await page.locator('#name').fill(org.name);
    await page.locator('#id_number').fill(org.idNumber);
    await page.locator('#email').fill(org.email);
    await page.locator('#phone').fill(org.phone);
    await page.locator('#password').fill(org.password);
    await page.locator('#password2').fill(org.password);
    const r = await post(page, page.locator('form.register-form button[type=submit]'));
    assert.equal(r.status(), 422);
    assert.match(await page.locator('#tax_code-error').innerText(), /chữ số kiểm tra/);
    assert.equal(await page.locator('#tax_code').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator('#kind-org').isChecked(), true, 'still an organisation');
    assert.equal(await page.locator('#org_name').inputValue(), org.orgName);
    assert.equal(await page.locator('#tax_code').inputValue(), tax.wrong);
    assert.equal(await page.locator('#email').inputValue(), org.email);
    assert.equal(await page.locator('#id_number').inputValue(), org.idNumber);
    assert.equal(accountsOf(org.email), '0', 'nothing stored');
    await shot(page, 'register-check-digit');

    await page.locator('#tax_code').fill(tax.ok);
    await page.locator('#password').fill(org.password);
    await page.locator('#password2').fill(org.password);
    await submitAndWait(page, page.locator('form.register-form button[type=submit]'));
    assert.equal(new URL(page.url()).pathname, '/dich-vu/ho-so');
    assert.equal(sqlValue(`SELECT CONCAT_WS('|', kind, org_name, tax_code, tax_verified, full_name, id_number) FROM accounts WHERE email_new = ${q(org.email)}`),
      `org|${org.orgName}|${tax.ok}|0|${org.name}|${org.idNumber}`, 'stored as declared, unverified');

    await page.goto(`${BASE_URL}${linkTo(org.email)}`);
    await submitAndWait(page, page.locator('#verify-form button'));
    assert.match(await page.locator('#verify-done').innerText(), /Đã xác nhận e-mail/);

    await page.goto(`${BASE_URL}/dich-vu/tai-khoan`);
    assert.equal(await page.locator('#account-kind').innerText(), 'Tổ chức, doanh nghiệp');
    assert.equal(await page.locator('#account-org').innerText(), org.orgName);
    assert.match(await page.locator('#account-tax').innerText(), new RegExp(`${tax.ok} \\(chưa xác thực`));
    await shot(page, 'account-unverified');
    clean(w);
    await ctx.close();
  });

  test('files a dossier in the organisation\'s name; "my dossiers" and the lookup show it with the tax code', async () => {
    const page = await signIn(browser, org.email, org.password);
    const w = watch(page);
    await page.goto(`${BASE_URL}/dich-vu/nop-ho-so/${PROC}`);
    const note = page.locator('#own-note');
    await note.waitFor({ timeout: LONG });
    const said = await note.innerText();
    assert.ok(said.includes(org.orgName) && said.includes(tax.ok), `the form names the organisation: ${said}`);
    assert.match(await page.locator('#own-tax-state').innerText(), /chưa xác thực/);
    await page.locator('#agency').selectOption(ward);
    await page.locator('#f-content').fill(`Khai sinh ${tag}`);
    await page.locator('#doc-d1').setInputFiles({
      name: 'giay-chung-sinh.pdf', mimeType: 'application/pdf', buffer: minimalPdf(`org ${tag}`),
    });
    await post(page, page.locator('#continue'));
    const check = await page.locator('#check-applicant').innerText({ timeout: LONG });
    assert.ok(check.includes(tax.ok) && check.includes(org.orgName), `the check page: ${check}`);
    await post(page, page.locator('#submit-dossier'));
    await page.waitForURL(/\/dich-vu\/ho-so\/[^/?]+\?moi=1$/, { timeout: LONG });
    code = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
    assert.equal(sqlValue(`SELECT CONCAT_WS('|', applicant_name, applicant_id_number) FROM dossiers WHERE code = ${q(code)}`),
      `${org.orgName}|${tax.ok}`);

    await page.goto(`${BASE_URL}/dich-vu/ho-so`);
    const row = page.locator('tr', { has: page.locator(`a:text-is("${code}")`) });
    assert.match(await row.innerText(), new RegExp(`${org.orgName} · ${tax.ok}`));
    await shot(page, 'my-dossiers');

    await page.goto(`${BASE_URL}/dich-vu/tra-cuu?ma=${encodeURIComponent(code)}&id_number=${encodeURIComponent(tax.ok)}`);
    assert.match(await page.locator('h2').first().innerText(), new RegExp(code));
    const api = await request(`/api/v1/dossiers/${encodeURIComponent(code)}?id_number=${encodeURIComponent(tax.ok)}`);
    assert.equal(api.status, 200, api.text);
    assert.equal(api.json().code, code);
    clean(w);
    await page.context().close();
  });

  test('the city administrator verifies the tax code on the accounts page, audited', async () => {
    const page = await signIn(browser, cityAdmin.email, cityAdmin.password);
    await page.goto(`${BASE_URL}/can-bo/quan-tri/tai-khoan?email=${encodeURIComponent(org.email)}`);
    assert.match(await page.locator('#account-tax').innerText(), new RegExp(`${tax.ok} \\(chưa xác thực`));
    assert.equal(await page.locator('#account-org').innerText(), org.orgName);
    // Without the certificate's box: refused, nothing verified.
    const r = await post(page, page.locator('#tax-verify button'));
    assert.equal(r.status(), 422);
    assert.match(await page.locator('#seen-error').innerText(), /giấy chứng nhận/);
    await page.locator('#seen').check();
    await post(page, page.locator('#tax-verify button'));
    if (await page.locator('#reauth-password').count()) {
      await page.locator('#reauth-password').fill(cityAdmin.password);
      await Promise.all([page.waitForURL(/ok=/, { timeout: LONG }), page.locator('#reauth button[type=submit]').click()]);
    }
    await page.waitForURL(/ok=/, { timeout: LONG });
    assert.match(await page.locator('#account-tax').innerText(), new RegExp(`${tax.ok} \\(đã xác thực\\)`));
    assert.equal(await page.locator('#tax-verify').count(), 0, 'nothing left to verify');
    await shot(page, 'admin-verified');
    assert.equal(sqlValue(`SELECT CONCAT_WS('|', tax_verified, tax_verified_by) FROM accounts WHERE email = ${q(org.email)}`), '1|admin');
    assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log l JOIN accounts a ON a.id = l.account_id WHERE a.email = ${q(org.email)} AND l.event = 'tax_code_verified' AND l.subject = ${q(tax.ok)}`), '1');
    await page.context().close();

    const own = await signIn(browser, org.email, org.password);
    await own.goto(`${BASE_URL}/dich-vu/tai-khoan`);
    assert.match(await own.locator('#account-tax').innerText(), new RegExp(`${tax.ok} \\(đã xác thực\\)`));
    await own.goto(`${BASE_URL}/dich-vu/ho-so/${encodeURIComponent(code)}`);
    await own.context().close();
  });

  test('a second registration claiming the verified tax code: the clear error at the field (English page), nothing stored', async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 900 } });
    const page = await ctx.newPage();
    const w = watch(page);
    const email2 = `e2e-org2-${tag}@motcua.test`;
    await page.goto(`${BASE_URL}/dich-vu/dang-ky?lang=en`);
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await page.locator('#kind-org').check();
    await page.locator('#org_name').fill(`Someone Else Ltd ${tag}`);
    await page.locator('#tax_code').fill(tax.ok);
    await page.locator('#name').fill(`Other Person ${tag}`);
    await page.locator('#id_number').fill(newIdNumber());
    await page.locator('#email').fill(email2);
    await page.locator('#password').fill(`someone else ${tag}`);
    await page.locator('#password2').fill(`someone else ${tag}`);
    const r = await post(page, page.locator('form.register-form button[type=submit]'));
    assert.equal(r.status(), 422);
    const err = await page.locator('#tax_code-error').innerText();
    assert.match(err, /already verified for another account/);
    assert.ok(!err.includes(org.orgName) && !err.includes(org.email), 'nothing of the other account is said');
    assert.equal(await page.locator('#tax_code').inputValue(), tax.ok, 'the value kept');
    assert.equal(accountsOf(email2), '0', 'nothing stored');
    assert.equal(sqlValue(`SELECT COUNT(*) FROM accounts WHERE tax_code = ${q(tax.ok)}`), '1');
    await shot(page, 'register-taken-en');
    clean(w);
    await ctx.close();
  });
});
