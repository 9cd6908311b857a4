#!/usr/bin/env bash
# tools/test.sh — run every test suite against a throwaway private instance.
# `make test` calls it after the build ($TOP/bin/*, $TOP/build/tests/*).
#
#   1. picks a free port, RUNDIR=$(mktemp -d /tmp/motcua-test-XXXXXX), and runs
#      `tools/instance.sh start` (MariaDB, migrations, seed, catalogue, site,
#      program pools, Apache); always stopped and removed on exit;
#   2. build/tests/unit_*       (each prints a last line "N passed, N failed")
#   3. build/tests/asan_unit_*  (same, AddressSanitizer builds; if present)
#   4. tools/fuzz.sh            (each build/fuzz/fuzz_* for FUZZ_SECONDS, 10)
#      tools/layers.sh lib and tests/layers/run.sh (lib's include rule)
#      tools/lint.sh (every C file formatted by .clang-format)
#   5. tests/e2e/run.sh         (if present; prints "N passed, N failed")
#   6. one last line "N passed, N failed" (the sums); exit 1 if anything failed.
#
# A crash, a timeout, a non-zero exit or a missing summary line counts as at
# least one failure; an e2e file that stopped early (tests/e2e/run.sh) is
# named in the summary. Every suite gets in its environment:
#   MOTCUA_CONFIG=$RUNDIR/motcua.conf  BASE_URL=http://127.0.0.1:$PORT
#   RUNDIR  PORT  TOP                  (cwd is $TOP)
#   SMTP_PORT  SMS_PORT                (free ports the worker delivers to)
#   OIDC_ISSUER OIDC_CLIENT_ID OIDC_CLIENT_SECRET OIDC_PORT OIDC_REDIRECT_URI
#                                      (the OpenID Connect provider, tools/oidc.sh)
#
# Knobs: KEEP=1 leaves the instance running and RUNDIR in place (prints how to
# stop it); UNIT_TIMEOUT (default 600 s per binary); E2E_TIMEOUT (default 2400 s);
# FUZZ_SECONDS (default 10 s per fuzz target);
# MOTCUA_SKIP_IMPORT=1 is passed through to instance.sh.
set -uo pipefail
umask 022

SELF_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
TOP=${TOP:-$(dirname "$SELF_DIR")}
TOP=$(cd "$TOP" && pwd -P)
cd "$TOP" || exit 1
UNIT_TIMEOUT=${UNIT_TIMEOUT:-600}
E2E_TIMEOUT=${E2E_TIMEOUT:-2400}

PASSED=0
FAILED=0
FAILURES=()
CURRENT=""

section() { printf '\n==== %s\n' "$*"; }

# ------------------------------------------------------------ instance
# Ports below the kernel's ephemeral range (ip_local_port_range, from 32768
# by default): a port in it may be given to any outgoing connection as its
# local port before our server binds it (the mail server and SMS gateway are
# started and restarted mid-run by notify.test: EADDRINUSE), and the
# worker, retrying deliveries to a port nobody listens on yet, may connect
# to itself through it (a TCP self-connect: a delivery hung to its timeout).
EPHEMERAL_LOW=$(awk '{ print $1 }' /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null)
[[ $EPHEMERAL_LOW =~ ^[0-9]+$ ]] && (( EPHEMERAL_LOW > 21000 )) || EPHEMERAL_LOW=32768
pick_port() {
    local p
    for _ in $(seq 1 200); do
        p=$(( 20000 + RANDOM % (EPHEMERAL_LOW - 20000) ))
        if [[ -z $(ss -Hltn "sport = :$p" 2>/dev/null) ]]; then echo "$p"; return 0; fi
    done
    return 1
}

