// The assistant (issue 14): five conversations through the page in
// Chromium (one needing a follow-up question, one where the ward decides
// the agency, one in English, one it cannot answer that lands in the
// webmasters' list, one without JavaScript), every fact linked to the
// catalogue; axe-core over the page in both languages.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { BASE_URL, DEMO_PASSWORD, TOP, assertAxe, launchBrowser, sql, sqlValue, until, watch } from './lib.mjs';

const WARD = '000.01.60.H29';

describe('the assistant', { timeout: 300_000 }, () => {
  let browser;
  before(async () => { browser = await launchBrowser(); });
  after(async () => { if (browser) await browser.close(); });

  /** Signs in as the demo admin and opens the webmasters' synonyms and unanswered questions. */
  async function webmastersList(page) {
    await page.goto(`${BASE_URL}/dich-vu/dang-nhap`);
    await page.locator('#login').fill('admin@motcua.test');
    await page.locator('#password').fill(DEMO_PASSWORD);
    await Promise.all([page.waitForNavigation(), page.locator('form.form button[type=submit]').click()]);
    await page.goto(`${BASE_URL}/can-bo/quan-tri-trang/tu-dong-nghia`);
  }

  /** Asks through the form; returns the page. */
  async function ask(page, q, ward = '') {
    await page.fill('#ask-q', q);
    await page.selectOption('#ask-ward', ward);
    await Promise.all([page.waitForNavigation(), page.click('#ask button[type=submit]')]);
  }

  test('a follow-up question: marriage, with a foreign element or not', async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
    try {
      const page = await ctx.newPage();
      const w = watch(page);
      await page.goto(`${BASE_URL}/dich-vu/tro-ly`);
      await ask(page, 'tôi muốn đăng ký kết hôn');
      assert.match(await page.locator('#follow-up legend').innerText(), /yếu tố nước ngoài/);
      await Promise.all([page.waitForNavigation(), page.click('#follow-up button[value="1"]')]);
      assert.equal(await page.locator('#the-answer h3 a').getAttribute('href'), '/thu-tuc/2.000806.html');
      await page.goBack();
      await Promise.all([page.waitForNavigation(), page.click('#follow-up button[value="0"]')]);
      assert.equal(await page.locator('#the-answer h3 a').getAttribute('href'), '/thu-tuc/1.000894.html');
      // What to bring is the catalogue's list, exactly.
      const docs = sql("SELECT d.name FROM procedure_documents d JOIN procedures p ON p.id = d.procedure_id " +
        "WHERE p.code = '1.000894' ORDER BY d.seq").map((r) => r[0]);
      const shown = await page.locator('#bring li').allInnerTexts();
      assert.equal(shown.length, docs.length);
      docs.forEach((d, i) => assert.ok(shown[i].startsWith(d.trim().slice(0, 40)), `document ${i}: ${shown[i]}`));
      await page.screenshot({ path: path.join(TOP, 'tests/e2e/output/assistant-390.png'), fullPage: true });
      assert.deepEqual(w.problems(), []);
    } finally { await ctx.close(); }
  });

  test('the ward decides where to file a commune-level procedure', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await ctx.newPage();
      await page.goto(`${BASE_URL}/dich-vu/tro-ly`);
      await ask(page, 'mất căn cước');
      assert.equal(await page.locator('#the-answer h3 a').getAttribute('href'), '/thu-tuc/1.014064.html');
      await ask(page, 'tôi cần đăng ký khai sinh', WARD);
      // Born here or abroad decides the procedure: the follow-up keeps the ward.
      await Promise.all([page.waitForNavigation(), page.click('#follow-up button[value="0"]')]);
      assert.equal(await page.locator('#the-answer h3 a').getAttribute('href'), '/thu-tuc/1.001193.html');
      const ward = sqlValue(`SELECT name FROM agencies WHERE code = '${WARD}'`);
      assert.equal(await page.locator('#where').innerText(), ward);
      await ask(page, 'tôi cần đăng ký khai sinh', '');
      await Promise.all([page.waitForNavigation(), page.click('#follow-up button[value="0"]')]);
      assert.match(await page.locator('#where').innerText(), /phường, xã nơi bạn cư trú/);
      assert.equal(await page.locator('#file-online').count(),
        Number(sqlValue("SELECT online FROM procedures WHERE code = '1.001193'")));
      await page.screenshot({ path: path.join(TOP, 'tests/e2e/output/assistant-1280.png'), fullPage: true });
    } finally { await ctx.close(); }
  });

  test('the panel on the home page and on a procedure page asks the assistant', async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    try {
      const page = await ctx.newPage();
      await page.goto(`${BASE_URL}/`);
      await page.fill('#assist-q', 'mất căn cước');
      await Promise.all([page.waitForNavigation(), page.click('#assist-form button[type=submit]')]);
      assert.equal(await page.locator('#the-answer h3 a').getAttribute('href'), '/thu-tuc/1.014064.html');
      await page.goto(`${BASE_URL}/en/thu-tuc/1.000894.html`);
      await page.fill('#assist-q', 'birth certificate');
      await Promise.all([page.waitForNavigation(), page.click('#assist-form button[type=submit]')]);
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      assert.equal(await page.locator('#the-answer h3 a').getAttribute('href'), '/en/thu-tuc/1.001193.html');
    } finally { await ctx.close(); }
  });

  test('in English', async () => {
    const ctx = await browser.newContext();
    try {
      const page = await ctx.newPage();
      await page.goto(`${BASE_URL}/dich-vu/tro-ly?lang=en`);
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      await ask(page, 'I want a birth certificate');
      assert.equal(await page.locator('#the-answer h3 a').getAttribute('href'), '/en/thu-tuc/1.001193.html');
      assert.match(await page.locator('#the-answer').innerText(), /What to bring/);
    } finally { await ctx.close(); }
  });

  test('a question it cannot answer lands, without numbers, in the webmasters\' list; a synonym added from it answers it', async () => {
    const word = `qzxwv${Date.now() % 100000}`.replace(/\d/g, (d) => 'abcdefghij'[d]);
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await ctx.newPage();
      await page.goto(`${BASE_URL}/dich-vu/tro-ly`);
      await ask(page, `${word} 0912345678 blorp`);
      assert.match(await page.locator('#unanswered').innerText(), /chưa trả lời được/);
      await webmastersList(page);
      const row = page.locator('#unanswered tr', { hasText: word });
      assert.equal(await row.count(), 1);
      assert.doesNotMatch(await row.innerText(), /0912345678/, 'no phone number kept');
      // The webmaster adds a synonym from the question: the form comes
      // filled with its words; once saved, the question leaves the list.
      await Promise.all([page.waitForNavigation(), row.locator('a[href*="tu-dong-nghia"]').click()]);
      assert.equal(await page.inputValue('#term'), `${word} blorp`);
      await page.fill('#means', 'cấp lại thẻ căn cước');
      await page.fill('#source', 'catalogue 1.014064, câu hỏi trợ lý');
      await Promise.all([page.waitForNavigation(), page.click('#syn-add button[type=submit]')]);
      assert.match(page.url(), /ok=1/);
      assert.equal(await page.locator('#unanswered tr', { hasText: word }).count(), 0, 'answered now');
      // Asked again, the assistant answers from the catalogue.
      await until(async () => {
        await page.goto(`${BASE_URL}/dich-vu/tro-ly?q=${encodeURIComponent(`${word} blorp`)}`);
        return (await page.locator('#the-answer h3 a').count()) === 1 &&
          (await page.locator('#the-answer h3 a').getAttribute('href')) === '/thu-tuc/1.014064.html';
      }, { timeout: 20_000, what: 'the assistant answers with the new synonym' });
    } finally {
      await ctx.close();
      sql(`DELETE FROM assistant_unanswered WHERE question LIKE '${word}%'`);
      sql(`DELETE FROM search_synonyms WHERE term LIKE '${word}%'`);
    }
  });

  test('a question asked in English that it cannot answer: a webmaster writes an FAQ from the list, and the assistant answers with it', async () => {
    const word = `vwzqx${Date.now() % 100000}`.replace(/\d/g, (d) => 'abcdefghij'[d]);
    const asked = `${word} dog licence`;
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await ctx.newPage();
      await page.goto(`${BASE_URL}/dich-vu/tro-ly?lang=en`);
      await ask(page, `${word} dog licence 0912345678?`);
      assert.match(await page.locator('#unanswered').innerText(), /cannot answer/);
      await webmastersList(page);
      const row = page.locator('#unanswered tr', { hasText: word });
      assert.equal(await row.count(), 1);
      assert.equal(await row.locator('td').first().innerText(), asked, 'its words only, no number');
      // "Add a question and answer from this question": the FAQ form, its
      // English question filled with the words, the question named.
      await Promise.all([page.waitForNavigation(), row.locator('a[href*="hoi-dap/moi"]').click()]);
      assert.equal(await page.inputValue('#question_en'), asked);
      assert.equal(await page.inputValue('#question'), '');
      assert.match(await page.locator('#from-asked').innerText(), new RegExp(asked));
      assert.equal(await page.locator('#from-asked q').getAttribute('lang'), 'en', 'the question quoted in the language it was asked in');
      // Sent without its required Vietnamese question and answer: 422, the
      // English question and the question it answers kept.
      await page.fill('#answer_en', 'Dogs need no licence from the city.\nAsk your ward about vaccination.');
      const bad = await Promise.all([page.waitForNavigation(), page.click('form button[value=save]')]);
      assert.equal(bad[0].status(), 422);
      assert.equal(await page.inputValue('#question_en'), asked);
      assert.equal(await page.inputValue('#answer_en'), 'Dogs need no licence from the city.\nAsk your ward about vaccination.');
      assert.match(await page.locator('#from-asked').innerText(), new RegExp(asked));
      assert.equal(await page.locator('#from-asked q').getAttribute('lang'), 'en', 'the question quoted in the language it was asked in');
      await page.fill('#question', `Nuôi chó ${word} có cần giấy phép không?`);
      await page.fill('#answer', 'Thành phố không cấp giấy phép nuôi chó.\n\nHỏi phường nơi bạn ở về tiêm phòng.');
      await Promise.all([page.waitForNavigation(), page.click('form button[value=save]')]);
      assert.match(page.url(), /hoi-dap\?ok=1/);
      await page.goto(`${BASE_URL}/can-bo/quan-tri-trang/tu-dong-nghia`);
      assert.equal(await page.locator('#unanswered tr', { hasText: word }).count(), 0, 'the question left the list');
      // Asked again (other numbers, other punctuation), in English: the
      // webmasters' answer, a paragraph a line; in Vietnamese, the
      // Vietnamese question's words find the Vietnamese answer.
      await page.goto(`${BASE_URL}/dich-vu/tro-ly?lang=en&q=${encodeURIComponent(`${word} dog licence 0987654321`)}`);
      const faq = page.locator('#faq-answer');
      assert.equal(await faq.count(), 1, 'answered from the FAQ');
      assert.equal(await faq.locator('h3').innerText(), asked);
      assert.deepEqual(await faq.locator('p:not(.meta)').allInnerTexts(), ['Dogs need no licence from the city.', 'Ask your ward about vaccination.']);
      assert.equal(await page.locator('#unanswered').count(), 0);
      await page.goto(`${BASE_URL}/dich-vu/tro-ly?lang=vi&q=${encodeURIComponent(`nuoi cho ${word} co can giay phep khong`)}`);
      assert.deepEqual(await page.locator('#faq-answer p:not(.meta)').allInnerTexts(), ['Thành phố không cấp giấy phép nuôi chó.', 'Hỏi phường nơi bạn ở về tiêm phòng.']);
      assert.equal(sqlValue(`SELECT COUNT(*) FROM assistant_unanswered WHERE question LIKE '%${word}%' AND done = 0`), '0', 'not logged again');
      await page.setViewportSize({ width: 390, height: 800 });
      await page.screenshot({ path: path.join(TOP, 'tests', 'e2e', 'output', 'assistant-faq-390.png'), fullPage: true });
    } finally {
      await ctx.close();
      sql(`DELETE FROM assistant_unanswered WHERE question LIKE '%${word}%'`);
      sql(`DELETE FROM faqs WHERE question LIKE '%${word}%'`);
    }
  });

  for (const lang of ['vi', 'en']) {
    test(`axe-core: no serious or critical violation on an answer (${lang})`, async () => {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
      try {
        const page = await ctx.newPage();
        await page.goto(`${BASE_URL}/dich-vu/tro-ly?lang=${lang}&q=${encodeURIComponent('đăng ký kết hôn')}`);
        assert.equal(await page.locator('#follow-up').count(), 1);
        for (const url of [page.url(), `${BASE_URL}/dich-vu/tro-ly?lang=${lang}&q=${encodeURIComponent('mất căn cước')}&ward=${WARD}`]) {
          await page.goto(url);
          await assertAxe(page, url);
        }
      } finally { await ctx.close(); }
    });
  }
});
