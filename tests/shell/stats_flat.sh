#!/usr/bin/env bash
# tests/shell/stats_flat.sh — the statistics report reads the stocks at a
# month's start (stats_open, issue 11: a period costs the same whatever the
# years behind it) and every cell stays what it was:
#   on a generated history (`bin/motcua gen`, ten years to 2019), each
#   report (by agency, procedure, field, channel and month; the city and
#   the busiest department; a whole month, a range across a month boundary,
#   a year, a day) equals, cell for cell, the report computed the old way
#   (every delta since the first day: the month balances removed);
#   carried over, pending and overdue equal what the dossiers themselves
#   give (counted from their rows in SQL) at each boundary;
#   an open dossier moved back months by hand and counted again
#   (`stats-recount`, as a transition does) is carried over every month
#   since, in the balances kept live, the old way and the dossiers alike.
# It generates into a throwaway database of its own on the test instance's
# MariaDB, never into the instance's, so no other suite sees its rows and
# the instance's worker never touches them; the history ends in 2019, so
# nothing here changes with the clock.
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
DB=motcua_flat_$$_$RANDOM
OUT=$(mktemp -d /tmp/motcua-flat-XXXXXX)
cleanup() {
    ROOT -e "DROP DATABASE IF EXISTS $DB" 2>/dev/null
    rm -rf "$OUT"
}
trap cleanup EXIT
SQL() { ROOT "$DB" -e "$1"; }
M() { MOTCUA_DB_NAME=$DB "$MOTCUA" "$@"; }

ROOT -e "CREATE DATABASE $DB CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
         GRANT ALL ON $DB.* TO 'app'@'localhost'" &&
M migrate >"$OUT/migrate" 2>&1 &&
ROOT "$DB" -e "SET foreign_key_checks = 0;
    DELETE FROM procedures; DELETE FROM agency_successors;
    DELETE FROM agencies; DELETE FROM fields;
    INSERT INTO fields SELECT * FROM $MAIN.fields;
    INSERT INTO agencies SELECT * FROM $MAIN.agencies;
    INSERT INTO agency_successors SELECT * FROM $MAIN.agency_successors;
    INSERT INTO procedures SELECT * FROM $MAIN.procedures" ||
    { bad "a throwaway database (see $OUT/migrate)"; echo "$PASS passed, $FAIL failed"; exit 1; }
if M gen --dossiers 2000 --seed 7 --until 2020-01-01 >"$OUT/gen" 2>&1; then
    ok "gen --dossiers 2000 --until 2020-01-01"
else
    bad "gen failed: $(tail -3 "$OUT/gen")"
    echo "$PASS passed, $FAIL failed"; exit 1
fi
first=$(SQL "SELECT MIN(month) FROM stats_open_months")
months=$(SQL "SELECT COUNT(*) FROM stats_open_months")
[[ $first == 2010-01-01 ]] && (( months >= 120 )) &&
    (( $(SQL "SELECT COUNT(*) FROM stats_open WHERE month = '2015-03-01'") > 0 )) \
    && ok "gen left the stocks of $months month starts from $first" \
    || bad "month balances after gen: $months months from $first"