PORT=$(pick_port) || { echo "test: no free port found"; echo "0 passed, 1 failed"; exit 1; }
# The outbox worker's mail server and SMS gateway: the e2e suite starts them
# on these ports (tests/e2e/smtp_server.py, sms_server.py); short retries.
SMTP_PORT=$PORT; SMS_PORT=$PORT
while [[ $SMTP_PORT == "$PORT" ]]; do SMTP_PORT=$(pick_port) || { echo "test: no free port found"; echo "0 passed, 1 failed"; exit 1; }; done
while [[ $SMS_PORT == "$PORT" || $SMS_PORT == "$SMTP_PORT" ]]; do SMS_PORT=$(pick_port) || { echo "test: no free port found"; echo "0 passed, 1 failed"; exit 1; }; done
export SMTP_PORT SMS_PORT OUTBOX_BACKOFF_SECONDS=1 OUTBOX_BACKOFF_MAX=4 OUTBOX_POLL_MS=200
RUNDIR=$(mktemp -d /tmp/motcua-test-XXXXXX) || { echo "0 passed, 1 failed"; exit 1; }
chmod 0755 "$RUNDIR"
export TOP PORT RUNDIR
export MOTCUA_NO_LINK=1
export MOTCUA_CONFIG=$RUNDIR/motcua.conf
export BASE_URL=http://127.0.0.1:$PORT
LOGS=$RUNDIR/test-logs          # kept with KEEP=1, removed with RUNDIR otherwise
mkdir -p "$LOGS"
SETUP_LOG=$LOGS/setup.log

KEEP_NOTED=0
keep_note() {
    [[ ${KEEP:-0} == 1 ]] || return 0
    KEEP_NOTED=1
    echo "test: KEEP=1: instance left running at $BASE_URL, logs in $LOGS; stop it with:"
    echo "  PORT=$PORT RUNDIR=$RUNDIR $TOP/tools/instance.sh stop && rm -rf $RUNDIR"
    echo "  (instance.sh stop also stops the OpenID Connect provider at ${OIDC_ISSUER:-?})"
}

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    if [[ -n ${CURRENT:-} ]]; then   # a suite still running: timeout passes it on
        kill -TERM "$CURRENT" 2>/dev/null
        wait "$CURRENT" 2>/dev/null
    fi
    if [[ -n ${OIDC_START:-} ]]; then   # still starting: let it finish (20 s at most)
        wait "$OIDC_START" 2>/dev/null
    fi
    if [[ ${KEEP:-0} == 1 ]]; then
        (( KEEP_NOTED )) || keep_note >&2
    else
        "$TOP/tools/oidc.sh" stop >/dev/null 2>&1 \
            || echo "test: warning: OpenID Connect provider stop failed (RUNDIR $RUNDIR)" >&2
        "$TOP/tools/instance.sh" stop >/dev/null 2>&1 \
            || echo "test: warning: instance stop failed (RUNDIR $RUNDIR)" >&2
        rm -rf "$RUNDIR"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

show_tail() { # show_tail FILE [LINES]
    [[ -s $1 ]] || return 0
    echo "---- tail of $1"
    tail -n "${2:-40}" "$1"
}

