#!/usr/bin/env bash
# tools/bench_mem.sh — memory per process (issue 12), called by
# tools/bench.sh right after its instance starts, or alone against any
# running instance:
#     PORT=8407 tools/bench_mem.sh       (RUNDIR defaults to /tmp/motcua-PORT)
# For each long-lived program of the instance (the FastCGI programs portal,
# office and api: a supervisor and its prefork workers, lib/web/mc_app.c;
# and the outbox daemon worker), the resident memory from
# /proc/PID/smaps_rollup (RSS and PSS, so the pages the workers share with
# their supervisor after fork count once) at three points: as found (after
# start), after WARM mixed requests (2,000) and after MORE (10,000) more. The
# mix, in turns of ten through Apache: the login page, the public lookup page
# and API, a citizen's dossiers, one dossier and notifications, an officer's
# inbox and a search in it, a procedure or a search of the catalogue and the
# citizen's dossier by token from the API; one API filing each 500
# requests gives the daemon outbox work.
# Growth per 1,000 requests the program served, over each half of MORE and
# over a check of MORE/2 more after them: flagged (printed, never failed)
# when the second half and the check both grow by more than LEAK_KB KiB
# (default 64) of anonymous memory (heap and stack, smaps_rollup):
# warm-up levels off, a leak does not. A flag may still be late warm-up
# (new data: each filing lengthens the citizen's pages): run this script
# again on the warmed instance, where a leak keeps its rate.
# Prints Markdown. Knobs: WARM, MORE, PAR (parallel connections, default 8),
# FILE_EVERY (one filing each so many requests, a multiple of 10; 0: none).
set -uo pipefail
TOP=${TOP:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)}
cd "$TOP" || exit 1
PORT=${PORT:?PORT}
RUNDIR=${RUNDIR:-/tmp/motcua-$PORT}
export MOTCUA_CONFIG=${MOTCUA_CONFIG:-$RUNDIR/motcua.conf}
B=${B:-http://127.0.0.1:$PORT}
WARM=${WARM:-2000}
MORE=${MORE:-10000}
PAR=${PAR:-8}
LEAK_KB=${LEAK_KB:-64}
FILE_EVERY=${FILE_EVERY:-500}
W=$(mktemp -d /tmp/motcua-mem-XXXXXX) || exit 1
trap 'rm -rf "$W"' EXIT
SQL="mariadb --defaults-file=$RUNDIR/mysql/my.cnf -N -B motcua -e"
PROGS="portal office api"

# Sessions and a dossier of the citizen's own.
login() { # EMAIL: prints the mc_session cookie
    local j=$W/jar.$1 csrf
    csrf=$(curl -s -c "$j" -b "$j" "$B/dich-vu/dang-nhap" |
        grep -o 'name="csrf" value="[0-9a-f]*"' | head -1 | sed 's/.*value="//;s/"//')
    curl -s -c "$j" -b "$j" -o /dev/null \
        -d "csrf=$csrf&login=$1&password=MotCua@2026" "$B/dich-vu/dang-nhap"
    awk '$6 == "mc_session" {print $7}' "$j"
}
CIT=$(login citizen@motcua.test)
OFF=$(login receiver@motcua.test)
TOKEN=$(bin/motcua token create --email citizen@motcua.test 2>/dev/null |
    grep -Eo '^[0-9a-f]{64}$')
printf '%%PDF-1.4\n%%%%EOF\n' >"$W/a.pdf"
CODE=$(curl -s -H "Authorization: Bearer $TOKEN" -F procedure=1.000390 \
    -F "file=@$W/a.pdf" "$B/api/v1/dossiers" | grep -o '"code":"[^"]*"' | cut -d'"' -f4)
IDN=$($SQL "SELECT applicant_id_number FROM dossiers WHERE code = '$CODE'")
if [[ -z $CIT || -z $OFF || -z $TOKEN || -z $CODE || -z $IDN ]]; then
    echo "bench_mem: no sessions, token or dossier (cit=${CIT:+ok} off=${OFF:+ok} code=$CODE)" >&2
    exit 1
fi

# A curl config of N requests of the mix (one `next` block each).
mix() { # N FILE
    local n=$1 f=$2 i
    for ((i = 0; i < n; i++)); do
        case $((i % 10)) in
        0) echo "url = \"$B/dich-vu/dang-nhap\"" ;;
        1) echo "url = \"$B/dich-vu/tra-cuu?ma=$CODE&id_number=$IDN\"" ;;
        2) echo "url = \"$B/api/v1/dossiers/$CODE?id_number=$IDN\"" ;;
        3) printf 'url = "%s"\nheader = "Cookie: mc_session=%s"\n' "$B/dich-vu/ho-so" "$CIT" ;;
        4) printf 'url = "%s"\nheader = "Cookie: mc_session=%s"\n' "$B/dich-vu/ho-so/$CODE" "$CIT" ;;
        5) printf 'url = "%s"\nheader = "Cookie: mc_session=%s"\n' "$B/dich-vu/thong-bao" "$CIT" ;;
        6) printf 'url = "%s"\nheader = "Cookie: mc_session=%s"\n' "$B/can-bo/" "$OFF" ;;
        7) printf 'url = "%s"\nheader = "Cookie: mc_session=%s"\n' "$B/can-bo/?q=$CODE" "$OFF" ;;
        8) if ((i % 20 == 8)); then echo "url = \"$B/api/v1/procedures?q=khai+sinh&limit=10\""
           else echo "url = \"$B/api/v1/procedures/1.001193\""; fi ;;
        9) if ((FILE_EVERY > 0 && i % FILE_EVERY == FILE_EVERY - 1)); then
               printf 'url = "%s"\nheader = "Authorization: Bearer %s"\nform = "procedure=1.000390"\nform = "file=@%s"\n' \
                   "$B/api/v1/dossiers" "$TOKEN" "$W/a.pdf"
           else
               printf 'url = "%s"\nheader = "Authorization: Bearer %s"\n' "$B/api/v1/dossiers/$CODE" "$TOKEN"
           fi ;;
        esac
        echo 'output = "/dev/null"'
        echo 'write-out = "%{http_code}\n"'
        ((i < n - 1)) && echo next
    done >"$f"
}
# Runs N requests of the mix: prints the seconds taken; non-2xx/3xx to stderr.
run_mix() { # N
    local t0 t1 bad
    mix "$1" "$W/mix.conf"
    t0=$(date +%s.%N)
    curl -s --parallel --parallel-max "$PAR" -K "$W/mix.conf" >"$W/codes" 2>/dev/null
    t1=$(date +%s.%N)
    bad=$(grep -cv '^[23]' "$W/codes")
    ((bad > 0)) && echo "bench_mem: $bad of $1 requests not 2xx/3xx: $(sort "$W/codes" | uniq -c | tr '\n' ' ')" >&2
    awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}'
}

