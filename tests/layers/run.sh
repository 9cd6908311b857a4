#!/usr/bin/env bash
# tests/layers/run.sh — tests of tools/layers.sh on the fixture trees in
# tests/layers/fixtures/<case>/lib. Last line "N passed, N failed".
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
CHECK=$HERE/../../tools/layers.sh
passed=0 failed=0
unset STRICT	# each case says its own (make layers runs the checker strict)

# expect CASE WANT_RC [GREP...]: runs the checker on the case (in its folder,
# so the paths read lib/...), checks the exit status and that each pattern
# occurs in the output.
expect() {
	local c=$1 want=$2 out rc pat ok=1
	shift 2
	out=$(cd "$HERE/fixtures/$c" && "$CHECK" lib 2>&1); rc=$?
	if [[ $rc != "$want" ]]; then
		echo "FAILED: $c${STRICT:+ (STRICT=$STRICT)}: exit $rc, wanted $want"
		ok=0
	fi
	for pat in "$@"; do
		if ! grep -qF -- "$pat" <<<"$out"; then
			echo "FAILED: $c: no '$pat' in the output"
			ok=0
		fi
	done
	if (( ok )); then passed=$((passed + 1)); else
		failed=$((failed + 1)); printf '%s\n' "$out" | sed 's/^/    /'; fi
}

expect ok 0 "6 passed, 0 failed"
expect up 1 "lib/core/mc_a.c:3: includes mc_w.h of layer web from layer core"
expect mixed 0 "lib/mc_old.c: unlayered" \
    "lib/core/mc_a.c:3: includes mc_old.h, which is unlayered"
STRICT=1 expect mixed 1 "lib/mc_old.c: unlayered" "1 passed, 3 failed"
expect dup 1 "mc_a.h: in two places"
expect odd 1 "lib/misc: unknown folder"

echo "$passed passed, $failed failed"
(( failed == 0 ))
