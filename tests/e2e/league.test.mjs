// Public league tables (issue 10): eight departments of the test's own, with
// returned dossiers whose indices are known, are ranked on /xep-hang/ after
// the site is generated: the expected order, each total with its 95 %
// interval, equal totals sharing a rank, two totals 0.4 apart whose wide
// intervals overlap sharing one while a clearly better one does not,
// the on-time rate with its Wilson interval beside the rate adjusted for
// the mix of procedures (an agency handling a procedure most agencies finish
// late is adjusted up), an agency under the minimum volume listed as not
// ranked, dossiers outside the rolling window not counted, the SVG chart
// readable without JavaScript with the same numbers in the table, the
// methodology page in both languages and linked; the CSV downloaded through
// the page's link with the table's figures; axe; screenshots at 390
// and 1280 px in tests/e2e/output/. The pages are global (other files add
// agencies and dossiers): only this file's own rows are asserted on.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import {
  BASE_URL, assertAxe, configValue, launchBrowser, motcua, q, sql, sqlValue, uniq, watch,
  awayFromMidnight, parseCsv,
} from './lib.mjs';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'output');

/** mc_eval_wilson: the 95 % Wilson interval of k in n, per mille. */
function wilson(k, n) {
  const z = 1.959964, p = k / n, d = 1 + z * z / n;
  const c = (p + z * z / (2 * n)) / d;
  const w = z * Math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d;
  return [Math.max(0, Math.floor((c - w) * 1000 + 0.5)), Math.min(1000, Math.floor((c + w) * 1000 + 0.5))];
}
/** A per-mille as the Vietnamese pages show a per cent: a decimal comma (English: a point). */
const pct = (permille, sep = ',') => `${Math.floor(permille / 10)}${sep}${permille % 10}`;
/**
 * mc_eval_total_interval: a total's 95 % interval in tenths, the total +-
 * 1.96 sd / sqrt(n) of the dossiers' own parts (indices 1-4 and 7 added up),
 * within unit to unit + 10 points (unit: indices 5, 6, 8, 9, in tenths).
 */
function totalInterval(total, parts, unit) {
  const n = parts.length, s = parts.reduce((a, x) => a + x, 0), sq = parts.reduce((a, x) => a + x * x, 0);
  if (n < 2) return [unit, unit + 100];
  const h = Math.floor(1.959964 * Math.sqrt((n * sq - s * s) / (n * (n - 1)) / n) * 10 + 0.5);
  return [Math.max(unit, total - h), Math.min(unit + 100, total + h)];
}
/** An interval of tenths as the page shows it: "(14,7–16,1)". */
const span = ([lo, hi], sep = ',') => `(${pct(lo, sep)}–${pct(hi, sep)})`;
const OURS = ['A', 'P', 'Q', 'B', 'D', 'H', 'C'];
const num = (s) => parseFloat(s.replace(',', '.'));

// Today's figures are read after today's filings: not across midnight.
await awayFromMidnight();

