// The questionnaire's versions as CSV (issue 10, reports exportable): a
// department's evaluation manager adds a question; the manager of a unit
// under it switches it off, back on and off again (three versions of the
// unit's line). The unit's manager downloads the versions through the
// editor page's link, in Vietnamese and in English: UTF-8 with a byte
// order mark, headings in the reader's language, each version with its
// questions (wording in both languages, kind, state: asked, inherited,
// switched off, earlier version), in force from, by, note and ratings, cell
// by cell as the page shows them; audited as an export. A sibling unit's
// manager is refused the unit's (403). Through the page in Chromium.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  BASE_URL, uniq, newOfficer, sql, sqlValue, q, launchBrowser, watch, signIn, parseCsv,
} from './lib.mjs';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'output');
mkdirSync(OUT, { recursive: true });
const WAIT = { timeout: 60_000 };

describe('the questionnaire\'s versions as CSV (issue 10)', { concurrency: false, timeout: 400_000 }, () => {
  const t = uniq().replace(/[^0-9A-Za-z]/g, '');
  const codes = { dep: `E2E.QC${t}.D`, unit: `E2E.QC${t}.U`, sib: `E2E.QC${t}.S` };
  const asked = `Ông/Bà có được hướng dẫn qua điện thoại không? ${t}`;
  const askedEn = `Were you guided by telephone? ${t}`;
  let browser, dep, unit, evD, evU, evS;

  before(async () => {
    const city = Number(sqlValue("SELECT id FROM agencies WHERE kind = 'city' ORDER BY id LIMIT 1"));
    sql(`INSERT INTO agencies (code, kind, name, parent_id, valid_from) VALUES
      (${q(codes.dep)}, 'department', ${q(`Sở Xuất Bảng Hỏi ${t}`)}, ${city}, '2020-01-01')`);
    dep = Number(sqlValue(`SELECT id FROM agencies WHERE code = ${q(codes.dep)}`));
    sql(`INSERT INTO agencies (code, kind, name, parent_id, valid_from) VALUES
      (${q(codes.unit)}, 'unit', ${q(`Phòng Xuất ${t}`)}, ${dep}, '2020-01-01'),
      (${q(codes.sib)}, 'unit', ${q(`Phòng Bên Cạnh ${t}`)}, ${dep}, '2020-01-01')`);
    unit = Number(sqlValue(`SELECT id FROM agencies WHERE code = ${q(codes.unit)}`));
    [evD, evU, evS] = await Promise.all([
      newOfficer('evaluator', codes.dep, `Quản Lý Sở QC ${t}`),
      newOfficer('evaluator', codes.unit, `Quản Lý Phòng QC ${t}`),
      newOfficer('evaluator', codes.sib, `Quản Lý Bên Cạnh QC ${t}`),
    ]);
    browser = await launchBrowser();
  });

  after(async () => {
    if (browser) await browser.close();
    sql(`UPDATE agencies SET valid_to = CURDATE() - INTERVAL 1 DAY WHERE code IN (${Object.values(codes).map(q).join(', ')})`);
  });

  /**
   * Downloads the CSV from the page's link: a byte order mark, the heads;
   * returns its lines (without the heads).
   */
  async function download(page, file, heads) {
    const [dl] = await Promise.all([page.waitForEvent('download', WAIT), page.locator('#eval-form-csv').click()]);
    assert.equal(dl.suggestedFilename(), `bang-hoi-${unit}.csv`);
    const saved = path.join(OUT, `${file}-${t}.csv`);
    await dl.saveAs(saved);
    const bytes = readFileSync(saved);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a byte order mark for Excel');
    const csv = parseCsv(bytes.subarray(3).toString('utf8'));
    assert.deepEqual(csv[0], heads);
    return csv.slice(1);
  }

  /** The page's versions table: [version, from, by, note, questions, ratings]. */
  const versionsShown = (page) => page.locator('#eval-versions tbody tr').evaluateAll((trs) => trs.map((tr) =>
    [...tr.querySelectorAll('td')].map((td) => td.textContent.replace(/\s+/g, ' ').trim())));

  /** The current version's questions on the editor: [n, kind, vi, en]. */
  const questionsShown = (page) => page.locator('#eval-form-edit fieldset.eval-edit-q[id^="q"]:not(#q-new)').evaluateAll((fs) =>
    fs.map((f) => {
      const [n, kind] = f.querySelector('legend').textContent.split('·').map((s) => s.trim());
      return [n.replace(/\D+/g, ''), kind, f.querySelector('input[name^="t"]').value, f.querySelector('input[name^="e"]').value];
    }));

  /** "2026-12-07 14:05:09" as the Vietnamese page shows it: "07/12/2026 14:05". */
  const viDate = (iso) => iso.replace(/^(\d{4})-(\d{2})-(\d{2}) (\d{2}:\d{2}).*$/, '$3/$2/$1 $4');

  /** Checks the CSV lines against the page: versions, current questions, states. */
  async function sameAsPage(page, lines, lang, states) {
    const shown = await versionsShown(page);
    assert.equal(shown.length, 3, 'three versions listed');
    for (const [version, from, by, note, questions, ratings] of shown) {
      const mine = lines.filter((l) => l[0] === version);
      const listed = mine.filter((l) => l[8] !== states.off);
      assert.equal(String(listed.length), questions, `version ${version}: its questions, one line each`);
      for (const l of listed) {
        if (lang === 'vi') assert.equal(viDate(l[1]), from, `version ${version}: in force from`);
        assert.match(l[1], /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, 'a date and time Excel reads');
        assert.deepEqual([l[2], l[3], l[9]], [by, note, ratings], `version ${version}: by, note, ratings`);
      }
      assert.deepEqual(listed.map((l) => l[4]), listed.map((_, i) => String(i + 1)), 'numbered in order');
    }
    // The version asked now: its questions as the editor shows them.
    const current = lines.filter((l) => l[0] === shown[0][0] && l[8] !== states.off);
    assert.deepEqual(current.map((l) => [l[4], l[5], l[6], l[7]]), await questionsShown(page));
    // States: the inherited question switched off now (as the inherited
    // table shows it), the legal ones asked, earlier versions no longer.
    const off = lines.filter((l) => l[8] === states.off);
    assert.deepEqual(off.map((l) => [l[0], l[6], l[7]]), [[shown[0][0], asked, askedEn]]);
    const rowOff = page.locator('#eval-inherited tr.eval-inh', { hasText: lang === 'vi' ? asked : askedEn });
    assert.equal((await rowOff.locator('.eval-inh-state').innerText()).trim(), states.off);
    // The inherited ones the page lists as asked are those marked inherited
    // (an added question of the city, if any); the others are asked.
    const inhShown = await page.locator('#eval-inherited tr.eval-inh:not(.eval-inh-off) td:first-child').allInnerTexts();
    assert.deepEqual(current.filter((l) => l[8] === states.inherited).map((l) => l[lang === 'vi' ? 6 : 7]).sort(),
      inhShown.map((x) => x.trim()).sort(), 'inherited as the page lists them');
    assert.ok(current.every((l) => l[8] === states.asked || l[8] === states.inherited), 'the version in use is asked');
    const earlier = lines.filter((l) => l[0] !== shown[0][0]);
    assert.ok(earlier.length > 0 && earlier.every((l) => l[8] === states.earlier), 'earlier versions: no longer asked');
    // Version 2 (switched back on) asked it, inherited.
    assert.deepEqual(lines.filter((l) => l[6] === asked && l[0] === '2').map((l) => l[8]), [states.earlier]);
  }

  test('the unit\'s manager downloads the versions with their questions, in Vietnamese and English', async () => {
    // The department's manager adds a question for its subtree.
    const d = await signIn(browser, evD.email, evD.password, 1280);
    try {
      await d.locator('#nt').fill(asked);
      await d.locator('#ne').fill(askedEn);
      await Promise.all([d.waitForURL(new RegExp(`\\?agency=${dep}&ok=1$`), WAIT), d.locator('#eval-form-edit button[type=submit]').click()]);
    } finally {
      await d.context().close();
    }

    const u = await signIn(browser, evU.email, evU.password, 1280);
    const w = watch(u);
    try {
      const row = () => u.locator('#eval-inherited tr.eval-inh', { hasText: asked });
      const exported = () => Number(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE event = 'export' ` +
        `AND (account_id = ${evU.id} OR actor_id = ${evU.id}) AND subject = ${q(`bang-hoi.csv ${unit}`)}`));
      const before = exported();
      const heads = ['Phiên bản', 'Áp dụng từ', 'Người tạo', 'Thay đổi gì', 'Câu số', 'Loại câu hỏi',
        'Câu hỏi (tiếng Việt)', 'Câu hỏi (tiếng Anh)', 'Trạng thái', 'Số lượt đánh giá'];
      // Off (v1), back on (v2): asked, inherited from the department.
      for (const v of [1, 2]) {
        await Promise.all([u.waitForURL(new RegExp(`\\?agency=${unit}&ok=${v}$`), WAIT), row().locator('button[type=submit]').click()]);
      }
      assert.match(await row().locator('.eval-inh-state').innerText(), /Đang hỏi/);
      const v2 = await download(u, 'eval-questionnaire-v2', heads);
      assert.deepEqual(v2.filter((l) => l[6] === asked).map((l) => [l[0], l[5], l[7], l[8]]),
        [['2', 'Câu hỏi thêm (không bắt buộc)', askedEn, 'Đang hỏi, kế thừa từ cấp trên']]);
      assert.equal(exported(), before + 1, 'the download is audited as an export');
      // Off again (v3).
      await Promise.all([u.waitForURL(new RegExp(`\\?agency=${unit}&ok=3$`), WAIT), row().locator('button[type=submit]').click()]);
      assert.match(await row().locator('.eval-inh-state').innerText(), /Đã tắt/);

      const vi = await download(u, 'eval-questionnaire', ['Phiên bản', 'Áp dụng từ', 'Người tạo', 'Thay đổi gì',
        'Câu số', 'Loại câu hỏi', 'Câu hỏi (tiếng Việt)', 'Câu hỏi (tiếng Anh)', 'Trạng thái', 'Số lượt đánh giá']);
      assert.equal(exported(), before + 2);
      await sameAsPage(u, vi, 'vi', { asked: 'Đang hỏi', inherited: 'Đang hỏi, kế thừa từ cấp trên', off: 'Đã tắt', earlier: 'Phiên bản trước, không còn hỏi' });
      assert.ok(vi.some((l) => l[5] === 'Chỉ số' && l[0] === '3'), 'kinds in Vietnamese');
      assert.deepEqual(vi.filter((l) => l[0] === '3' && l[8] !== 'Đã tắt')[0].slice(2, 4),
        [evU.name, `Tắt câu hỏi kế thừa: ${asked}`]);

      await u.goto(`${BASE_URL}/can-bo/danh-gia/bang-hoi?agency=${unit}&lang=en`);
      assert.equal(await u.getAttribute('html', 'lang'), 'en');
      const en = await download(u, 'eval-questionnaire-en', ['Version', 'In force from', 'Made by', 'What changed',
        'Question no.', 'Kind of question', 'Question (Vietnamese)', 'Question (English)', 'State', 'Ratings']);
      await sameAsPage(u, en, 'en', { asked: 'Asked', inherited: 'Asked, inherited from above', off: 'Switched off', earlier: 'Earlier version, no longer asked' });
      assert.deepEqual(en.filter((l) => l[0] === '3' && l[8] !== 'Switched off')[0][3],
        `Inherited question switched off: ${askedEn}`, 'the note in English');
      assert.deepEqual(en.map((l) => l[1]), vi.map((l) => l[1]), 'the same dates in both');
      assert.equal(exported(), before + 3);
      await u.screenshot({ path: path.join(OUT, 'eval-questionnaire-csv-en-1280.png'), fullPage: true });
      assert.deepEqual(w.problems(), [], 'no console error or failed request');
    } finally {
      await u.context().close();
    }
  });

  test('a sibling unit\'s manager is refused the unit\'s versions', async () => {
    const s = await signIn(browser, evS.email, evS.password, 1280);
    try {
      const own = await s.context().request.get(`${BASE_URL}/can-bo/danh-gia/bang-hoi.csv`, { maxRedirects: 0 });
      assert.equal(own.status(), 200, 'their own line downloads');
      const r = await s.context().request.get(`${BASE_URL}/can-bo/danh-gia/bang-hoi.csv?agency=${unit}`, { maxRedirects: 0 });
      assert.equal(r.status(), 403);
      assert.doesNotMatch(await r.text(), new RegExp(asked.replace(/[?/]/g, '.')), 'nothing of the unit\'s');
    } finally {
      await s.context().close();
    }
  });
});
