#!/usr/bin/env bash
# tools/bench_register_jobs.sh [N]: how fast a register's Word and PDF files
# are built by export jobs (issue 11), on the instance RUNDIR (default
# /tmp/motcua-8444): a ward of the run's own with N closed dossiers (default
# 300,000, one every 30 seconds from 1 March 2015) inserted by SQL, a
# leader of it, then for each format a job row claimed by "bench" (as the
# worker claims one) built by `bin/office -x ID -h bench` under
# /usr/bin/time: rows written, seconds, rows a second, the builder's peak
# RSS and the file's size, one Markdown table line a format. The ward's
# dossiers, jobs and files are removed afterwards (the ward closed).
set -euo pipefail
N=${1:-300000}
R=${RUNDIR:-/tmp/motcua-8444}
TOP=${TOP:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)}
export MOTCUA_CONFIG=$R/motcua.conf
SQL() { mariadb --defaults-file="$R/mysql/my.cnf" -N motcua -e "$1"; }
tag=bj$$x$RANDOM
code="BJ.$tag"
SQL "INSERT INTO agencies (code, kind, name, name_en, valid_from)
    VALUES ('$code', 'ward', 'Phường Đo Xuất $tag', 'Bench ward $tag', '2014-01-01')"
W=$(SQL "SELECT id FROM agencies WHERE code = '$code'")
PROC=$(SQL "SELECT MIN(id) FROM procedures")
cleanup() {
    while [[ $(SQL "DELETE FROM dossiers WHERE agency_id = $W LIMIT 50000; SELECT ROW_COUNT()") != 0 ]]; do :; done
    for id in $(SQL "SELECT id FROM export_jobs WHERE agency_id = $W"); do
        rm -f "$R"/files/exports/"$id".* 2>/dev/null || true
    done
    SQL "DELETE FROM export_jobs WHERE agency_id = $W"
    SQL "UPDATE agencies SET valid_to = CURDATE() - INTERVAL 1 DAY WHERE id = $W"
}
trap cleanup EXIT
SQL "INSERT INTO dossiers (code, procedure_id, agency_id, current_agency_id, applicant_name,
    applicant_id_number, channel, status, form_data, submitted_at, received_at, due_at,
    finished_at, returned_at, return_method, updated_at)
    SELECT CONCAT('BJ-$tag-', LPAD(seq, 7, '0')), $PROC, $W, $W, CONCAT('Người Đo Xuất ', seq),
    '079100000000', 2, 10, '{}', '2015-03-01' + INTERVAL seq * 30 SECOND,
    '2015-03-01' + INTERVAL seq * 30 SECOND, '2015-03-06' + INTERVAL seq * 30 SECOND,
    '2015-03-03' + INTERVAL seq * 30 SECOND, '2015-03-03' + INTERVAL seq * 30 SECOND, 1, NOW()
    FROM seq_1_to_$N"
TO=$(SQL "SELECT DATE('2015-03-01' + INTERVAL $N * 30 SECOND)")
LEADER=$("$TOP/bin/motcua" user add --role leader --agency "$code" --email "bench-$tag@motcua.test" \
    --password "Pw-$tag-Bench1" --name "Lãnh Đạo Đo $tag")
echo "| format | rows | seconds | rows a second | peak RSS | file |"
echo "| --- | --- | --- | --- | --- | --- |"
for fmt in ${FORMATS:-docx pdf}; do
    SQL "INSERT INTO export_jobs (account_id, agency_id, name, format, uri, lang, state, claimed_by,
        attempts, lease_until, requested_at, started_at) VALUES ($LEADER, $W, 'bench-$fmt', '$fmt',
        '/can-bo/so-theo-doi/xuat/$fmt?agency=$W&from=2015-03-01&to=$TO', 'vi', 1, 'bench', 1,
        NOW() + INTERVAL 1 HOUR, NOW(), NOW())"
    ID=$(SQL "SELECT MAX(id) FROM export_jobs WHERE agency_id = $W AND format = '$fmt'")
    /usr/bin/time -f '%e %M' -o /tmp/bench-jobs-$$.time "$TOP/bin/office" -x "$ID" -h bench -c "$R/motcua.conf"
    read -r secs kib </tmp/bench-jobs-$$.time
    rm -f /tmp/bench-jobs-$$.time
    read -r state rows bytes < <(SQL "SELECT state, rows_done, bytes FROM export_jobs WHERE id = $ID")
    [[ $state == 2 ]] || { echo "job $ID ended in state $state" >&2; exit 1; }
    awk -v f="$fmt" -v r="$rows" -v s="$secs" -v k="$kib" -v b="$bytes" 'BEGIN {
        printf "| %s | %d | %.1f | **%d** | %.1f MB | %.1f MB |\n", f, r, s, r / s, k / 1024, b / 1048576 }'
done
