// The list of common and breached passwords shipped for the password check
// (issue 9 item 3): db/seed/common-passwords.txt in the form lib/domain/mc_password loads
// (one a line, lowercase, unique, sorted bytewise for bsearch/strcmp).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import test from 'node:test';
import { DEMO_PASSWORD, TOP } from './lib.mjs';

const FILE = path.join(TOP, 'db', 'seed', 'common-passwords.txt');

test('common-passwords.txt: one a line, lowercase, unique, sorted bytewise', () => {
  const text = readFileSync(FILE, 'utf8');
  assert.ok(text.endsWith('\n'), 'ends with a newline');
  const lines = text.slice(0, -1).split('\n');
  assert.ok(lines.length > 10000, `${lines.length} passwords`);
  for (let i = 0; i < lines.length; i++) {
    const w = lines[i];
    assert.ok(w.length > 0 && !/\s/.test(w), `line ${i + 1} has no blank: ${JSON.stringify(w)}`);
    assert.equal(w, w.toLowerCase(), `line ${i + 1} is lowercase`);
    if (i > 0) {
      // strcmp order: compare UTF-8 bytes, not UTF-16 code units.
      const c = Buffer.compare(Buffer.from(lines[i - 1]), Buffer.from(w));
      assert.ok(c < 0, `line ${i + 1} after line ${i} (sorted, unique)`);
    }
  }
});

test('common-passwords.txt: holds the passwords the attack got accepted, not the demo one', () => {
  const set = new Set(readFileSync(FILE, 'utf8').split('\n'));
  for (const p of ['12345678', '123456789', 'password', 'qwerty123', 'iloveyou', 'matkhau', 'anhyeuem', '123456a', 'motcua'])
    assert.ok(set.has(p), `${p} is in the list`);
  assert.ok(!set.has(DEMO_PASSWORD.toLowerCase()), 'the demo password is left out (the seed sets it)');
});
