#!/usr/bin/env bash
# tests/shell/files_sweep.sh — `bin/motcua files-sweep` (issue 9: a refused
# upload may leave a file no row names) on files of its own in the test
# instance's store:
#   an old file named by no row is removed (--dry-run first names it and
#   removes nothing);
#   an old file named by an attachments row, one named only in a draft's
#   documents (form_drafts JSON), and an old one named by no row but
#   younger than --older-than are all kept;
#   a bad argument is refused.
# The instance's other files are not asserted on (other suites upload while
# this runs; the age keeps theirs safe: nothing of theirs is days old).
#
# Needs the running test instance: TOP, RUNDIR (tools/test.sh exports them)
# and MOTCUA_CONFIG. Prints "N passed, N failed".
set -uo pipefail
: "${TOP:?}" "${RUNDIR:?}" "${MOTCUA_CONFIG:?}"
PASS=0 FAIL=0
ok()  { echo "ok   $*"; PASS=$(( PASS + 1 )); }
bad() { echo "FAIL $*"; FAIL=$(( FAIL + 1 )); }

MOTCUA=$TOP/bin/motcua
SQL() { mariadb --defaults-file="$RUNDIR/mysql/my.cnf" -N motcua -e "$1"; }
FILES=$(sed -n 's/^files_dir *= *//p' "$MOTCUA_CONFIG")
[[ -d $FILES ]] || { echo "FAIL no files_dir in $MOTCUA_CONFIG"; echo "0 passed, 1 failed"; exit 1; }
OUT=$(mktemp /tmp/motcua-sweep-XXXXXX)
TAG=$$-$RANDOM-$(date +%s%N)
EMAIL="sweep-$TAG@motcua.test"
shas=()
cleanup() {
    local s
    SQL "DELETE d FROM form_drafts d JOIN accounts a ON a.id = d.account_id WHERE a.email = '$EMAIL'" 2>/dev/null
    for s in "${shas[@]}"; do
        SQL "DELETE FROM attachments WHERE sha256 = '$s'" 2>/dev/null
        rm -f "$FILES/${s:0:2}/${s:2:2}/$s" "$FILES/${s:0:2}/${s:2:2}/$s.sweep"
    done
    rm -f "$OUT"
}
trap cleanup EXIT

# A file of our own in the store, last written AGE ago ("now" or a date).
store() { # store CONTENT AGE
    local sha dir
    sha=$(printf '%s' "$1" | sha256sum | cut -c1-64)
    dir=$FILES/${sha:0:2}/${sha:2:2}
    # Owned by the programs' user, as tools/test.sh leaves the store: an
    # upload landing in a folder made here must still be written.
    install -d -o www-data -g www-data -m 0750 "${dir%/*}" "$dir"
    printf '%s' "$1" > "$dir/$sha"
    chown www-data:www-data "$dir/$sha"
    touch -d "$2" "$dir/$sha"
    shas+=("$sha")
    echo "$sha"
}
there() { [[ -f $FILES/${1:0:2}/${1:2:2}/$1 ]]; }
sweep() { "$MOTCUA" files-sweep "$@" >"$OUT" 2>&1; }

orphan=$(store "orphan $TAG" "5 days ago")
young=$(store "young $TAG" "10 hours ago")
rowtext="row $TAG"
row=$(store "$rowtext" "5 days ago")
SQL "INSERT INTO attachments (sha256, size, mime, created_at)
     VALUES ('$row', ${#rowtext}, 'application/pdf', NOW() - INTERVAL 5 DAY)"
draft=$(store "draft $TAG" "5 days ago")
IDNUM=0791$(printf '%08d' $(( (RANDOM * 32768 + RANDOM) % 100000000 )))
"$MOTCUA" user add --role citizen --id-number "$IDNUM" --email "$EMAIL" --password "Quet Don $TAG 9" --name "Quét Dọn $TAG" >/dev/null 2>&1 ||
    bad "no account for the draft"
[[ $(SQL "SELECT COUNT(*) FROM form_drafts d JOIN accounts a ON a.id = d.account_id WHERE a.email = '$EMAIL'") == 0 ]] || bad "a draft before ours"
SQL "INSERT INTO form_drafts (account_id, procedure_id, applicant, answers, documents, created_at, updated_at, expires_at)
     SELECT a.id, (SELECT MIN(id) FROM procedures), '{}', '{}',
            '{\"giay-to\": [{\"sha256\": \"$draft\", \"size\": 10, \"mime\": \"application/pdf\", \"name\": \"a.pdf\"}]}',
            NOW(), NOW(), NOW() + INTERVAL 30 DAY
     FROM accounts a WHERE a.email = '$EMAIL'"
[[ $(SQL "SELECT COUNT(*) FROM form_drafts d JOIN accounts a ON a.id = d.account_id WHERE a.email = '$EMAIL'") == 1 ]] &&
    ok "a draft naming a file of ours" || bad "no draft naming $draft"

if sweep --older-than 48 --dry-run; then
    grep -q "would remove $orphan" "$OUT" && ok "dry run: names the old file no row names" || bad "dry run: $orphan not named: $(cat "$OUT")"
    there "$orphan" && ok "dry run: removes nothing" || bad "dry run: $orphan removed"
else
    bad "dry run: exit non-zero: $(cat "$OUT")"
fi
grep -Eq "would remove ($row|$draft|$young)" "$OUT" && bad "dry run: a kept file named: $(cat "$OUT")" || ok "dry run: none of the kept files named"

if sweep --older-than 48; then
    ok "sweep: exit 0"
else
    bad "sweep: exit non-zero: $(cat "$OUT")"
fi
grep -Eq '^files-sweep: [1-9][0-9]* removed \(named by no row, older than 48 hours\), [1-9][0-9]* named by a row, [1-9][0-9]* younger' "$OUT" &&
    ok "sweep: the summary counts them" || bad "sweep: no summary: $(cat "$OUT")"
there "$orphan" && bad "sweep: the old file no row names is still there" || ok "sweep: the old file no row names is removed"
there "$row" && ok "sweep: the file an attachments row names is kept" || bad "sweep: $row (attachments row) removed"
there "$draft" && ok "sweep: the file a draft names is kept" || bad "sweep: $draft (draft) removed"
there "$young" && ok "sweep: a file younger than the age is kept" || bad "sweep: $young (10 hours old) removed"
ls "$FILES/${orphan:0:2}/${orphan:2:2}/" | grep -q '\.sweep$' && bad "sweep: a file left aside" || ok "sweep: nothing left aside"

# A younger age (still longer than a whole test run) takes the young one;
# the named ones stay.
sweep --older-than 5
there "$young" && bad "sweep --older-than 5: the 10-hour-old file stayed" || ok "sweep --older-than 5: the 10-hour-old file no row names is removed"
there "$row" && there "$draft" && ok "sweep --older-than 5: the named files are still kept" || bad "sweep --older-than 5: a named file removed"

if "$MOTCUA" files-sweep --older-than 0 >"$OUT" 2>&1; then
    bad "an age of 0 hours accepted"
else
    grep -q "usage: motcua files-sweep" "$OUT" && ok "an age of 0 hours refused with the usage" || bad "no usage: $(cat "$OUT")"
fi

echo "$PASS passed, $FAIL failed"
(( FAIL == 0 ))
