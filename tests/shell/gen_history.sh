#!/usr/bin/env bash
# tests/shell/gen_history.sh — `bin/motcua gen` (issue 11: ten years of
# realistic history for the reports' bench) leaves a database a user of the
# reports could trust:
#   the counters of open dossiers agree with the dossiers (check --counters),
#   every dossier's steps are in order (check --steps),
#   the statistics summaries it fills in the same pass equal what
#   `stats-rebuild` counts again from the dossiers, events and steps,
#   the history looks like the city's: busier month ends, a Tết lull, some
#   dossiers late, refused, withdrawn, rated; the same seed gives the same
#   data.
# It generates into throwaway databases of its own on the test instance's
# MariaDB (the agencies and procedures copied from the instance's), never
# into the instance's database, so no other suite sees its rows and the
# instance's worker never touches them. History ends on 31 December 2019
# (--until 2020-01-01): every dossier is then settled long before today,
# so nothing it checks changes with the clock.
#
# Needs the running test instance: TOP, RUNDIR (tools/test.sh exports them)
# and MOTCUA_CONFIG. Prints "N passed, N failed".
set -uo pipefail
: "${TOP:?}" "${RUNDIR:?}" "${MOTCUA_CONFIG:?}"
PASS=0 FAIL=0
ok()  { echo "ok   $*"; PASS=$(( PASS + 1 )); }
bad() { echo "FAIL $*"; FAIL=$(( FAIL + 1 )); }

MOTCUA=$TOP/bin/motcua
MAIN=$(sed -n 's/^db_name *= *//p' "$MOTCUA_CONFIG")
MAIN=${MAIN:-motcua}
ROOT() { mariadb --defaults-file="$RUNDIR/mysql/my.cnf" -N "$@"; }
TAG=$$_$RANDOM
DB1=motcua_gen_${TAG}_a DB2=motcua_gen_${TAG}_b
OUT=$(mktemp -d /tmp/motcua-gen-XXXXXX)
cleanup() {
    ROOT -e "DROP DATABASE IF EXISTS $DB1; DROP DATABASE IF EXISTS $DB2" 2>/dev/null
    rm -rf "$OUT"
}
trap cleanup EXIT

# A database with the schema and the instance's agencies and procedures.
make_db() { # make_db NAME
    ROOT -e "CREATE DATABASE $1 CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
             GRANT ALL ON $1.* TO 'app'@'localhost'" || return 1
    MOTCUA_DB_NAME=$1 "$MOTCUA" migrate >"$OUT/migrate.$1" 2>&1 || return 1
    ROOT "$1" -e "SET foreign_key_checks = 0;
        DELETE FROM procedures; DELETE FROM agency_successors;
        DELETE FROM agencies; DELETE FROM fields;
        INSERT INTO fields SELECT * FROM $MAIN.fields;
        INSERT INTO agencies SELECT * FROM $MAIN.agencies;
        INSERT INTO agency_successors SELECT * FROM $MAIN.agency_successors;
        INSERT INTO procedures SELECT * FROM $MAIN.procedures"
}
gen() { # gen DB N
    MOTCUA_DB_NAME=$1 "$MOTCUA" gen --dossiers "$2" --seed 42 --until 2020-01-01
}
SQL() { ROOT "$DB1" -e "$1"; }
summaries() { # summaries FILE: every summary row, the memos line by line
    local t
    for t in stats_day stats_month stats_officer stats_step stats_remain; do
        echo "== $t"
        SQL "SELECT * FROM $t WHERE n <> 0 ORDER BY 1, 2, 3, 4, 5"
    done >"$1"
    echo "== memo" >>"$1"
    SQL "SELECT dossier_id, entries FROM stats_memo" |
        awk -F'\t' '{ n = split($2, l, /\\n/); for (i = 1; i <= n; i++) if (l[i] != "") print $1, l[i] }' |
        sort >>"$1"
}

if ! make_db "$DB1"; then
    bad "a throwaway database with the schema and the catalogue (see $OUT)"
    cat "$OUT"/migrate.* 2>/dev/null | tail -5
    echo "$PASS passed, $((FAIL)) failed"; exit 1
fi
n=$(SQL "SELECT COUNT(*) FROM procedures")
(( n > 100 )) && ok "throwaway database holds the instance's $n procedures" \
    || bad "throwaway database holds only $n procedures"

if gen "$DB1" 2000 >"$OUT/gen" 2>&1; then
    ok "gen --dossiers 2000: $(head -1 "$OUT/gen" | cut -c1-110)"
else
    bad "gen --dossiers 2000 failed: $(tail -3 "$OUT/gen")"
fi
[[ $(SQL "SELECT COUNT(*) FROM dossiers") == 2000 ]] \
    && ok "2000 dossiers written" || bad "dossiers: $(SQL "SELECT COUNT(*) FROM dossiers")"
