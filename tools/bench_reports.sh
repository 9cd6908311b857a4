#!/usr/bin/env bash
# tools/bench_reports.sh — the reports on generated history (issue 11):
# each report's latency over varied periods and scopes (median, 95th
# percentile, worst), each export, the dashboard's refresh, the public
# statistics (the site build that reads them), the inbox and dossier page
# under wrk, and the database's size per million dossiers.
#
# With B, RUNDIR and MOTCUA_CONFIG set (tools/bench.sh, or an instance of
# your own: B=http://127.0.0.1:8414 RUNDIR=/tmp/motcua-8414 ...) it measures
# that instance; without them it starts a throwaway one (MariaDB's buffer
# pool REPORTS_POOL, default 1G) and removes it after.
# REPORTS_DOSSIERS (default 20000; 0: none) dossiers are first added with
# `bin/motcua gen` (seed REPORTS_SEED, default 1). DURATION and CONNS for
# wrk (10 s, 8). REPORTS_ONLY=stats: the four statistics reports only;
# REPORTS_ONLY=leaders: the Decision 766 parts, the dashboard and the
# leaders' overview only.
# Prints Markdown.
set -uo pipefail
umask 022

TOP=${TOP:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)}
cd "$TOP" || exit 1
DURATION=${DURATION:-10}
CONNS=${CONNS:-8}
REPORTS_DOSSIERS=${REPORTS_DOSSIERS:-20000}
MOTCUA=$TOP/bin/motcua
OWN=0

if [[ -z ${B:-} ]]; then
    OWN=1
    PORT=$(( 20000 + RANDOM % 20000 ))
    RUNDIR=$(mktemp -d /tmp/motcua-bench-reports-XXXXXX) || exit 1
    chmod 0755 "$RUNDIR"
    export TOP PORT RUNDIR MOTCUA_NO_LINK=1 MOTCUA_CONFIG=$RUNDIR/motcua.conf
    export MOTCUA_DB_BUFFER_POOL=${REPORTS_POOL:-1G}
    B=http://127.0.0.1:$PORT
    trap 'tools/instance.sh stop >/dev/null 2>&1; rm -rf "$RUNDIR"' EXIT
    echo "bench_reports: starting an instance on port $PORT" >&2
    tools/instance.sh start >"$RUNDIR/setup.log" 2>&1 ||
        { tail -30 "$RUNDIR/setup.log" >&2; exit 1; }
fi
: "${RUNDIR:?}" "${MOTCUA_CONFIG:?}"
export MOTCUA_CONFIG
DBNAME=$(sed -n 's/^db_name *= *//p' "$MOTCUA_CONFIG")
SQL() { mariadb --defaults-file="$RUNDIR/mysql/my.cnf" -N "${DBNAME:-motcua}" -e "$1"; }
TMP=$(mktemp -d /tmp/bench-reports-XXXXXX)
trap 'rm -rf "$TMP"; [[ $OWN == 1 ]] && { tools/instance.sh stop >/dev/null 2>&1; rm -rf "$RUNDIR"; }' EXIT

if (( REPORTS_DOSSIERS > 0 )); then
    echo "bench_reports: generating $REPORTS_DOSSIERS dossiers" >&2
    "$MOTCUA" gen --dossiers "$REPORTS_DOSSIERS" --seed "${REPORTS_SEED:-1}" \
        >"$TMP/gen" 2>&1 || { cat "$TMP/gen" >&2; exit 1; }
fi
NDOSS=$(SQL "SELECT COUNT(*) FROM dossiers")
echo "bench_reports: $NDOSS dossiers" >&2

# Who reads: a leader of the city (every report's widest scope) and a
# receiver of the busiest department (the inbox).
CITY=$(SQL "SELECT id FROM agencies WHERE kind = 'city' ORDER BY id LIMIT 1")
CITY_CODE=$(SQL "SELECT code FROM agencies WHERE id = $CITY")
read -r DEPT DEPT_CODE <<<"$(SQL "SELECT d.agency_id, a.code FROM dossiers d
    JOIN agencies a ON a.id = d.agency_id WHERE a.kind = 'department'
    GROUP BY d.agency_id ORDER BY COUNT(*) DESC LIMIT 1")"