DEPT=$(SQL "SELECT d.agency_id FROM dossiers d JOIN agencies a ON a.id = d.agency_id
    WHERE a.kind = 'department' GROUP BY d.agency_id ORDER BY COUNT(*) DESC LIMIT 1")
# Periods: a whole month, a range across a month boundary, a year, a day,
# the first month of the history.
PERIODS="2015-03-01:2015-03-31 2015-03-17:2015-04-12 2016-01-01:2016-12-31
2017-11-30:2017-11-30 2010-01-01:2010-02-14 2019-09-01:2019-12-31"
reports() { # reports DIR: every report of every period and scope
    local p by ag
    mkdir -p "$1"
    for p in $PERIODS; do
        for ag in 0 "$DEPT"; do
            for by in agency procedure field channel month; do
                M stats-report --from "${p%:*}" --to "${p#*:}" --by $by \
                    --agency "$ag" >"$1/$p.$ag.$by" 2>&1 || echo "failed" >>"$1/$p.$ag.$by"
            done
        done
    done
}
# Carried over, pending, overdue of the city at the start of a day, from
# the dossiers themselves (what mc_stats counts: open from the day
# submitted to the day closed; overdue from the day after the due day to
# the day closed, not while waiting for a supplement).
direct() { # direct DAY -> "open overdue" before DAY
    SQL "SELECT SUM(DATE(submitted_at) < d AND NOT (c AND DATE(finished_at) < d)),
        SUM(due IS NOT NULL AND od < d AND IF(c, DATE(finished_at) > od AND DATE(finished_at) >= d, status <> 5))
        FROM (SELECT submitted_at, finished_at, status, DATE '$1' AS d,
            finished_at IS NOT NULL AND status IN (3, 7, 8, 9, 10) AS c,
            COALESCE(original_due_at, due_at) AS due,
            DATE(COALESCE(original_due_at, due_at)) + INTERVAL 1 DAY AS od
            FROM dossiers) x"
}
col() { # col FILE NAME -> the total row's value of that column
    awk -F'\t' -v c="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) k = i }
        $1 == "total" { print $k }' "$1"
}
# Every report: the balances kept, the old way (without them), the dossiers.
check_all() { # check_all LABEL
    local p from to next n d diffs=0 wrong=0 cells
    reports "$OUT/new"
    SQL "DELETE FROM stats_open_months"
    reports "$OUT/old"
    for f in "$OUT"/new/*; do
        cmp -s "$f" "$OUT/old/${f##*/}" || { diffs=$(( diffs + 1 )); echo "differ: ${f##*/}"; diff "$f" "$OUT/old/${f##*/}" | head -4; }
        grep -q failed "$f" && { diffs=$(( diffs + 1 )); echo "failed: ${f##*/}"; }
    done
    cells=$(cat "$OUT"/new/* | awk -F'\t' '$1 != "key" { n += NF - 1 } END { print n + 0 }')
    (( diffs == 0 && cells > 10000 )) \
        && ok "$1: $(ls "$OUT/new" | wc -l) reports, $cells cells, equal to the old way's" \
        || bad "$1: $diffs report(s) differ from the old way's ($cells cells)"
    for p in $PERIODS; do
        from=${p%:*} to=${p#*:}
        next=$(date -d "$to + 1 day" +%F)
        read -r o _ <<<"$(direct "$from")"
        read -r n d <<<"$(direct "$next")"
        f=$OUT/new/$p.0.channel
        if [[ $(col "$f" carried) == "$o" && $(col "$f" pending) == "$n" && $(col "$f" pending_overdue) == "$d" ]]; then
            echo "  $p: carried $o, pending $n, overdue $d (the dossiers' own)"
        else
            wrong=$(( wrong + 1 ))
            echo "  $p: report carried $(col "$f" carried) pending $(col "$f" pending) overdue $(col "$f" pending_overdue);" \
                "dossiers $o, $n, $d"
        fi
    done
    (( wrong == 0 )) && ok "$1: carried over, pending and overdue equal the dossiers' at every boundary" \
        || bad "$1: $wrong period(s) whose stocks differ from the dossiers'"
    M stats-months >/dev/null && (( $(SQL "SELECT COUNT(*) FROM stats_open_months") >= 120 )) \
        || bad "stats-months did not list the months again"
    rm -rf "$OUT/new" "$OUT/old"
}
read -r carried _ <<<"$(direct 2015-03-01)"
(( carried > 0 )) && ok "the history has dossiers carried over into March 2015: $carried" \
    || bad "no dossier carried over into March 2015"
check_all "generated history"

# The latest open dossier moved back four months by hand and counted again
# as a transition does: the balances of the months since are kept live.
read -r ID SUB <<<"$(SQL "SELECT id, DATE(submitted_at) FROM dossiers
    WHERE status IN (1, 2, 4, 6) ORDER BY submitted_at DESC, id LIMIT 1")"
if [[ -n ${ID:-} ]]; then
    NEW=$(date -d "$SUB - 4 months" +%Y-%m-05)
    MID=$(date -d "$SUB - 2 months" +%Y-%m-01)
    PERIODS="$PERIODS $MID:$(date -d "$MID + 1 month - 1 day" +%F) $(date -d "$NEW - 1 month" +%Y-%m-10):$SUB"
    before=$(SQL "SELECT COALESCE(SUM(n), 0) FROM stats_open WHERE month = '$MID' AND metric = 2")
    SQL "UPDATE dossiers SET submitted_at = '$NEW 09:00:00',
        received_at = IF(received_at IS NULL, NULL, '$NEW 09:30:00') WHERE id = $ID"
    if M stats-recount "$ID" >"$OUT/recount" 2>&1; then
        after=$(SQL "SELECT COALESCE(SUM(n), 0) FROM stats_open WHERE month = '$MID' AND metric = 2")
        (( after == before + 1 )) \
            && ok "dossier $ID (submitted $SUB, now $NEW, still open) counts in $MID's open balance: $before, now $after" \
            || bad "$MID's open balance $before, after the recount $after"
        check_all "after the recount of dossier $ID"
    else
        bad "stats-recount $ID: $(tail -3 "$OUT/recount")"
    fi
else
    bad "no open dossier in the history"
fi

echo "$PASS passed, $FAIL failed"
(( FAIL == 0 ))
