#!/usr/bin/env bash
# tests/e2e/run.sh — the end-to-end suite against a running instance.
#
# tools/test.sh runs it (cwd = repo top) with BASE_URL, MOTCUA_CONFIG, RUNDIR,
# PORT and TOP set for a throwaway instance. By hand, against `make run`'s:
#   BASE_URL=http://127.0.0.1:8080 MOTCUA_CONFIG=/tmp/motcua-8080/motcua.conf \
#   RUNDIR=/tmp/motcua-8080 TOP=$PWD tests/e2e/run.sh [FILE.test.mjs ...]
#
# 1. every tests/e2e/*.test.mjs except db-down.test.mjs, two files at a time
#    (node --test; spec output on the terminal, TAP kept for the counts);
# 2. then db-down.test.mjs ALONE (it stops and restarts the instance's
#    MariaDB): by default only in a throwaway instance (RUNDIR
#    /tmp/motcua-test-*, as tools/test.sh makes); E2E_DB_DOWN=1 forces it,
#    E2E_DB_DOWN=0 skips it;
# 3. the last line is "N passed, N failed" (node's "# pass" and "# fail" plus
#    "# cancelled" as failures); exit 1 if anything failed or a run broke.
#
# Knobs: E2E_CONCURRENCY (default 2), E2E_TEST_TIMEOUT (ms per test and per
# file, default 900000: tools/test.sh's E2E_TIMEOUT bounds the whole run).
# Screenshots land in tests/e2e/output/ (git-ignored).
set -uo pipefail

E2E=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
TOP=${TOP:-$(cd "$E2E/../.." && pwd -P)}
export TOP
export RUNDIR=${RUNDIR:-/tmp/motcua-${PORT:-8080}}
export BASE_URL=${BASE_URL:-http://127.0.0.1:${PORT:-8080}}
export MOTCUA_CONFIG=${MOTCUA_CONFIG:-$RUNDIR/motcua.conf}
cd "$TOP" || { echo "e2e: no TOP $TOP"; echo "0 passed, 1 failed"; exit 1; }

PASSED=0
FAILED=0
WORK=$(mktemp -d /tmp/motcua-e2e-run-XXXXXX)
trap 'rm -rf "$WORK"' EXIT

if [[ ! -d $E2E/node_modules/playwright-core || ! -d $E2E/node_modules/axe-core ]]; then
    echo "e2e: installing the test tools (npm ci in tests/e2e)"
    if ! (cd "$E2E" && npm ci --no-audit --no-fund) >"$WORK/npm.log" 2>&1; then
        tail -n 20 "$WORK/npm.log"
        echo "e2e: npm ci failed"
        echo "0 passed, 1 failed"
        exit 1
    fi
fi

# run_node NAME CONCURRENCY FILE...: runs the files, adds node's counts.
run_node() {
    local name=$1 conc=$2 tap=$WORK/$1.tap rc p f c
    shift 2
    echo "==== e2e: $name: $*"
    node --test --test-concurrency="$conc" --test-timeout="${E2E_TEST_TIMEOUT:-900000}" \
        --test-reporter=spec --test-reporter-destination=stdout \
        --test-reporter=tap --test-reporter-destination="$tap" \
        "$@" </dev/null
    rc=$?
    p=$(sed -n 's/^# pass \([0-9]\+\)$/\1/p' "$tap" 2>/dev/null | tail -n 1)
    f=$(sed -n 's/^# fail \([0-9]\+\)$/\1/p' "$tap" 2>/dev/null | tail -n 1)
    c=$(sed -n 's/^# cancelled \([0-9]\+\)$/\1/p' "$tap" 2>/dev/null | tail -n 1)
    if [[ -z $p || -z $f ]]; then
        echo "e2e: $name: no summary from node (exit $rc): counted as a failure"
        p=${p:-0}; f=1; c=0
    fi
    f=$(( f + ${c:-0} ))
    if (( rc != 0 && f == 0 )); then
        echo "e2e: $name: node exited $rc with no failed test: counted as a failure"
        f=1
    fi
    PASSED=$(( PASSED + p ))
    FAILED=$(( FAILED + f ))
    echo "---- e2e: $name: $p passed, $f failed"
}

if (( $# )); then
    FILES=("$@")
else
    FILES=()
    for t in tests/e2e/*.test.mjs; do
        [[ $(basename "$t") == db-down.test.mjs ]] || FILES+=("$t")
    done
fi
MAIN=()
DBDOWN=""
for t in "${FILES[@]}"; do
    if [[ $(basename "$t") == db-down.test.mjs ]]; then DBDOWN=$t; else MAIN+=("$t"); fi
done
if (( $# == 0 )) && [[ -f tests/e2e/db-down.test.mjs ]]; then
    case ${E2E_DB_DOWN:-auto} in
        1) DBDOWN=tests/e2e/db-down.test.mjs ;;
        0) echo "e2e: E2E_DB_DOWN=0: db-down.test.mjs skipped" ;;
        *) if [[ $RUNDIR == /tmp/motcua-test-* ]]; then
               DBDOWN=tests/e2e/db-down.test.mjs
           else
               echo "e2e: db-down.test.mjs skipped: $RUNDIR is not a throwaway instance (E2E_DB_DOWN=1 runs it)"
           fi ;;
    esac
fi

echo "e2e: against $BASE_URL (RUNDIR $RUNDIR, config $MOTCUA_CONFIG)"
if ! curl -s -o /dev/null --max-time 10 "$BASE_URL/"; then
    echo "e2e: nothing answers at $BASE_URL"
    echo "0 passed, 1 failed"
    exit 1
fi

(( ${#MAIN[@]} )) && run_node main "${E2E_CONCURRENCY:-2}" "${MAIN[@]}"
# Last and alone: it takes the database away from everything else.
[[ -n $DBDOWN ]] && run_node db-down 1 "$DBDOWN"

echo "$PASSED passed, $FAILED failed"
(( FAILED == 0 ))
