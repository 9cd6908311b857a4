#!/usr/bin/env bash
# tools/chaos.sh — faults injected under load on the cluster (issue 15).
# `make chaos` runs the long version; tests/shell/cluster_chaos.sh the short
# one (CHAOS_SHORT=1, about 3 minutes with the cluster's start).
#
# Starts a throwaway cluster (tools/cluster.sh, PORT), a mail server and an
# SMS gateway of the tests, citizens with API tokens; then a bounded load
# (tests/load/cluster_load.py) through HAProxy while, one at a time:
#   kill -9 of the Galera node HAProxy writes to (brought back later),
#   kill -9 of the worker that holds the lease (the other node's takes over),
#   a web node's Apache stopped (started again later),
#   kill -9 of a FastCGI process of a pool,
#   and, long version only, kill -9 of a whole pool, the mail server stopped
#   and restarted, a slow database (a lock held 20 s).
# A backup drill runs alongside: a full backup early, an incremental in the
# middle, the binary logs shipped at the end, then everything restored into
# a fresh single instance up to the end of the logs.
# Checks: every submission answered 201 is in the database once, with its
# file (right SHA-256) in the shared store; every e-mail and SMS of those
# dossiers delivered exactly once; no 500; each fault's errors over within
# 30 s; the restored instance holds every acknowledged dossier. Prints the
# table of answers per fault and one last line "N passed, N failed".
#
# Environment: PORT (HAProxy; default 8184), CHAOS_SHORT=1, CHAOS_SECONDS,
# CHAOS_THREADS (4), KEEP=1 (leave the cluster running). Never touches
# anything but what it started.
set -uo pipefail
umask 022
# Debian's Python: the test servers need its python3-aiosmtpd.
PY=/usr/bin/python3

SELF_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
TOP=${TOP:-$(dirname "$SELF_DIR")}
TOP=$(cd "$TOP" && pwd -P)
cd "$TOP" || exit 1
SHORT=${CHAOS_SHORT:-0}
export PORT=${CHAOS_PORT:-${PORT:-8184}}
CDIR=/tmp/motcua-cluster-$PORT
SECS=${CHAOS_SECONDS:-$(( SHORT ? 70 : 300 ))}
THREADS=${CHAOS_THREADS:-4}
WORK=$(mktemp -d /tmp/motcua-chaos-XXXXXX); chmod 0755 "$WORK"
RESTORE=$WORK/restore
PASSED=0; FAILED=0
ok()   { PASSED=$(( PASSED + 1 )); echo "ok   $*"; }
fail() { FAILED=$(( FAILED + 1 )); echo "FAIL $*"; }
check() { local what=$1; shift; if "$@"; then ok "$what"; else fail "$what"; fi; }
say() { echo "[$(( ( $(date +%s%N) / 1000000 - T0MS ) / 1000 )) s] $*"; }

free_port() { local p; for _ in $(seq 200); do p=$(( 20000 + RANDOM % 8000 )); [[ -z $(ss -Hltn "sport = :$p") ]] && { echo "$p"; return; }; done; return 1; }

PIDS=()
cleanup() {
    local p
    for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null; done
    if [[ ${KEEP:-0} != 1 ]]; then
        PORT=$PORT tools/cluster.sh stop >/dev/null 2>&1
        PORT=$RPORT RUNDIR=$RESTORE MOTCUA_NO_LINK=1 tools/instance.sh stop >/dev/null 2>&1
        rm -rf "$CDIR" "$WORK"
    else
        echo "KEEP=1: cluster at $CDIR, work files in $WORK"
    fi
}
trap cleanup EXIT

