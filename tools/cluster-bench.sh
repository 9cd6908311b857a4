#!/usr/bin/env bash
# tools/cluster-bench.sh — throughput through HAProxy on the cluster against
# the single instance, in one run (issue 15, BENCHMARKS.md).
#
#   PORT=<cluster's HAProxy port> SINGLE_PORT=<a make run instance> tools/cluster-bench.sh
#
# Both must be running (make cluster; make run). On each, one procedure and
# THREADS citizens with API tokens, then tests/load/cluster_load.py for SECS
# seconds (submissions with a small PDF, each followed by its status lookup)
# against: the single instance, the cluster, the single instance again (the
# machine's other load moves; the two single runs bracket the cluster's).
# Prints the rates and the cluster / single ratios. THREADS (4), SECS (20).
set -euo pipefail
TOP=$(cd "$(dirname "$0")/.." && pwd -P)
cd "$TOP"
PY=/usr/bin/python3
: "${PORT:?PORT: HAProxy port of the cluster}" "${SINGLE_PORT:?SINGLE_PORT: a make run instance}"
THREADS=${THREADS:-4}
SECS=${SECS:-20}
WORK=$(mktemp -d /tmp/motcua-cbench-XXXXXX)
trap 'rm -rf "$WORK"' EXIT
zcat db/seed/procedures.jsonl.gz | grep -F '"1.001193"' | head -n 1 > "$WORK/procs.jsonl"

WARD_SQL="SELECT code FROM agencies WHERE kind = 'ward' AND (valid_to IS NULL OR valid_to >= CURDATE()) ORDER BY id LIMIT 1 OFFSET 3"
prepare() { # NAME CONFIG MYCNF: a procedure, a ward, THREADS citizens and their tokens
    local name=$1 i tag
    export MOTCUA_CONFIG=$2
    bin/motcua import-catalogue "$WORK/procs.jsonl" >/dev/null
    mariadb --defaults-file="$3" -N -B motcua -e "$WARD_SQL" > "$WORK/$name.ward"
    : > "$WORK/$name.tokens"
    for i in $(seq "$THREADS"); do
        tag=$RANDOM$RANDOM
        bin/motcua user add --role citizen --id-number "0791$(printf '%08d' $(( RANDOM * 3 + i )))" \
            --email "bench-$tag@motcua.test" --phone "09$(printf '%08d' $(( RANDOM * 7 + i )))" \
            --password "Bench@$tag" --name "Công Dân Đo $i" >/dev/null
        bin/motcua token create --email "bench-$tag@motcua.test" --days 1 | tail -n 1 >> "$WORK/$name.tokens"
    done
}
run() { # NAME URL: one load run, prints "submissions/s lookups/s errors"
    : > "$WORK/$1.jsonl"
    AGENCY=$(cat "$WORK/${1%-*}.ward") "$PY" tests/load/cluster_load.py "$2" "$WORK/${1%-*}.tokens" 1.001193 "$SECS" "$THREADS" "$WORK/$1.jsonl" >/dev/null
    "$PY" - "$WORK/$1.jsonl" "$SECS" <<'PYEOF'
import json, sys
rs = [json.loads(l) for l in open(sys.argv[1])]
s = float(sys.argv[2])
print('%.1f %.1f %d' % (sum(r['op'] == 'submit' and r['status'] == 201 for r in rs) / s,
                        sum(r['op'] == 'status' and r['status'] == 200 for r in rs) / s,
                        sum(not 200 <= r['status'] < 300 for r in rs)))
PYEOF
}
prepare single "/tmp/motcua-$SINGLE_PORT/motcua.conf" "/tmp/motcua-$SINGLE_PORT/mysql/my.cnf"
prepare cluster "/tmp/motcua-cluster-$PORT/web1/motcua.conf" "/tmp/motcua-cluster-$PORT/db1/my.cnf"
read -r s1 l1 e1 <<<"$(run single-1 "http://127.0.0.1:$SINGLE_PORT")"
read -r c1 cl1 ce1 <<<"$(run cluster-1 "http://127.0.0.1:$PORT")"
read -r s2 l2 e2 <<<"$(run single-2 "http://127.0.0.1:$SINGLE_PORT")"
echo "load: $THREADS clients, $SECS s each, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-28s %14s %12s %8s\n' run submissions/s lookups/s errors
printf '%-28s %14s %12s %8s\n' "single instance (before)" "$s1" "$l1" "$e1"
printf '%-28s %14s %12s %8s\n' "cluster through HAProxy" "$c1" "$cl1" "$ce1"
printf '%-28s %14s %12s %8s\n' "single instance (after)" "$s2" "$l2" "$e2"
awk -v c="$c1" -v a="$s1" -v b="$s2" -v cl="$cl1" -v la="$l1" -v lb="$l2" 'BEGIN {
    printf "cluster / single: submissions %.2f, lookups %.2f\n", c / ((a + b) / 2), cl / ((la + lb) / 2) }'
