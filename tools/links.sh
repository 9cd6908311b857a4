#!/usr/bin/env bash
# tools/links.sh [BINDIR] — what each program links (issue 8: "each binary
# linked with only the libraries it uses"). For every program of the table
# below, the shared libraries it must not need (readelf NEEDED, as ldd
# would load them) and the symbols it must not hold (nm: the generator's
# sitegen_*, the FastCGI loop, ClearSilver). The Makefile links each
# program with its own PROG_LIBS_<name>; this keeps them honest.
#
# Last line: "N passed, N failed" (one check per program and rule), as
# tools/test.sh counts it; exit 1 when any failed.
set -uo pipefail

BIN=${1:-bin}
pass=0
fail=0

# program  kind  pattern  (lib: a NEEDED library; sym: a defined symbol)
RULES='
portal	lib	libbrotli
portal	lib	libxlsxwriter
portal	lib	libminizip
portal	sym	^sitegen_
office	lib	libbrotli
office	lib	libcurl
office	sym	^sitegen_
api	lib	libbrotli
api	lib	libcurl
api	lib	libpango
api	lib	libcairo
api	lib	libqrencode
api	lib	libxlsxwriter
api	lib	libminizip
api	sym	^sitegen_
worker	lib	libfcgi
worker	lib	libpango
worker	lib	libcairo
worker	lib	libargon2
worker	lib	libmagic
worker	lib	libxlsxwriter
worker	lib	libminizip
worker	sym	^FCGI_Accept
sitegen	lib	libfcgi
sitegen	lib	libcurl
sitegen	lib	libpango
sitegen	lib	libargon2
motcua	lib	libfcgi
motcua	lib	libcurl
motcua	lib	libpango
'

while read -r prog kind pat; do
	[[ -z ${prog:-} ]] && continue
	f=$BIN/$prog
	if [[ ! -x $f ]]; then
		echo "links: $f: missing"
		fail=$((fail + 1))
		continue
	fi
	case $kind in
	lib)
		found=$(readelf -d "$f" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | grep -E "$pat")
		;;
	sym)
		found=$(nm -j --defined-only "$f" 2>/dev/null | grep -E "$pat" | sed -n 1,3p)
		;;
	esac
	if [[ -n $found ]]; then
		echo "links: $prog must not link $pat: $(echo $found)"
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
done <<<"$RULES"

# The generator is where it belongs.
for prog in worker sitegen motcua; do
	# Not grep -q: nm would die of SIGPIPE and pipefail call it a miss.
	if [[ -n $(nm -j --defined-only "$BIN/$prog" 2>/dev/null | grep '^sitegen_build$') ]]; then
		pass=$((pass + 1))
	else
		echo "links: $prog should hold the generator (sitegen_build)"
		fail=$((fail + 1))
	fi
done

echo "$pass passed, $fail failed"
[[ $fail -eq 0 ]]
