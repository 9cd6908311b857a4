#!/usr/bin/env bash
# tools/layers.sh [LIBDIR] — the include rule of lib's three layers
# (ARCHITECTURE.md, "Library: three layers"): core < domain < web, and a
# file of a lower layer never includes a header of a higher one.
#
# A layer is a folder of LIBDIR (default lib): lib/core, lib/domain,
# lib/web. Every header name is unique across lib (includes stay
# `#include "mc_x.h"`, with -I for each folder), so a header's name tells
# its layer. Checked: every .c and .h under LIBDIR, each `#include "..."`
# that names a header of LIBDIR.
#
# Fatal (exit 1): a lower layer including a higher one (file, line, header,
# both layers); the same header name in two places; an unknown folder.
# Reported only: files still directly in LIBDIR ("unlayered"), and layered
# files including an unlayered header; STRICT=1 makes them fatal too.
#
# Last line: "N passed, N failed" (a file without a fatal finding passes),
# as tools/test.sh counts it.
set -uo pipefail

LIB=${1:-lib}
STRICT=${STRICT:-0}
LAYERS=(core domain web)		# lowest first
shopt -s nullglob

if [[ ! -d $LIB ]]; then
	echo "layers: $LIB: no such folder"
	echo "0 passed, 1 failed"
	exit 1
fi

declare -A rank where
for i in "${!LAYERS[@]}"; do rank[${LAYERS[$i]}]=$i; done

errors=0 unlayered=0 passed=0 failed=0

fatal() { echo "layers: $*"; errors=$((errors + 1)); }

# Which layer each header lives in ("" = still directly in LIBDIR).
for d in "$LIB"/*/; do
	d=${d%/}
	name=${d##*/}
	if [[ -z ${rank[$name]+x} ]]; then
		fatal "$d: unknown folder (the layers are ${LAYERS[*]})"
	fi
done
while IFS= read -r h; do
	rel=${h#"$LIB"/}
	base=${rel##*/}
	layer=""
	[[ $rel == */* ]] && layer=${rel%%/*}
	if [[ -n ${where[$base]+x} ]]; then
		fatal "$base: in two places (${where[$base]:-$LIB} and ${layer:-$LIB}): header names must be unique across $LIB"
		continue
	fi
	where[$base]=$layer
done < <(find "$LIB" -maxdepth 2 -name '*.h' | sort)

while IFS= read -r f; do
	rel=${f#"$LIB"/}
	fl=""
	[[ $rel == */* ]] && fl=${rel%%/*}
	[[ -n $fl && -z ${rank[$fl]+x} ]] && continue	# reported above
	bad=0
	if [[ -z $fl ]]; then
		echo "layers: $f: unlayered (not yet in ${LAYERS[*]/#/$LIB/})"
		unlayered=$((unlayered + 1))
		[[ $STRICT == 1 ]] && bad=1
	fi
	while IFS=: read -r ln inc; do
		[[ -n $fl ]] || break
		hdr=${inc##*/}
		[[ -n ${where[$hdr]+x} ]] || continue	# not a lib header
		hl=${where[$hdr]}
		if [[ -z $hl ]]; then
			echo "layers: $f:$ln: includes $hdr, which is unlayered"
			unlayered=$((unlayered + 1))
			[[ $STRICT == 1 ]] && bad=1
		elif (( ${rank[$hl]} > ${rank[$fl]} )); then
			echo "layers: $f:$ln: includes $hdr of layer $hl from layer $fl: a lower layer must not include a higher one"
			bad=1
		fi
	done < <(grep -n -E '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$f" |
	    sed -E 's/^([0-9]+):[^"]*"([^"]+)".*/\1:\2/')
	if (( bad )); then failed=$((failed + 1)); else passed=$((passed + 1)); fi
done < <(find "$LIB" -maxdepth 2 \( -name '*.c' -o -name '*.h' \) | sort)

failed=$((failed + errors))
echo "layers: $((passed + failed - errors)) files, $unlayered unlayered finding(s)$([[ $STRICT == 1 ]] && echo ' (fatal: STRICT=1)' || echo ' (not fatal; STRICT=1 makes them so)')"
echo "$passed passed, $failed failed"
(( failed == 0 ))