describe('public league tables', { concurrency: false, timeout: 400_000 }, () => {
  const tag = uniq();
  const min = Number(configValue('league_min_dossiers') || 5);
  const days = Number(configValue('league_window_days') || 365);
  // Enough dossiers to be ranked, an even number (H has half on time).
  const n = Math.max(6, min + 1) + (Math.max(6, min + 1) % 2);
  // P and Q: a multiple of six dossiers (P has one in six early).
  const m = Math.ceil(Math.max(6, min + 1) / 6) * 6;
  assert.ok(min > 2, 'the small agency (two dossiers) is under the minimum');
  const name = (k) => `Sở Xếp Hạng ${k} ${tag}`;
  const ids = {};
  let browser, easy, hard;

  before(async () => {
    mkdirSync(OUT, { recursive: true });
    // Two online procedures nobody has filed: their city-wide on-time
    // rates are this file's alone.
    [easy, hard] = sql('SELECT id FROM procedures p WHERE online = 1 AND NOT EXISTS ' +
      '(SELECT 1 FROM dossiers d WHERE d.procedure_id = p.id) ORDER BY RAND() LIMIT 2').map((r) => r[0]);
    assert.ok(easy && hard, 'two procedures without dossiers');
    for (const k of ['A', 'P', 'Q', 'B', 'D', 'H', 'C', 'S']) {
      sql(`INSERT INTO agencies (code, kind, name, name_en, parent_id, valid_from) VALUES ` +
        `(${q(`LG.${tag}.${k}`)}, 'department', ${q(name(k))}, ${q(name(k))}, 1, '2020-01-01')`);
      ids[k] = sqlValue(`SELECT id FROM agencies WHERE code = ${q(`LG.${tag}.${k}`)}`);
    }
    // Decided at 10:00 three days ago, returned at noon (whole days before
    // today: the league counts up to yesterday). Due two days later
    // (early), an hour later (on its day) or two days before (late).
    const day = "CURDATE() - INTERVAL 3 DAY + INTERVAL 10 HOUR";
    const due = { early: `${day} + INTERVAL 2 DAY`, onday: `${day} + INTERVAL 1 HOUR`, late: `${day} - INTERVAL 2 DAY` };
    const rows = [];
    let seq = 0;
    const add = (k, proc, online, when, back = 0) => {
      const shift = back ? ` - INTERVAL ${back} DAY` : '';
      rows.push(`(${q(`LG-${tag}-${seq++}`)}, ${proc}, ${ids[k]}, 'Người Xếp Hạng', '079100000000', ` +
        `${online ? 2 : 1}, 10, '{}', ${day} - INTERVAL 9 DAY${shift}, ${day} - INTERVAL 9 DAY${shift}, ` +
        `${due[when]}${shift}, ${day}${shift}, ${day} + INTERVAL 2 HOUR${shift}, ${online ? 2 : 1}, NOW())`);
    };
    for (let i = 0; i < n; i++) {
      add('A', easy, true, 'early');            // 2+1+2+2+2 = 9, unit 2+2+2+2: 17.0
      add('B', easy, false, 'onday');           // 1+1+2+1+1 = 6, unit 2+2+2+0: 12.0
      add('D', easy, false, 'onday');           // the same: 12.0, B's rank
      add('H', hard, false, i % 2 ? 'onday' : 'late'); // 0.5+1+2+1+1 + 6: 11.5
      add('C', hard, false, 'late');            // 0+1+2+1+1 + 6: 11.0
    }
    // Two totals 0.4 apart, the lower one spread wider (online share 50 %
    // or more, none online late: unit 2+2+2+2). P: one in six online early
    // (9), the rest online on their day (7): 1.2+1+2+2+1.2 + 8 = 15.4. Q:
    // half online early (9), half at the counter late (5, of the procedure
    // late everywhere): 1+1+2+1.5+1.5 + 8 = 15.0.
    for (let i = 0; i < m; i++) {
      add('P', easy, true, i % 6 ? 'onday' : 'early');
      if (i % 2) add('Q', easy, true, 'early');
      else add('Q', hard, false, 'late');
    }
    add('S', easy, false, 'early');             // two in the window: not ranked
    add('S', easy, false, 'early');
    for (let i = 0; i < n; i++) add('S', easy, false, 'early', days + 30); // outside it
    sql('INSERT INTO dossiers (code, procedure_id, agency_id, applicant_name, applicant_id_number, ' +
      'channel, status, form_data, submitted_at, received_at, due_at, finished_at, returned_at, ' +
      `return_method, updated_at) VALUES ${rows.join(', ')}`);
    // Regenerated as the other site tests do.
    assert.match(await motcua('site'), /site: \d+ pages written/);
    browser = await launchBrowser();
  });

  after(async () => {
    if (browser) await browser.close();
    // Gone again (closed dossiers are in no counter or summary): the next
    // generation of the site shows what it showed before.
    sql(`DELETE FROM dossiers WHERE code LIKE ${q(`LG-${tag}-%`)}`);
    if (Object.keys(ids).length) sql(`DELETE FROM agencies WHERE id IN (${Object.values(ids).join(', ')})`);
  });

  /** Our ranked lines' intervals in tenths, from their dossiers' parts. */
  function intervals() {
    const parts = (count, f) => Array.from({ length: count }, (_, i) => f(i));
    return {
      A: totalInterval(170, parts(n, () => 9), 80),
      P: totalInterval(154, parts(m, (i) => (i % 6 ? 7 : 9)), 80),
      Q: totalInterval(150, parts(m, (i) => (i % 2 ? 9 : 5)), 80),
      B: totalInterval(120, parts(n, () => 6), 60),
      D: totalInterval(120, parts(n, () => 6), 60),
      H: totalInterval(115, parts(n, (i) => (i % 2 ? 6 : 5)), 60),
      C: totalInterval(110, parts(n, () => 5), 60),
    };
  }

  async function open(p, { width = 1280, js = true, csp = false } = {}) {
    const ctx = await browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled: js, bypassCSP: csp });
    const page = await ctx.newPage();
    const w = watch(page);
    const r = await page.goto(`${BASE_URL}${p}`);
    assert.equal(r.status(), 200, p);
    return { ctx, page, w };
  }

  /** This file's lines of the departments' table, in page order. */
  async function lines(page) {
    const all = await page.locator('#league-departments table.league-table tbody tr').evaluateAll((trs) =>
      trs.map((tr, i) => {
        const c = (s) => (tr.querySelector(s)?.textContent || '').replace(/\s+/g, ' ').trim();
        return { i, name: c('th.agency'), rank: Number(c('td.rank')), dossiers: c('td.dossiers'),
          total: c('td.total strong'), interval: c('td.total .interval'), ontime: c('td.ontime'), adjusted: c('td.adjusted'),
          otRank: Number(c('td.ot-rank')), sat: c('td.sat'), band: c('td.band') };
      }));
    const mine = {};
    for (const k of [...OURS, 'S']) mine[k] = all.find((l) => l.name === name(k));
    return mine;
  }

  test('the league ranks the agencies in the expected order, shares ranks, leaves the small one unranked', async () => {
    // Reached as a citizen would: the footer of the home page links it.
    const { ctx, page, w } = await open('/', { csp: true });
    try {
      await Promise.all([page.waitForNavigation(), page.locator('footer a[href="/xep-hang/"]').click()]);
      assert.equal(new URL(page.url()).pathname, '/xep-hang/');
      assert.match(await page.locator('h1').innerText(), /Bảng xếp hạng cơ quan/);
      const L = await lines(page);
      for (const k of OURS) assert.ok(L[k], `${name(k)} is ranked`);
      // Each table is ranked on its own: its first line is 1, whatever the
      // other table holds (a ward's total never takes a department's place).
      for (const t of ['departments', 'wards']) {
        const first = page.locator(`#league-${t} table.league-table tbody tr`).first().locator('td.rank');
        if (await first.count()) assert.equal((await first.innerText()).trim(), '1', `the ${t}' table starts at rank 1`);
      }
      // The order: by total, equal totals by name (no tie-break).
      assert.deepEqual([...OURS].sort((x, y) => L[x].i - L[y].i), OURS);
      // Points with the decimal comma of Vietnamese pages (a point in English, below).
      assert.deepEqual(OURS.map((k) => L[k].total), ['17,0', '15,4', '15,0', '12,0', '12,0', '11,5', '11,0']);
      for (const k of ['A', 'B', 'D', 'H', 'C']) assert.equal(L[k].dossiers, String(n), `${k}: only its own dossiers`);
      for (const k of ['P', 'Q']) assert.equal(L[k].dossiers, String(m), `${k}: only its own dossiers`);
      // Each total's 95 % interval, worked from the dossiers' own parts
      // (indices 1-4 and 7): none where they are all alike.
      for (const [k, iv] of Object.entries(intervals())) assert.equal(L[k].interval, span(iv), `${k}'s interval`);
      assert.equal(L.A.interval, '(17,0–17,0)');
      assert.equal(L.B.interval, '(12,0–12,0)');
      // Ranks are shared where intervals overlap, with no tie-break: P
      // (15.4) and Q (15.0, spread wider) share one; A, clearly better, and
      // B, clearly worse, do not; equal totals (B, D) share, the next skips.
      assert.ok(L.A.rank >= 1 && L.A.rank < L.P.rank, `A ${L.A.rank} before P ${L.P.rank}`);
      assert.equal(L.Q.rank, L.P.rank, `P ${L.P.interval} and Q ${L.Q.interval} share a rank`);
      assert.ok(L.B.rank >= L.Q.rank + 2, `B ${L.B.rank} after the two of rank ${L.Q.rank}`);
      assert.equal(L.D.rank, L.B.rank, 'B and D share a rank');
      assert.ok(L.H.rank >= L.D.rank + 2, `H ${L.H.rank} after the two of rank ${L.D.rank}`);
      assert.ok(L.C.rank > L.H.rank, `C ${L.C.rank} ${L.C.interval} after H ${L.H.rank} ${L.H.interval}`);
      // Among ours, ranks are equal exactly within these groups (before the
      // intervals, P and Q, totals apart, were ranked apart).
      const group = { A: 0, P: 1, Q: 1, B: 2, D: 2, H: 3, C: 4 };
      for (const x of OURS) {
        for (const y of OURS) {
          assert.equal(L[x].rank === L[y].rank, group[x] === group[y], `${x} ${L[x].total} ${L[x].interval} #${L[x].rank}, ${y} ${L[y].total} ${L[y].interval} #${L[y].rank}`);
        }
      }
      // On time with the Wilson interval: A n of n, H half, C none.
      const iv = (k, kk) => { const [lo, hi] = wilson(kk, n); return `(${pct(lo)}–${pct(hi)})`; };
      assert.equal(L.A.ontime, `100,0 % ${iv('A', n)}`);
      assert.equal(L.H.ontime, `50,0 % ${iv('H', n / 2)}`);
      assert.equal(L.C.ontime, `0,0 % ${iv('C', 0)}`);
      // The on-time rank: C's interval overlaps no one's of A's group.
      assert.ok(L.C.otRank > L.A.otRank, 'C does not share A\'s on-time rank');
      // Adjusted for the mix: B handles only a procedure all agencies finish
      // on time, so its adjusted rate is the city's; H handles one mostly
      // late city-wide, and is adjusted above B though its raw rate is half.
      const city = (await page.locator('main p', { hasText: 'Tỷ lệ đúng hạn toàn Thành phố' }).innerText())
        .match(/Tỷ lệ đúng hạn toàn Thành phố: (\d+,\d) %/)[1];
      assert.equal(L.B.adjusted, `${city} %`, 'B: as expected, the city-wide rate');
      assert.ok(num(L.H.adjusted) > num(L.B.adjusted), `H adjusted ${L.H.adjusted} above B ${L.B.adjusted}`);
      assert.ok(num(L.H.ontime) < num(L.B.ontime));
      assert.equal(L.C.adjusted, '0,0 %');
      assert.equal(L.B.sat, '–', 'no rating: no satisfaction rate');
      // Decision 766's index beside the league: a line per ranked department.
      const i766 = await page.locator('#league-departments table.i766-table tbody th.agency').allInnerTexts();
      for (const k of OURS) assert.ok(i766.includes(name(k)), `${name(k)} in the 766 table`);

      // Under the minimum: listed as not ranked, with its dossiers of the
      // window only (those returned before it are not counted).
      assert.equal(L.S, undefined, 'S is not in the ranked table');
      const s = page.locator('#league-departments ul.league-unranked li', { hasText: name('S') });
      assert.equal(await s.count(), 1, 'S is listed as not ranked');
      assert.equal((await s.locator('.dossiers').innerText()).trim(), '2');
      assert.match(await page.locator('#league-departments h3').innerText(), /Chưa đủ số hồ sơ để xếp hạng/);
      assert.match(await page.locator('main').innerText(), new RegExp(`Số hồ sơ tối thiểu để được xếp hạng: ${min}`));

      await assertAxe(page, '/xep-hang/');
      assert.deepEqual(w.problems(), []);
      await page.screenshot({ path: path.join(OUT, 'league-1280.png'), fullPage: true });
    } finally {
      await ctx.close();
    }
  });

  test('the chart is an SVG drawn by the generator, readable without JavaScript, with the table\'s numbers', async () => {
    const { ctx, page, w } = await open('/xep-hang/', { width: 390, js: false });
    try {
      const svg = page.locator('#league-departments figure.league-chart svg');
      assert.equal(await svg.getAttribute('role'), 'img');
      const cap = await svg.getAttribute('aria-labelledby');
      assert.match(await page.locator(`#${cap}`).innerText(), /Tổng điểm \(trên 18\)/);
      const box = await svg.boundingBox();
      assert.ok(box && box.width > 300 && box.x >= 0 && box.x + box.width <= 390 && box.height > 0,
        `the chart fits 390 px: ${JSON.stringify(box)}`);
      // Its text is legible there: 11 px or more once scaled.
      assert.ok(14 * box.width / 420 >= 11, `text of ${(14 * box.width / 420).toFixed(1)} px`);
      // Each of ours: a bar as long as its total (340 px for 18) and its
      // name and total as text, equal to the table's.
      const L = await lines(page);
      for (const k of OURS) {
        const g = svg.locator('g', { hasText: name(k) });
        assert.equal(await g.count(), 1, `${k} in the chart`);
        const texts = await g.locator('text').allTextContents();
        assert.deepEqual(texts, [name(k), L[k].total]);
        const width = Number(await g.locator('rect').getAttribute('width'));
        assert.equal(width, Math.floor(Math.round(num(L[k].total) * 10) * 340 / 180));
      }
      assert.equal(await svg.locator('g', { hasText: name('S') }).count(), 0, 'the unranked one is not drawn');
      // Drawn bars in the chart's order: A's above B's.
      const y = async (k) => Number(await svg.locator('g', { hasText: name(k) }).locator('rect').getAttribute('y'));
      for (let j = 1; j < OURS.length; j++) assert.ok(await y(OURS[j - 1]) < await y(OURS[j]), `${OURS[j - 1]} above ${OURS[j]}`);
      assert.deepEqual(w.problems(), []);
      await page.screenshot({ path: path.join(OUT, 'league-390.png'), fullPage: true });
    } finally {
      await ctx.close();
    }
  });

  /**
   * The CSV behind the page's link, downloaded by Chromium, and this file's
   * lines of the page's table then. Another file may regenerate the site
   * between the page and the download (other agencies shift the ranks):
   * retried until both come from one generation, with a deadline.
   */
  async function pageAndCsv(p, sep) {
    const deadline = Date.now() + 120_000;
    for (let attempt = 0; ; attempt++) {
      const { ctx, page, w } = await open(p);
      try {
        const L = await lines(page);
        const link = page.locator('#league-csv');
        assert.match(await link.innerText(), sep === ',' ? /Tải bảng xếp hạng \(CSV\)/ : /Download the league tables \(CSV\)/);
        const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), link.click()]);
        const file = path.join(OUT, `league-${tag}-${sep === ',' ? 'vi' : 'en'}.csv`);
        await dl.saveAs(file);
        const bytes = readFileSync(file);
        assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a byte order mark for Excel');
        const text = bytes.subarray(3).toString('utf8');
        const csv = parseCsv(text);
        // The page's own figures, written as the CSV writes them.
        const d = (x) => x.replace('.', sep);
        const shown = {};
        for (const k of OURS) {
          const c = csv.find((l) => l[2] === name(k));
          if (!c) continue;
          shown[k] = { i: L[k].i, name: c[2], rank: Number(c[1]), dossiers: c[3], total: d(c[4]),
            interval: `(${d(c[5])}–${d(c[6])})`, band: c[7],
            ontime: `${d(c[8])} % (${d(c[9])}–${d(c[10])})`, adjusted: `${d(c[11])} %`, otRank: Number(c[12]),
            sat: c[13] === '' ? '–' : `${d(c[13])} % (${d(c[14])}–${d(c[15])}; ${c[16]})` };
        }
        const want = Object.fromEntries(OURS.map((k) => [k, L[k]]));
        let same = true;
        try { assert.deepEqual(shown, want); } catch (e) { same = false; if (Date.now() > deadline) throw e; }
        assert.deepEqual(w.problems(), []);
        if (same) return { text, csv, L };
      } finally {
        await ctx.close();
      }
    }
  }

  test('the CSV of the league, from the page\'s link, has the table\'s figures', async () => {
    const { text, csv } = await pageAndCsv('/xep-hang/', ',');
    // No byte order mark, as the public statistics' CSV; CRLF lines.
    // The total's interval beside it (two columns more than before).
    assert.ok(text.startsWith('Nhóm,Hạng,Cơ quan,Hồ sơ,Tổng điểm (18),"Tổng điểm, cận dưới","Tổng điểm, cận trên",Xếp loại,'), text.slice(0, 120));
    assert.match(text, /\r\n/);
    assert.equal(csv[0].length, 17);
    for (const l of csv) assert.equal(l.length, 17, `17 fields: ${l}`);
    for (const k of OURS) {
      const l = csv.find((r) => r[2] === name(k));
      assert.equal(l[0], 'Sở, ban, ngành', `${k}: a department, its group quoted`);
    }
    assert.equal(csv.find((r) => r[2] === name('A'))[4], '17.0', 'a decimal point');
    const iq = intervals().Q;
    assert.deepEqual(csv.find((r) => r[2] === name('Q')).slice(4, 7), ['15.0', pct(iq[0], '.'), pct(iq[1], '.')]);
    assert.equal(csv.find((r) => r[2] === name('S')), undefined, 'the unranked one is not in it');
    // English: its own CSV with English headings, the same figures.
    const en = await pageAndCsv('/en/xep-hang/', '.');
    assert.ok(en.text.startsWith('Group,Rank,Agency,Dossiers,Total (18),"Total, lower bound","Total, upper bound",Band,On time (%),'), en.text.slice(0, 120));
    assert.equal(en.csv.find((r) => r[2] === name('A'))[0], 'Departments');
  });

  test('the methodology page, linked, in Vietnamese and English; the English league', async () => {
    const { ctx, page, w } = await open('/xep-hang/', { csp: true });
    try {
      await Promise.all([page.waitForURL(/\/xep-hang\/phuong-phap\.html$/),
        page.locator('main a[href="/xep-hang/phuong-phap.html"]').click()]);
      assert.equal(await page.locator('h1').innerText(), 'Phương pháp xếp hạng');
      const vi = await page.locator('main').innerText();
      assert.match(vi, new RegExp(`Mức tối thiểu: ${min}`));
      assert.match(vi, new RegExp(`${days} ngày`));
      assert.match(vi, /Wilson/);
      // The rule of shared ranks: intervals that overlap the group's first,
      // equal totals; the next rank skips.
      assert.match(vi, /không dùng tiêu chí phụ\. Mỗi tổng điểm kèm khoảng tin cậy 95 %: tổng điểm ± 1,96 × độ lệch chuẩn \/ √n/);
      assert.match(vi, /cùng hạng với cơ quan đứng đầu nhóm khi khoảng tin cậy của hai cơ quan chồng lên nhau, hoặc khi tổng điểm bằng tổng điểm của cơ quan liền trên .* hạng kế tiếp bỏ qua số tương ứng \(1, 2, 2, 4\)/);
      assert.match(vi, /Hạng đúng hạn theo cùng quy tắc/);
      assert.match(vi, /điều chỉnh theo cơ cấu thủ tục/);
      assert.match(vi, /Không công bố xếp hạng cá nhân cán bộ/);
      assert.match(await page.locator('#rule-i4').innerText(), /^Chỉ số 4 .*2 điểm khi người nộp nộp trực tuyến.*Yêu cầu bổ sung do lỗi người nộp không làm giảm chỉ số này/);
      assert.match(await page.locator('#rule-i3').innerText(), /^Chỉ số 3 .*trừ những yêu cầu cán bộ ghi là do người nộp hồ sơ/);
      assert.match(vi, /Quyết định 766\/QĐ-TTg/);
      assert.equal(await page.locator('ul.i766-criteria li').count(), 12, 'the 766 criteria and formulas');
      await assertAxe(page, '/xep-hang/phuong-phap.html');

      // English: the switch, then the league and back to its method page.
      await Promise.all([page.waitForURL(/\/en\/xep-hang\/phuong-phap\.html$/), page.locator('a.lang-switch').click()]);
      assert.equal(await page.locator('h1').innerText(), 'How the ranking is made');
      const en = await page.locator('main').innerText();
      assert.match(en, new RegExp(`The minimum: ${min}`));
      assert.match(en, /Wilson interval/);
      assert.match(en, /ranked on the total alone, with no tie-break\. Each total is shown with its 95 % interval: the total ± 1\.96 × the standard deviation \/ √n/);
      assert.match(en, /shares the rank of the first of its group when their intervals overlap, or when its total equals the one just above it .* the next rank skips as many places \(1, 2, 2, 4\)/);
      assert.match(en, /Decision 766\/QĐ-TTg/);
      assert.match(await page.locator('#rule-i4').innerText(), /^Index 4 \(agencies the applicant had to contact\).*A supplement caused by the applicant never lowers it/);
      assert.doesNotMatch(en, /Lang\.|Phương pháp/);
      await assertAxe(page, '/en/xep-hang/phuong-phap.html');
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: path.join(OUT, 'league-method-en-390.png'), fullPage: true });
      await page.setViewportSize({ width: 1280, height: 900 });
      await Promise.all([page.waitForURL(/\/en\/xep-hang\/$/), page.locator('main a[href="/en/xep-hang/"]').click()]);
      assert.equal(await page.locator('h1').innerText(), 'League tables of agencies');
      const L = await lines(page);
      assert.deepEqual(OURS.map((k) => L[k].total), ['17.0', '15.4', '15.0', '12.0', '12.0', '11.5', '11.0']);
      assert.equal(L.D.rank, L.B.rank);
      assert.equal(L.Q.rank, L.P.rank);
      assert.equal(L.Q.interval, span(intervals().Q, '.'));
      // English per cents with a decimal point.
      const [lo, hi] = wilson(n, n);
      assert.equal(L.A.ontime, `100.0 % (${pct(lo, '.')}–${pct(hi, '.')})`);
      assert.equal(L.C.adjusted, '0.0 %');
      assert.match(await page.locator('main p', { hasText: 'City-wide on-time rate' }).innerText(), /City-wide on-time rate: \d+\.\d %/);
      assert.match(await page.locator('#league-departments h3').innerText(), /Not enough dossiers to be ranked/);
      assert.equal(await page.locator('main a[href="/en/xep-hang/phuong-phap.html"]').count(), 1);
      assert.doesNotMatch(await page.locator('main').innerText(), /Lang\.|Bảng xếp hạng/);
      await assertAxe(page, '/en/xep-hang/');
      await page.screenshot({ path: path.join(OUT, 'league-en-1280.png'), fullPage: true });
      assert.deepEqual(w.problems(), []);
    } finally {
      await ctx.close();
    }
  });
});
