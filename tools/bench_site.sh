#!/usr/bin/env bash
# tools/bench_site.sh — the public site's figures for BENCHMARKS.md ("Public
# site (issue 4)"), measured in one run on this machine:
#
#   1, 2. full rebuild of the catalogue (every procedure, both languages,
#      every index page) by bin/motcua site --full against Hugo (Debian's
#      hugo) building the same pages from the same data exported as
#      Markdown (tools/bench_site/export.py) with a comparable template
#      (tools/bench_site/hugo/): best of 3 each, alternating, into an empty
#      folder in memory (tmpfs), into an empty folder on disk, and over
#      their own previous output; the ratios;
#   3. the full rebuild over an up-to-date site (nothing written);
#   4. an incremental run after one procedure changed: time, pages rendered
#      and files written;
#   5. static page throughput through Apache with wrk (plain and gzip).
#
# Called by tools/bench.sh with its instance (MOTCUA_CONFIG, RUNDIR, PORT set),
# or alone: then it starts a throwaway instance like tools/bench.sh does.
# Prints Markdown. Knobs: DURATION (wrk seconds, default 10), CONNS (32).
set -uo pipefail
umask 022

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$TOP" || exit 1
DURATION=${DURATION:-10}
CONNS=${CONNS:-32}
OWN=0

if [[ -z ${MOTCUA_CONFIG:-} || -z ${RUNDIR:-} || -z ${PORT:-} ]]; then
    OWN=1
    for _ in $(seq 1 200); do
        PORT=$(( 20000 + RANDOM % 20000 ))
        [[ -z $(ss -Hltn "sport = :$PORT" 2>/dev/null) ]] && break
    done
    RUNDIR=$(mktemp -d /tmp/motcua-bench-site-XXXXXX)
    chmod 0755 "$RUNDIR"
    export PORT RUNDIR MOTCUA_NO_LINK=1 MOTCUA_CONFIG=$RUNDIR/motcua.conf
    echo "bench_site: starting an instance on port $PORT" >&2
    tools/instance.sh start >"$RUNDIR/setup.log" 2>&1 || { tail -30 "$RUNDIR/setup.log" >&2; exit 1; }
fi
export MOTCUA_CONFIG
B=http://127.0.0.1:$PORT
WORK=$(mktemp -d /tmp/motcua-bench-site-work-XXXXXX)
cleanup() {
    rm -rf "$WORK"
    [[ -n ${SHM:-} ]] && rm -rf "$SHM"
    if (( OWN )); then tools/instance.sh stop >/dev/null 2>&1; rm -rf "$RUNDIR"; fi
}
trap cleanup EXIT
SQL() { mariadb --defaults-file="$RUNDIR/mysql/my.cnf" --batch --raw --skip-column-names motcua -e "$1"; }
now() { date +%s.%N; }
secs() { awk "BEGIN { printf \"%.2f\", $2 - $1 }"; }
best() { sort -n | head -1; }

# ------------------------------------------------------------ 1, 2: ours, Hugo
# Hugo's input: the same data as Markdown.
SQL "SELECT JSON_OBJECT('code', p.code, 'name', p.name, 'field', f.name,
  'field_en', f.name_en, 'field_slug', f.slug, 'province', p.level_province,
  'commune', p.level_commune, 'online', p.online,
  'service', IFNULL(p.service_level, 'none'), 'agency', a.name,
  'agency_en', a.name_en, 'agency_code', a.code, 'type', p.procedure_type,
  'subjects', p.subjects, 'implementing', p.implementing,
  'competent', p.competent, 'decision', p.decision_no, 'steps', p.steps_text,
  'conditions', p.conditions_text, 'result', p.result_text,
  'updated', DATE_FORMAT(p.updated_at, '%Y-%m-%d %H:%i:%s'),
  'channels', (SELECT JSON_ARRAYAGG(JSON_OBJECT('channel', c.channel,
     'time', c.time_text, 'fee', c.fee_text, 'fee_desc', c.fee_description)
     ORDER BY c.seq) FROM procedure_channels c WHERE c.procedure_id = p.id),
  'documents', (SELECT JSON_ARRAYAGG(JSON_OBJECT('group', d.group_name,
     'name', d.name, 'originals', d.originals, 'copies', d.copies,
     'template', d.has_template) ORDER BY d.seq)
     FROM procedure_documents d WHERE d.procedure_id = p.id),
  'legal', (SELECT JSON_ARRAYAGG(JSON_OBJECT('number', l.doc_number,
     'title', l.title) ORDER BY l.seq) FROM procedure_legal l
     WHERE l.procedure_id = p.id))
  FROM procedures p JOIN fields f ON f.id = p.field_id
  LEFT JOIN agencies a ON a.id = p.agency_id ORDER BY f.name, p.name" >"$WORK/catalogue.jsonl"
wards=$(SQL "SELECT JSON_ARRAYAGG(JSON_OBJECT('code', code, 'name', name, 'name_en', name_en)) FROM agencies WHERE kind = 'ward'")
cp -a tools/bench_site/hugo "$WORK/hugo"
python3 tools/bench_site/export.py "$WORK/hugo" "$wards" <"$WORK/catalogue.jsonl"
hugo_version=$(hugo version | cut -d' ' -f2)