WARD=$(SQL "SELECT d.agency_id FROM dossiers d JOIN agencies a ON a.id = d.agency_id
    WHERE a.kind = 'ward' AND a.valid_to IS NULL GROUP BY d.agency_id
    ORDER BY COUNT(*) DESC LIMIT 1")
WARD=${WARD:-$DEPT}
PW=MotCua@2026
"$MOTCUA" user add --role leader --agency "$CITY_CODE" --email bench.city@motcua.test \
    --password "$PW" --name "Lãnh đạo (đo tải)" >/dev/null 2>&1
"$MOTCUA" user add --role receiver --agency "$DEPT_CODE" --email bench.dept@motcua.test \
    --password "$PW" --name "Một cửa (đo tải)" >/dev/null 2>&1
login() { # login EMAIL -> the session cookie's value
    local j=$TMP/jar.$1 csrf
    csrf=$(curl -s -c "$j" -b "$j" "$B/dich-vu/dang-nhap" |
        grep -o 'name="csrf" value="[0-9a-f]*"' | head -1 | sed 's/.*value="//;s/"//')
    curl -s -c "$j" -b "$j" -o /dev/null -d "csrf=$csrf&login=$1&password=$PW" "$B/dich-vu/dang-nhap"
    awk '$6 == "mc_session" {print $7}' "$j"
}
LC=$(login bench.city@motcua.test)
RC=$(login bench.dept@motcua.test)
[[ -n $LC && -n $RC ]] || { echo "bench_reports: could not log in" >&2; exit 1; }

# Periods (ending yesterday) and scopes the reports are asked for.
Y=$(date -d yesterday +%F)
PERIODS=("$(date -d yesterday +%Y-%m-01)|$Y"
    "$(( $(date +%Y) - 1 ))-01-01|$(( $(date +%Y) - 1 ))-12-31")
TEN="$(date -d '-10 years' +%F)|$Y"
SCOPES=("$CITY" "$DEPT" "$WARD")

# Times one GET (seconds); a non-2xx answer is reported and not counted.
get() { # get COOKIE PATH
    local out
    out=$(curl -s -m 600 -b "mc_session=$1" -o "$TMP/body" -w '%{http_code} %{time_total}' "$B$2")
    if [[ ${out%% *} != 2* ]]; then
        echo "bench_reports: ${out%% *} for $2" >&2
        return 1
    fi
    echo "${out#* }"
}
# Median, 95th percentile and worst of the numbers on stdin, in ms.
stats() {
    sort -g | awk '{ v[NR] = $1 * 1000 } END {
        if (NR == 0) { print "| | | | |"; exit }
        p95 = int(NR * 0.95 + 0.999); if (p95 > NR) p95 = NR
        printf "%d | %.0f | %.0f | %.0f |\n", NR, v[int((NR + 1) / 2)], v[p95], v[NR] }'
}
# A report asked over every period and scope (and ten years of the city
# and the department when a third argument says so): one row of the table.
report() { # report NAME PATH?QUERY [ten] (periods and scopes appended)
    local name=$1 path=$2 p s t
    {
        for p in "${PERIODS[@]}"; do
            for s in "${SCOPES[@]}"; do
                t=$(get "$LC" "$path&from=${p%|*}&to=${p#*|}&agency=$s") && echo "$t"
            done
        done
        if [[ -n ${3:-} ]]; then
            for s in "$CITY" "$DEPT"; do
                t=$(get "$LC" "$path&from=${TEN%|*}&to=${TEN#*|}&agency=$s") && echo "$t"
            done
        fi
    } >"$TMP/t"
    printf '| %s | `%s` | %s\n' "$name" "$path" "$(stats <"$TMP/t")"
}

echo "Reports on $NDOSS generated dossiers: each asked once for each of ${#PERIODS[@]} periods (this month, last year) and 3 scopes (the city, the busiest department, the busiest ward), as the city's leader; the statistics by month also for ten years of the city and of the department."
echo
echo "| report | path | asked | median ms | p95 ms | worst ms |"
echo "| --- | --- | --- | --- | --- | --- |"
if [[ ${REPORTS_ONLY:-} != leaders ]]; then
report "statistics by agency" "/can-bo/thong-ke?by=agency"
report "statistics by procedure" "/can-bo/thong-ke?by=procedure"
report "statistics by channel" "/can-bo/thong-ke?by=channel"
report "statistics by month (period)" "/can-bo/thong-ke?by=month" ten
fi
[[ ${REPORTS_ONLY:-} == stats ]] && exit 0
if [[ ${REPORTS_ONLY:-} != leaders ]]; then
report "drill down: the late ones behind a number" "/can-bo/thong-ke/ho-so?metric=late"
report "tracking book (form 06)" "/can-bo/so-theo-doi?x=1"
report "late list with apologies" "/can-bo/thong-ke/tre-han?x=1"
report "officers' workload and timeliness" "/can-bo/thong-ke/can-bo?x=1"
fi
report "Decision 766 parts" "/can-bo/thong-ke/chi-so-766?x=1"
for s in "${SCOPES[@]}"; do
    for _ in 1 2 3; do get "$LC" "/can-bo/bang-dieu-khien?agency=$s"; done