# ------------------------------------------------------------ set-up
SMTP_PORT=$(free_port); SMS_PORT=$(free_port); RPORT=$(free_port)
export MOTCUA_NO_LINK=1
export SMTP_PORT SMS_PORT OUTBOX_BACKOFF_SECONDS=1 OUTBOX_BACKOFF_MAX=4 OUTBOX_POLL_MS=200
"$PY" tests/e2e/smtp_server.py "$SMTP_PORT" "$WORK/mails.jsonl" >"$WORK/smtp.log" 2>&1 & SMTP_PID=$!; PIDS+=("$SMTP_PID")
"$PY" tests/e2e/sms_server.py "$SMS_PORT" "$WORK/sms.jsonl" >"$WORK/sms.log" 2>&1 & PIDS+=($!)

T0MS=$(( $(date +%s%N) / 1000000 ))
if [[ -d $CDIR ]]; then PORT=$PORT tools/cluster.sh stop >/dev/null 2>&1; rm -rf "$CDIR"; fi
# The catalogue: one procedure is enough here (the full import is slow).
zcat db/seed/procedures.jsonl.gz | grep -F '"1.001193"' | head -n 1 > "$WORK/procs.jsonl"
if ! MOTCUA_SKIP_IMPORT=1 tools/cluster.sh start >"$WORK/cluster-start.log" 2>&1; then
    tail -30 "$WORK/cluster-start.log"; echo "0 passed, 1 failed"; exit 1
fi
say "cluster up"
export MOTCUA_CONFIG=$CDIR/web1/motcua.conf
bin/motcua import-catalogue "$WORK/procs.jsonl" >/dev/null || { echo "import failed"; echo "0 passed, 1 failed"; exit 1; }
PROC=1.001193
# One ward receives everything: its dossier counter is the hot row.
export AGENCY; AGENCY=$(mariadb --defaults-file="$CDIR/db1/my.cnf" -N -B motcua -e \
    "SELECT code FROM agencies WHERE kind = 'ward' AND (valid_to IS NULL OR valid_to >= CURDATE()) ORDER BY id LIMIT 1 OFFSET 3")
: > "$WORK/tokens"
for i in 1 2 3 4; do
    tag=$RANDOM$RANDOM
    bin/motcua user add --role citizen --id-number "0790$(printf '%08d' $(( RANDOM * 3 + i )))" \
        --email "chaos-$tag@motcua.test" --phone "09$(printf '%08d' $(( RANDOM * 7 + i )))" \
        --password "Chaos@$tag" --name "Công Dân Thử $i" >/dev/null || { echo "user add failed"; exit 1; }
    bin/motcua token create --email "chaos-$tag@motcua.test" --days 1 | tail -n 1 >> "$WORK/tokens"
done
# SQL on the node HAProxy writes to now (asked again after each fault).
WRITER=1
DB() { mariadb --defaults-file="$CDIR/db$WRITER/my.cnf" -N -B motcua "$@"; }
writer() { WRITER=$(tools/cluster.sh writer); WRITER=${WRITER:-1}; }

# ------------------------------------------------------------ load + faults
"$PY" tests/load/cluster_load.py "http://127.0.0.1:$PORT" "$WORK/tokens" "$PROC" "$SECS" "$THREADS" "$WORK/load.jsonl" \
    >"$WORK/load.log" 2>&1 & LOAD=$!; PIDS+=("$LOAD")
LT0MS=$(( $(date +%s%N) / 1000000 ))
FAULTS=$WORK/faults.tsv; : > "$FAULTS"
at() { # at SECONDS: sleeps until that time of the load
    local now=$(( ( $(date +%s%N) / 1000000 - LT0MS ) ))
    (( $1 * 1000 > now )) && sleep "$(awk -v d=$(( $1 * 1000 - now )) 'BEGIN { print d / 1000 }')"
}
fault() { # fault NAME: records when it starts (seconds of the load)
    printf '%s\t%s\n' "$(awk -v n=$(( $(date +%s%N) / 1000000 - LT0MS )) 'BEGIN { print n / 1000 }')" "$1" >> "$FAULTS"
    echo "fault: $1"
}
BK=$WORK/backups
S=$(( SECS / 10 ))       # the load's tenth

