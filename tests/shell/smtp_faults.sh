#!/usr/bin/env bash
# tests/shell/smtp_faults.sh — e-mail is delivered at least once when the
# mail server fails in the middle of a delivery (issue 15). A private
# MariaDB (migrated by bin/motcua), the outbox worker (bin/worker) and
# tests/shell/smtp_faults.py, an SMTP server that fails on purpose the
# first time it sees each of these messages:
#   temp  451 after the whole message (refused for now: not taken)
#   cut   the connection closed in the middle of DATA (not taken)
#   lost  the message taken, the connection closed with no reply
#   die   the message taken, then the whole server crashes (exit); the
#         messages after it find nobody listening until it comes back
#   ok    accepted at once (sent before the crash, or after it, once back)
# Expected, and checked from the server's own record and the outbox:
#   * no message lost: every row ends 'sent', and the server acknowledged
#     each Message-ID exactly once;
#   * sent twice only where at-least-once allows it: a message the server
#     took without acknowledging it (lost, die) arrives a second time, once,
#     with the same Message-ID <outbox-ID@motcua> (a mail client shows one);
#     every other message arrives once;
#   * the outbox shows the retries: attempts counted (2 for each failed
#     once), while the server is down the waiting rows are 'pending' with
#     the error, and the worker's log has one "deferred" line per failed try
#     (the 451 named) before the "sent" one; no outcome is unknown (the
#     worker saw every failure).
# Its own database, worker and port: nothing of the test instance is used,
# and no assertion depends on how fast the machine is (generous deadlines).
# Needs TOP (bin/ built). Prints "N passed, N failed".
set -uo pipefail
: "${TOP:?}"
PASS=0 FAIL=0
ok()  { echo "ok   $*"; PASS=$(( PASS + 1 )); }
bad() { echo "FAIL $*"; FAIL=$(( FAIL + 1 )); }
check() { local what=$1; shift; if "$@"; then ok "$what"; else bad "$what"; fi; }

EPHEMERAL_LOW=$(awk '{ print $1 }' /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null)
[[ $EPHEMERAL_LOW =~ ^[0-9]+$ ]] && (( EPHEMERAL_LOW > 21000 )) || EPHEMERAL_LOW=32768
pick_port() {
    local p
    for _ in $(seq 1 200); do
        p=$(( 20000 + RANDOM % (EPHEMERAL_LOW - 20000) ))
        if [[ -z $(ss -Hltn "sport = :$p" 2>/dev/null) ]]; then echo "$p"; return 0; fi
    done
    return 1
}
SMTP=$(pick_port) || { echo "FAIL no free port"; echo "0 passed, 1 failed"; exit 1; }

T=$(mktemp -d /tmp/motcua-smtp-XXXXXX) || exit 1
chmod 0755 "$T"
D=$T/db LOG=$T/mail.jsonl WLOG=$T/worker.log CONF=$T/motcua.conf
SRV_PID="" WORKER_PID=""
cleanup() {
    [[ -n $WORKER_PID ]] && kill -TERM "$WORKER_PID" 2>/dev/null
    [[ -n $SRV_PID ]] && kill -TERM "$SRV_PID" 2>/dev/null
    [[ -s $D/mysqld.pid ]] && kill -TERM "$(cat "$D/mysqld.pid")" 2>/dev/null
    sleep 1
    rm -rf "$T"
}
trap cleanup EXIT
give_up() { echo "FAIL $*"; FAIL=$(( FAIL + 1 )); echo "$PASS passed, $FAIL failed"; exit 1; }
# until_true SECONDS CMD...: polls CMD every 0.2 s until it succeeds.
until_true() {
    local n=$(( $1 * 5 )); shift
    until "$@"; do (( n-- > 0 )) || return 1; sleep 0.2; done
}

# ------------------------------------------------------------ database
install -d -m 0700 "$D/data" "$D/tmp"
chmod 0755 "$D"
cat > "$D/my.cnf" <<EOF
[client]
socket = $D/s
[mariadbd]
user = root
datadir = $D/data
socket = $D/s
pid-file = $D/mysqld.pid
log-error = $D/error.log
tmpdir = $D/tmp
skip-networking
skip-log-bin
innodb_buffer_pool_size = 32M
innodb_log_file_size = 16M
default-time-zone = +07:00
character-set-server = utf8mb4
collation-server = utf8mb4_unicode_ci
innodb_ft_min_token_size = 1
innodb_ft_enable_stopword = 0
EOF
MY=(mariadb --defaults-file="$D/my.cnf" --batch --skip-column-names)
mariadb-install-db --defaults-file="$D/my.cnf" --skip-test-db --auth-root-authentication-method=normal \
    >"$D/install.log" 2>&1 || { tail "$D/install.log"; give_up "mariadb-install-db"; }
setsid mariadbd --defaults-file="$D/my.cnf" </dev/null >>"$D/out.log" 2>&1 &
until_true 60 mariadb-admin --defaults-file="$D/my.cnf" ping >/dev/null 2>&1 || { tail "$D/error.log"; give_up "MariaDB did not start"; }
chmod 0777 "$D/s"
"${MY[@]}" -e "CREATE DATABASE motcua CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER 'app'@'localhost' IDENTIFIED BY 'smtp-faults'; GRANT ALL ON motcua.* TO 'app'@'localhost';" \
    || give_up "could not create the database"