setup_failed() {
    echo "test: setup failed: $*"
    echo "---- tools/instance.sh start output"
    cat "$SETUP_LOG"
    show_tail "$RUNDIR/mysql/error.log"
    show_tail "$RUNDIR/apache/error.log"
    local f
    for f in "$RUNDIR"/logs/*.log; do show_tail "$f"; done
    keep_note
    echo "0 passed, 1 failed"
    exit 1
}

section "setup: private instance on port $PORT in $RUNDIR"
t0=$SECONDS
# The OpenID Connect provider single sign-on is tested against (LemonLDAP::NG,
# tools/oidc.sh): started alongside the instance (1 to 5 s of Perl loading),
# everything of it in $RUNDIR/oidc.
OIDC_LOG=$LOGS/oidc-setup.log
"$TOP/tools/oidc.sh" start >"$OIDC_LOG" 2>&1 </dev/null &
OIDC_START=$!
if ! "$TOP/tools/instance.sh" start >"$SETUP_LOG" 2>&1 </dev/null; then
    setup_failed "tools/instance.sh start exited non-zero"
fi
grep -E '^instance: (warning|error)' "$SETUP_LOG" || true
echo "instance up in $(( SECONDS - t0 )) s: $BASE_URL"

oidc_rc=0
wait "$OIDC_START" || oidc_rc=$?
OIDC_START=""
if (( oidc_rc != 0 )); then
    cat "$OIDC_LOG" >> "$SETUP_LOG"
    show_tail "$RUNDIR/oidc/portal.log"
    setup_failed "tools/oidc.sh start exited non-zero"
fi
set -a
# shellcheck source=/dev/null
. "$RUNDIR/oidc/oidc.env"
set +a
grep -E '^oidc: ' "$OIDC_LOG" || true

# ------------------------------------------------------------ suites
# run_suite NAME TIMEOUT CMD...: runs CMD with output shown, adds its counts.
run_suite() {
    local name=$1 tmo=$2 out rc line p=0 f=0
    shift 2
    out=$LOGS/$name.log
    # In the background + `wait`, so that SIGTERM/SIGINT to this script runs
    # the traps at once (cleanup then stops the suite through CURRENT).
    timeout -k 10 "$tmo" "$@" </dev/null >"$out" 2>&1 &
    CURRENT=$!
    tail -s 0.1 -n +1 -f --pid="$CURRENT" "$out" &
    local tailpid=$!
    wait "$CURRENT"; rc=$?
    CURRENT=""
    wait "$tailpid" 2>/dev/null
    line=$(grep -E '^[[:space:]]*[0-9]+ passed, [0-9]+ failed[[:space:]]*$' "$out" | tail -n 1)
    if [[ -n $line ]]; then
        p=$(sed -E 's/^[[:space:]]*([0-9]+) passed.*/\1/' <<<"$line")
        f=$(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$line")
    fi
    local why=""
    if (( rc == 124 || rc == 137 )); then why="timed out after ${tmo}s"
    elif (( rc > 128 )); then why="killed by signal $(( rc - 128 ))"
    elif (( rc != 0 )); then why="exit status $rc"
    elif [[ -z $line ]]; then why="no 'N passed, N failed' line"
    fi
    if [[ -n $why ]] && (( f == 0 )); then f=1; fi
    PASSED=$(( PASSED + p ))
    FAILED=$(( FAILED + f ))
    if (( f > 0 )); then FAILURES+=("$name: $p passed, $f failed${why:+ ($why)}"); fi
    echo "-- $name: $p passed, $f failed${why:+ ($why)}"
}

run_binaries() { # run_binaries TITLE GLOB
    local title=$1 glob=$2 t found=0
    section "$title"
    for t in $glob; do
        [[ -f $t && -x $t ]] || continue
        found=1
        run_suite "$(basename "$t")" "$UNIT_TIMEOUT" "$t"
    done
    (( found )) || echo "(none)"
}

run_binaries "unit tests (build/tests/unit_*)" "$TOP/build/tests/unit_*"

if compgen -G "$TOP/build/tests/asan_unit_*" >/dev/null; then
    run_binaries "AddressSanitizer unit tests (build/tests/asan_unit_*)" "$TOP/build/tests/asan_unit_*"
fi

# The unit suites ran as root against the instance's files folder: what they
# stored (content-addressed folders such as files/ab/cd) must stay writable by
# the programs, which run as www-data, or a later upload landing in the same
# folder fails with 503 (as tools/instance.sh does after seeding).
chown -R www-data:www-data "$RUNDIR/files" 2>/dev/null || true

section "fuzz targets (tools/fuzz.sh, ${FUZZ_SECONDS:-10} s each)"
run_suite "fuzz" "$UNIT_TIMEOUT" env FUZZ_SECONDS="${FUZZ_SECONDS:-10}" "$TOP/tools/fuzz.sh"

section "layers of lib (tools/layers.sh, tests/layers/run.sh)"
STRICT=1 run_suite "layers" "$UNIT_TIMEOUT" "$TOP/tools/layers.sh" lib
run_suite "layers-selftest" "$UNIT_TIMEOUT" "$TOP/tests/layers/run.sh"

section "what each program links (tools/links.sh)"
run_suite "links" "$UNIT_TIMEOUT" "$TOP/tools/links.sh" "$TOP/bin"

section "KNF of the C sources (tools/lint.sh, .clang-format)"
run_suite "lint" "$UNIT_TIMEOUT" "$TOP/tools/lint.sh"

# Shell-level tests against the instance (tests/shell/*.sh).
section "shell tests (tests/shell/*.sh)"
for t in "$TOP"/tests/shell/*.sh; do
    [[ -f $t ]] || continue
    run_suite "shell-$(basename "$t" .sh)" "$UNIT_TIMEOUT" bash "$t"
done

# The short chaos run (issue 15): its own throwaway Galera cluster, web
# nodes and HAProxy on free ports, faults under load, a backup and restore
# drill; about 6 minutes. CHAOS=0 leaves it out (a developer's quick run).
if [[ ${CHAOS:-1} != 0 ]]; then
    section "short chaos run (tests/chaos/cluster_chaos.sh)"
    run_suite "chaos-short" "${CHAOS_TIMEOUT:-1200}" bash "$TOP/tests/chaos/cluster_chaos.sh"
fi

if [[ -f $TOP/tests/e2e/run.sh ]]; then
    section "end-to-end tests (tests/e2e/run.sh against $BASE_URL)"
    if [[ -x $TOP/tests/e2e/run.sh ]]; then
        run_suite "e2e" "$E2E_TIMEOUT" "$TOP/tests/e2e/run.sh"
    else
        run_suite "e2e" "$E2E_TIMEOUT" bash "$TOP/tests/e2e/run.sh"
    fi
    # Files that stopped early lose their counts: name them in the summary.
    while IFS= read -r line; do
        FAILURES+=("$line")
    done < <(grep -E '^e2e: STOPPED EARLY: ' "$LOGS/e2e.log" | sort -u)
fi

# A suite may have killed a daemon: that is a failure too.
section "instance health after the suites"
if ! "$TOP/tools/instance.sh" status; then
    FAILED=$(( FAILED + 1 ))
    FAILURES+=("instance: a daemon died during the tests")
    show_tail "$RUNDIR/apache/error.log" 20
    for f in "$RUNDIR"/logs/*.log; do show_tail "$f" 20; done
fi

# Every login, logout and password change of the suites went to the audit
# log: its hash chain must be whole (unit_audit breaks it on purpose and puts
# each row back).
section "audit log's hash chain after the suites (bin/motcua audit-check)"
if ! "$TOP/bin/motcua" audit-check; then
    FAILED=$(( FAILED + 1 ))
    FAILURES+=("audit-check: the audit log's hash chain is broken")
else
    PASSED=$(( PASSED + 1 ))
fi

# The details of each failure again, last, where a CI that keeps only the
# tail of the output still shows them (the official CI named a failed test
# once and nothing told which assertion).
if (( ${#FAILURES[@]} )); then
    section "why the failed suites failed"
    for f in "${FAILURES[@]}"; do
        log=$LOGS/${f%%:*}.log
        [[ -s $log ]] || continue
        echo "---- ${f%%:*}"
        if grep -q 'failing tests:' "$log"; then
            sed -n '/failing tests:/,/^---- e2e: /p' "$log" | grep -v '^[[:space:]]*at ' | head -n 60
        else
            grep -E 'FAILED|ERROR: AddressSanitizer|runtime error' "$log" | head -n 20
        fi
    done
fi

section "summary"
if (( ${#FAILURES[@]} )); then
    printf 'FAILED  %s\n' "${FAILURES[@]}"
fi
keep_note
echo "$PASSED passed, $FAILED failed"
(( FAILED == 0 ))
