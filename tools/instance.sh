#!/usr/bin/env bash
# tools/instance.sh start|stop|status|restart — a private Một Cửa instance:
# MariaDB (unix socket only), the FastCGI program pools and Apache httpd, all
# under one folder, sharing no port, socket or data folder with anything else.
#
# Environment:
#   PORT               TCP port Apache listens on, 127.0.0.1 only (default 8080)
#   RUNDIR             instance folder (default /tmp/motcua-$PORT); absolute
#   TOP                repo top (default: this script's parent folder)
#   MOTCUA_NO_LINK=1   do not create $TOP/motcua.conf -> $RUNDIR/motcua.conf
#                      (otherwise every start links it, whatever the port, so
#                      that bin/motcua in this checkout acts on the instance
#                      just started; stop removes the link if it is ours)
#   MOTCUA_SKIP_IMPORT=1  start: skip `motcua import-catalogue` and `motcua site`
#   SMTP_PORT, SMS_PORT   loopback ports of the mail server and the SMS gateway
#                      the outbox worker delivers to (default 2525 and 2526)
#   MOTCUA_OIDC=1      start: also start the OpenID Connect provider of the
#                      tests (tools/oidc.sh; LemonLDAP::NG on a free loopback
#                      port) and print its test people; stop always stops it
#   OUTBOX_BACKOFF_SECONDS, OUTBOX_BACKOFF_MAX, OUTBOX_POLL_MS  the worker's
#                      retry base and cap (s) and poll interval (ms); tests
#                      set short ones (default 5, 3600, 1000)
#   A web node of a cluster (tools/cluster.sh sets these; unset for one machine):
#   MOTCUA_DB_HOST, MOTCUA_DB_PORT  the database is there (HAProxy in front of
#                      Galera): no private MariaDB is started or stopped;
#                      MOTCUA_DB_PASSWORD and MOTCUA_SECRET are then given,
#                      the same on every node
#   MOTCUA_FILES_DIR   the attachment store every node shares (else RUNDIR/files)
#   MOTCUA_DB_NODE_CNF the option file of the Galera node `bin/motcua backup` copies
#   MOTCUA_DB_KEY_DIR  the keys MariaDB encrypts its data with (tools/dbkeys.sh;
#                      default RUNDIR/mysql/keys, made at the first start): a
#                      restore of another instance's backup needs its keys
#   MOTCUA_DB_TLS_PORT the private MariaDB also listens on 127.0.0.1 at this
#                      port, TLS only (require_secure_transport; certificates
#                      made once by tools/dbtls.sh in RUNDIR/mysql/tls), and
#                      the programs connect there over TLS as the user
#                      'app'@'127.0.0.1', created REQUIRE X509 (a connection
#                      without TLS and the client certificate is refused; no
#                      'app' on the socket then): motcua.conf gets db_host,
#                      db_port and db_tls_ca/db_tls_cert/db_tls_key
#   MOTCUA_DB_BUFFER_POOL  MariaDB's innodb_buffer_pool_size (default 256M;
#                      the reports bench on generated data gives it more)
#   MOTCUA_BASE_URL    the public address (else http://127.0.0.1:$PORT)
#   MOTCUA_FILES_KEY_FILE  the key the attachments are encrypted with
#                      (tools/fileskey.sh; default RUNDIR/files.key, beside
#                      motcua.conf, made at the first start; set but empty:
#                      no key, attachments stored in clear): a cluster's web
#                      nodes share one, a restore of another instance's
#                      backup needs that instance's
#
# Exit status: 0 done; 1 a step failed (message and log tail on stderr);
# 2 usage or bad environment. `status` exits 0 when everything that should run
# runs, 3 when something is down.
#
# Never kills anything by name: only processes recorded in this RUNDIR's pid
# files (checked against /proc/PID/cmdline) and their process groups, so other
# instances (tests on other ports) are never touched.
set -euo pipefail
umask 022

SELF_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
TOP=${TOP:-$(dirname "$SELF_DIR")}
PORT=${PORT:-8080}
RUNDIR=${RUNDIR:-/tmp/motcua-$PORT}
RUN_USER=www-data
RUN_GROUP=www-data
PROGRAMS="portal office api"     # binaries in $TOP/bin; Apache routes in httpd.conf.in
DAEMONS="worker"                 # binaries in $TOP/bin, one process each, no socket
# FastCGI workers per program. A worker is held for the whole request, body
# included (slow bodies are cut by mod_reqtimeout after ~10 s): 8 leaves most
# of a pool free while a few slow clients hold some (issue 9). Small C
# processes; each holds one MariaDB connection (max_connections 300).
WORKERS=8
MODDIR=/usr/lib/apache2/modules

