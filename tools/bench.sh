#!/usr/bin/env bash
# tools/bench.sh — the figures of BENCHMARKS.md, measured in one run on this
# machine: `make bench` calls it after the build.
#
# Starts a throwaway instance (like tools/test.sh), then measures with wrk on
# loopback: a static procedure page, the public dossier status API, the login
# page; each hot path against its ceiling in the same run (issue 12: the
# status lookup against a libfcgi "hello" behind the same Apache, routed at
# /hello in this instance only; a procedure page as browsers fetch it,
# Accept-Encoding: gzip, br, against robots.txt), with the ratio;
# the generator's full rebuild of the catalogue; and (CLONE=1) the time
# `make run` takes from a fresh clone with the packages already installed.
# Prints a Markdown table. Knobs: DURATION (s, default 10), CONNS (default 32),
# SECTIONS may add "city" (tools/bench_city.sh: 1 million open dossiers
# written into the instance and the city administrator's inbox and overview,
# about 15 minutes on the shared machine, so not in the default) and
# "backup" (tools/bench_backup.sh: BACKUP_DOSSIERS, default 260,000, of
# generated history, then a hot backup and a restore into a fresh
# instance, timed per GB; about 15 minutes);
# SECTIONS (default "mem office site search reports": memory per process,
# measured first on the fresh instance (tools/bench_mem.sh) and printed
# last, and the back office's, the public site's, the search's and the
# reports' parts after the main table; "" for the main table and the
# ceilings only). The reports' part (tools/bench_reports.sh) first adds
# REPORTS_DOSSIERS (default 20000) dossiers of generated history
# (`bin/motcua gen`) to the instance: REPORTS_DOSSIERS=1000000 make bench
# for a larger size.
set -uo pipefail
umask 022

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$TOP" || exit 1
DURATION=${DURATION:-10}
CONNS=${CONNS:-32}
SECTIONS=${SECTIONS-mem office site search reports}

pick_port() {
    local p
    for _ in $(seq 1 200); do
        p=$(( 20000 + RANDOM % 20000 ))
        [[ -z $(ss -Hltn "sport = :$p" 2>/dev/null) ]] && { echo "$p"; return; }
    done
    return 1
}

PORT=$(pick_port) || exit 1
RUNDIR=$(mktemp -d /tmp/motcua-bench-XXXXXX) || exit 1
chmod 0755 "$RUNDIR"
export TOP PORT RUNDIR MOTCUA_NO_LINK=1 MOTCUA_CONFIG=$RUNDIR/motcua.conf
B=http://127.0.0.1:$PORT
cleanup() {
    [[ -n ${HELLO_PID:-} ]] && kill "$HELLO_PID" 2>/dev/null && wait "$HELLO_PID" 2>/dev/null
    tools/instance.sh stop >/dev/null 2>&1
    rm -rf "$RUNDIR"
    [[ -n ${CLONE_DIR:-} ]] && rm -rf "$CLONE_DIR"
}
trap cleanup EXIT

echo "bench: starting an instance on port $PORT" >&2
tools/instance.sh start >"$RUNDIR/setup.log" 2>&1 || {
    tail -30 "$RUNDIR/setup.log" >&2
    exit 1
}

# Memory per process (issue 12) while the programs are fresh: printed last.
if [[ " $SECTIONS " == *" mem "* ]]; then
    echo "bench: memory per process" >&2
    B=$B PORT=$PORT RUNDIR=$RUNDIR TOP=$TOP MOTCUA_CONFIG=$MOTCUA_CONFIG \
        tools/bench_mem.sh >"$RUNDIR/mem.md"
fi

# A dossier to look up: a citizen files one through the API.
id_number=0791$(printf '%08d' $((RANDOM * RANDOM % 100000000)))
bin/motcua user add --role citizen --id-number "$id_number" \
    --email "bench.$id_number@motcua.test" --password MotCua@2026 \
    --name "Người Đo Tải" >/dev/null
token=$(bin/motcua token create --email "bench.$id_number@motcua.test" 2>/dev/null |
    grep -Eo '^[0-9a-f]{64}$')
