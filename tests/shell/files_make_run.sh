#!/usr/bin/env bash
# tests/shell/files_make_run.sh — `make run` (tools/instance.sh start) on an
# instance whose store holds attachments written in clear before encryption
# at rest (issue 15) encrypts them, says so, and records their key in their
# rows; after a key rotation (tools/fileskey.sh --rotate), the next start
# rewrites them under the new key and says the old one may be retired; a
# start with nothing to do rewrites nothing.
#
# Starts a throwaway instance of its own (MOTCUA_SKIP_IMPORT=1, a free
# port, a temporary RUNDIR), removed at the end. Needs TOP (tools/test.sh
# exports it) and root. Prints "N passed, N failed".
set -uo pipefail
: "${TOP:?}"
PASS=0 FAIL=0
ok()  { echo "ok   $*"; PASS=$(( PASS + 1 )); }
bad() { echo "FAIL $*"; FAIL=$(( FAIL + 1 )); }
done_() { echo "$PASS passed, $FAIL failed"; exit $(( FAIL > 0 )); }

# Below the kernel's ephemeral range, as tools/test.sh picks its ports.
LOW=$(awk '{ print $1 }' /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null)
[[ $LOW =~ ^[0-9]+$ ]] && (( LOW > 21000 )) || LOW=32768
free_port() {
    local p
    for _ in $(seq 1 200); do
        p=$(( 20000 + RANDOM % (LOW - 20000) ))
        [[ -z $(ss -Hltn "sport = :$p" 2>/dev/null) ]] && { echo "$p"; return 0; }
    done
    return 1
}
R=$(mktemp -d /tmp/motcua-fmr-XXXXXX) || exit 1
chmod 0755 "$R"
P=$(free_port) || { bad "a free port"; done_; }
# The throwaway instance: its own port, folder and config, no link.
inst() {
    env -u MOTCUA_CONFIG -u MOTCUA_FILES_KEY_FILE -u MOTCUA_FILES_DIR -u MOTCUA_DB_HOST \
        PORT="$P" RUNDIR="$R" TOP="$TOP" MOTCUA_NO_LINK=1 MOTCUA_SKIP_IMPORT=1 \
        "$TOP/tools/instance.sh" "$@"
}
trap 'inst stop >/dev/null 2>&1; rm -rf "$R"' EXIT
db() { mariadb --defaults-file="$R/mysql/my.cnf" -N -B motcua -e "$1"; }
kid() { # the key id a key file's key has (as the files' headers name it)
    # shellcheck disable=SC2059
    { printf 'motcua files key'; printf "$(tr -d '\n' <"$1" | sed 's/../\\x&/g')"; } | sha256sum | cut -c1-8
}
hdr() { # the first 4 bytes of a stored file, and its key id
    od -An -tx1 -N12 "$1" | tr -d ' \n' | sed 's/^\(........\)........\(........\)$/\1 \2/'
}

if inst start >"$R/start1.log" 2>&1 </dev/null; then
    ok "a throwaway instance starts (port $P)"
else
    bad "a throwaway instance starts: $(tail -n 20 "$R/start1.log")"; done_
fi
KEY=$R/files.key
STORE=$R/files

# An attachment of the years before encryption: in clear in the store,
# its row without a key (as every row was before migration 0064).
MARK=MotCuaBeforeKey$$$RANDOM
PDF=$R/before.pdf
printf '%%PDF-1.4\n%% %s\n%%%%EOF\n' "$MARK" >"$PDF"
SHA=$(sha256sum "$PDF" | cut -c1-64)
F=$STORE/${SHA:0:2}/${SHA:2:2}/$SHA
install -d -o www-data -g www-data -m 0750 "$STORE/${SHA:0:2}" "$STORE/${SHA:0:2}/${SHA:2:2}"
install -o www-data -g www-data -m 0640 "$PDF" "$F"
db "INSERT INTO attachments (sha256, size, mime, created_at) VALUES ('$SHA', $(stat -c %s "$PDF"), 'application/pdf', NOW())"
grep -q -a "$MARK" "$F" && ok "the old file is in clear in the store" || bad "the old file is in clear in the store"