cat > "$CONF" <<EOF
run_dir = $T
db_socket = $D/s
db_name = motcua
db_user = app
db_password = smtp-faults
secret = $(openssl rand -hex 32)
migrations_dir = $TOP/db/migrations
seed_dir = $TOP/db/seed
templates_dir = $TOP/templates
site_dir = $T/site
files_dir = $T/files
run_user = www-data
smtp_url = smtp://127.0.0.1:$SMTP
smtp_from = noreply@motcua.local
outbox_backoff_seconds = 1
outbox_backoff_max_seconds = 2
# Retried every 2 s while the server is down: never 'failed' for good here.
outbox_max_attempts = 1000
outbox_poll_ms = 200
outbox_timeout_seconds = 120
EOF
chmod 0644 "$CONF"
MOTCUA_CONFIG=$CONF "$TOP/bin/motcua" migrate > "$T/migrate.log" 2>&1 || { tail "$T/migrate.log"; give_up "bin/motcua migrate"; }

# ------------------------------------------------------------ the messages
# Queued as mc_outbox_email writes them (the worker takes the oldest first).
declare -A ID
queue() { # queue KIND...
    local k id
    for k in "$@"; do
        id=$("${MY[@]}" motcua -e "INSERT INTO outbox (channel, recipient, subject, body, created_at, next_attempt_at)
            VALUES ('email', '${k%[0-9]}-$k-$$@motcua.test', 'Hồ sơ $k', 'Nội dung thư $k', NOW(), NOW());
            SELECT LAST_INSERT_ID()") || give_up "could not queue $k"
        ID[$k]=$id
    done
}
row() { "${MY[@]}" motcua -e "SELECT $2 FROM outbox WHERE id = ${ID[$1]}"; }
sent() { # sent KIND...: every one of them 'sent'
    local k
    for k in "$@"; do [[ $(row "$k" status) == sent ]] || return 1; done
}
start_server() {
    python3 "$TOP/tests/shell/smtp_faults.py" "$SMTP" "$LOG" > "$T/server.out" 2>&1 &
    SRV_PID=$!
    until_true 30 grep -q '^ready' "$T/server.out" || give_up "smtp_faults.py did not start: $(cat "$T/server.out")"
}
# The server's record, per Message-ID: copies received, acknowledged.
count() { # count KIND acked|any
    local mid="<outbox-${ID[$1]}@motcua>"
    if [[ $2 == acked ]]; then grep -F "\"$mid\"" "$LOG" | grep -c '"acked": true'
    else grep -cF "\"$mid\"" "$LOG"; fi
}

# ------------------------------------------------------------ failures mid-delivery
FAULTS="temp1 cut1 lost1 temp2 cut2 lost2"
queue ok1 $FAULTS
start_server
(cd "$T" && exec setsid "$TOP/bin/worker" -c "$CONF") </dev/null >>"$WLOG" 2>&1 &
WORKER_PID=$!
check "451, a connection cut in DATA, a reply lost: every e-mail sent in the end (none lost)" \
    until_true 300 sent ok1 $FAULTS
for k in ok1 $FAULTS; do
    check "$k: acknowledged by the server exactly once" test "$(count "$k" acked)" = 1
done
for k in ok1 temp1 temp2 cut1 cut2; do
    check "$k: arrived once (the failed try took nothing)" test "$(count "$k" any)" = 1
done
for k in lost1 lost2; do
    check "$k: taken without a reply, so sent once more with the same Message-ID (2 copies, the at-least-once case, no third)" \
        test "$(count "$k" any)" = 2
done
check "ok1: sent at the first attempt, the outbox says 1" test "$(row ok1 "CONCAT(attempts, ' ', unknown_outcomes)")" = "1 0"
for k in $FAULTS; do
    check "$k: the outbox counted the failed try and the send (attempts $(row "$k" attempts)), no unknown outcome" \
        test "$(row "$k" "CONCAT(attempts, ' ', unknown_outcomes)")" = "2 0"
    check "$k: the worker logged the failed try, then the send" \
        eval 'grep -q "deferred email outbox=${ID[$k]} attempt=1," "$WLOG" && grep -q "sent email outbox=${ID[$k]} attempt=2" "$WLOG"'
done
check "temp1: the 451 is named in the worker's log" \
    grep -q "deferred email outbox=${ID[temp1]} attempt=1,.*451" "$WLOG"

# ------------------------------------------------------------ the server crashes
queue die1 ok2 ok3
server_gone() { ! kill -0 "$SRV_PID" 2>/dev/null; }
until_true 180 server_gone || give_up "the mail server did not crash on the 'die' message (worker log: $(tail -n 5 "$WLOG"))"
wait "$SRV_PID" 2>/dev/null; SRV_PID=""
ok "the mail server crashed in the middle of a delivery (the message taken, no reply)"
waiting() {
    [[ $(row "$1" "CONCAT(status, ' ', attempts >= 1, ' ', last_error LIKE 'smtp: %')") == "pending 1 1" ]]
}
check "the crashed delivery is back in the outbox: pending, a try counted, the error kept ($(row die1 last_error))" \
    until_true 120 waiting die1
check "the messages after it wait: pending, tried, the error kept ($(row ok3 last_error))" \
    until_true 120 waiting ok3
start_server
check "the server back, the waiting e-mails are sent" until_true 300 sent die1 ok2 ok3
for k in die1 ok2 ok3; do
    check "$k: acknowledged by the server exactly once" test "$(count "$k" acked)" = 1
done
check "die1: taken before the crash, sent once more after it (2 copies, same Message-ID, no third)" \
    test "$(count die1 any)" = 2
for k in ok2 ok3; do
    check "$k: arrived once" test "$(count "$k" any)" = 1
done
for k in die1 ok2 ok3; do
    check "$k: the outbox counted the tries while the server was down ($(row "$k" attempts)), no unknown outcome" \
        test "$(row "$k" "attempts >= 2 AND unknown_outcomes = 0")" = 1
done

echo "$PASS passed, $FAIL failed"
(( FAIL == 0 ))
