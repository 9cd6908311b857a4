// The programs' route tables, read from their C sources (cgi-bin/<program>/
// *.c, `mc_route routes[] = { ... }`), so that a test over "every route"
// covers a route the day it is added. Shared by authz.test (who may use
// each route) and hostile.test (what each route does with hostile input).
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

import { TOP } from './lib.mjs';

/** String macros of a C file (#define NAME "a" OTHER ...), as text. */
function defines(text, into = new Map()) {
  for (const m of text.matchAll(/^#define[ \t]+(\w+)[ \t]+([^\n]+?)[ \t]*$/gm)) into.set(m[1], m[2]);
  return into;
}

/** Expands identifiers of a C expression through the macros (twice deep). */
function expand(expr, defs) {
  let s = expr;
  // The route flags are kept by name (ROUTE_LOGIN is a number once expanded).
  for (let i = 0; i < 3; i++) {
    s = s.replace(/\b[A-Z_][A-Z0-9_]*\b/g, (id) => (defs.has(id) && !id.startsWith('ROUTE_') ? defs.get(id) : id));
  }
  return s;
}

/** The concatenated string literals of an expanded C expression. */
function literal(expr) {
  return [...expr.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]).join('');
}

/** A table's text: from `name[...] = {` to the closing `};`, comments out. */
function tableText(text, re) {
  const m = text.match(re);
  if (!m) return '';
  const end = text.indexOf('\n};', m.index);
  return text.slice(m.index + m[0].length, end).replace(/\/\*[\s\S]*?\*\//g, '');
}

/**
 * The routes of the programs: { routes, entries }, each route { program,
 * file, method, pattern, handler, login (ROUTE_LOGIN), roles (a role
 * flag), nocsrf (ROUTE_NOCSRF), fields: [{ name, file }] (its module's
 * field table) }; `entries` counts the METHOD_ entries of the tables, so a
 * caller checks that every one was read.
 */
export function readRoutes(programs) {
  const global = new Map();
  for (const dir of ['lib/web', 'lib/domain', 'lib/core']) {
    for (const f of readdirSync(path.join(TOP, dir)).filter((x) => x.endsWith('.h'))) {
      defines(readFileSync(path.join(TOP, dir, f), 'utf8'), global);
    }
  }
  const routes = [];
  let entries = 0;
  for (const program of programs) {
    const dir = path.join(TOP, 'cgi-bin', program);
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.c')).sort()) {
      const text = readFileSync(path.join(dir, f), 'utf8');
      const defs = defines(text, new Map(global));
      const table = tableText(text, /mc_route routes\[\] = \{/);
      if (!table) continue;
      entries += (table.match(/\{\s*METHOD_/g) || []).length;
      const fields = [...tableText(text, /mc_field fields\[[^\]]*\] = \{/)
        .matchAll(/\{\s*"([^"]+)"\s*,\s*(\w+)\s*,\s*[^,}]+(?:,\s*(\d))?/g)]
        .map((m) => ({ name: m[1], file: m[2] === 'valid_file' || m[3] === '1' }));
      for (const m of table.matchAll(/\{\s*METHOD_(\w+)\s*,\s*((?:"[^"]*"|\w+|\s)+?)\s*,\s*(\w+)\s*(?:,([^}]*))?\}/g)) {
        const flags = expand(m[4] || '', defs);
        routes.push({
          program, file: `cgi-bin/${program}/${f}`, method: m[1], pattern: literal(expand(m[2], defs)),
          handler: m[3], login: /ROUTE_LOGIN/.test(flags), roles: /ROLE/.test(flags),
          nocsrf: /ROUTE_NOCSRF/.test(flags), fields,
        });
      }
    }
  }
  return { routes, entries };
}