at $(( S * 1 )); bin/motcua backup "$BK" >"$WORK/backup-full.log" 2>&1 || fail "full backup under load"
at $(( S * 1 )); fault "none (baseline)"
at $(( S * 2 )); W=$(tools/cluster.sh writer); fault "kill -9 Galera writer db$W"; tools/cluster.sh node-kill "$W" >/dev/null
at $(( S * 3 + S / 2 )); tools/cluster.sh node-start "$W" >"$WORK/rejoin.log" 2>&1 || fail "db$W rejoins"
at $(( S * 4 )); writer; HOLDER=$(DB -e "SELECT holder FROM worker_leases WHERE name = 'worker'")
HPID=$(cut -d: -f2 <<<"$HOLDER")
fault "kill -9 worker holding the lease ($HOLDER)"
for n in 1 2; do
    if [[ $(cat "$CDIR/web$n/pids/worker.pid" 2>/dev/null) == "$HPID" ]]; then kill -KILL "$HPID"; KILLED_WORKER=$n; fi
done
at $(( S * 5 )); fault "web1 Apache stopped"; apache2 -f "$CDIR/web1/apache/httpd.conf" -k stop
at $(( S * 6 )); apache2 -f "$CDIR/web1/apache/httpd.conf" -k start
bin/motcua backup "$BK" --incremental >"$WORK/backup-incr.log" 2>&1 || fail "incremental backup under load"
at $(( S * 6 + S / 2 )); fault "kill -9 one FastCGI process (web2 api)"
kill -KILL "$(pgrep -P "$(cat "$CDIR/web2/pids/api.pid")" | head -n 1)" 2>/dev/null
if (( ! SHORT )); then
    at $(( S * 7 )); fault "kill -9 whole api pool (web2)"
    kill -KILL -- "-$(cat "$CDIR/web2/pids/api.pid")" 2>/dev/null
    sleep 3; MOTCUA_SKIP_IMPORT=1 tools/cluster.sh web-start 2 >/dev/null 2>&1
    at $(( S * 8 )); fault "mail server stopped 15 s"; kill -TERM "$SMTP_PID"
    sleep 15
    "$PY" tests/e2e/smtp_server.py "$SMTP_PORT" "$WORK/mails.jsonl" >>"$WORK/smtp.log" 2>&1 & SMTP_PID=$!; PIDS+=("$SMTP_PID")
    at $(( S * 9 )); fault "slow database (dossier counters locked 20 s)"
    DB -e "BEGIN; SELECT * FROM dossier_code_seq FOR UPDATE; SELECT SLEEP(20); ROLLBACK" >/dev/null 2>&1 &
fi
wait "$LOAD"
fault "end of load"
say "load done: $(wc -l < "$WORK/load.jsonl") answers"
# The worker that was killed comes back (as systemd would restart it).
[[ -n ${KILLED_WORKER:-} ]] && tools/cluster.sh web-start "$KILLED_WORKER" >/dev/null 2>&1

# ------------------------------------------------------------ checks
writer
"$PY" - "$WORK" <<'EOF' > "$WORK/acked.txt"
import json, sys
for l in open(sys.argv[1] + '/load.jsonl'):
    r = json.loads(l)
    if r['op'] == 'submit' and r['status'] == 201:
        print(r['code'], r['sha256'])
