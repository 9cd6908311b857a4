#!/usr/bin/env bash
# tools/fuzz.sh [TARGET...] — runs the libFuzzer targets (build/fuzz/fuzz_*,
# from tests/fuzz/fuzz_*.c; `make fuzz-build` builds them), each for
# FUZZ_SECONDS (default 10) from its committed corpus tests/fuzz/corpus/<name>
# (read only: new inputs go to a scratch folder). `make fuzz` runs it with 60
# s each, `make test` (tools/test.sh) with 10.
#
# A crash, a broken invariant, a leak or a sanitizer finding fails the target;
# the input is kept as build/fuzz/crashes/<name>-crash-<sha1> and the command
# to reproduce it printed. Last line "N passed, N failed" (one per target).
set -uo pipefail

SELF_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
TOP=${TOP:-$(dirname "$SELF_DIR")}
cd "$TOP" || exit 1
SECS=${FUZZ_SECONDS:-10}
OUT=$TOP/build/fuzz/crashes
mkdir -p "$OUT"

targets=("$@")
if (( ${#targets[@]} == 0 )); then
	for f in tests/fuzz/fuzz_*.c; do
		t=${f##*/}
		targets+=("${t%.c}")
	done
fi

passed=0 failed=0
for t in "${targets[@]}"; do
	t=${t#fuzz_}
	bin=build/fuzz/fuzz_$t
	corpus=tests/fuzz/corpus/$t
	if [[ ! -x $bin ]]; then
		echo "fuzz: $t: $bin missing (make fuzz-build)"
		failed=$((failed + 1))
		continue
	fi
	if [[ ! -d $corpus ]] || [[ -z $(ls -A "$corpus") ]]; then
		echo "fuzz: $t: no seed corpus in $corpus"
		failed=$((failed + 1))
		continue
	fi
	scratch=$(mktemp -d /tmp/motcua-fuzz-XXXXXX)
	log=$scratch/log
	# -timeout: one input may take 10 s at most; -rss_limit_mb: 2 GB.
	"$bin" -max_total_time="$SECS" -timeout=10 -rss_limit_mb=2048 \
	    -artifact_prefix="$OUT/$t-" -print_final_stats=1 \
	    "$scratch" "$corpus" >"$log" 2>&1 </dev/null
	rc=$?
	runs=$(sed -n -E 's/^stat::number_of_executed_units: *([0-9]+).*/\1/p' "$log" | tail -n 1)
	if (( rc == 0 )); then
		echo "fuzz: $t: ok, ${runs:-?} inputs in ${SECS} s"
		passed=$((passed + 1))
	else
		echo "fuzz: $t: FAILED (exit $rc)"
		grep -E 'invariant broken|ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error|^SUMMARY' "$log" | head -n 5 | sed 's/^/    /'
		art=$(sed -n -E 's/.*Test unit written to (.*)$/\1/p' "$log" | tail -n 1)
		[[ -n $art ]] && echo "    input: $art; reproduce: $bin $art"
		cp "$log" "$OUT/$t.log"
		echo "    log: $OUT/$t.log"
		failed=$((failed + 1))
	fi
	rm -rf "$scratch"
done
echo "$passed passed, $failed failed"
(( failed == 0 ))
