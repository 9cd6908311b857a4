#!/usr/bin/env bash
# tools/bench_office.sh — the back office's figures (issue 3), called by
# tools/bench.sh with a running instance: B (base URL), RUNDIR, TOP and
# MOTCUA_CONFIG in the environment. Prints Markdown table rows.
#   1. durable submissions/s through Apache (POST /api/v1/dossiers with a
#      PDF, CONNS connections) against the raw rate of the same INSERTs +
#      COMMIT straight from C (build/load/raw_insert), as a ratio;
#   2. transitions/s through Apache (accept, each request another dossier);
#   3. the inbox page's latency with 100,000 open dossiers in the agency.
# SUBMIT_ONLY=1: part 1 alone (one agency, then 50 wards), e.g. against a
# running instance: B=http://127.0.0.1:PORT RUNDIR=/tmp/motcua-PORT TOP=$PWD
# MOTCUA_CONFIG=$RUNDIR/motcua.conf SUBMIT_ONLY=1 tools/bench_office.sh
set -uo pipefail
cd "$TOP" || exit 1
DURATION=${DURATION:-10}
CONNS=${CONNS:-32}
SQL="mariadb --defaults-file=$RUNDIR/mysql/my.cnf -N -B motcua -e"
LUA=$RUNDIR/bench-lua
mkdir -p "$LUA"