printf '%%PDF-1.4\n%%%%EOF\n' >"$RUNDIR/bench.pdf"
code=$(curl -s -H "Authorization: Bearer $token" -F procedure=1.001193 \
    -F agency="$(curl -s "$B/api/v1/procedures/1.001193" |
        grep -o '"code":"000\.[^"]*"' | head -1 | cut -d'"' -f4)" \
    -F "file=@$RUNDIR/bench.pdf" "$B/api/v1/dossiers" | grep -o '"code":"[^"]*"' | cut -d'"' -f4)
[[ -n $code ]] || { echo "bench: could not file a dossier" >&2; exit 1; }

# The ceiling program (tests/load/hello.c) on its own socket, routed at
# /hello by a config include of this instance only (apache/conf.d/).
HELLO_SOCK=$RUNDIR/sock/hello.sock
build/load/hello "$HELLO_SOCK" "$(awk -F' *= *' '$1 == "workers" {print $2}' "$MOTCUA_CONFIG")" \
    2>>"$RUNDIR/hello.log" &
HELLO_PID=$!
mkdir -p "$RUNDIR/apache/conf.d"
cat >"$RUNDIR/apache/conf.d/hello.conf" <<EOF
# tools/bench.sh: the ceiling program, this bench instance only.
ProxyPass /hello "unix:$HELLO_SOCK|fcgi://hello/"
<Location /hello>
    Require all granted
</Location>
EOF
for _ in $(seq 1 50); do [[ -S $HELLO_SOCK ]] && break; sleep 0.1; done
apache2 -f "$RUNDIR/apache/httpd.conf" -k graceful >>"$RUNDIR/setup.log" 2>&1
for _ in $(seq 1 50); do
    [[ $(curl -s "$B/hello") == hello ]] && break
    sleep 0.2
done
[[ $(curl -s "$B/hello") == hello ]] || { echo "bench: /hello does not answer" >&2; exit 1; }

# More dossiers to look up, each once in turn (LOOKUPS of them, 1,000):
# a process keeps the answers of 512 codes at most, so most of these
# lookups are first asks (three queries), where the one dossier asked again
# above is answered after one (the version check, cgi-bin/api).
LOOKUPS=${LOOKUPS:-1000}
agency=$(curl -s "$B/api/v1/procedures/1.001193" |
    grep -o '"code":"000\.[^"]*"' | head -1 | cut -d'"' -f4)
seq 1 "$LOOKUPS" | xargs -P 4 -I{} curl -s -H "Authorization: Bearer $token" \
    -F procedure=1.001193 -F agency="$agency" -F "file=@$RUNDIR/bench.pdf" \
    -o /dev/null "$B/api/v1/dossiers"
mariadb --defaults-file="$RUNDIR/mysql/my.cnf" -N motcua -e \
    "SELECT CONCAT('/api/v1/dossiers/', code, '?id_number=', applicant_id_number)
     FROM dossiers WHERE applicant_id_number = '$id_number'" >"$RUNDIR/lookups.txt"
cat >"$RUNDIR/lookups.lua" <<LUAEOF
local paths = {}
for line in io.lines("$RUNDIR/lookups.txt") do paths[#paths + 1] = line end
local i = math.random(#paths)
request = function()
    i = i % #paths + 1
    return wrk.format("GET", paths[i])
end
LUAEOF

# One URL with wrk, optional extra header or script: sets RPS, P50, P99, ERR.
run_wrk() {
    local url=$1 hdr=${2:-} script=${3:-} out
    if [[ -n $script ]]; then
        out=$(wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency -s "$script" "$url" 2>&1)
    elif [[ -n $hdr ]]; then
        out=$(wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency -H "$hdr" "$url" 2>&1)
    else
        out=$(wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency "$url" 2>&1)
    fi
    RPS=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    P50=$(awk '$1 == "50%" {print $2}' <<<"$out")
    P99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    ERR=$(grep Non-2xx <<<"$out" | awk '{print $NF}')
}

# A hot path and its ceiling, measured one after the other: a table row
# with both rates, the path's latencies and the ratio against the goal.
ceiling_row() { # NAME URL HEADER CEILING_NAME CEILING_URL GOAL_PERCENT [SCRIPT]
    local name=$1 url=$2 hdr=$3 cname=$4 curl_=$5 goal=$6 r p50 p99 err ratio
    run_wrk "$url" "$hdr" "${7:-}"; r=$RPS p50=$P50 p99=$P99 err=$ERR
    run_wrk "$curl_"
    ratio=$(awk -v a="$r" -v b="$RPS" 'BEGIN { if (b > 0) printf "%.0f", 100 * a / b; else print "?" }')
    printf '| %s%s | %s%s | %s | %s | %s (%s) | %s | %s %% | %s %% %s |\n' \
        "$name" "${hdr:+ (\`$hdr\`)}" "$r" "${err:+ (non-2xx: $err)}" "$p50" "$p99" \
        "$RPS" "$cname" "$P99" "$ratio" "$goal" \
        "$(awk -v x="$ratio" -v g="$goal" 'BEGIN { print (x + 0 >= g) ? "met" : "not met" }')"
}

# wrk's "Requests/sec", 50% and 99% latency of one URL.
measure() {
    local name=$1 url=$2 out rps p50 p99
    out=$(wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency "$url" 2>&1)
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    if grep -q "Non-2xx" <<<"$out"; then
        rps="$rps (errors: $(grep Non-2xx <<<"$out" | awk '{print $NF}'))"
    fi
    printf '| %s | `wrk -t2 -c%s -d%ss --latency %s` | %s | %s | %s |\n' \
        "$name" "$CONNS" "$DURATION" "${url#$B}" "$rps" "$p50" "$p99"
}

echo "| what | command | requests/s | p50 | p99 |"
echo "| --- | --- | --- | --- | --- |"
measure "static procedure page" "$B/thu-tuc/1.001193.html"
measure "dossier status API" "$B/api/v1/dossiers/$code?id_number=$id_number"
measure "login page" "$B/dich-vu/dang-nhap"
echo

echo "Hot paths against their ceilings (issue 12), each pair measured back to back:"
echo
echo "| path | requests/s | p50 | p99 | ceiling requests/s (what) | ceiling p99 | ratio | goal |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
ceiling_row "public status lookup \`/api/v1/dossiers/{code}?id_number=\`, one dossier asked again" \
    "$B/api/v1/dossiers/$code?id_number=$id_number" "" \
    "libfcgi hello \`/hello\`" "$B/hello" 60
ceiling_row "public status lookup, $(wc -l <"$RUNDIR/lookups.txt") dossiers each in turn (mostly first asks)" \
    "$B" "" "libfcgi hello \`/hello\`" "$B/hello" 60 "$RUNDIR/lookups.lua"
ceiling_row "procedure page \`/thu-tuc/1.001193.html\`" "$B/thu-tuc/1.001193.html" \
    "Accept-Encoding: gzip, br" "\`/robots.txt\`" "$B/robots.txt" 80
ceiling_row "procedure page, gzip only" "$B/thu-tuc/1.001193.html" \
    "Accept-Encoding: gzip" "\`/robots.txt\`" "$B/robots.txt" 80
echo

start=$(date +%s.%N)
site_out=$(bin/motcua site --full 2>&1 | tail -1)
end=$(date +%s.%N)
printf '| generator, whole catalogue (`bin/motcua site --full`) | %.2f s | %s |\n' \
    "$(awk "BEGIN {print $end - $start}")" "$site_out"

if [[ " $SECTIONS " == *" office "* ]]; then
echo
echo "Back office (issue 3):"
echo
B=$B RUNDIR=$RUNDIR TOP=$TOP MOTCUA_CONFIG=$MOTCUA_CONFIG DURATION=$DURATION \
    CONNS=$CONNS tools/bench_office.sh
fi
if [[ " $SECTIONS " == *" city "* ]]; then
echo
echo "The back office at the size of the city (issue 12, tools/bench_city.sh):"
echo
B=$B RUNDIR=$RUNDIR TOP=$TOP MOTCUA_CONFIG=$MOTCUA_CONFIG DURATION=$DURATION \
    tools/bench_city.sh
fi
if [[ " $SECTIONS " == *" site "* ]]; then
echo; echo "Public site (issue 4):"; echo; PORT=$PORT RUNDIR=$RUNDIR MOTCUA_CONFIG=$MOTCUA_CONFIG DURATION=$DURATION CONNS=$CONNS tools/bench_site.sh
fi

if [[ " $SECTIONS " == *" search "* ]]; then
echo; echo "Search (issue 14):"; echo
B=$B RUNDIR=$RUNDIR TOP=$TOP MOTCUA_CONFIG=$MOTCUA_CONFIG DURATION=$DURATION \
    CONNS=$CONNS tools/bench_search.sh
fi

if [[ " $SECTIONS " == *" reports "* ]]; then
echo; echo "Reports on generated history (issue 11):"; echo
B=$B RUNDIR=$RUNDIR TOP=$TOP MOTCUA_CONFIG=$MOTCUA_CONFIG DURATION=$DURATION \
    REPORTS_DOSSIERS=${REPORTS_DOSSIERS:-20000} tools/bench_reports.sh
fi

# Backup and restore per GB (issue 15): BACKUP_DOSSIERS (default 260000,
# about 1.5 GB of InnoDB files) of generated history added first.
if [[ " $SECTIONS " == *" backup "* ]]; then
echo; echo "Backup and restore per GB (issue 15, tools/bench_backup.sh):"; echo
MOTCUA_CONFIG=$MOTCUA_CONFIG bin/motcua gen --dossiers "${BACKUP_DOSSIERS:-260000}" --seed 7
MOTCUA_CONFIG=$MOTCUA_CONFIG RESTORE_PORT=$(pick_port) tools/bench_backup.sh
fi

if [[ ${CLONE:-0} == 1 ]]; then
    CLONE_DIR=$(mktemp -d /tmp/motcua-clone-XXXXXX)
    chmod 0755 "$CLONE_DIR"
    git clone -q "$TOP" "$CLONE_DIR/p"
    cport=$(pick_port)
    start=$(date +%s.%N)
    (cd "$CLONE_DIR/p" && PORT=$cport RUNDIR=$CLONE_DIR/run make run >"$CLONE_DIR/run.log" 2>&1)
    rc=$?
    end=$(date +%s.%N)
    (cd "$CLONE_DIR/p" && PORT=$cport RUNDIR=$CLONE_DIR/run tools/instance.sh stop >/dev/null 2>&1)
    printf '| `make run` from a fresh clone (packages present) | %.1f s | exit %d |\n' \
        "$(awk "BEGIN {print $end - $start}")" "$rc"
fi
if [[ " $SECTIONS " == *" mem "* ]]; then
echo; echo "Memory per process (issue 12), measured first on the fresh instance:"; echo
cat "$RUNDIR/mem.md"
fi
echo
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr); load $(cut -d' ' -f1-3 /proc/loadavg)"