die()  { echo "instance: error: $*" >&2; exit 1; }
warn() { echo "instance: warning: $*" >&2; }
say()  { echo "instance: $*"; }

# ------------------------------------------------------------ validation
[[ $PORT =~ ^[0-9]+$ ]] && (( PORT > 0 && PORT < 65536 )) || { echo "instance: bad PORT '$PORT'" >&2; exit 2; }
for v in MOTCUA_DB_TLS_PORT SMTP_PORT SMS_PORT OUTBOX_BACKOFF_SECONDS OUTBOX_BACKOFF_MAX OUTBOX_POLL_MS; do
    [[ -z ${!v:-} || ${!v} =~ ^[0-9]+$ ]] || { echo "instance: bad $v '${!v}'" >&2; exit 2; }
done
[[ $RUNDIR == /* ]] || { echo "instance: RUNDIR must be absolute: '$RUNDIR'" >&2; exit 2; }
[[ $RUNDIR =~ ^[A-Za-z0-9/._+-]+$ ]] || { echo "instance: RUNDIR may only hold [A-Za-z0-9/._+-]: '$RUNDIR'" >&2; exit 2; }
RUNDIR=${RUNDIR%/}
[[ -d $TOP ]] || { echo "instance: TOP is not a folder: '$TOP'" >&2; exit 2; }
TOP=$(cd "$TOP" && pwd -P)
# unix socket paths must be shorter than 108 bytes
(( ${#RUNDIR} + 24 < 108 )) || { echo "instance: RUNDIR too long for unix socket paths: '$RUNDIR'" >&2; exit 2; }

CONF=$RUNDIR/motcua.conf
MYDIR=$RUNDIR/mysql
MYCNF=$MYDIR/my.cnf
# The keys of the data at rest: the instance's own, or those of the data
# restored into it (a cluster's backup).
KEYDIR=${MOTCUA_DB_KEY_DIR:-$MYDIR/keys}
MYPID=$MYDIR/mysqld.pid
APDIR=$RUNDIR/apache
APCONF=$APDIR/httpd.conf
APPID=$APDIR/httpd.pid
APP=$RUNDIR/app
SOCKDIR=$RUNDIR/sock
PIDDIR=$RUNDIR/pids
LOGDIR=$RUNDIR/logs
FILES=${MOTCUA_FILES_DIR:-$RUNDIR/files}
FILES_KEY=${MOTCUA_FILES_KEY_FILE-$RUNDIR/files.key}
# A web node of a cluster: the database is elsewhere (tools/cluster.sh).
EXTERNAL_DB=0
[[ -n ${MOTCUA_DB_HOST:-} ]] && EXTERNAL_DB=1
# The programs reach the private MariaDB over TCP with TLS (tools/dbtls.sh).
DB_TLS_PORT=${MOTCUA_DB_TLS_PORT:-}
TLSDIR=$MYDIR/tls
if [[ -n $DB_TLS_PORT ]] && (( EXTERNAL_DB || DB_TLS_PORT < 1 || DB_TLS_PORT > 65535 )); then
    echo "instance: MOTCUA_DB_TLS_PORT: a port (1-65535) for the private MariaDB, not with MOTCUA_DB_HOST" >&2
    exit 2
fi

# ------------------------------------------------------------ process helpers
# alive PID: the process exists (and is not a zombie)
alive() {
    local pid=$1 st
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    [[ -r /proc/$pid/stat ]] || return 1
    st=$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null) || return 1
    st=${st%% *}
    [[ $st != Z && $st != X ]]
}
# ours PID NEEDLE: alive and its command line mentions NEEDLE (a path in RUNDIR),
# so a stale pid file never makes us signal somebody else's process.
ours() {
    alive "$1" || return 1
    tr '\0' ' ' < "/proc/$1/cmdline" 2>/dev/null | grep -qF -- "$2"
}
readpid() { [[ -s $1 ]] && tr -dc '0-9' < "$1" || true; }
# group_alive PGID: some process still has this process group id
group_alive() { pgrep -g "$1" >/dev/null 2>&1; }
# wait_gone PID SECONDS
wait_gone() {
    local pid=$1 n=$(( $2 * 10 ))
    while (( n-- > 0 )); do alive "$pid" || return 0; sleep 0.1; done
    ! alive "$pid"
}
# stop_pid NAME PID NEEDLE SECONDS: SIGTERM, wait, then SIGKILL its whole group
# (we start every daemon as a session leader, so pgid == pid and the group is
# exactly that daemon and its children).
stop_pid() {
    local name=$1 pid=$2 needle=$3 secs=$4
    if ours "$pid" "$needle"; then
        kill -TERM "$pid" 2>/dev/null || true
        if ! wait_gone "$pid" "$secs"; then
            warn "$name (pid $pid) ignored SIGTERM for ${secs}s: SIGKILL"
            kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
            wait_gone "$pid" 5 || warn "$name (pid $pid) still alive"
        fi
    fi
    # Children left behind by a supervisor that died: same process group.
    if [[ -n $pid ]] && group_alive "$pid"; then
        local p left=()
        for p in $(pgrep -g "$pid"); do ours "$p" "$needle" && left+=("$p"); done
        if (( ${#left[@]} )); then
            warn "$name: ${#left[@]} leftover process(es) in group $pid: SIGTERM"
            kill -TERM "${left[@]}" 2>/dev/null || true
            sleep 0.5
            kill -KILL "${left[@]}" 2>/dev/null || true
        fi
    fi
}
tail_log() { # tail_log FILE [LINES]
    [[ -s $1 ]] || return 0
    echo "---- last lines of $1" >&2
    tail -n "${2:-30}" "$1" >&2
    echo "----" >&2
}

# ------------------------------------------------------------ layout + config
make_layout() {
    install -d -m 0755 "$RUNDIR"
    chmod 0755 "$RUNDIR"
    # www-data must traverse every folder down to RUNDIR (sockets, static files).
    if ! runuser -u "$RUN_USER" -- test -x "$RUNDIR" 2>/dev/null; then
        die "$RUN_USER cannot traverse $RUNDIR (a parent folder is not world-executable); choose another RUNDIR"
    fi
    install -d -m 0755 "$MYDIR" "$APDIR" "$APDIR/run" "$PIDDIR" "$LOGDIR" "$RUNDIR/site"
    install -d -m 0755 -o "$RUN_USER" -g "$RUN_GROUP" "$SOCKDIR"
    install -d -m 0750 -o "$RUN_USER" -g "$RUN_GROUP" "$FILES"
    # The attachments' key: outside the store, readable by the programs.
    if [[ -n $FILES_KEY ]]; then
        "$TOP/tools/fileskey.sh" "$FILES_KEY" "$RUN_USER" || die "no attachment key $FILES_KEY"
    fi
}

conf_value() { # conf_value KEY FILE
    [[ -f $2 ]] || return 0
    sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*\([^[:space:]#]*\).*/\1/p" "$2" | tail -n 1
}

write_config() {
    local secret db_password tmp
    secret=${MOTCUA_SECRET:-$(conf_value secret "$CONF")}
    db_password=${MOTCUA_DB_PASSWORD:-$(conf_value db_password "$CONF")}
    [[ -n $secret ]] || secret=$(openssl rand -hex 32)
    [[ -n $db_password ]] || db_password=$(openssl rand -hex 16)
    tmp=$(mktemp "$RUNDIR/.motcua.conf.XXXXXX")
    cat > "$tmp" <<EOF
# Một Cửa configuration for the instance in $RUNDIR.
# Written by tools/instance.sh on every start: edits are lost, except that
# secret and db_password are kept. Format: key = value, # starts a comment.
run_dir = $RUNDIR
port = $PORT
base_url = ${MOTCUA_BASE_URL:-http://127.0.0.1:$PORT}
db_socket = $MYDIR/mysqld.sock
${MOTCUA_DB_HOST:+db_host = $MOTCUA_DB_HOST}
${MOTCUA_DB_HOST:+db_port = ${MOTCUA_DB_PORT:-3306}}
${DB_TLS_PORT:+# Over TCP with TLS to the private MariaDB (MOTCUA_DB_TLS_PORT; tools/dbtls.sh).}
${DB_TLS_PORT:+db_host = 127.0.0.1}
${DB_TLS_PORT:+db_port = $DB_TLS_PORT}
${DB_TLS_PORT:+db_tls_ca = $TLSDIR/ca.pem}
${DB_TLS_PORT:+db_tls_cert = $TLSDIR/client.pem}
${DB_TLS_PORT:+db_tls_key = $TLSDIR/client.key}
${MOTCUA_DB_NODE_CNF:+db_node_cnf = $MOTCUA_DB_NODE_CNF}
db_name = motcua
db_user = app
db_password = $db_password
secret = $secret
templates_dir = $APP/templates
site_dir = $RUNDIR/site
static_dir = $APP/htdocs
files_dir = $FILES
# The key the attachments are encrypted with (AES-256-GCM; tools/fileskey.sh):
# not in files_dir, not in the backups; without it they are stored in clear.
${FILES_KEY:+files_key_file = $FILES_KEY}
socket_dir = $SOCKDIR
run_user = $RUN_USER
workers = $WORKERS
max_body = 26214400
# Sites besides this one (the host a request was sent to, and base_url)
# whose pages may post forms here: origins separated by spaces (issue 9).
${MOTCUA_ALLOWED_ORIGINS:+allowed_origins = $MOTCUA_ALLOWED_ORIGINS}
migrations_dir = $TOP/db/migrations
seed_dir = $TOP/db/seed
common_passwords = $APP/common-passwords.txt
# Officers' two-step verification (lib/domain/mc_totp): "required" in
# production (the code's default); this test instance leaves it "optional"
# because the suites' officer fixtures have no authenticator (an enrolled
# officer, or one an administrator reset, is still asked: totp.test.mjs).
totp_officers = ${MOTCUA_TOTP_OFFICERS:-optional}
# Minutes a session may stay unused before it ends (lib/domain/mc_auth;
# 30 by default): sessions.test.mjs reads it and ages a session past it.
session_idle_minutes = ${MOTCUA_SESSION_IDLE_MINUTES:-30}
smtp_url = smtp://127.0.0.1:${SMTP_PORT:-2525}
smtp_from = noreply@motcua.local
sms_url = http://127.0.0.1:${SMS_PORT:-2526}/sms
outbox_backoff_seconds = ${OUTBOX_BACKOFF_SECONDS:-5}
outbox_backoff_max_seconds = ${OUTBOX_BACKOFF_MAX:-3600}
outbox_poll_ms = ${OUTBOX_POLL_MS:-1000}
# Single sign-on: the test provider's settings (tools/oidc.sh writes them).
oidc_config_file = $RUNDIR/oidc/relying-party.conf
EOF
    # Holds secrets: readable by root and by the programs' user only.
    chown "root:$RUN_GROUP" "$tmp"
    chmod 0640 "$tmp"
    mv -f "$tmp" "$CONF"
    DB_PASSWORD=$db_password
}

# $TOP/motcua.conf -> this instance's config: bin/motcua run in this checkout
# acts on the instance started from it last, whatever its port.
link_config() {
    local was
    [[ ${MOTCUA_NO_LINK:-0} != 1 ]] || return 0
    if [[ -L $TOP/motcua.conf || ! -e $TOP/motcua.conf ]]; then
        was=$(readlink "$TOP/motcua.conf" 2>/dev/null || true)
        ln -sfn "$CONF" "$TOP/motcua.conf"
        if [[ -n $was && $was != "$CONF" ]]; then
            say "$TOP/motcua.conf now points to this instance ($CONF; was $was)"
        fi
    else
        warn "$TOP/motcua.conf is a regular file: not replacing it with a link to $CONF;" \
             "bin/motcua in $TOP acts on what it names (set MOTCUA_CONFIG=$CONF for this instance)"
    fi
}

# Stopped: the link to this instance goes, so bin/motcua refuses (naming
# MOTCUA_CONFIG) instead of reaching for a database that is not there.
unlink_config() {
    [[ ${MOTCUA_NO_LINK:-0} != 1 && -L $TOP/motcua.conf ]] || return 0
    if [[ $(readlink "$TOP/motcua.conf") == "$CONF" ]]; then
        rm -f "$TOP/motcua.conf"
    fi
}

# ------------------------------------------------------------ MariaDB
db_running() { ours "$(readpid "$MYPID")" "$MYCNF"; }

start_db() {
    if (( EXTERNAL_DB )); then
        say "database at $MOTCUA_DB_HOST:${MOTCUA_DB_PORT:-3306} (not started here)"
        return 0
    fi
    install -d -m 0700 "$MYDIR/data" "$MYDIR/tmp"
    "$TOP/tools/dbkeys.sh" "$KEYDIR" || die "no encryption keys in $KEYDIR"
    [[ ${MOTCUA_DB_BUFFER_POOL:-256M} =~ ^[0-9]+[MG]$ ]] ||
        die "MOTCUA_DB_BUFFER_POOL: a size such as 256M or 2G"
    sed -e "s|@MYSQL_DIR@|$MYDIR|g" -e "s|@KEY_DIR@|$KEYDIR|g" \
        -e "s|^innodb_buffer_pool_size *=.*|innodb_buffer_pool_size = ${MOTCUA_DB_BUFFER_POOL:-256M}|" \
        "$TOP/db/my.cnf.in" > "$MYCNF.tmp"
    if [[ -n $DB_TLS_PORT ]]; then
        "$TOP/tools/dbtls.sh" "$TLSDIR" "$RUN_GROUP" || die "no TLS certificates in $TLSDIR"
        # Loopback TCP beside the socket, TLS only (a socket is secure).
        sed -i -e "s|^skip-networking|# skip-networking: TCP with TLS (MOTCUA_DB_TLS_PORT)|" "$MYCNF.tmp"
        cat >> "$MYCNF.tmp" <<EOF

[mariadbd]
# The programs connect over TCP with TLS (tools/instance.sh, MOTCUA_DB_TLS_PORT).
bind-address             = 127.0.0.1
port                     = $DB_TLS_PORT
ssl_ca                   = $TLSDIR/ca.pem
ssl_cert                 = $TLSDIR/server.pem
ssl_key                  = $TLSDIR/server.key
tls_version              = TLSv1.2,TLSv1.3
require_secure_transport = ON
EOF
    fi
    mv -f "$MYCNF.tmp" "$MYCNF"
    chmod 0644 "$MYCNF"
    if db_running; then
        say "MariaDB already running (pid $(readpid "$MYPID"))"
    else
        rm -f "$MYPID" "$MYDIR/mysqld.sock"
        if [[ -z $(ls -A "$MYDIR/data") ]]; then
            if ! mariadb-install-db --defaults-file="$MYCNF" --skip-test-db \
                    --auth-root-authentication-method=normal --skip-name-resolve \
                    >"$MYDIR/install.log" 2>&1; then
                tail_log "$MYDIR/install.log"
                die "mariadb-install-db failed"
            fi
        fi
        setsid mariadbd --defaults-file="$MYCNF" </dev/null >>"$MYDIR/mariadbd.out" 2>&1 &
        local pid=$! n=300
        until mariadb-admin --defaults-file="$MYCNF" --connect-timeout=2 ping >/dev/null 2>&1; do
            if ! alive "$pid" || (( n-- <= 0 )); then
                tail_log "$MYDIR/error.log"; tail_log "$MYDIR/mariadbd.out"
                alive "$pid" && kill -TERM "$pid" 2>/dev/null
                die "MariaDB did not start (see $MYDIR/error.log)"
            fi
            sleep 0.1
        done
        say "MariaDB started (pid $(readpid "$MYPID"), socket $MYDIR/mysqld.sock)"
    fi
    # Socket folder traversable, socket connectable by the programs' user.
    chmod 0755 "$MYDIR"
    chmod 0777 "$MYDIR/mysqld.sock" 2>/dev/null || true

    # The programs' user: on the socket, or (MOTCUA_DB_TLS_PORT) over TCP
    # from loopback with TLS and the client certificate, and then only so.
    local app_host=localhost require="REQUIRE NONE" other=127.0.0.1
    if [[ -n $DB_TLS_PORT ]]; then
        app_host=127.0.0.1 require="REQUIRE X509" other=localhost
    fi
    mariadb --defaults-file="$MYCNF" --batch <<EOF || die "could not create database/user (see $MYDIR/error.log)"
CREATE DATABASE IF NOT EXISTS motcua CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'app'@'$app_host' IDENTIFIED BY '$DB_PASSWORD';
ALTER USER 'app'@'$app_host' IDENTIFIED BY '$DB_PASSWORD' $require;
GRANT ALL ON motcua.* TO 'app'@'$app_host';
DROP USER IF EXISTS 'app'@'$other';
DROP USER IF EXISTS ''@'localhost';
EOF
    # Listening on TCP: mariadb-install-db's root accounts other than the
    # socket's (127.0.0.1, ::1, the host's name) have no password: dropped.
    if [[ -n $DB_TLS_PORT ]]; then
        local h
        for h in $(mariadb --defaults-file="$MYCNF" --batch --skip-column-names \
                -e "SELECT host FROM mysql.user WHERE user = 'root' AND host <> 'localhost'"); do
            mariadb --defaults-file="$MYCNF" -e "DROP USER 'root'@'$h'" \
                || die "could not drop the account root@$h"
        done
    fi
}

stop_db() {
    (( EXTERNAL_DB )) && return 0
    local pid; pid=$(readpid "$MYPID")
    if [[ -n $pid ]] && ours "$pid" "$MYCNF"; then
        stop_pid mariadbd "$pid" "$MYCNF" 60
        say "MariaDB stopped"
    fi
    rm -f "$MYPID"
}

# ------------------------------------------------------------ app copy + pools
pool_pid() { readpid "$PIDDIR/$1.pid"; }
pool_running() { ours "$(pool_pid "$1")" "$APP/bin/$1"; }

# Stage a fresh runtime copy of binaries, templates and static assets in
# RUNDIR/app.new (www-data cannot reach a clone under /root).
stage_app() {
    local new=$RUNDIR/app.new p
    rm -rf "$new"
    install -d -m 0755 "$new" "$new/bin"
    for p in $PROGRAMS $DAEMONS; do
        [[ -x $TOP/bin/$p ]] && cp -a "$TOP/bin/$p" "$new/bin/$p"
    done
    if [[ -d $TOP/templates ]]; then cp -a "$TOP/templates" "$new/templates"; else install -d "$new/templates"; fi
    if [[ -d $TOP/htdocs ]]; then cp -a "$TOP/htdocs" "$new/htdocs"; else install -d "$new/htdocs"; fi
    # The common passwords a new one must not be (lib/domain/mc_password).
    [[ -f $TOP/db/seed/common-passwords.txt ]] && cp -a "$TOP/db/seed/common-passwords.txt" "$new/common-passwords.txt"
    # CSS, JS, SVG pre-compressed (.gz, .br beside them): Apache serves them
    # as they are (apache-conf/httpd.conf.in), never compressing again.
    MOTCUA_CONFIG=$CONF "$TOP/bin/motcua" compress "$new/htdocs" >/dev/null \
        || die "'bin/motcua compress $new/htdocs' failed"
    chown -R root:root "$new"
    chmod -R u+rwX,go+rX,go-w "$new"
}
swap_app() {
    rm -rf "$RUNDIR/app.old"
    [[ -d $APP ]] && mv "$APP" "$RUNDIR/app.old"
    mv "$RUNDIR/app.new" "$APP"
    rm -rf "$RUNDIR/app.old"
}

stop_pools() {
    local p pid
    for p in $PROGRAMS; do
        pid=$(pool_pid "$p")
        if [[ -n $pid ]]; then
            if ours "$pid" "$APP/bin/$p"; then
                stop_pid "$p" "$pid" "$APP/bin/$p" 10
                say "$p pool stopped"
            elif group_alive "$pid"; then
                stop_pid "$p" "$pid" "$APP/bin/$p" 10
            fi
        fi
        rm -f "$PIDDIR/$p.pid" "$SOCKDIR/$p.sock"
    done
}

start_pools() {
    local p pid n started=""
    for p in $PROGRAMS; do
        if [[ ! -x $APP/bin/$p ]]; then
            warn "no binary $TOP/bin/$p: /${p} routes will answer 503"
            continue
        fi
        rm -f "$SOCKDIR/$p.sock"
        # cwd RUNDIR (reachable after the drop to www-data); the subshell execs
        # setsid, which (not being a group leader) execs the program: same pid,
        # and the program leads its own session and process group.
        (cd "$RUNDIR" && exec setsid "$APP/bin/$p" -c "$CONF") </dev/null >>"$LOGDIR/$p.log" 2>&1 &
        pid=$!
        echo "$pid" > "$PIDDIR/$p.pid"
        started+=" $p"
    done
    for p in $started; do
        pid=$(pool_pid "$p"); n=100
        # Ready when the socket exists and www-data may connect to it.
        until [[ -S $SOCKDIR/$p.sock ]] && runuser -u "$RUN_USER" -- test -w "$SOCKDIR/$p.sock" 2>/dev/null; do
            if ! alive "$pid"; then
                tail_log "$LOGDIR/$p.log"
                die "$p exited during start-up (see $LOGDIR/$p.log)"
            fi
            if (( n-- <= 0 )); then
                tail_log "$LOGDIR/$p.log"
                if [[ -S $SOCKDIR/$p.sock ]]; then
                    die "$p: $SOCKDIR/$p.sock is not connectable by $RUN_USER (chown/chmod it)"
                fi
                die "$p did not create $SOCKDIR/$p.sock within 10 s (see $LOGDIR/$p.log)"
            fi
            sleep 0.1
        done
        say "$p pool up (pid $pid, socket $SOCKDIR/$p.sock)"
    done
}

# Daemons (the outbox worker): one process each, started like a pool but
# with no socket; it drops to run_user itself. Ready when it logs "started".
stop_daemons() {
    local d pid
    for d in $DAEMONS; do
        pid=$(pool_pid "$d")
        if [[ -n $pid ]] && { ours "$pid" "$APP/bin/$d" || group_alive "$pid"; }; then
            stop_pid "$d" "$pid" "$APP/bin/$d" 10
            say "$d stopped"
        fi
        rm -f "$PIDDIR/$d.pid"
    done
}

start_daemons() {
    local d pid n size
    for d in $DAEMONS; do
        if [[ ! -x $APP/bin/$d ]]; then
            warn "no binary $TOP/bin/$d: $d not started"
            continue
        fi
        size=$(stat -c %s "$LOGDIR/$d.log" 2>/dev/null || echo 0)
        (cd "$RUNDIR" && exec setsid "$APP/bin/$d" -c "$CONF") </dev/null >>"$LOGDIR/$d.log" 2>&1 &
        pid=$!
        echo "$pid" > "$PIDDIR/$d.pid"
        n=100
        until tail -c +$(( size + 1 )) "$LOGDIR/$d.log" 2>/dev/null | grep -q "$d\[$pid\].* started"; do
            if ! alive "$pid"; then
                tail_log "$LOGDIR/$d.log"
                die "$d exited during start-up (see $LOGDIR/$d.log)"
            fi
            if (( n-- <= 0 )); then
                tail_log "$LOGDIR/$d.log"
                die "$d did not start within 10 s (see $LOGDIR/$d.log)"
            fi
            sleep 0.1
        done
        say "$d up (pid $pid, log $LOGDIR/$d.log)"
    done
}

# ------------------------------------------------------------ data
run_data_steps() {
    local motcua=$TOP/bin/motcua
    if [[ ! -x $motcua ]]; then
        warn "no $motcua yet: skipping migrate, seed, import-catalogue and site"
        return 0
    fi
    export MOTCUA_CONFIG=$CONF
    cd "$TOP"
    "$motcua" migrate || die "'bin/motcua migrate' failed (MOTCUA_CONFIG=$CONF)"
    "$motcua" seed    || die "'bin/motcua seed' failed (MOTCUA_CONFIG=$CONF)"
    "$motcua" stats-rebuild --if-empty || die "'bin/motcua stats-rebuild' failed"
    # Attachments stored before the key (or under a key since rotated):
    # every start brings them under files_key_file's, idempotently (a
    # file already under it is only its header read), and says so.
    if [[ -n $FILES_KEY ]]; then
        "$motcua" files-rekey \
            || warn "'bin/motcua files-rekey' did not bring everything under the key (its counts above: a file not whole, or a row whose file is missing; bin/motcua check --files names them)"
    fi
    if [[ ${MOTCUA_SKIP_IMPORT:-0} == 1 ]]; then
        say "MOTCUA_SKIP_IMPORT=1: catalogue import and site generation skipped"
    else
        local cat=$TOP/db/seed/procedures.jsonl.gz
        if [[ -f $cat ]]; then
            "$motcua" import-catalogue "$cat" || die "'bin/motcua import-catalogue $cat' failed"
        else
            warn "no $cat: catalogue import skipped"
        fi
        "$motcua" site || die "'bin/motcua site' failed (MOTCUA_CONFIG=$CONF)"
    fi
    # Whatever root wrote must stay reachable by Apache and the programs.
    chmod -R go+rX,go-w "$RUNDIR/site"
    chown -R "$RUN_USER:$RUN_GROUP" "$FILES"
}

# ------------------------------------------------------------ Apache
apache_running() { ours "$(readpid "$APPID")" "$APCONF"; }

port_busy() { [[ -n $(ss -Hltn "sport = :$PORT" 2>/dev/null) ]]; }

start_apache() {
    sed -e "s|@RUNDIR@|$RUNDIR|g" -e "s|@PORT@|$PORT|g" -e "s|@MODDIR@|$MODDIR|g" \
        -e "s|@RUN_USER@|$RUN_USER|g" -e "s|@RUN_GROUP@|$RUN_GROUP|g" \
        "$TOP/apache-conf/httpd.conf.in" > "$APCONF.tmp"
    mv -f "$APCONF.tmp" "$APCONF"
    if ! apache2 -f "$APCONF" -t >"$APDIR/configtest.log" 2>&1; then
        cat "$APDIR/configtest.log" >&2
        die "Apache configuration test failed ($APCONF)"
    fi
    local pid
    if apache_running; then
        pid=$(readpid "$APPID")
        apache2 -f "$APCONF" -k graceful >>"$APDIR/control.log" 2>&1 \
            || { tail_log "$APDIR/control.log"; die "apache2 -k graceful failed"; }
        say "Apache reloaded (pid $pid)"
    else
        rm -f "$APPID"
        if port_busy; then die "port $PORT is already in use by another program"; fi
        if ! apache2 -f "$APCONF" -k start >>"$APDIR/control.log" 2>&1; then
            tail_log "$APDIR/control.log"; tail_log "$APDIR/error.log"
            die "Apache did not start"
        fi
    fi
    # Ready when it answers on the port.
    local n=100
    until curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$PORT/"; do
        if (( n-- <= 0 )); then
            tail_log "$APDIR/control.log"; tail_log "$APDIR/error.log"
            die "Apache does not answer on 127.0.0.1:$PORT"
        fi
        sleep 0.1
    done
    say "Apache up (pid $(readpid "$APPID"), http://127.0.0.1:$PORT/)"
}

stop_apache() {
    local pid; pid=$(readpid "$APPID")
    if [[ -n $pid ]] && ours "$pid" "$APCONF"; then
        apache2 -f "$APCONF" -k stop >/dev/null 2>&1 || kill -TERM "$pid" 2>/dev/null || true
        stop_pid apache2 "$pid" "$APCONF" 10
        say "Apache stopped"
    fi
    rm -f "$APPID"
}

# ------------------------------------------------------------ commands
cmd_start() {
    [[ $(id -u) == 0 ]] || die "run as root (Apache and the pools drop to $RUN_USER)"
    local t0=$SECONDS
    make_layout
    write_config
    start_db
    stage_app
    stop_pools          # programs must not run across a migration or an app swap
    stop_daemons
    swap_app
    run_data_steps
    start_pools
    start_daemons
    start_apache
    link_config
    cat <<EOF
instance: ready in $(( SECONDS - t0 )) s — RUNDIR=$RUNDIR, config $CONF
  home          http://127.0.0.1:$PORT/
  citizen login http://127.0.0.1:$PORT/dich-vu/dang-nhap
  back office   http://127.0.0.1:$PORT/can-bo/
  API           http://127.0.0.1:$PORT/api/v1/procedures?q=khai%20sinh
  logs          $LOGDIR/ $APDIR/error.log $MYDIR/error.log
  database      mariadb --defaults-file=$MYCNF motcua
EOF
    if [[ ${MOTCUA_OIDC:-0} == 1 ]]; then
        PORT=$PORT RUNDIR=$RUNDIR TOP=$TOP "$TOP/tools/oidc.sh" start \
            || die "the OpenID Connect provider did not start (tools/oidc.sh)"
        "$TOP/tools/oidc.sh" people
    fi
}

cmd_stop() {
    [[ -d $RUNDIR ]] || { say "nothing at $RUNDIR"; return 0; }
    if [[ -e $RUNDIR/oidc/plackup.pid ]]; then
        PORT=$PORT RUNDIR=$RUNDIR TOP=$TOP "$TOP/tools/oidc.sh" stop || warn "tools/oidc.sh stop failed"
    fi
    stop_apache
    stop_pools
    stop_daemons
    stop_db
    unlink_config
}

cmd_status() {
    local ok=0 p pid
    echo "instance $RUNDIR (port $PORT)"
    if (( EXTERNAL_DB )); then echo "  mariadb  at $MOTCUA_DB_HOST:${MOTCUA_DB_PORT:-3306} (elsewhere)"
    elif db_running; then echo "  mariadb  running  pid $(readpid "$MYPID")  $MYDIR/mysqld.sock"
    else echo "  mariadb  stopped"; ok=3; fi
    for p in $PROGRAMS; do
        if pool_running "$p"; then
            pid=$(pool_pid "$p")
            printf '  %-8s running  pid %s  %s workers  %s\n' "$p" "$pid" \
                "$(( $(pgrep -g "$pid" | wc -l) - 1 ))" "$SOCKDIR/$p.sock"
        elif [[ -x $APP/bin/$p ]]; then echo "  $(printf '%-8s' "$p") stopped"; ok=3
        else echo "  $(printf '%-8s' "$p") (no binary)"; fi
    done
    for p in $DAEMONS; do
        if pool_running "$p"; then
            printf '  %-8s running  pid %s  %s\n' "$p" "$(pool_pid "$p")" "$LOGDIR/$p.log"
        elif [[ -x $APP/bin/$p ]]; then echo "  $(printf '%-8s' "$p") stopped"; ok=3
        else echo "  $(printf '%-8s' "$p") (no binary)"; fi
    done
    if apache_running; then echo "  apache   running  pid $(readpid "$APPID")  http://127.0.0.1:$PORT/"
    else echo "  apache   stopped"; ok=3; fi
    # The OpenID Connect provider, when one was started here (MOTCUA_OIDC=1, tests).
    if [[ -e $RUNDIR/oidc/plackup.pid ]]; then
        PORT=$PORT RUNDIR=$RUNDIR TOP=$TOP "$TOP/tools/oidc.sh" status || ok=3
    fi
    return $ok
}

case ${1:-} in
    start)   cmd_start ;;
    stop)    cmd_stop ;;
    restart) cmd_stop; cmd_start ;;
    status)  cmd_status ;;
    link)    [[ -r $CONF ]] || die "no instance at $RUNDIR"; link_config ;;
    *) echo "usage: [PORT=8080] [RUNDIR=/tmp/motcua-PORT] $0 start|stop|status|restart|link" >&2; exit 2 ;;
esac