# kB of a field of /proc/PID/smaps_rollup.
kb() { awk -v f="$2:" '$1 == f {print $2}' "/proc/$1/smaps_rollup" 2>/dev/null || echo 0; }
pidof_prog() { tr -dc '0-9' <"$RUNDIR/pids/$1.pid"; }
children() { pgrep -P "$1" | sort -n; }

# One sample: a line per process "prog role pid rss pss anonymous" in FILE.
sample() { # FILE
    local p s c
    : >"$1"
    for p in $PROGS; do
        s=$(pidof_prog "$p")
        echo "$p supervisor $s $(kb "$s" Rss) $(kb "$s" Pss) $(kb "$s" Anonymous)" >>"$1"
        for c in $(children "$s"); do
            echo "$p worker $c $(kb "$c" Rss) $(kb "$c" Pss) $(kb "$c" Anonymous)" >>"$1"
        done
    done
    s=$(pidof_prog worker)
    echo "worker daemon $s $(kb "$s" Rss) $(kb "$s" Pss) $(kb "$s" Anonymous)" >>"$1"
}

HALF=$((MORE / 2))
sample "$W/s0"
t_warm=$(run_mix "$WARM")
sample "$W/s1"
t_a=$(run_mix "$HALF")
sample "$W/s2"
t_b=$(run_mix "$((MORE - HALF))")
sample "$W/s3"
t_c=$(run_mix "$HALF")
sample "$W/s4"

