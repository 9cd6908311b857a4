#!/usr/bin/env bash
# tests/shell/consistency_check.sh — `bin/motcua check` (issue 15: after a
# restore, the application's own check beside CHECK TABLE) finds what it
# is for, on rows and files of its own in the test instance:
#   files: an attachment whose bytes do not hash to its name, one of the
#          wrong size, one missing; each named, exit non-zero; once mended,
#          no longer named;
#   steps: a dossier whose current step does not exist, then one whose step
#          ends before it starts; named by code; once removed, not named.
# Asserts on its own rows only (the instance holds what other suites left).
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
OUT=$(mktemp /tmp/motcua-check-XXXXXX)
TAG=$$-$RANDOM
CODE="KT-CHECK-$TAG"
shas=()
cleanup() {
    local s
    SQL "DELETE s FROM dossier_steps s JOIN dossiers d ON d.id = s.dossier_id WHERE d.code = '$CODE';
         DELETE FROM dossiers WHERE code = '$CODE'" 2>/dev/null
    for s in "${shas[@]}"; do
        SQL "DELETE FROM attachments WHERE sha256 = '$s'" 2>/dev/null
        rm -f "$FILES/${s:0:2}/${s:2:2}/$s"
    done
    rm -f "$OUT"
}
trap cleanup EXIT

# An attachment of our own: its row says LEN bytes hashing to SHA; the file
# holds BYTES (or nothing when BYTES is "-").
attach() { # attach CONTENT_FOR_NAME BYTES
    local sha dir
    sha=$(printf '%s' "$1" | sha256sum | cut -c1-64)
    dir=$FILES/${sha:0:2}/${sha:2:2}
    # Owned by the programs' user, as tools/test.sh leaves the store: an
    # upload landing in a folder made here must still be written.
    install -d -o www-data -g www-data -m 0750 "${dir%/*}" "$dir"
    SQL "INSERT INTO attachments (sha256, size, mime, created_at)
         VALUES ('$sha', ${#1}, 'application/pdf', NOW())"
    [[ $2 == - ]] || printf '%s' "$2" > "$dir/$sha"
    shas+=("$sha")
    echo "$sha"
}
check() { "$MOTCUA" check "$@" >"$OUT" 2>&1; }

good=$(attach "whole $TAG" "whole $TAG")
hash=$(attach "hash $TAG" "HASH $TAG")
size=$(attach "size $TAG" "size $TAG and more")
gone=$(attach "gone $TAG" -)

if check --files; then
    bad "files: exit 0 with three broken attachments: $(cat "$OUT")"
else
    ok "files: exit non-zero with broken attachments"
fi
grep -q "^files: $hash: hash" "$OUT" && ok "files: other bytes under the name: 'hash'" || bad "files: $hash not named for its hash: $(cat "$OUT")"
grep -q "^files: $size: size" "$OUT" && ok "files: a longer file: 'size'" || bad "files: $size not named for its size: $(cat "$OUT")"
grep -q "^files: $gone: missing" "$OUT" && ok "files: no file: 'missing'" || bad "files: $gone not named missing: $(cat "$OUT")"
grep -q "$good" "$OUT" && bad "files: the whole attachment $good was named: $(cat "$OUT")" || ok "files: the whole attachment is not named"
grep -Eq '^files: [0-9]+ attachment\(s\) read, [1-9][0-9]* not whole \([1-9][0-9]* missing: a row with no file' "$OUT" && ok "files: the summary counts them, the rows with no file apart" || bad "files: no summary: $(cat "$OUT")"

# Mended: the right bytes put back.
for s in "$hash" "$size" "$gone"; do
    case $s in
        "$hash") c="hash $TAG" ;; "$size") c="size $TAG" ;; *) c="gone $TAG" ;;
    esac
    printf '%s' "$c" > "$FILES/${s:0:2}/${s:2:2}/$s"
done
check --files
if grep -Eq "$hash|$size|$gone" "$OUT"; then
    bad "files: mended attachments still named: $(cat "$OUT")"
else
    ok "files: once mended, none of ours is named"
fi

# Steps: a returned dossier of our own pointing at a step it lacks.
SQL "INSERT INTO dossiers (code, procedure_id, agency_id, applicant_name, applicant_id_number,
       channel, status, form_data, submitted_at, updated_at, current_step)
     SELECT '$CODE', p.id, a.id, 'Kiểm Tra', '079000000000', 1, 10, '{}', NOW(), NOW(), 99
     FROM procedures p, agencies a ORDER BY p.id, a.id LIMIT 1"
if check --steps; then
    bad "steps: exit 0 with a missing current step: $(cat "$OUT")"
else
    grep -q "current step missing: .*$CODE" "$OUT" && ok "steps: a missing current step names the dossier" ||
        bad "steps: $CODE not named: $(cat "$OUT")"
fi
# The step exists now, but ends an hour before it starts.
SQL "INSERT INTO dossier_steps (dossier_id, seq, name, role, agency_id, minutes, started_at, finished_at)
     SELECT id, 99, 'Kiểm tra', 'receiver', agency_id, 60, NOW(), NOW() - INTERVAL 1 HOUR
     FROM dossiers WHERE code = '$CODE'"
check --steps
grep -q "current step missing: .*$CODE" "$OUT" && bad "steps: $CODE still named missing: $(cat "$OUT")" || ok "steps: with its step, no longer missing"
grep -q "ends before it starts: .*$CODE" "$OUT" && ok "steps: a step ending before it starts names the dossier" ||
    bad "steps: $CODE not named for its step: $(cat "$OUT")"
SQL "UPDATE dossier_steps s JOIN dossiers d ON d.id = s.dossier_id
     SET s.finished_at = s.started_at + INTERVAL 1 HOUR WHERE d.code = '$CODE'"
check --steps
grep -q "$CODE" "$OUT" && bad "steps: mended, $CODE still named: $(cat "$OUT")" || ok "steps: once mended, not named"

echo "$PASS passed, $FAIL failed"
(( FAIL == 0 ))
