#!/usr/bin/env bash
# tests/shell/encryption_at_rest.sh — the instance's MariaDB keeps its data
# encrypted on disk (issue 15; db/my.cnf.in, keys by tools/dbkeys.sh): a
# word written to a table is in no file of the data folder (table spaces,
# redo log, undo, system tables), while a MyISAM table (an engine MariaDB
# never encrypts) written alongside shows the search does find it in
# clear. Every table of the application is in an encrypted table space.
#
# Needs the running test instance: RUNDIR (tools/test.sh exports it).
# Prints "N passed, N failed".
set -uo pipefail
: "${RUNDIR:?}"
PASS=0 FAIL=0
ok()  { echo "ok   $*"; PASS=$(( PASS + 1 )); }
bad() { echo "FAIL $*"; FAIL=$(( FAIL + 1 )); }
CNF=$RUNDIR/mysql/my.cnf
DATA=$(sed -n 's/^datadir *= *//p' "$CNF" | tail -n 1)
DB=enc_probe_$$
WORD=MotCuaAtRest$RANDOM$RANDOM$RANDOM
db() { mariadb --defaults-file="$CNF" -N -B "$@"; }
trap 'db -e "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1' EXIT

# Keys made once and private to the server's user.
KEYS=$(sed -n 's|^file_key_management_filename *= *\(.*\)/keys.enc|\1|p' "$CNF" | tail -n 1)
if [[ -n $KEYS && -s $KEYS/keys.enc && $(stat -c %a "$KEYS/keys.enc" "$KEYS/keys.pass" | sort -u) == 600 ]]; then
    ok "the key file and its passphrase exist, mode 0600 ($KEYS)"
else
    bad "the key file and its passphrase exist, mode 0600 ('$KEYS')"
fi

db -e "CREATE DATABASE $DB; CREATE TABLE $DB.secret (id INT PRIMARY KEY, v VARCHAR(100)) ENGINE=InnoDB;
       CREATE TABLE $DB.plain (id INT PRIMARY KEY, v VARCHAR(100)) ENGINE=MyISAM;
       USE $DB; INSERT INTO secret SELECT seq, '$WORD' FROM seq_1_to_500;
       INSERT INTO $DB.plain VALUES (1, '${WORD}Plain'); FLUSH TABLES $DB.plain;"
# The table's pages written to its file (and the redo log holds them too).
db -e "FLUSH TABLES $DB.secret FOR EXPORT; UNLOCK TABLES;"
[[ $(db -e "SELECT COUNT(*) FROM $DB.secret WHERE v = '$WORD'") == 500 ]] \
    && ok "the server reads the rows back" || bad "the server reads the rows back"

found=$(grep -r -a -l -F "$WORD" "$DATA" 2>/dev/null)
if grep -q "plain.MYD" <<<"$found"; then
    ok "the search finds a word MariaDB wrote in clear (MyISAM)"
else
    bad "the search finds a word MariaDB wrote in clear (MyISAM): found in '$found'"
fi
clear=$(grep -v "plain.MYD" <<<"$found")
if [[ -z $clear ]]; then
    ok "the word of the InnoDB table is in no file of $DATA"
else
    bad "the word of the InnoDB table is in clear in: $clear"
fi

n=$(db -e "SELECT COUNT(*) FROM information_schema.INNODB_SYS_TABLESPACES s
           LEFT JOIN information_schema.INNODB_TABLESPACES_ENCRYPTION e ON e.SPACE = s.SPACE
           WHERE s.NAME LIKE 'motcua/%' AND COALESCE(e.ENCRYPTION_SCHEME, 0) = 0")
total=$(db -e "SELECT COUNT(*) FROM information_schema.INNODB_SYS_TABLESPACES WHERE NAME LIKE 'motcua/%'")
if [[ $n == 0 && $total -gt 20 ]]; then
    ok "every table of the application is encrypted ($total table spaces)"
else
    bad "every table of the application is encrypted: $n of $total are not"
fi
nm=$(db -e "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'motcua' AND ENGINE NOT IN ('InnoDB')")
[[ $nm == 0 ]] && ok "no table of the application in an engine that is not encrypted" \
    || bad "$nm table(s) of the application not in InnoDB"
echo "$PASS passed, $FAIL failed"
(( FAIL == 0 ))
