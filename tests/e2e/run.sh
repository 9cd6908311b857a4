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
# A test file that stops early (killed, e.g. by the OOM killer or a crashed
# browser; process.exit() mid-way; an error outside any test) loses ALL its
# counts in node 20: node reports the file as ONE entry named after its path,
# "not ok" (or even "ok" after an exit(0) mid-way), and its tests, run or
# not, are not in "# pass"/"# fail". Such an entry is counted as a failure
# and named ("e2e: STOPPED EARLY: FILE (why)"), again just before the last
# line. Every run first checks this counting on three tiny files
# (self_check; `run.sh --self-check` runs only that).
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

STOPPED=()

# stopped_files TAP: one line "FILE<TAB>why" per top-level entry named after
# a test file, i.e. a file whose process ended outside node's control.
stopped_files() {
    awk '
        function flush() { if (file != "") printf "%s\t%s%s\n", file, verdict, extra; file = ""; extra = "" }
        /^(not )?ok [0-9]+ - / {
            flush()
            name = $0; sub(/^(not )?ok [0-9]+ - /, "", name)
            if (name ~ /\.(test\.)?m?js$/) {
                file = name
                verdict = ($1 == "not") ? "failed outside its tests" : "ended with tests not run"
            }
            next
        }
        file != "" && /^  signal: '"'"'?SIG/ { s = $2; gsub(/'"'"'/, "", s); extra = extra ", signal " s }
        file != "" && /^  exitCode: [0-9]+/ { extra = extra ", exit code " $2 }
        /^[^ ]/ && !/^#/ { flush() }
        END { flush() }
    ' "$1" 2>/dev/null
}

# count_tap TAP RC: prints "PASSED FAILED" for a node run (see the header);
# the files that stopped early are appended to $WORK/stopped.
count_tap() {
    local tap=$1 rc=$2 p f c n=0 file why
    p=$(sed -n 's/^# pass \([0-9]\+\)$/\1/p' "$tap" 2>/dev/null | tail -n 1)
    f=$(sed -n 's/^# fail \([0-9]\+\)$/\1/p' "$tap" 2>/dev/null | tail -n 1)
    c=$(sed -n 's/^# cancelled \([0-9]\+\)$/\1/p' "$tap" 2>/dev/null | tail -n 1)
    if [[ -z $p || -z $f ]]; then
        echo "e2e: no summary from node (exit $rc): counted as a failure" >&2
        p=${p:-0}; f=1; c=0
    fi
    f=$(( f + ${c:-0} ))
    while IFS=$'\t' read -r file why; do
        [[ -n $file ]] || continue
        echo "e2e: STOPPED EARLY: $file ($why): its tests are not counted" >&2
        echo "$file ($why)" >>"$WORK/stopped"
        n=$(( n + 1 ))
    done < <(stopped_files "$tap")
    # An entry that node counted as passed still failed.
    if (( n > 0 )); then
        local okfiles
        okfiles=$(grep -cE '^ok [0-9]+ - .*\.(test\.)?m?js$' "$tap")
        f=$(( f + okfiles ))
        p=$(( p - okfiles ))
    fi
    if (( rc != 0 && f == 0 )); then
        echo "e2e: node exited $rc with no failed test: counted as a failure" >&2
        f=1
    fi
    echo "$p $f"
}

# run_node NAME CONCURRENCY FILE...: runs the files, adds node's counts.
run_node() {
    local name=$1 conc=$2 tap=$WORK/$1.tap rc p f counts
    shift 2
    echo "==== e2e: $name: $*"
    node --test --test-concurrency="$conc" --test-timeout="${E2E_TEST_TIMEOUT:-900000}" \
        --test-reporter=spec --test-reporter-destination=stdout \
        --test-reporter=tap --test-reporter-destination="$tap" \
        "$@" </dev/null
    rc=$?
    counts=$(count_tap "$tap" "$rc" 2>"$WORK/$name.why")
    cat "$WORK/$name.why"
    read -r p f <<<"$counts"
    PASSED=$(( PASSED + p ))
    FAILED=$(( FAILED + f ))
    echo "---- e2e: $name: $p passed, $f failed"
}

# self_check: the counting above on three tiny files: one whole, one killed
# mid-way, one that exits 0 mid-way. 0 if they count as 1 passed, 2 failed
# with both stopped files named.
self_check() {
    local d=$WORK/self-check tap rc counts
    mkdir -p "$d"
    printf '%s\n' "import { test } from 'node:test';" "test('whole', () => {});" >"$d/whole.test.mjs"
    printf '%s\n' "import { test } from 'node:test';" "test('k1', () => {});" \
        "test('k2', () => { process.kill(process.pid, 'SIGKILL'); });" "test('k3', () => {});" >"$d/killed.test.mjs"
    printf '%s\n' "import { test } from 'node:test';" "test('e1', () => {});" \
        "test('e2', () => { process.exit(0); });" "test('e3', () => {});" >"$d/exits.test.mjs"
    tap=$d/out.tap
    (cd "$d" && node --test --test-reporter=tap --test-reporter-destination="$tap" \
        whole.test.mjs killed.test.mjs exits.test.mjs >/dev/null 2>&1 </dev/null)
    rc=$?
    : >"$WORK/stopped"
    counts=$(count_tap "$tap" "$rc" 2>/dev/null)
    local names
    names=$(sed 's/ (.*//' "$WORK/stopped" | xargs -n1 basename 2>/dev/null | sort | tr '\n' ' ')
    : >"$WORK/stopped"
    if [[ $counts == "1 2" && $names == "exits.test.mjs killed.test.mjs " ]]; then
        echo "e2e: self-check: a file that stops early is counted as failed and named"
        return 0
    fi
    echo "e2e: self-check FAILED: got counts '$counts' and stopped files '$names'" \
        "(want '1 2' and 'exits.test.mjs killed.test.mjs')"
    return 1
}

: >"$WORK/stopped"
if [[ ${1:-} == --self-check ]]; then
    if self_check; then echo "1 passed, 0 failed"; exit 0; fi
    echo "0 passed, 1 failed"; exit 1
fi
if ! self_check; then FAILED=$(( FAILED + 1 )); fi

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

if [[ -s $WORK/stopped ]]; then
    while read -r line; do echo "e2e: STOPPED EARLY: $line"; done <"$WORK/stopped"
fi
echo "$PASSED passed, $FAILED failed"
(( FAILED == 0 ))
