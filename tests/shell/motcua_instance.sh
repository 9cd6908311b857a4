#!/usr/bin/env bash
# tests/shell/motcua_instance.sh — bin/motcua acts on the instance started
# from its checkout (whatever the port), or refuses naming MOTCUA_CONFIG;
# never another instance (issue 12: `PORT=18186 make run` then
# `bin/motcua user add` created the account on the instance of port 8080).
#
# Needs the running test instance: TOP, PORT, RUNDIR (tools/test.sh exports
# them). A throwaway folder plays the checkout (TOP for tools/instance.sh).
# Prints "N passed, N failed".
set -uo pipefail
: "${TOP:?}" "${PORT:?}" "${RUNDIR:?}"
PASS=0 FAIL=0
ok()  { echo "ok   $*"; PASS=$(( PASS + 1 )); }
bad() { echo "FAIL $*"; FAIL=$(( FAIL + 1 )); }

T=$(mktemp -d /tmp/motcua-shell-XXXXXX) || exit 1
trap 'rm -rf "$T"' EXIT
MOTCUA=$TOP/bin/motcua
ID=$(printf '079%09d' $(( (RANDOM * 32768 + RANDOM) % 1000000000 )))   # 12 digits
db_has() { # db_has ID_NUMBER: the test instance holds that citizen
    mariadb --defaults-file="$RUNDIR/mysql/my.cnf" -N motcua \
        -e "SELECT COUNT(*) FROM accounts WHERE id_number = '$1'" 2>/dev/null
}
add() { # add ID_NUMBER: `bin/motcua user add` from the fake checkout, no MOTCUA_CONFIG
    (cd "$T" && env -u MOTCUA_CONFIG "$MOTCUA" user add --role citizen \
        --id-number "$1" --password 'MotCua@2026' --name 'Kiểm Thử') \
        >"$T/out" 2>"$T/err"
}

# 1. No link, no MOTCUA_CONFIG: refuses, names MOTCUA_CONFIG, adds nothing
#    (before: fell back to /tmp/motcua-8080/motcua.conf when it existed).
if add "$ID"; then
    bad "no instance chosen: exit 0 ($(cat "$T/err"))"
elif grep -q 'no instance chosen' "$T/err" && grep -q MOTCUA_CONFIG "$T/err"; then
    ok "no instance chosen: refused, naming MOTCUA_CONFIG"
else
    bad "no instance chosen: message was: $(cat "$T/err")"
fi

# 2. The instance links motcua.conf into its checkout whatever its port
#    (before: only for port 8080).
if MOTCUA_NO_LINK=0 TOP=$T PORT=$PORT RUNDIR=$RUNDIR "$TOP/tools/instance.sh" link >/dev/null &&
   [[ $(readlink "$T/motcua.conf") == "$RUNDIR/motcua.conf" ]]; then
    ok "port $PORT: $T/motcua.conf -> $RUNDIR/motcua.conf"
else
    bad "port $PORT: no link to $RUNDIR/motcua.conf ($(readlink "$T/motcua.conf" 2>&1))"
fi

# 3. bin/motcua in that checkout administers that instance, and says so.
if add "$ID" && [[ $(db_has "$ID") == 1 ]]; then
    ok "user add went to the instance on port $PORT"
else
    bad "user add did not reach port $PORT: $(cat "$T/err")"
fi
if grep -q "port $PORT" "$T/err" && grep -q MOTCUA_CONFIG "$T/err"; then
    ok "it named the instance it acted on"
else
    bad "it did not name the instance: $(cat "$T/err")"
fi

# 4. The link left by an instance that is gone: refused, not another one.
ln -sfn "$T/gone/motcua.conf" "$T/motcua.conf"
if add "${ID%?}9"; then
    bad "dangling link: exit 0 ($(cat "$T/err"))"
elif grep -q 'gone' "$T/err" && grep -q MOTCUA_CONFIG "$T/err"; then
    ok "dangling link: refused, naming MOTCUA_CONFIG"
else
    bad "dangling link: message was: $(cat "$T/err")"
fi

# 5. MOTCUA_CONFIG naming a missing file: refused (never a fallback).
if (cd "$T" && MOTCUA_CONFIG=$T/nope.conf "$MOTCUA" user add --role citizen \
        --id-number "${ID%?}8" --password 'MotCua@2026' --name X) 2>"$T/err"; then
    bad "MOTCUA_CONFIG missing: exit 0"
elif grep -q "MOTCUA_CONFIG=$T/nope.conf" "$T/err"; then
    ok "MOTCUA_CONFIG missing: refused, naming it"
else
    bad "MOTCUA_CONFIG missing: message was: $(cat "$T/err")"
fi

echo "$PASS passed, $FAIL failed"
(( FAIL == 0 ))
