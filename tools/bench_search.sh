#!/usr/bin/env bash
# tools/bench_search.sh — what the search that finds what people mean costs
# (issue 14), from tools/bench.sh on its instance (B, RUNDIR, MOTCUA_CONFIG,
# TOP, DURATION, CONNS): for each kind of query, wrk on the search page
# (/dich-vu/tim-kiem?q=...) and, right after it, on the plain exact search
# (&exact=1: one FULLTEXT count and page, no synonyms, no rewriting) of the
# same name, with the ratio of the medians; then the quality suite
# (tests/e2e/search-quality.test.mjs) against the same instance: the share
# of the queries of tests/data/search-quality.tsv whose procedure comes
# first and among the first three, on the server and in search.js.
set -uo pipefail
: "${B:?} ${RUNDIR:?} ${MOTCUA_CONFIG:?} ${TOP:?}"
DURATION=${DURATION:-10}
CONNS=${CONNS:-32}
cd "$TOP" || exit 1

enc() { node -e 'process.stdout.write(encodeURIComponent(process.argv[1]))' "$1"; }

# wrk on one URL: RPS, P50, P99 (with their units), ERR.
run_wrk() {
    local out
    out=$(wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency "$1" 2>&1)
    RPS=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    P50=$(awk '$1 == "50%" {print $2}' <<<"$out")
    P99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    ERR=$(grep Non-2xx <<<"$out" | awk '{print $NF}')
}

# wrk's latency ("12.3ms", "1.2s", "800us") in ms.
ms() {
    awk -v x="$1" 'BEGIN {
        v = x + 0
        if (x ~ /us$/) v /= 1000; else if (x ~ /ms$/) v = v; else if (x ~ /s$/) v *= 1000
        printf "%.1f", v }'
}

# KIND QUERY EXACT: the search, then the exact search of EXACT.
row() {
    local kind=$1 q=$2 exact=$3 r p50 p99 err
    run_wrk "$B/dich-vu/tim-kiem?q=$(enc "$q")"
    r=$RPS p50=$P50 p99=$P99 err=$ERR
    run_wrk "$B/dich-vu/tim-kiem?q=$(enc "$exact")&exact=1"
    printf '| %s | `%s` | %s%s | %s | %s | `%s` exact: %s | %s | %s | %s× |\n' \
        "$kind" "$q" "$r" "${err:+ (non-2xx: $err)}" "$p50" "$p99" "$exact" \
        "$RPS" "$P50" "$P99" \
        "$(awk -v a="$(ms "$p50")" -v b="$(ms "$P50")" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "?" }')"
}

echo "| kind | query | requests/s | p50 | p99 | against (same run) | requests/s | p50 | p99 | p50 ratio |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
row "as typed, diacritics" "đăng ký kết hôn" "đăng ký kết hôn"
row "no diacritics, i for y" "dang ki ket hon" "đăng ký kết hôn"
row "everyday words (synonym)" "giấy độc thân" "giấy xác nhận tình trạng hôn nhân"
row "run together" "dangkykethon" "đăng ký kết hôn"
row "typo" "dang ky khai snh" "đăng ký khai sinh"
row "some words match (ranked by weight)" "đăng ký kết hôn xyzxyz" "đăng ký kết hôn"
row "English (synonym)" "birth registration" "đăng ký khai sinh"
row "code" "1.000894" "1.000894"
echo

# The quality suite against this instance.
out=$(BASE_URL=$B RUNDIR=$RUNDIR MOTCUA_CONFIG=$MOTCUA_CONFIG TOP=$TOP \
    node --test --test-reporter=spec tests/e2e/search-quality.test.mjs 2>&1)
echo "Quality (\`tests/e2e/search-quality.test.mjs\`, same instance):"
echo
grep -E '^[[:space:]]*(server|js): [0-9]+ queries' <<<"$out" | sed 's/^/    /'