# Requests each program served of N of the mix (its share in ten).
served() { # PROG ROLE N
    case $1 in portal | api) echo $(($3 * 4 / 10)) ;; office) echo $(($3 * 2 / 10)) ;; *) echo "$3" ;; esac
}
mib() { awk -v k="$1" 'BEGIN {printf "%.1f", k / 1024}'; }
# kB per 1,000 requests between two PSS sums.
per1000() { awk -v a="$1" -v b="$2" -v n="$3" 'BEGIN {printf "%.0f", (b - a) / (n / 1000)}'; }

echo "| program | processes | RSS after start | after $WARM requests | after $MORE more | PSS after start | after $WARM | after $MORE more | anonymous memory growth per 1,000 of its requests: first / second $HALF, check $HALF | |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
for key in "portal worker" "portal supervisor" "office worker" "office supervisor" \
    "api worker" "api supervisor" "worker daemon"; do
    read -r p role <<<"$key"
    n=$(awk -v p="$p" -v r="$role" '$1 == p && $2 == r' "$W/s3" | wc -l)
    r=() q=() g=()
    for s in s0 s1 s2 s3 s4; do
        read -r x y z < <(awk -v p="$p" -v r="$role" '$1 == p && $2 == r {x += $4; y += $5; z += $6} END {print x + 0, y + 0, z + 0}' "$W/$s")
        r+=("$x") q+=("$y") g+=("$z")
    done
    # The same processes throughout? A respawned worker starts afresh.
    note=""
    if [[ $(awk -v p="$p" -v r="$role" '$1 == p && $2 == r {print $3}' "$W/s1") != \
        $(awk -v p="$p" -v r="$role" '$1 == p && $2 == r {print $3}' "$W/s3") ]]; then
        note=" (processes replaced during the run)"
    fi
    # Growth of anonymous memory (heap, stack): a process's PSS moves when
    # others sharing its pages (its workers, other programs of the machine
    # mapping the same libraries) start, write or end; RSS when it first
    # reads a page of a library.
    ga=$(per1000 "${g[1]}" "${g[2]}" "$(served "$p" "$role" "$HALF")")
    gb=$(per1000 "${g[2]}" "${g[3]}" "$(served "$p" "$role" "$((MORE - HALF))")")
    gc=$(per1000 "${g[3]}" "${g[4]}" "$(served "$p" "$role" "$HALF")")
    # A leak grows with every request: growth that goes on in the second
    # half and in the check after it. Warm-up (first pages of each kind,
    # caches filling, the first filing of each worker) levels off.
    if ((gb > LEAK_KB && gc > LEAK_KB)); then
        flag="**possible leak** (over $LEAK_KB KiB twice)"
        echo "bench_mem: $p $role: still grows by $gb then $gc KiB per 1,000 requests: possible leak" >&2
    else
        flag="level"
    fi
    [[ $role == daemon ]] && note="$note (per 1,000 requests of the mix; $(((FILE_EVERY > 0 ? (MORE + HALF) / FILE_EVERY : 0))) filings)"
    printf '| %s %s | %s | %s MiB | %s MiB | %s MiB | %s MiB | %s MiB | %s MiB | %s / %s, %s KiB | %s%s |\n' \
        "$p" "$([[ $role == worker ]] && echo workers || echo "$role")" "$n" \
        "$(mib "${r[0]}")" "$(mib "${r[1]}")" "$(mib "${r[3]}")" \
        "$(mib "${q[0]}")" "$(mib "${q[1]}")" "$(mib "${q[3]}")" "$ga" "$gb" "$gc" "$flag" "$note"
done
echo
echo "Workers' figures are the sums over the program's workers (PSS counts the pages"
echo "they share with their supervisor once). Times: $t_warm s for the first $WARM requests,"
echo "$t_a + $t_b s for the $MORE more, $t_c s for the check ($PAR connections,"
echo "\`curl --parallel -K\`); a program serves its share of the mix (portal 4,"
echo "office 2, api 4 in 10)."
echo "Per worker at the end: $(for p in $PROGS; do
    awk -v p="$p" '$1 == p && $2 == "worker" {n++; r += $4; q += $5; if ($4 > m) m = $4}
        END {printf "%s RSS %.1f MiB (max %.1f), PSS %.1f MiB; ", p, r / n / 1024, m / 1024, q / n / 1024}' "$W/s3"
done | sed 's/; $/./')"