read -r PROC AGENCY AGENCY_CODE < <($SQL "SELECT p.id, a.id, a.code
    FROM procedures p JOIN agencies a ON a.id = p.agency_id
    WHERE p.code = '1.000390'")
token() { bin/motcua token create --email "$1" 2>/dev/null | grep -Eo '^[0-9a-f]{64}$'; }
CITIZEN=$(token citizen@motcua.test)
RECEIVER=$(token receiver@motcua.test)

# wrk's requests/s, p50, p99 and non-2xx count of a run.
wrk_row() {
    local name=$1 cmd=$2 out rps p50 p99 errs
    out=$(eval "$cmd" 2>&1)
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    errs=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
    printf '| %s | `%s` | %s | %s | %s |%s\n' "$name" \
        "${cmd//$RUNDIR/\$RUNDIR}" "$rps" "$p50" "$p99" \
        "${errs:+ ($errs non-2xx)}"
    echo "$rps" >"$LUA/last"
}

# 1. Submissions.
raw=$(MOTCUA_CONFIG=$MOTCUA_CONFIG build/load/raw_insert "$CONNS" 200 \
    "$PROC" "$AGENCY" "$AGENCY_CODE")

raw_rate=$(grep -Eo '= [0-9]+/s' <<<"$raw" | grep -Eo '[0-9]+')
cat >"$LUA/submit.lua" <<LUAEOF
wrk.method = "POST"
local b = "----motcuabench"
wrk.headers["Authorization"] = "Bearer $CITIZEN"
wrk.headers["Content-Type"] = "multipart/form-data; boundary=" .. b
wrk.body = "--" .. b .. "\r\nContent-Disposition: form-data; name=\"procedure\"\r\n\r\n1.000390\r\n"
  .. "--" .. b .. "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n\r\n"
  .. "--" .. b .. "--\r\n"
LUAEOF
echo "| what | command | requests/s | p50 | p99 |"
echo "| --- | --- | --- | --- | --- |"
wrk_row "durable submissions through Apache" \
    "wrk -t2 -c$CONNS -d${DURATION}s --latency -s $LUA/submit.lua $B/api/v1/dossiers"
sub_rate=$(cat "$LUA/last")
printf '| raw INSERT + COMMIT from C, %s connections (ceiling) | `build/load/raw_insert %s 200 ...` | %s | | |\n' \
    "$CONNS" "$CONNS" "$raw_rate"
printf '| submissions through Apache / raw ceiling | | %s | | |\n' \
    "$(awk -v a="$sub_rate" -v b="$raw_rate" 'BEGIN {printf "%.2f", a / b}')"

# 1b. Submissions spread over 50 wards (a commune-level procedure), and
# the raw ceiling spread the same way.
read -r WPROC WCODE < <($SQL "SELECT id, code FROM procedures
    WHERE level_commune = 1 AND online = 1 ORDER BY code = '1.001193' DESC,
    code LIMIT 1")
$SQL "SELECT id, code FROM agencies WHERE kind = 'ward'
    AND (valid_to IS NULL OR valid_to >= CURDATE()) ORDER BY id LIMIT 50" >"$LUA/wards"
raw50=$(MOTCUA_CONFIG=$MOTCUA_CONFIG build/load/raw_insert "$CONNS" 200 \
    "$WPROC" $(tr '\t\n' '  ' <"$LUA/wards"))
raw50_rate=$(grep -Eo '= [0-9]+/s' <<<"$raw50" | grep -Eo '[0-9]+')
cat >"$LUA/submit50.lua" <<LUAEOF
local wards = {}
for line in io.lines("$LUA/wards") do wards[#wards + 1] = line:match("\t(.*)") end
local counter = 0
function setup(thread) thread:set("offset", counter); counter = counter + 1 end
wrk.method = "POST"
local b = "----motcuabench"
wrk.headers["Authorization"] = "Bearer $CITIZEN"
wrk.headers["Content-Type"] = "multipart/form-data; boundary=" .. b
local i = 0
request = function()
  i = i + 1
  local w = wards[(i * 2 + (offset or 0)) % #wards + 1]
  local body = "--" .. b .. "\r\nContent-Disposition: form-data; name=\"procedure\"\r\n\r\n$WCODE\r\n"
    .. "--" .. b .. "\r\nContent-Disposition: form-data; name=\"agency\"\r\n\r\n" .. w .. "\r\n"
    .. "--" .. b .. "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n\r\n"
    .. "--" .. b .. "--\r\n"
  return wrk.format(nil, nil, nil, body)
end
LUAEOF
wrk_row "durable submissions through Apache, spread over 50 wards" \
    "wrk -t2 -c$CONNS -d${DURATION}s --latency -s $LUA/submit50.lua $B/api/v1/dossiers"
sub50_rate=$(cat "$LUA/last")
printf '| raw INSERT + COMMIT from C, %s connections over 50 wards (ceiling) | `build/load/raw_insert %s 200 PROC ID CODE ...` | %s | | |\n' \
    "$CONNS" "$CONNS" "$raw50_rate"
printf '| submissions over 50 wards / raw ceiling | | %s | | |\n' \
    "$(awk -v a="$sub50_rate" -v b="$raw50_rate" 'BEGIN {printf "%.2f", a / b}')"
[[ ${SUBMIT_ONLY:-0} == 1 ]] && exit 0

# 2. Transitions: accept dossiers waiting at status 1, one per request.
$SQL "SELECT code FROM dossiers WHERE agency_id = $AGENCY AND status = 1
    ORDER BY id" >"$LUA/codes"
cat >"$LUA/accept.lua" <<LUAEOF
local codes = {}
for line in io.lines("$LUA/codes") do codes[#codes + 1] = line end
local counter = 0
function setup(thread)
  thread:set("offset", counter)
  counter = counter + 1
end
wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer $RECEIVER"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"action":"accept"}'
local i = 0
request = function()
  i = i + 1
  local n = (i * 2 + (offset or 0)) % #codes + 1
  return wrk.format(nil, "/api/v1/dossiers/" .. codes[n] .. "/transitions")
end
LUAEOF
wrk_row "transitions (accept) through Apache" \
    "wrk -t2 -c$CONNS -d${DURATION}s --latency -s $LUA/accept.lua $B"
printf '| dossiers waiting when the run started | | %s | | |\n' "$(wc -l <"$LUA/codes")"

# 3. The inbox with 100,000 open dossiers in the agency.
$SQL "INSERT INTO dossiers (code, procedure_id, agency_id, current_agency_id,
    applicant_name, applicant_id_number, channel, status, form_data,
    submitted_at, updated_at, received_at, due_at, current_step,
    step_due_at, step_warn_at)
  SELECT CONCAT('$AGENCY_CODE-BENCH-', seq), $PROC, $AGENCY, $AGENCY,
    CONCAT('Người nộp ', seq), LPAD(seq, 12, '0'), 2, 4, '{}',
    NOW() - INTERVAL seq MINUTE, NOW(), NOW() - INTERVAL seq MINUTE,
    NOW() + INTERVAL (CAST(seq AS SIGNED) % 300) HOUR, 2,
    NOW() + INTERVAL (CAST(seq AS SIGNED) % 300 - 24) HOUR,
    NOW() + INTERVAL (CAST(seq AS SIGNED) % 300 - 30) HOUR
  FROM seq_1_to_100000"
open=$($SQL "SELECT COUNT(*) FROM dossiers WHERE current_agency_id = $AGENCY
    AND status IN (1, 2, 4, 5, 6, 9)")
# Rows written outside the domain: the counters rebuilt from the dossiers
# (the worker would also count them within seconds).
start=$(date +%s.%N)
bin/motcua counters rebuild >/dev/null
printf '| counters rebuilt from every dossier (`bin/motcua counters rebuild`) | | %.2f s | | |\n' \
    "$(awk "BEGIN {print $(date +%s.%N) - $start}")"
J=$LUA/cookies
csrf=$(curl -s -c "$J" -b "$J" "$B/dich-vu/dang-nhap" | grep -o 'name="csrf" value="[0-9a-f]*"' | head -1 | sed 's/.*value="//;s/"//')
curl -s -c "$J" -b "$J" -o /dev/null -d "csrf=$csrf&login=receiver@motcua.test&password=MotCua@2026" "$B/dich-vu/dang-nhap"
cookie=$(awk '$6 == "mc_session" {print $7}' "$J")
wrk_row "inbox page, $open open dossiers in the agency" \
    "wrk -t2 -c8 -d${DURATION}s --latency -H 'Cookie: mc_session=$cookie' $B/can-bo/"
wrk_row "inbox page filtered by ID number (search)" \
    "wrk -t2 -c8 -d${DURATION}s --latency -H 'Cookie: mc_session=$cookie' '$B/can-bo/?q=000000054321'"
wrk_row "inbox page filtered by status (4, in processing)" \
    "wrk -t2 -c8 -d${DURATION}s --latency -H 'Cookie: mc_session=$cookie' '$B/can-bo/?status=4'"
# Page 50 as the officer reaches it (the "next" link carries the key of
# the last row of page 49: keyset, no OFFSET), and by ?page=50 (OFFSET, the
# older links) for comparison.
key50=$($SQL "SELECT CONCAT(COALESCE(DATE_FORMAT(step_due_at, '%Y%m%d%H%i%s'), '0'), '_', id)
    FROM dossiers WHERE current_agency_id = $AGENCY AND is_open = 1
    ORDER BY step_due_at, id LIMIT 1 OFFSET 2449")
wrk_row "inbox page 50 (next link: after the key of page 49's last row)" \
    "wrk -t2 -c8 -d${DURATION}s --latency -H 'Cookie: mc_session=$cookie' '$B/can-bo/?after=$key50'"
wrk_row "inbox page 50 by ?page=50 (OFFSET 2,450, older links)" \
    "wrk -t2 -c8 -d${DURATION}s --latency -H 'Cookie: mc_session=$cookie' '$B/can-bo/?page=50'"
csrf=$(curl -s -c "$J.l" -b "$J.l" "$B/dich-vu/dang-nhap" | grep -o 'name="csrf" value="[0-9a-f]*"' | head -1 | sed 's/.*value="//;s/"//')
curl -s -c "$J.l" -b "$J.l" -o /dev/null -d "csrf=$csrf&login=leader@motcua.test&password=MotCua@2026" "$B/dich-vu/dang-nhap"
lcookie=$(awk '$6 == "mc_session" {print $7}' "$J.l")
wrk_row "leader's overview (counts of the agency and those under it, overdue and due-soon lists)" \
    "wrk -t2 -c8 -d${DURATION}s --latency -H 'Cookie: mc_session=$lcookie' $B/can-bo/lanh-dao"