EOF
ACKED=$(wc -l < "$WORK/acked.txt")
check "load acknowledged submissions ($ACKED)" test "$ACKED" -gt 20
IN=$(awk '{printf "%s'\''%s'\''", (NR > 1 ? "," : ""), $1}' "$WORK/acked.txt")
check "every acknowledged dossier in the database once" \
    test "$(DB -e "SELECT COUNT(*) FROM dossiers WHERE code IN ($IN)")" = "$ACKED"
DB -e "SELECT d.code, f.sha256 FROM dossiers d JOIN dossier_files f ON f.dossier_id = d.id WHERE d.code IN ($IN)" \
    | sort > "$WORK/db-files.txt"
check "every acknowledged dossier with its file (SHA-256 as sent)" \
    diff <(sort "$WORK/acked.txt" | tr ' ' '\t') "$WORK/db-files.txt"
files_missing() { # STORE: acknowledged files absent or not matching their SHA-256
    "$PY" - "$WORK/acked.txt" "$1" <<'PYEOF'
import hashlib, sys
store, bad = sys.argv[2], 0
for line in open(sys.argv[1]):
    sha = line.split()[1]
    try:
        ok = hashlib.sha256(open('%s/%s/%s/%s' % (store, sha[:2], sha[2:4], sha), 'rb').read()).hexdigest() == sha
    except OSError:
        ok = False
    bad += not ok
print(bad)
PYEOF
}
missing=$(files_missing "$CDIR/files")
check "every acknowledged file in the shared store, intact ($missing missing)" test "$missing" = 0

# Notifications: every outbox row of these dossiers sent, each exactly once.
t0=$SECONDS
until [[ $(DB -e "SELECT COUNT(*) FROM outbox o JOIN dossiers d ON d.id = o.dossier_id WHERE d.code IN ($IN) AND o.status <> 'sent'") == 0 ]]; do
    (( SECONDS - t0 < 90 )) || break
    sleep 2
done
say "outbox drained after $(( SECONDS - t0 )) s"
DB -e "SELECT o.id, o.channel FROM outbox o JOIN dossiers d ON d.id = o.dossier_id WHERE d.code IN ($IN) AND o.status = 'sent'" > "$WORK/outbox.txt"
check "every notification of the acknowledged dossiers sent" \
    test "$(DB -e "SELECT COUNT(*) FROM outbox o JOIN dossiers d ON d.id = o.dossier_id WHERE d.code IN ($IN) AND o.status <> 'sent'")" = 0
"$PY" - "$WORK" <<'EOF' > "$WORK/notify-check.txt"
import collections, json, os, sys
w = sys.argv[1]
rows = [l.split() for l in open(w + '/outbox.txt')]
mails = collections.Counter(json.loads(l)['message_id'] for l in open(w + '/mails.jsonl')) if os.path.exists(w + '/mails.jsonl') else {}
sms = collections.Counter(json.loads(l)['id'] for l in open(w + '/sms.jsonl')) if os.path.exists(w + '/sms.jsonl') else {}
missing = dup = 0
for i, ch in rows:
    n = mails.get('<outbox-%s@motcua>' % i, 0) if ch == 'email' else sms.get(int(i), 0)
    missing += n == 0
    dup += n > 1
print(len(rows), missing, dup)
EOF
read -r NROWS NMISS NDUP < "$WORK/notify-check.txt"
check "every notification delivered ($NROWS rows, $NMISS never arrived)" test "$NMISS" = 0
check "no notification delivered twice ($NDUP twice)" test "$NDUP" = 0

# The table per fault.
"$PY" - "$WORK" <<'EOF' | tee "$WORK/table.txt"
import json, sys
w = sys.argv[1]
faults = [(float(t), n) for t, n in (l.rstrip('\n').split('\t') for l in open(w + '/faults.tsv'))]
rs = [json.loads(l) for l in open(w + '/load.jsonl')]
print('| fault | requests | 2xx | 503 | other 5xx | 500 | conn. errors | errors for (s) |')
print('| --- | --- | --- | --- | --- | --- | --- | --- |')
worst = 0
bad500 = 0
for k, (t, name) in enumerate(faults[:-1]):
    end = faults[k + 1][0]
    win = [r for r in rs if t <= r['t'] < end]
    ok = sum(200 <= r['status'] < 300 for r in win)
    s503 = sum(r['status'] == 503 for r in win)
    s500 = sum(r['status'] == 500 for r in win)
    o5 = sum(500 <= r['status'] < 600 and r['status'] not in (500, 503) for r in win)
    ce = sum(r['status'] == 0 for r in win)
    errs = [r['t'] for r in win if not 200 <= r['status'] < 300]
    span = (max(errs) - t) if errs else 0.0
    worst = max(worst, span)
    bad500 += s500
    print('| %s | %d | %d | %d | %d | %d | %d | %.1f |' % (name, len(win), ok, s503, o5, s500, ce, span))
print('worst %.1f 500s %d' % (worst, bad500))
EOF
read -r _ WORST _ N500 <<<"$(tail -n 1 "$WORK/table.txt")"
check "no 500 answered during the faults ($N500)" test "$N500" = 0
check "service back without a human within 30 s of each fault (worst ${WORST} s)" \
    awk -v w="$WORST" 'BEGIN { exit !(w <= 30) }'
NO_HINT=$("$PY" -c "
import json,sys
print(sum(1 for l in open('$WORK/load.jsonl') for r in [json.loads(l)] if r['status']==503 and not r.get('retry_after')))")
check "every 503 with a retry hint (Retry-After; $NO_HINT without)" test "$NO_HINT" = 0

# ------------------------------------------------------------ backup drill
bin/motcua backup "$BK" --logs >"$WORK/backup-logs.log" 2>&1 || fail "binary logs shipped"
( PORT=$RPORT RUNDIR=$RESTORE MOTCUA_NO_LINK=1 MOTCUA_SKIP_IMPORT=1 tools/instance.sh start \
  && PORT=$RPORT RUNDIR=$RESTORE MOTCUA_NO_LINK=1 tools/instance.sh stop ) >"$WORK/restore-instance.log" 2>&1
RT0=$SECONDS
if MOTCUA_CONFIG=$RESTORE/motcua.conf bin/motcua restore "$BK" >"$WORK/restore.log" 2>&1 &&
   PORT=$RPORT RUNDIR=$RESTORE MOTCUA_NO_LINK=1 MOTCUA_SKIP_IMPORT=1 tools/instance.sh start >>"$WORK/restore-instance.log" 2>&1; then
    ok "restored into a fresh instance in $(( SECONDS - RT0 )) s ($(du -sh "$BK" | cut -f1) of backups)"
    R() { mariadb --defaults-file="$RESTORE/mysql/my.cnf" -N -B motcua "$@"; }
    check "the restored instance holds every acknowledged dossier" \
        test "$(R -e "SELECT COUNT(*) FROM dossiers WHERE code IN ($IN)")" = "$ACKED"
    check "and as many dossiers, events and outbox rows as the cluster" \
        test "$(R -e "SELECT (SELECT COUNT(*) FROM dossiers), (SELECT COUNT(*) FROM dossier_events), (SELECT COUNT(*) FROM outbox)")" \
           = "$(DB -e "SELECT (SELECT COUNT(*) FROM dossiers), (SELECT COUNT(*) FROM dossier_events), (SELECT COUNT(*) FROM outbox)")"
    bad=$(R -e "CHECK TABLE dossiers, dossier_events, dossier_files, outbox, worker_leases" | awk '$3 == "status" && $4 != "OK"' | wc -l)
    check "CHECK TABLE on the restored tables" test "$bad" = 0
    missing=$(files_missing "$(sed -n 's/^files_dir = //p' "$RESTORE/motcua.conf")")
    check "the restored store holds every acknowledged file ($missing missing)" test "$missing" = 0
else
    tail -20 "$WORK/restore.log"
    fail "restore into a fresh instance"
fi
grep -h "backup:" "$WORK"/backup-*.log "$WORK/restore.log" 2>/dev/null | sed 's/^/  /'
echo "$PASSED passed, $FAILED failed"
(( FAILED == 0 ))
