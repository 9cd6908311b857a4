#!/usr/bin/env bash
# tests/shell/audit_cli.sh — `bin/motcua user add` leaves the same trace in
# the audit log as the back office's account page (issue 9): the account's
# creation (account_create, no actor: the command line) and its role
# (role_grant naming role and agency), once; adding the role again to the
# existing account writes no second account_create, and another --phone
# given then neither changes the account's phone nor sends anything to
# either number (only a proved change does, telling the old one).
# `motcua audit verify` on one of those entries altered by SQL exits 1
# naming that row, and 0 again once the row is put back (the row's hash
# is over its fields, so the original values make the chain whole again,
# as tools/test.sh's final audit-check needs).
#
# Needs the running test instance: TOP, RUNDIR (tools/test.sh exports
# them). Prints "N passed, N failed".
set -uo pipefail
: "${TOP:?}" "${RUNDIR:?}"
PASS=0 FAIL=0
ok()  { echo "ok   $*"; PASS=$(( PASS + 1 )); }
bad() { echo "FAIL $*"; FAIL=$(( FAIL + 1 )); }

export MOTCUA_CONFIG=$RUNDIR/motcua.conf
MOTCUA=$TOP/bin/motcua
sqlv() { mariadb --defaults-file="$RUNDIR/mysql/my.cnf" -N motcua -e "$1" 2>/dev/null; }
EMAIL="shell-audit-$$-$RANDOM@motcua.test"
WARD=$(sqlv "SELECT code FROM agencies WHERE kind = 'ward' ORDER BY id LIMIT 1")
P1=0863$(printf '%08d' $(( ($$ * 32768 + RANDOM) % 100000000 )))
P2=0864${P1#0863}
add() { # add ROLE PHONE: the officer of EMAIL with ROLE at WARD; prints the id
    "$MOTCUA" user add --role "$1" --agency "$WARD" --email "$EMAIL" --phone "$2" \
        --password "Sao Mai $$ 77" --name 'Kiểm Toán Dòng Lệnh' 2>/dev/null
}
count() { # count EVENT [ROLE]: entries about the account
    sqlv "SELECT COUNT(*) FROM audit_log WHERE account_id = $ID AND event = '$1'
          AND actor_id IS NULL ${2:+AND role = '$2' AND agency_id = (SELECT id FROM agencies WHERE code = '$WARD')}"
}

ID=$(add receiver "$P1")
if [[ $ID =~ ^[0-9]+$ ]]; then ok "user add made account $ID"; else bad "user add: '$ID'"; ID=0; fi
[[ $(count account_create) == 1 ]] && ok "account_create in the audit log" ||
    bad "account_create entries: $(count account_create) (want 1)"
[[ $(count role_grant receiver) == 1 ]] && ok "role_grant receiver at $WARD in the audit log" ||
    bad "role_grant entries: $(count role_grant receiver) (want 1)"

# The same account again with another role: a grant, no second creation.
[[ $(add leader "$P2") == "$ID" ]] && ok "user add again: the same account" || bad "user add again: another account"
[[ $(count account_create) == 1 ]] && ok "no second account_create" ||
    bad "account_create entries: $(count account_create) (want 1)"
[[ $(count role_grant leader) == 1 ]] && ok "role_grant leader in the audit log" ||
    bad "role_grant leader entries: $(count role_grant leader) (want 1)"

PHONE=$(sqlv "SELECT phone FROM accounts WHERE id = $ID")
[[ $PHONE == "$P1" ]] && ok "the account's phone kept" || bad "the account's phone: '$PHONE' (want $P1)"
SENT=$(sqlv "SELECT COUNT(*) FROM outbox WHERE recipient IN ('$P1', '$P2')")
[[ $SENT == 0 ]] && ok "nothing sent to either phone" || bad "messages to the phones: $SENT (want 0)"

# An account the command line makes counts as verified (an administrator
# made it): its ID number is the verified one, vouched for by 'admin'.
IDN=0791$(printf '%08d' $(( ($$ * 32768 + RANDOM) % 100000000 )))
CID=$("$MOTCUA" user add --role citizen --id-number "$IDN" --email "c-$EMAIL" \
    --password "Sao Mai $$ 78" --name 'Kiểm Toán Công Dân' 2>/dev/null)
V=$(sqlv "SELECT CONCAT(id_verified, ' ', id_verified_by, ' ', verified_id_number) FROM accounts WHERE id = ${CID:-0}")
[[ $V == "1 admin $IDN" ]] && ok "user add: the ID number verified, by admin" ||
    bad "user add: verified '$V' (want '1 admin $IDN')"

# One of the entries this test caused, altered by SQL: `audit verify`
# finds it (the rows before it are intact: suites run one at a time and
# appends by others come after it), and nothing once it is put back.
AID=$(sqlv "SELECT id FROM audit_log WHERE account_id = $ID AND event = 'account_create' LIMIT 1")
if [[ $AID =~ ^[0-9]+$ ]]; then
    trap 'sqlv "UPDATE audit_log SET account_id = account_id - 1 WHERE id = $AID AND account_id = $ID + 1"' EXIT
    sqlv "UPDATE audit_log SET account_id = account_id + 1 WHERE id = $AID"
    OUT=$("$MOTCUA" audit verify 2>&1); RC=$?
    [[ $RC == 1 ]] && ok "audit verify on an altered row: exit 1" || bad "audit verify on an altered row: exit $RC (want 1)"
    [[ $OUT == *"the chain breaks at row $AID:"* ]] && ok "audit verify names row $AID" ||
        bad "audit verify output: '$OUT' (want row $AID)"
    sqlv "UPDATE audit_log SET account_id = account_id - 1 WHERE id = $AID AND account_id = $ID + 1"
    trap - EXIT
    OUT=$("$MOTCUA" audit verify 2>&1); RC=$?
    [[ $RC == 0 && $OUT == *"the chain is intact"* ]] && ok "audit verify after the row is put back: intact" ||
        bad "audit verify after restoring: exit $RC, '$OUT' (want 0, intact)"
else
    bad "no account_create entry to alter: '$AID'"
fi

echo "$PASS passed, $FAIL failed"
(( FAIL == 0 ))
