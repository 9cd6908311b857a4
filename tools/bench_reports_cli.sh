#!/usr/bin/env bash
# tools/bench_reports_cli.sh DB: the statistics report's own cost on the
# database DB of the instance RUNDIR (default /tmp/motcua-8403; issue 11):
# `motcua stats-report` (what /can-bo/thong-ke computes, without the page)
# for 2 periods (this month, last year) x 3 scopes (the city, the busiest
# department, the busiest ward) x 4 groupings, plus ten years by month (the
# city, the department). Prints the median and 95th percentile (ms) per
# grouping. A database of N generated dossiers beside the instance's:
# create it, `motcua migrate`, copy fields, agencies, agency_successors and
# procedures from the instance's (as tests/shell/stats_flat.sh does), then
# `MOTCUA_DB_NAME=DB bin/motcua gen --dossiers N --seed 1`.
set -uo pipefail
DB=${1:?usage: tools/bench_reports_cli.sh DB}
R=${RUNDIR:-/tmp/motcua-8403}
TOP=${TOP:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)}
export MOTCUA_CONFIG=$R/motcua.conf MOTCUA_DB_NAME=$DB
SQL() { mariadb --defaults-file="$R/mysql/my.cnf" -N "$DB" -e "$1"; }
busiest() { # busiest KIND: the agency of that kind with the most dossiers
    SQL "SELECT d.agency_id FROM dossiers d JOIN agencies a ON a.id = d.agency_id
        WHERE a.kind = '$1' AND a.valid_to IS NULL GROUP BY d.agency_id
        ORDER BY COUNT(*) DESC LIMIT 1"
}
DEPT=$(busiest department) WARD=$(busiest ward)
Y=$(date -d yesterday +%F) LY=$(( $(date +%Y) - 1 ))
one() { # one BY FROM TO AGENCY: prints "BY seconds"
    local s e
    s=$(date +%s.%N)
    "$TOP/bin/motcua" stats-report --by "$1" --from "$2" --to "$3" --agency "$4" >/dev/null
    e=$(date +%s.%N)
    awk -v by="$1" -v a="$s" -v b="$e" 'BEGIN { print by, b - a }'
}
for by in agency procedure channel month; do
    for p in "$(date -d yesterday +%Y-%m-01):$Y" "$LY-01-01:$LY-12-31"; do
        for ag in 0 "$DEPT" "$WARD"; do one "$by" "${p%:*}" "${p#*:}" "$ag"; done
    done
    if [[ $by == month ]]; then
        for ag in 0 "$DEPT"; do one month "$(date -d '-10 years' +%F)" "$Y" "$ag"; done
    fi
done | awk '{ v[$1] = v[$1] " " $2 }
    END { for (k in v) { n = split(v[k], a, " "); asort(a); p = int(n * 0.95 + 0.999)
        printf "%s: %d asked, median %.0f ms, p95 %.0f ms\n", k, n, a[int((n + 1) / 2)] * 1000, a[p] * 1000 } }'
