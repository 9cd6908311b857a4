#!/usr/bin/env bash
# tools/lint.sh — KNF check of the C sources by the top folder's .clang-format
# (what `make lint` checks), one file at a time; prints each file that is not
# formatted, with clang-format's first complaint, and a last line
# "N passed, N failed" (files). `make format` rewrites the files in place.
set -uo pipefail
cd "$(dirname "$0")/.."
shopt -s nullglob
pass=0 fail=0
for f in lib/*.[ch] lib/*/*.[ch] cgi-bin/*/*.[ch] site-generator/*.[ch] \
    tools/motcua/*.[ch] tests/unit/*.[ch] tests/fuzz/*.[ch] tests/load/*.[ch]; do
	if out=$(clang-format --style=file --dry-run --Werror "$f" 2>&1) &&
	    [[ -z $out ]]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		printf '%s: not formatted (make format):\n%s\n' "$f" \
		    "$(head -n 3 <<<"$out")"
	fi
done
echo "$pass passed, $fail failed"
(( fail == 0 ))
