#!/usr/bin/env bash
# tools/bench_backup.sh — backup and restore time per GB (issue 15), on the
# instance MOTCUA_CONFIG names, filled beforehand (a quiet one: e.g.
# `MOTCUA_DB_BUFFER_POOL=1G PORT=18471 make run` then
# `bin/motcua gen --dossiers 260000`, about 1 GiB of InnoDB files):
#
#   1. `bin/motcua backup DEST`, hot, while the instance runs;
#   2. a fresh instance (RESTORE_PORT, its own RUNDIR, the source's keys:
#      MOTCUA_DB_KEY_DIR and MOTCUA_FILES_KEY_FILE) started once to exist,
#      then stopped;
#   3. `bin/motcua restore DEST` into it (prepare, copy back, files back);
#   4. the restored instance started (`tools/instance.sh start`, no import)
#      and its dossiers, events and steps counted against the source's.
#
# Prints a Markdown table: bytes, seconds and seconds per GB (GB = 10^9
# bytes of the source's data folder and attachment store). Not part of
# `make test` (minutes per GB). KEEP=1 keeps the backup and the restored
# instance. Exit 0 when the restored counts are the source's, else 1.
set -euo pipefail
TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
CONF=${MOTCUA_CONFIG:?MOTCUA_CONFIG: the filled instance to back up}
conf() { sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*\([^[:space:]#]*\).*/\1/p" "$CONF" | tail -n 1; }
SRC_RUN=$(conf run_dir)
SRC_FILES=$(conf files_dir)
SRC_KEYS=$SRC_RUN/mysql/keys
SRC_FILES_KEY=$(conf files_key_file)
RESTORE_PORT=${RESTORE_PORT:-18472}
[[ -z $(ss -Hltn "sport = :$RESTORE_PORT" 2>/dev/null) ]] || { echo "bench_backup: port $RESTORE_PORT in use (RESTORE_PORT=)" >&2; exit 2; }
WORK=$(mktemp -d /tmp/motcua-bkbench-XXXXXX)
chmod 0755 "$WORK"
DEST=$WORK/backups
R=$WORK/run
inst() {
    PORT=$RESTORE_PORT RUNDIR=$R MOTCUA_NO_LINK=1 MOTCUA_SKIP_IMPORT=1 \
        MOTCUA_DB_KEY_DIR=$SRC_KEYS MOTCUA_FILES_KEY_FILE=$SRC_FILES_KEY \
        MOTCUA_DB_BUFFER_POOL=${MOTCUA_DB_BUFFER_POOL:-256M} "$TOP/tools/instance.sh" "$@"
}
cleanup() {
    [[ ${KEEP:-0} == 1 ]] && { echo "kept: $WORK (stop: PORT=$RESTORE_PORT RUNDIR=$R tools/instance.sh stop)"; return; }
    inst stop >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT
counts() { # counts CNF
    mariadb --defaults-file="$1" --batch --skip-column-names motcua -e \
        "SELECT (SELECT COUNT(*) FROM dossiers), (SELECT COUNT(*) FROM dossier_events), (SELECT COUNT(*) FROM dossier_steps)"
}
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
per_gb() { awk -v s="$1" -v n="$2" 'BEGIN { printf "%.0f", s / (n / 1e9) }'; }

data_bytes=$(du -sb "$SRC_RUN/mysql/data" | cut -f1)
files_bytes=$(du -sb "$SRC_FILES" | cut -f1)
bytes=$(( data_bytes + files_bytes ))
src_counts=$(counts "$SRC_RUN/mysql/my.cnf")
echo "bench_backup: source $SRC_RUN: $data_bytes bytes of data, $files_bytes of attachments; dossiers events steps: $src_counts"

t0=$(now)
MOTCUA_CONFIG=$CONF "$TOP/bin/motcua" backup "$DEST" > "$WORK/backup.log" 2>&1 || { cat "$WORK/backup.log"; exit 1; }
t1=$(now)
bk_bytes=$(du -sb "$DEST" | cut -f1)

inst start > "$WORK/fresh.log" 2>&1 || { tail -n 30 "$WORK/fresh.log"; exit 1; }
inst stop > /dev/null 2>&1
t2=$(now)
MOTCUA_CONFIG=$R/motcua.conf "$TOP/bin/motcua" restore "$DEST" > "$WORK/restore.log" 2>&1 || { cat "$WORK/restore.log"; exit 1; }
t3=$(now)
inst start > "$WORK/start.log" 2>&1 || { tail -n 30 "$WORK/start.log"; exit 1; }
t4=$(now)
dst_counts=$(counts "$R/mysql/my.cnf")

cat <<EOF

| step | bytes | time (s) | s per GB of source |
| --- | --- | --- | --- |
| \`bin/motcua backup DEST\` (hot: mariadb-backup + attachments) | $bytes source, $bk_bytes backup | $(secs "$t0" "$t1") | $(per_gb "$(secs "$t0" "$t1")" "$bytes") |
| \`bin/motcua restore DEST\` (prepare, copy back, files back) into a fresh instance | $bk_bytes | $(secs "$t2" "$t3") | $(per_gb "$(secs "$t2" "$t3")" "$bytes") |
| the restored instance started (\`tools/instance.sh start\`, no import) | | $(secs "$t3" "$t4") | |

restored dossiers events steps: $dst_counts (source: $src_counts)
EOF
grep -E '^backup: |^restore: ' "$WORK/backup.log" "$WORK/restore.log" | sed 's/^/  /' || true
[[ $dst_counts == "$src_counts" ]]
