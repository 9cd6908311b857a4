#!/usr/bin/env bash
# tools/bench_city.sh — the back office at the size of the whole city (issue
# 12): 1 million open dossiers spread over the city and the agencies under
# it, then the latency of the city administrator's inbox (first page, a
# filtered page, page 50, a search) and of the leaders' overview (the city
# administrator's over every agency under the city, and a department's).
# Prints Markdown table rows.
#
# Called by tools/bench.sh (SECTIONS="city") with its instance, or alone on a
# running one: PORT=8405 tools/bench_city.sh (B, RUNDIR, MOTCUA_CONFIG are
# derived from PORT). Knobs: OPEN (default 1000000: open dossiers wanted in
# the city; only the missing ones are written, so a second run measures
# at once), DURATION (s, default 10), CONNS (default 8), POOL (InnoDB buffer
# pool set for the run, default 2G: the dossiers and their 19 indexes take
# about 0.95 GB at this size; the instance's 256M would measure the disk).
# The rows are written straight into the tables (INSERT ... SELECT, 100,000
# a statement), as bench_office.sh does, then counted by
# `bin/motcua counters rebuild`, as the worker would count them.
set -uo pipefail
TOP=${TOP:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)}
cd "$TOP" || exit 1
if [[ -n ${PORT:-} ]]; then
    RUNDIR=${RUNDIR:-/tmp/motcua-$PORT}
    B=${B:-http://127.0.0.1:$PORT}
    MOTCUA_CONFIG=${MOTCUA_CONFIG:-$RUNDIR/motcua.conf}
fi
: "${B:?B or PORT}" "${RUNDIR:?RUNDIR or PORT}"
export MOTCUA_CONFIG
DURATION=${DURATION:-10}
CONNS=${CONNS:-8}
OPEN=${OPEN:-1000000}
POOL=${POOL:-2G}
SQL="mariadb --defaults-file=$RUNDIR/mysql/my.cnf -N -B motcua -e"
W=$RUNDIR/bench-city
mkdir -p "$W"

CITY=$($SQL "SELECT id FROM agencies WHERE kind = 'city' ORDER BY id LIMIT 1")
PROC=$($SQL "SELECT id FROM procedures WHERE code = '1.001193'")
[[ -n $CITY && -n $PROC ]] || { echo "bench_city: no city or procedure" >&2; exit 1; }
$SQL "SET GLOBAL innodb_buffer_pool_size = $(numfmt --from=iec "$POOL")" ||
    echo "bench_city: buffer pool left as it is" >&2

# 1. The open dossiers: the missing ones, 100,000 a statement, spread over
# the city and every agency under it in turn, all open statuses, step due
# times from two days past to twelve days ahead (every colour).
open_now() {
    $SQL "SELECT COUNT(*) FROM dossiers d JOIN agencies a ON a.id = d.current_agency_id
        WHERE d.is_open = 1 AND (a.id = $CITY OR a.parent_id = $CITY)"
}
have=$(open_now)
start=$(date +%s.%N)
batch=0
while ((have < OPEN)); do
    n=$((OPEN - have > 100000 ? 100000 : OPEN - have))
    tag=$(date +%s%N)
    $SQL "CREATE TEMPORARY TABLE bench_ag (n INT PRIMARY KEY, id INT UNSIGNED)
        SELECT ROW_NUMBER() OVER (ORDER BY id) - 1 AS n, id FROM agencies
        WHERE id = $CITY OR parent_id = $CITY;
      SET @k = (SELECT COUNT(*) FROM bench_ag);
      INSERT INTO dossiers (code, procedure_id, agency_id, current_agency_id,
        applicant_name, applicant_id_number, channel, status, form_data,
        submitted_at, updated_at, received_at, due_at, current_step,
        step_due_at, step_warn_at)
      SELECT CONCAT('CITY-', '$tag', '-', s.seq), $PROC, b.id, b.id,
        CONCAT('Người nộp ', s.seq), LPAD(1000000 + s.seq, 12, '0'), 2,
        ELT(1 + s.seq % 6, 1, 2, 4, 5, 6, 9), '{}',
        NOW() - INTERVAL s.seq MINUTE, NOW(), NOW() - INTERVAL s.seq MINUTE,
        NOW() + INTERVAL (CAST(s.seq AS SIGNED) % 300) HOUR, 2,
        NOW() + INTERVAL (CAST(s.seq AS SIGNED) % 300 - 48) HOUR,
        NOW() + INTERVAL (CAST(s.seq AS SIGNED) % 300 - 54) HOUR
      FROM seq_1_to_$n s JOIN bench_ag b ON b.n = (s.seq * 7919) % @k" || exit 1
    have=$((have + n))
    batch=$((batch + 1))
done
written=$(awk "BEGIN {printf \"%.1f\", $(date +%s.%N) - $start}")
echo "| open dossiers in the city and the agencies under it | | $(open_now) ($batch statements of up to 100,000 written in $written s) | | |"
echo "| dossiers in the database | | $($SQL 'SELECT COUNT(*) FROM dossiers') | | |"

# 2. Counted as the worker counts rows written outside the domain.
start=$(date +%s.%N)
bin/motcua counters rebuild >/dev/null || exit 1
printf '| counters rebuilt from every dossier (`bin/motcua counters rebuild`) | | %.2f s | | |\n' \
    "$(awk "BEGIN {print $(date +%s.%N) - $start}")"

# 3. Pages, each under wrk with CONNS connections of one session.
login() {
    local jar=$W/jar.$1 csrf
    rm -f "$jar"
    csrf=$(curl -s -c "$jar" -b "$jar" "$B/dich-vu/dang-nhap" |
        grep -o 'name="csrf" value="[0-9a-f]*"' | head -1 | sed 's/.*value="//;s/"//')
    curl -s -c "$jar" -b "$jar" -o /dev/null \
        -d "csrf=$csrf&login=$1&password=MotCua@2026" "$B/dich-vu/dang-nhap"
    awk '$6 == "mc_session" {print $7}' "$jar"
}
row() {
    local name=$1 cookie=$2 path=$3 out code
    code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: mc_session=$cookie" "$B$path")
    out=$(wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency \
        -H "Cookie: mc_session=$cookie" "$B$path" 2>&1)
    printf '| %s | `wrk -t2 -c%s -d%ss --latency %s` | %s | %s | %s |%s\n' "$name" \
        "$CONNS" "$DURATION" "$path" "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" \
        "$(awk '$1 == "50%" {print $2}' <<<"$out")" \
        "$(awk '$1 == "99%" {print $2}' <<<"$out")" \
        "$( [[ $code == 200 ]] || echo " (answered $code)")$(awk '/Non-2xx/ {print " (" $NF " non-2xx)"}' <<<"$out")"
}
admin=$(login admin@motcua.test)
leader=$(login leader@motcua.test)
[[ -n $admin && -n $leader ]] || { echo "bench_city: login failed" >&2; exit 1; }
idn=$($SQL "SELECT applicant_id_number FROM dossiers WHERE current_agency_id = $CITY
    AND is_open = 1 ORDER BY id DESC LIMIT 1")
row "city administrator's inbox, first page (the city's own dossiers, colour counts)" "$admin" /can-bo/
row "the same, filtered by status (4, in processing)" "$admin" '/can-bo/?status=4'
row "the same, overdue only" "$admin" '/can-bo/?due=overdue'
# Page 50 as the "next" link reaches it (keyset: after the key of page
# 49's last row, 50 rows a page), and by ?page=50 (OFFSET, older links).
key50=$($SQL "SELECT CONCAT(COALESCE(DATE_FORMAT(step_due_at, '%Y%m%d%H%i%s'), '0'), '_', id)
    FROM dossiers WHERE current_agency_id = $CITY AND is_open = 1
    ORDER BY step_due_at, id LIMIT 1 OFFSET 2449")
row "the same, page 50 (next link: after the key of page 49's last row)" "$admin" "/can-bo/?after=$key50"
row "the same, page 50 by ?page=50 (OFFSET 2,450, older links)" "$admin" '/can-bo/?page=50'
row "the same, search by ID number" "$admin" "/can-bo/?q=$idn"
row "a department leader's overview (Sở Tư pháp and the agencies under it)" "$leader" /can-bo/lanh-dao
# Last: while its stuck list takes seconds, the requests wrk gave up on
# keep the office's workers busy for a while after the run.
row "city administrator's overview: counts of the city and the $($SQL "SELECT COUNT(*) FROM agencies WHERE parent_id = $CITY") agencies under it, overdue, due-soon, stuck and at-risk lists" \
    "$admin" /can-bo/lanh-dao
