#!/usr/bin/env bash
# tests/shell/galera_rules.sh — the code runs unchanged on one node and on a
# Galera cluster (issue 15, apache-conf/cluster.md "What the code relies
# on"): Galera does not replicate table locks nor named locks, so no SQL the
# programs, the command line, the generator or the migrations run may say
# LOCK TABLES, GET_LOCK, RELEASE_LOCK or IS_FREE_LOCK. (Every table having a
# primary key is unit_db's test_schema.) The scan is first shown to find a
# planted line, so that it cannot pass by finding nothing.
#
# Needs only the checkout: TOP (tools/test.sh exports it). Prints
# "N passed, N failed".
set -uo pipefail
: "${TOP:?}"
PASS=0 FAIL=0
ok()  { echo "ok   $*"; PASS=$(( PASS + 1 )); }
bad() { echo "FAIL $*"; FAIL=$(( FAIL + 1 )); }

RULE='\b(LOCK[[:space:]]+TABLES?|GET_LOCK|RELEASE_LOCK|IS_FREE_LOCK|IS_USED_LOCK)\b'
scan() { # scan DIR...: the matching lines (file:line:text) of C and SQL sources
    grep -rniE --include='*.c' --include='*.h' --include='*.sql' "$RULE" "$@" 2>/dev/null
}

PLANT=$(mktemp -d); trap 'rm -rf "$PLANT"' EXIT
printf 'static const char *s = "lock  tables dossiers WRITE";\n' >"$PLANT/a.c"
printf 'SELECT GET_LOCK(\x27x\x27, 1);\n' >"$PLANT/b.sql"
[[ $(scan "$PLANT" | wc -l) == 2 ]] && ok "the scan finds a planted LOCK TABLES and GET_LOCK" ||
    bad "the scan finds a planted LOCK TABLES and GET_LOCK: $(scan "$PLANT")"

found=$(cd "$TOP" && scan lib cgi-bin site-generator tools/motcua db/migrations)
[[ -z $found ]] && ok "no table or named lock in lib, cgi-bin, site-generator, tools/motcua, db/migrations" ||
    bad "table or named locks (Galera replicates neither):
$found"

echo "$PASS passed, $FAIL failed"
(( FAIL == 0 ))