last=$(SQL "SELECT DATE(MAX(submitted_at)) FROM dossiers")
[[ $(SQL "SELECT YEAR(MIN(submitted_at)) FROM dossiers") == 2010 && $last < 2020-01-01 ]] \
    && ok "ten years of history: 2010 to $last" \
    || bad "history from $(SQL "SELECT MIN(submitted_at) FROM dossiers") to $last"

if MOTCUA_DB_NAME=$DB1 "$MOTCUA" check --counters --steps >"$OUT/check" 2>&1; then
    ok "check --counters --steps: $(tr '\n' ' ' <"$OUT/check" | cut -c1-120)"
else
    bad "check --counters --steps: $(tail -5 "$OUT/check")"
fi

# The summaries written in the same pass are what a recount gives.
summaries "$OUT/gen.sum"
if MOTCUA_DB_NAME=$DB1 "$MOTCUA" stats-rebuild >"$OUT/rebuild" 2>&1; then
    summaries "$OUT/rebuild.sum"
    rows=$(grep -vc '^==' "$OUT/gen.sum")
    if (( rows > 10000 )) && cmp -s "$OUT/gen.sum" "$OUT/rebuild.sum"; then
        ok "summaries equal stats-rebuild's recount ($rows rows)"
    else
        bad "summaries differ from stats-rebuild's ($rows rows): $(diff "$OUT/gen.sum" "$OUT/rebuild.sum" | head -6)"
    fi
else
    bad "stats-rebuild failed: $(tail -3 "$OUT/rebuild")"
fi

# What a reader of the reports would see in this history.
count() { SQL "SELECT COALESCE(SUM(n), 0) FROM stats_day WHERE metric = $1"; }
early=$(count 8) ontime=$(count 9) late=$(count 10) refused=$(count 5)
withdrawn=$(count 6) supp=$(count 12) apol=$(count 13)
(( early > ontime && ontime > 0 && late > 0 && late < early )) \
    && ok "resolved early $early, on time $ontime, late $late" \
    || bad "resolved early $early, on time $ontime, late $late"
(( refused > 0 && withdrawn > 0 && supp > 0 && apol > 0 )) \
    && ok "refused $refused, withdrawn $withdrawn, supplements $supp, apologies $apol" \
    || bad "refused $refused, withdrawn $withdrawn, supplements $supp, apologies $apol"
read -r web counter post <<<"$(SQL "SELECT SUM(channel = 2), SUM(channel = 1), SUM(channel = 3) FROM dossiers")"
(( web > 0 && counter > web && post > 0 )) \
    && ok "channels: in person $counter, online $web, post $post" \
    || bad "channels: in person $counter, online $web, post $post"
rated=$(SQL "SELECT COUNT(*) FROM eval_ratings r JOIN eval_answers a ON a.rating_id = r.id")
(( rated > 0 )) && ok "ratings with their answers: $rated answers" || bad "no ratings"
# Month ends (26th on: 652 days of 2010-2019) busier a day than the rest
# of the month (3,000 days).
ratio=$(SQL "SELECT ROUND((SUM(DAY(submitted_at) >= 26) / 652) /
    (SUM(DAY(submitted_at) < 26) / 3000) * 100) FROM dossiers")
(( ratio >= 120 )) && ok "month ends busier: ${ratio}% of an ordinary day" \
    || bad "month ends: ${ratio}% of an ordinary day"
# The twelve days from Tết (lunar new year: 2017-01-28, 2018-02-16,
# 2019-02-05) against the twelve days a month later.
tet=$(SQL "SELECT SUM(d BETWEEN t AND t + INTERVAL 11 DAY), SUM(d BETWEEN t + INTERVAL 30 DAY AND t + INTERVAL 41 DAY)
    FROM (SELECT DATE(submitted_at) d FROM dossiers) x
    JOIN (SELECT DATE '2017-01-28' t UNION SELECT '2018-02-16' UNION SELECT '2019-02-05') y")
read -r lull later <<<"$tet"
(( later > 0 && lull * 2 < later )) && ok "Tết lull: $lull dossiers in the 12 days from Tết, $later a month later" \
    || bad "Tết lull: $lull dossiers in the 12 days from Tết, $later a month later"

# The same seed, the same history.
if make_db "$DB2" && gen "$DB2" 2000 >"$OUT/gen2" 2>&1; then
    digest() { ROOT "$1" -e "SELECT COUNT(*), SUM(CRC32(CONCAT_WS(',', id, code, procedure_id, agency_id,
        applicant_name, status, submitted_at, due_at, finished_at, returned_at))) FROM dossiers"; }
    [[ $(digest "$DB1") == "$(digest "$DB2")" ]] \
        && ok "seed 42 twice: the same 2000 dossiers" \
        || bad "seed 42 twice: $(digest "$DB1") against $(digest "$DB2")"
else
    bad "second database or generation failed: $(tail -3 "$OUT/gen2" 2>/dev/null)"
fi

echo "$PASS passed, $FAIL failed"
(( FAIL == 0 ))
