// Prefilling a procedure's form from the account (issue 13), in Chromium:
// a citizen opens the form of a procedure whose questions ask for their
// name, ID number, phone and e-mail, and finds name, phone and e-mail
// already answered from their account, the ID number only when the
// account's is verified, with the "filled in from your account" note; what they
// change and save as a draft is what they find again (never prefilled
// over). The same without JavaScript.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import {
  BASE_URL, launchBrowser, newCitizen, putEForm, sql, watch, submitAndWait, portalLogin,
} from './lib.mjs';

/** A procedure no other test files: it gets its own form here. */
const PROC = '1.000390';

const FORM = {
  components: [
    { type: 'textfield', key: 'full_name', label: 'Họ và tên người khai', validate: { required: true } },
    { type: 'textfield', key: 'cccd', label: 'Số định danh cá nhân', properties: { type: 'id_number' } },
    { type: 'textfield', key: 'tel', label: 'Số điện thoại liên hệ', validate: { validationType: 'phone' } },
    { type: 'textfield', key: 'mail', label: 'Thư điện tử', properties: { prefill: 'email' } },
    { type: 'textfield', key: 'reason', label: 'Lý do', validate: { required: true } },
  ],
};

let browser;
before(async () => { browser = await launchBrowser(); putEForm(PROC, FORM); });
after(async () => { if (browser) await browser.close(); });

// JavaScript on: an account made by an officer (its ID number verified);
// off: one whose ID number nobody verified (as a self-registered one).
for (const js of [true, false]) {
  const verified = js;
  describe(`a new form prefilled from the account, JavaScript ${js ? 'on' : 'off'}`, () => {
    test(`name, phone and e-mail are answered, the ID number ${verified ? 'too (verified)' : 'not (unverified)'}; a draft keeps what was typed`, async () => {
      const phone = `0903${String(Date.now()).slice(-6)}`;
      const c = await newCitizen({ phone });
      if (!verified) sql(`UPDATE accounts SET id_verified = 0 WHERE id = ${c.id}`);
      const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: js });
      try {
        const page = await ctx.newPage();
        const w = watch(page);
        await portalLogin(page, c);
        await page.goto(`${BASE_URL}/dich-vu/nop-ho-so/${PROC}`);
        assert.equal(await page.locator('#f-full_name').inputValue(), c.name);
        assert.equal(await page.locator('#f-tel').inputValue(), phone);
        assert.equal(await page.locator('#f-mail').inputValue(), c.email);
        assert.equal(await page.locator('#f-cccd').inputValue(), verified ? c.idNumber : '',
          verified ? 'a verified ID number is prefilled' : 'an unverified ID number is not prefilled');
        assert.equal(await page.locator('#f-reason').inputValue(), '');
        assert.match(await page.locator('#prefilled').innerText(), /điền sẵn từ tài khoản của bạn/);

        // What the citizen changes and saves is theirs: not prefilled again.
        await page.locator('#f-full_name').fill('');
        await page.locator('#f-tel').fill('0911222333');
        await page.locator('#f-reason').fill('Cấp lại');
        await submitAndWait(page, page.locator('#save-draft'));
        assert.match(page.url(), /nhap=\d+&luu=1/);
        assert.equal(await page.locator('#f-full_name').inputValue(), '', 'a name the citizen cleared stays cleared');
        assert.equal(await page.locator('#f-tel').inputValue(), '0911222333');
        assert.equal(await page.locator('#f-mail').inputValue(), c.email);
        assert.equal(await page.locator('#f-reason').inputValue(), 'Cấp lại');
        assert.equal(await page.locator('#prefilled').count(), 0, 'a draft is not "filled in from the account"');
        assert.deepEqual(w.problems(), []);
      } finally { await ctx.close(); }
    });
  });
}
