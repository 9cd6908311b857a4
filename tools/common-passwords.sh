#!/usr/bin/env bash
# tools/common-passwords.sh — regenerate db/seed/common-passwords.txt.
#
# Source: the "passwords" frequency list of Debian's python3-zxcvbn (Dropbox's
# zxcvbn, MIT; the 30,000 most common passwords of a public 10-million password
# dump), taken from the .deb (downloaded with `apt-get download`, unpacked with
# `dpkg -x`: nothing is installed), plus db/seed/common-passwords-extra.txt
# (passwords common in Vietnam, curated by hand). Output: UTF-8, one password a
# line, lowercase, duplicates removed, sorted bytewise (LC_ALL=C), so a C
# program can bsearch(3) it with strcmp. Run it only to refresh the list; the
# result is committed (see db/seed/PROVENANCE.md).
set -euo pipefail
SELF_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
TOP=${TOP:-$(dirname "$SELF_DIR")}
OUT=$TOP/db/seed/common-passwords.txt
EXTRA=$TOP/db/seed/common-passwords-extra.txt
work=$(mktemp -d /tmp/motcua-pw-XXXXXX)
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get download -q python3-zxcvbn >/dev/null 2>&1) \
    || { echo "common-passwords: apt-get download python3-zxcvbn failed" >&2; exit 1; }
deb=$(ls "$work"/python3-zxcvbn_*.deb)
dpkg -x "$deb" "$work/x"
/usr/bin/python3 - "$work/x/usr/lib/python3/dist-packages" > "$work/list" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
from zxcvbn.frequency_lists import FREQUENCY_LISTS
for p in FREQUENCY_LISTS["passwords"]:
    print(p)
PY
grep -v '^#' "$EXTRA" >> "$work/list"
# Lowercase (ASCII and Vietnamese letters alike), drop blanks and whitespace.
/usr/bin/python3 -c '
import sys
for l in sys.stdin:
    l = l.strip().lower()
    if l and not any(c.isspace() for c in l):
        print(l)' < "$work/list" | LC_ALL=C sort -u > "$work/out"
mv -f "$work/out" "$OUT"
echo "common-passwords: $(wc -l < "$OUT") passwords in $OUT (from $(basename "$deb") + $(grep -vc '^#' "$EXTRA") extra)"