# ours DIR KEEP / hugo DIR KEEP: one build into DIR (emptied first unless
# KEEP), its wall time in seconds on stdout.
ours() {
    (( $2 )) || rm -rf "$1"
    mkdir -p "$(dirname "$1")"
    local t0 t1; t0=$(now)
    MOTCUA_SITE_DIR=$1 bin/motcua site --full >"$WORK/ours.last" 2>&1 || { cat "$WORK/ours.last" >&2; exit 1; }
    t1=$(now); secs "$t0" "$t1"; echo
}
hugo_build() {
    (( $2 )) || rm -rf "$1" "$WORK/hugo/resources"
    local t0 t1; t0=$(now)
    hugo --quiet -s "$WORK/hugo" -d "$1" >"$WORK/hugo.log" 2>&1 || { tail -20 "$WORK/hugo.log" >&2; exit 1; }
    t1=$(now); secs "$t0" "$t1"; echo
}
# compare NAME DIR KEEP: best of 3 of each, alternating; a table row.
compare() {
    local name=$1 dir=$2 keep=$3 o h i
    : >"$WORK/o.t"; : >"$WORK/h.t"
    for i in 1 2 3; do
        ours "$dir/ours" "$keep" >>"$WORK/o.t"
        hugo_build "$dir/hugo" "$keep" >>"$WORK/h.t"
    done
    o=$(best <"$WORK/o.t"); h=$(best <"$WORK/h.t")
    printf '| %s | %s s | %s s | **%s×** |\n' "$name" "$o" "$h" \
        "$(awk "BEGIN { printf \"%.1f\", $h / $o }")" >>"$WORK/compare.md"
}
: >"$WORK/compare.md"
SHM=""
if [[ -d /dev/shm && -w /dev/shm ]]; then
    SHM=$(mktemp -d /dev/shm/motcua-bench-site-XXXXXX)
    compare "into an empty folder in memory (tmpfs)" "$SHM" 0
    rm -rf "$SHM"
fi
compare "into an empty folder on disk (ext4)" "$WORK/disk" 0
compare "over their own output of the run before (on disk)" "$WORK/disk" 1
ours_line=$(tail -1 "$WORK/ours.last")
ours_files=$(find "$WORK/disk/ours" -type f -name '*.html' | wc -l)
ours_mb=$(du -sm "$WORK/disk/ours" | cut -f1)
hugo_files=$(find "$WORK/disk/hugo" -type f -name '*.html' | wc -l)
hugo_mb=$(du -sm "$WORK/disk/hugo" | cut -f1)

# ------------------------------------------------------------ 3. up to date
t0=$(now)
same=$(bin/motcua site --full 2>&1 | tail -1)
t1=$(now)
same_s=$(secs "$t0" "$t1")

# ------------------------------------------------------------ 4. one change
# Make the catalogue older than the generator's margin (sitegen_margin, an
# hour), settle, then change one procedure as a webmaster would.
SQL "UPDATE procedures SET updated_at = updated_at - INTERVAL 2 DAY;
     UPDATE faqs SET updated_at = updated_at - INTERVAL 2 DAY;
     UPDATE news SET updated_at = updated_at - INTERVAL 2 DAY"
bin/motcua site --full >/dev/null 2>&1
bin/motcua site >/dev/null 2>&1
SQL "UPDATE procedures SET service_level = 'partial', updated_at = NOW() WHERE code = '1.001193'"
t0=$(now)
inc=$(bin/motcua site 2>&1 | tail -1)
t1=$(now)
inc_s=$(secs "$t0" "$t1")
SQL "UPDATE procedures SET service_level = NULL, updated_at = NOW() WHERE code = '1.001193'"
bin/motcua site >/dev/null 2>&1

# ------------------------------------------------------------ 5. wrk
measure() { # measure NAME URL [HEADER]
    local out rps p50 p99
    if [[ -n ${3:-} ]]; then
        out=$(wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency -H "$3" "$2" 2>&1)
    else
        out=$(wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency "$2" 2>&1)
    fi
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    grep -q Non-2xx <<<"$out" && rps="$rps (errors)"
    printf '| %s | `wrk -t2 -c%s -d%ss --latency%s %s` | %s | %s | %s |\n' \
        "$1" "$CONNS" "$DURATION" "${3:+ -H '$3'}" "${2#$B}" "$rps" "$p50" "$p99"
}

page=$(curl -s -o /dev/null -w '%{size_download}' "$B/thu-tuc/1.001193.html")
gz=$(curl -s --compressed -o /dev/null -w '%{size_download}' -H 'Accept-Encoding: gzip' "$B/thu-tuc/1.001193.html")

echo "### Full rebuild against Hugo"
echo
echo "Every procedure in both languages and every index page: Một Cửa writes $ours_files HTML files ($ours_mb MB), Hugo $hugo_version $hugo_files ($hugo_mb MB). Best of 3 each, alternating."
echo
echo "| where | \`bin/motcua site --full\` | \`hugo -s DIR -d OUT\` | Hugo takes |"
echo "| --- | --- | --- | --- |"
cat "$WORK/compare.md"
echo
echo "Our last summary line: \`$ours_line\`."
echo
echo "### Regeneration"
echo
echo "| run | wall time | generator's summary |"
echo "| --- | --- | --- |"
echo "| full, nothing changed (\`--full\` over an up-to-date site) | $same_s s | \`$same\` |"
echo "| incremental after one procedure changed | $inc_s s | \`$inc\` |"
echo
echo "### Static pages through Apache"
echo
echo "A procedure page (1.001193): $page bytes, $gz bytes gzip-compressed."
echo
echo "| what | command | requests/s | p50 | p99 |"
echo "| --- | --- | --- | --- | --- |"
measure "procedure page" "$B/thu-tuc/1.001193.html"
measure "procedure page, gzip" "$B/thu-tuc/1.001193.html" "Accept-Encoding: gzip"
measure "English procedure page, gzip" "$B/en/thu-tuc/1.001193.html" "Accept-Encoding: gzip"
measure "home page, gzip" "$B/" "Accept-Encoding: gzip"
echo
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr); load $(cut -d' ' -f1-3 /proc/loadavg)"