done >"$TMP/t"
printf '| dashboard refresh (3 scopes, 3 times) | `%s` | %s\n' "/can-bo/bang-dieu-khien?agency=" "$(stats <"$TMP/t")"
for s in "${SCOPES[@]}"; do get "$LC" "/can-bo/lanh-dao?agency=$s"; done >"$TMP/t"
printf '| leaders'"'"' overview (3 scopes) | `%s` | %s\n' "/can-bo/lanh-dao" "$(stats <"$TMP/t")"
[[ ${REPORTS_ONLY:-} == leaders ]] && exit 0
for _ in 1 2 3; do
    s0=$(date +%s.%N); "$MOTCUA" site >/dev/null 2>&1; e0=$(date +%s.%N)
    awk -v a="$s0" -v b="$e0" 'BEGIN { print b - a }'
done >"$TMP/t"
printf '| public statistics: the site build that reads and renders them | `%s` | %s\n' "bin/motcua site" "$(stats <"$TMP/t")"
echo

echo "Exports of last year, the busiest department (the statistics also the city):"
echo
echo "| export | asked | median ms | p95 ms | worst ms |"
echo "| --- | --- | --- | --- | --- |"
for fmt in xlsx docx pdf; do
    # The book's and the late list's files are built by export jobs
    # (tools/bench_register_jobs.sh), not in a request.
    for path in "/can-bo/thong-ke/xuat/$fmt?by=agency" "/can-bo/thong-ke/chi-so-766/xuat/$fmt?x=1"; do
        for p in "${PERIODS[1]}"; do
            scopes=("$DEPT")
            [[ $path == /can-bo/thong-ke/xuat/* ]] && scopes+=("$CITY")
            for s in "${scopes[@]}"; do
                get "$LC" "$path&from=${p%|*}&to=${p#*|}&agency=$s"
            done
        done
    done >"$TMP/t"
    printf '| %s (statistics, 766) | %s\n' "$fmt" "$(stats <"$TMP/t")"
done
echo

# The inbox and dossier pages under wrk, as the department's receiver.
SQL "SELECT CONCAT('/can-bo/ho-so/', code) FROM dossiers WHERE agency_id = $DEPT
    ORDER BY id DESC LIMIT 2000" >"$TMP/codes"
cat >"$TMP/dossiers.lua" <<LUA
local paths = {}
for line in io.lines("$TMP/codes") do paths[#paths + 1] = line end
local i = 0
request = function()
    i = i % #paths + 1
    return wrk.format("GET", paths[i], { Cookie = "mc_session=$RC" })
end
LUA
wrkrow() { # wrkrow NAME PATH [SCRIPT]
    local out
    if [[ -n ${3:-} ]]; then
        out=$(wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency -s "$3" "$B$2" 2>&1)
    else
        out=$(wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency -H "Cookie: mc_session=$RC" "$B$2" 2>&1)
    fi
    printf '| %s | `wrk -t2 -c%s -d%ss --latency %s` | %s%s | %s | %s |\n' "$1" "$CONNS" "$DURATION" "$2" \
        "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" \
        "$(grep -q Non-2xx <<<"$out" && echo " (non-2xx: $(grep Non-2xx <<<"$out" | awk '{print $NF}'))")" \
        "$(awk '$1 == "50%" {print $2}' <<<"$out")" "$(awk '$1 == "99%" {print $2}' <<<"$out")"
}
OPEN=$(SQL "SELECT COUNT(*) FROM dossiers WHERE current_agency_id = $DEPT AND is_open = 1")
echo "| page ($OPEN open dossiers in the department) | command | requests/s | p50 | p99 |"
echo "| --- | --- | --- | --- | --- |"
wrkrow "inbox" "/can-bo/"
wrkrow "dossier page, $(wc -l <"$TMP/codes") dossiers in turn" "/can-bo/ho-so/" "$TMP/dossiers.lua"
echo

# The database's size, and per million dossiers.
echo "| database | rows | data + index |"
echo "| --- | --- | --- |"
SQL "SELECT table_name, table_rows, ROUND((data_length + index_length) / 1048576)
    FROM information_schema.tables WHERE table_schema = DATABASE()
    AND table_name IN ('dossiers', 'dossier_events', 'dossier_steps', 'eval_ratings',
    'eval_answers', 'stats_day', 'stats_month', 'stats_officer', 'stats_step', 'stats_remain')
    ORDER BY data_length + index_length DESC" |
    awk -F'\t' '{ printf "| %s | ~%s | %s MiB |\n", $1, $2, $3 }'
SQL "SELECT ROUND(SUM(data_length + index_length) / 1048576),
    ROUND(SUM(data_length + index_length) / 1048576 / GREATEST($NDOSS, 1) * 1000000)
    FROM information_schema.tables WHERE table_schema = DATABASE()" |
    awk -F'\t' '{ printf "| **whole database** | | %s MiB (**%s MiB per million dossiers**) |\n", $1, $2 }'
echo
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr); load $(cut -d' ' -f1-3 /proc/loadavg); buffer pool $(sed -n 's/^innodb_buffer_pool_size *= *//p' "$RUNDIR/mysql/my.cnf")"