# make run again: the file encrypted, said, its row recording the key.
if inst start >"$R/start2.log" 2>&1 </dev/null; then
    ok "the instance starts again"
else
    bad "the instance starts again: $(tail -n 20 "$R/start2.log")"; done_
fi
K1=$(kid "$KEY")
line=$(grep '^files-rekey: key' "$R/start2.log")
if [[ $line =~ ^files-rekey:\ key\ $K1:\ ([0-9]+)\ rewritten ]] && (( BASH_REMATCH[1] >= 1 )); then
    ok "the start says the file was encrypted: $line"
else
    bad "the start says the file was encrypted: '$line'"
fi
[[ $(hdr "$F") == "4d434145 $K1" ]] && ok "the file is now encrypted under the key ($K1)" \
    || bad "the file is now encrypted under the key: header $(hdr "$F"), key $K1"
grep -q -a "$MARK" "$F" && bad "its text is gone from the store" || ok "its text is gone from the store"
[[ $(stat -c %U "$F") == www-data ]] && ok "still the programs' file" || bad "still the programs' file: $(stat -c %U "$F")"
[[ $(db "SELECT key_id FROM attachments WHERE sha256 = '$SHA'") == "$K1" ]] \
    && ok "its row records the key" || bad "its row records the key: $(db "SELECT key_id FROM attachments WHERE sha256 = '$SHA'")"
out=$(cd "$TOP" && MOTCUA_CONFIG=$R/motcua.conf "$TOP/bin/motcua" check --files 2>&1)
grep -q "1 attachment(s) read, 0 not whole" <<<"$out" && ok "check --files reads it whole" || bad "check --files reads it whole: $out"

# A rotation, then make run: rewritten under the new key; the old key may go.
"$TOP/tools/fileskey.sh" --rotate "$KEY" www-data >/dev/null
K2=$(kid "$KEY")
[[ $K2 != "$K1" && -s $(ls "$KEY".old.* | head -n 1) ]] && ok "rotated: a new key, the old one kept" || bad "rotated: a new key, the old one kept"
inst start >"$R/start3.log" 2>&1 </dev/null || { bad "the instance starts after the rotation: $(tail -n 20 "$R/start3.log")"; done_; }
line=$(grep '^files-rekey: key' "$R/start3.log")
[[ $line =~ ^files-rekey:\ key\ $K2:\ 1\ rewritten.*\ 0\ attachment\ row ]] \
    && ok "the start rewrote it under the new key: $line" || bad "the start rewrote it under the new key: '$line'"
grep -q "may be retired" "$R/start3.log" && ok "and says the old key may be retired" || bad "and says the old key may be retired"
[[ $(hdr "$F") == "4d434145 $K2" && $(db "SELECT key_id FROM attachments WHERE sha256 = '$SHA'") == "$K2" ]] \
    && ok "file and row under the new key" || bad "file and row under the new key: $(hdr "$F")"

# Retired: the old key deleted; nothing to do at the next start, read whole.
rm -f "$KEY".old.*
inst start >"$R/start4.log" 2>&1 </dev/null || { bad "the instance starts with the old key retired"; done_; }
line=$(grep '^files-rekey: key' "$R/start4.log")
[[ $line =~ ^files-rekey:\ key\ $K2:\ 0\ rewritten ]] && ok "nothing rewritten then: $line" || bad "nothing rewritten then: '$line'"
out=$(cd "$TOP" && MOTCUA_CONFIG=$R/motcua.conf "$TOP/bin/motcua" check --files 2>&1)
grep -q "1 attachment(s) read, 0 not whole" <<<"$out" && ok "read whole without the old key" || bad "read whole without the old key: $out"
done_
