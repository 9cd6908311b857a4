// Re-importing the same catalogue changes nothing: the summary says so, and
// the procedures, their versions and their child rows are as before.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { PROC, motcua, request, sql } from './lib.mjs';

const snapshot = () => {
  const [[count, versions, updated, checksum]] = sql(
    'SELECT COUNT(*), SUM(version), MAX(updated_at), ' +
    "SUM(CRC32(CONCAT_WS('|', code, name, version, updated_at, search_text))) FROM procedures");
  const [[docs, channels, legal]] = sql(
    'SELECT (SELECT COUNT(*) FROM procedure_documents), (SELECT COUNT(*) FROM procedure_channels), ' +
    '(SELECT COUNT(*) FROM procedure_legal)');
  return { count: Number(count), versions, updated, checksum, docs, channels, legal };
};

test('re-running the catalogue import reports everything unchanged and changes nothing', { timeout: 180_000 }, async () => {
  const before = snapshot();
  // (tests/unit/test_import.c uses codes 9.9999xx in the same database.)
  const real = Number(sql("SELECT COUNT(*) FROM procedures WHERE code NOT LIKE '9.9999__'")[0][0]);
  assert.equal(real, 1601, 'the seed catalogue holds 1601 procedures');
  const p0 = (await request(`/api/v1/procedures/${PROC}`)).json();

  const out = await motcua('import-catalogue', 'db/seed/procedures.jsonl.gz');
  const last = out.split('\n').pop();
  assert.match(last, /^imported 0 new, 0 updated, 1601 unchanged, \d+ skipped, \d+ rejected$/,
    `the importer's summary: ${out}`);

  assert.deepEqual(snapshot(), before, 'procedures, versions and child rows are unchanged');
  const p1 = (await request(`/api/v1/procedures/${PROC}`)).json();
  assert.equal(p1.version, p0.version, `the version of ${PROC} is unchanged`);
  assert.equal(p1.updated_at, p0.updated_at, `${PROC} was not touched`);
  assert.deepEqual(p1, p0, `${PROC} reads the same through the API`);
});
