#!/usr/bin/env bash
# tools/cluster.sh start|stop|status|node-start N|node-stop N|node-kill N|bootstrap N — the
# Một Cửa cluster on this one machine (issue 15; `make cluster`, `make
# cluster-stop`):
#
#   HAProxy  127.0.0.1:$PORT (HTTP)  -> web1, web2 (health-checked)
#            127.0.0.1:$DB_FRONT     -> db1 (writer), db2, db3 (backups),
#                                       checked by wsrep_ready/wsrep_local_state
#   web1, web2  each a private Apache + FastCGI pools + worker, started by
#            tools/instance.sh (MOTCUA_DB_HOST: no MariaDB of their own),
#            sharing one attachment store (CDIR/files)
#   db1..db3 three mariadbd with wsrep (galera-4), gcomm:// over 127.0.0.1
#
# Everything under CDIR=/tmp/motcua-cluster-$PORT. Ports, all below the
# kernel's ephemeral range (an outgoing connection may hold a port above
# 32768 and then a node cannot listen there), with k = PORT % 25:
# 3300+4k HAProxy's MariaDB and 3300+4k+N node N's; 4500+4k+N gcomm,
# 4600+4k+N IST, 4700+4k+N state transfers; 5300+4k+1/2 the web nodes'
# Apache, 5300+4k HAProxy's statistics page (PORT=8184: 3336..3339, ...).
# $TOP/motcua.conf is linked to web1's configuration, so bin/motcua in this
# checkout acts on the cluster (through HAProxy).
#
# Environment: PORT (8080), TOP, SMTP_PORT/SMS_PORT and OUTBOX_* (passed on to
# the web nodes), MOTCUA_SKIP_IMPORT=1 (no catalogue import or site),
# STORE_MB=N (the attachment store a tmpfs of N MiB, so that a fault can fill
# it: make chaos; needs root; unmounted by stop).
# Never kills anything by name: only pids recorded under CDIR whose command
# line names CDIR. Exit 0 done, 1 a step failed, 2 usage.
set -euo pipefail
umask 022

SELF_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
TOP=${TOP:-$(dirname "$SELF_DIR")}
TOP=$(cd "$TOP" && pwd -P)
PORT=${PORT:-8080}
[[ $PORT =~ ^[0-9]+$ ]] && (( PORT > 0 && PORT < 65536 )) || { echo "cluster: bad PORT '$PORT'" >&2; exit 2; }
CDIR=${CDIR:-/tmp/motcua-cluster-$PORT}
K=$(( (PORT % 25) * 4 ))
DB_FRONT=$(( 3300 + K ))
WEB1_PORT=$(( 5301 + K )); WEB2_PORT=$(( 5302 + K )); STATS_PORT=$(( 5300 + K ))
NODES="1 2 3"
HADIR=$CDIR/haproxy
# One key file for the three nodes: a state transfer copies encrypted pages.
KEYDIR=$CDIR/keys
# One attachment key for both web nodes (they share the store), beside it.
FILES_KEY=$CDIR/files.key

die()  { echo "cluster: error: $*" >&2; exit 1; }
say()  { echo "cluster: $*"; }

db_port()    { echo $(( 3300 + K + $1 )); }
gcomm_port() { echo $(( 4500 + K + $1 )); }
ist_port()   { echo $(( 4600 + K + $1 )); }
sst_port()   { echo $(( 4700 + K + $1 )); }
# all_ports: every port of this cluster (the tests check they are free)
all_ports()  { local i; echo "$PORT"; for i in 0 1 2 3; do echo $(( 3300 + K + i )) $(( 4500 + K + i )) $(( 4600 + K + i )) $(( 4700 + K + i )) $(( 5300 + K + i )); done; }
ndir()       { echo "$CDIR/db$1"; }

alive() { [[ $1 =~ ^[0-9]+$ && -r /proc/$1/stat ]] && ! grep -q ') [ZX] ' "/proc/$1/stat" 2>/dev/null; }
ours()  { alive "$1" && tr '\0' ' ' < "/proc/$1/cmdline" 2>/dev/null | grep -qF -- "$2"; }
readpid() { [[ -s $1 ]] && tr -dc '0-9' < "$1" || true; }
port_busy() { [[ -n $(ss -Hltn "sport = :$1" 2>/dev/null) ]]; }

secret_file=$CDIR/secrets
load_secrets() {
    if [[ ! -s $secret_file ]]; then
        install -d -m 0755 "$CDIR"
        umask 077
        { echo "DB_PASSWORD=$(openssl rand -hex 16)"
          echo "SECRET=$(openssl rand -hex 32)"
          echo "CHECK_PASSWORD=$(openssl rand -hex 16)"; } > "$secret_file"
        umask 022
    fi
    # shellcheck source=/dev/null
    . "$secret_file"
}

# ------------------------------------------------------------ Galera nodes
node_cnf() { echo "$(ndir "$1")/my.cnf"; }
node_pid() { readpid "$(ndir "$1")/mysqld.pid"; }
node_running() { ours "$(node_pid "$1")" "$(node_cnf "$1")"; }
node_sql() { local n=$1; shift; mariadb --defaults-file="$(node_cnf "$n")" -N -B "$@"; }
node_state() { # N: wsrep_local_state (4 = Synced), or "" when not answering
    node_sql "$1" --connect-timeout=1 -e "SHOW GLOBAL STATUS LIKE 'wsrep_local_state'" 2>/dev/null | awk '{print $2}'
}

write_node_cnf() {
    local n=$1 d peers="" m
    d=$(ndir "$n")
    for m in $NODES; do peers+="${peers:+,}127.0.0.1:$(gcomm_port "$m")"; done
    install -d -m 0755 "$d"
    install -d -m 0700 "$d/data" "$d/tmp" "$d/binlog"
    "$TOP/tools/dbkeys.sh" "$KEYDIR" || die "no encryption keys in $KEYDIR"
    {
        sed -e "s|@MYSQL_DIR@|$d|g" -e "s|@KEY_DIR@|$KEYDIR|g" "$TOP/db/my.cnf.in" | grep -vE '^(skip-networking|skip-log-bin)'
        sed -e "s|@NODE_DIR@|$d|g" -e "s|@NODE@|$n|g" -e "s|@DB_PORT@|$(db_port "$n")|g" \
            -e "s|@GCOMM_PORT@|$(gcomm_port "$n")|g" -e "s|@IST_PORT@|$(ist_port "$n")|g" \
            -e "s|@SST_PORT@|$(sst_port "$n")|g" -e "s|@GCOMM_PEERS@|$peers|g" \
            -e "s|@CLUSTER_PORT@|$PORT|g" "$TOP/db/galera.cnf.in"
    } > "$d/my.cnf.tmp"
    mv -f "$d/my.cnf.tmp" "$d/my.cnf"
    chmod 0644 "$d/my.cnf"
}

# node_start N [bootstrap]: starts mariadbd N; waits until it is Synced.
node_start() {
    local n=$1 boot=${2:-} d pid t=0 args=()
    d=$(ndir "$n")
    write_node_cnf "$n"
    if node_running "$n"; then say "db$n already running"; return 0; fi
    port_busy "$(db_port "$n")" && die "port $(db_port "$n") (db$n) is in use by another program"
    if [[ -z $(ls -A "$d/data") ]]; then
        mariadb-install-db --defaults-file="$d/my.cnf" --skip-test-db --wsrep-on=OFF \
            --auth-root-authentication-method=normal --skip-name-resolve \
            >"$d/install.log" 2>&1 || { tail -20 "$d/install.log" >&2; die "mariadb-install-db db$n failed"; }
    fi
    if [[ $boot == bootstrap ]]; then
        args=(--wsrep-new-cluster)
        [[ -f $d/data/grastate.dat ]] && sed -i 's/^safe_to_bootstrap: 0/safe_to_bootstrap: 1/' "$d/data/grastate.dat"
    fi
    rm -f "$d/mysqld.pid"
    setsid mariadbd --defaults-file="$d/my.cnf" "${args[@]}" </dev/null >>"$d/mariadbd.out" 2>&1 &
    pid=$!
    until [[ $(node_state "$n") == 4 ]]; do
        if ! alive "$pid"; then tail -30 "$d/error.log" >&2; die "db$n exited during start-up (see $d/error.log)"; fi
        (( t++ < 1200 )) || { tail -30 "$d/error.log" >&2; die "db$n not Synced within 120 s"; }
        sleep 0.1
    done
    chmod 0755 "$d"; chmod 0777 "$d/mysqld.sock" 2>/dev/null || true
    say "db$n Synced (pid $(node_pid "$n"), 127.0.0.1:$(db_port "$n"))"
}

node_stop() {
    local n=$1 pid t=0
    pid=$(node_pid "$n")
    ours "$pid" "$(node_cnf "$n")" || return 0
    kill -TERM "$pid"
    while alive "$pid"; do
        (( t++ < 600 )) || { kill -KILL "$pid"; break; }
        sleep 0.1
    done
    say "db$n stopped"
}

node_kill() { # kill -9, as a crash (chaos)
    local n=$1 pid; pid=$(node_pid "$n")
    ours "$pid" "$(node_cnf "$n")" || { say "db$n is not running"; return 0; }
    kill -KILL "$pid"
    say "db$n killed (pid $pid)"
}

any_node_running() { local n; for n in $NODES; do node_running "$n" && return 0; done; return 1; }

# Which node may found the cluster again when none runs: the one whose
# grastate.dat says safe_to_bootstrap: 1 (the last one stopped), else the
# one with the highest seqno, else db1.
bootstrap_node() {
    local n best=1 seq bestseq=-2 f
    for n in $NODES; do
        f=$(ndir "$n")/data/grastate.dat
        [[ -f $f ]] || continue
        if grep -q '^safe_to_bootstrap: 1' "$f"; then echo "$n"; return; fi
        seq=$(sed -n 's/^seqno: *//p' "$f"); seq=${seq:--1}
        if (( seq > bestseq )); then bestseq=$seq; best=$n; fi
    done
    echo "$best"
}

# ------------------------------------------------------------ HAProxy
haproxy_pid() { readpid "$HADIR/haproxy.pid"; }
haproxy_running() { ours "$(haproxy_pid)" "$HADIR/haproxy.cfg"; }

start_haproxy() {
    load_secrets
    install -d -m 0700 "$HADIR"
    umask 077
    printf '[client]\nuser=monitor\npassword=%s\n' "$CHECK_PASSWORD" > "$HADIR/check.cnf"
    umask 022
    sed -e "s|@CDIR@|$CDIR|g" -e "s|@TOP@|$TOP|g" -e "s|@PORT@|$PORT|g" \
        -e "s|@WEB1_PORT@|$WEB1_PORT|g" -e "s|@WEB2_PORT@|$WEB2_PORT|g" \
        -e "s|@DB_FRONT_PORT@|$DB_FRONT|g" -e "s|@STATS_PORT@|$STATS_PORT|g" \
        -e "s|@DB1_PORT@|$(db_port 1)|g" -e "s|@DB2_PORT@|$(db_port 2)|g" \
        -e "s|@DB3_PORT@|$(db_port 3)|g" "$TOP/apache-conf/haproxy-cluster.cfg.in" > "$HADIR/haproxy.cfg"
    haproxy -c -q -f "$HADIR/haproxy.cfg" || die "HAProxy configuration test failed ($HADIR/haproxy.cfg)"
    if haproxy_running; then
        # A reload: the new process takes over the sockets.
        haproxy -f "$HADIR/haproxy.cfg" -D -p "$HADIR/haproxy.pid" -sf "$(haproxy_pid)" \
            || die "HAProxy reload failed"
    else
        port_busy "$PORT" && die "port $PORT is in use by another program"
        port_busy "$DB_FRONT" && die "port $DB_FRONT is in use by another program"
        haproxy -f "$HADIR/haproxy.cfg" -D -p "$HADIR/haproxy.pid" >"$HADIR/haproxy.out" 2>&1 \
            || { cat "$HADIR/haproxy.out" >&2; die "HAProxy did not start"; }
    fi
    local t=0
    # Ready when the writer is up behind it.
    until mariadb --protocol=tcp -h 127.0.0.1 -P "$DB_FRONT" -u app -p"$DB_PASSWORD" \
            --connect-timeout=1 -N -e 'SELECT 1' motcua >/dev/null 2>&1; do
        (( t++ < 100 )) || die "no database behind HAProxy (127.0.0.1:$DB_FRONT) within 10 s"
        sleep 0.1
    done
    say "HAProxy up (pid $(haproxy_pid)): http://127.0.0.1:$PORT/, MariaDB 127.0.0.1:$DB_FRONT, statistics http://127.0.0.1:$STATS_PORT/"
}

stop_haproxy() {
    local pid t=0; pid=$(haproxy_pid)
    ours "$pid" "$HADIR/haproxy.cfg" || return 0
    kill -TERM "$pid"
    while alive "$pid"; do (( t++ < 50 )) || { kill -KILL "$pid"; break; }; sleep 0.1; done
    say "HAProxy stopped"
}

# ------------------------------------------------------------ web nodes
web() { # web N start|stop|status
    local n=$1 p
    p=$(( n == 1 ? WEB1_PORT : WEB2_PORT ))
    load_secrets
    PORT=$p RUNDIR=$CDIR/web$n TOP=$TOP MOTCUA_NO_LINK=1 \
        MOTCUA_DB_HOST=127.0.0.1 MOTCUA_DB_PORT=$DB_FRONT \
        MOTCUA_DB_PASSWORD=$DB_PASSWORD MOTCUA_SECRET=$SECRET \
        MOTCUA_FILES_DIR=$CDIR/files MOTCUA_BASE_URL=http://127.0.0.1:$PORT \
        MOTCUA_FILES_KEY_FILE=$FILES_KEY \
        MOTCUA_DB_NODE_CNF=$(ndir 2)/my.cnf \
        "$TOP/tools/instance.sh" "$2"
}

start_webs() {
    install -d -m 0750 -o www-data -g www-data "$CDIR/files"
    if [[ -n ${STORE_MB:-} ]] && ! mountpoint -q "$CDIR/files"; then
        [[ $STORE_MB =~ ^[0-9]+$ ]] || die "STORE_MB wants a number of MiB: '$STORE_MB'"
        mount -t tmpfs -o "size=${STORE_MB}m,mode=0750" tmpfs "$CDIR/files" \
            || die "could not mount a ${STORE_MB} MiB tmpfs on $CDIR/files (STORE_MB needs root)"
        chown www-data:www-data "$CDIR/files"
    fi
    web 1 start
    # The second node: the same database, no second import; the static
    # site is copied from the first (in production: rsync after each build).
    MOTCUA_SKIP_IMPORT=1 web 2 start
    if [[ -d $CDIR/web1/site ]]; then
        rsync -a --delete "$CDIR/web1/site/" "$CDIR/web2/site/"
    fi
}

# ------------------------------------------------------------ commands
link_config() {
    [[ ${MOTCUA_NO_LINK:-0} == 1 ]] && return 0
    if [[ -L $TOP/motcua.conf || ! -e $TOP/motcua.conf ]]; then
        ln -sfn "$CDIR/web1/motcua.conf" "$TOP/motcua.conf"
    fi
}

cmd_start() {
    [[ $(id -u) == 0 ]] || die "run as root"
    local t0=$SECONDS
    install -d -m 0755 "$CDIR"
    start_nodes_and_front
    start_webs
    link_config
    cat <<EOF
cluster: ready in $(( SECONDS - t0 )) s — $CDIR
  site (HAProxy)  http://127.0.0.1:$PORT/
  web nodes       http://127.0.0.1:$WEB1_PORT/ http://127.0.0.1:$WEB2_PORT/
  MariaDB         127.0.0.1:$DB_FRONT (HAProxy) -> db1 $(db_port 1), db2 $(db_port 2), db3 $(db_port 3)
  statistics      http://127.0.0.1:$STATS_PORT/
  bin/motcua      acts on it through $TOP/motcua.conf -> $CDIR/web1/motcua.conf
EOF
}

start_nodes_and_front() {
    first_running=""
    start_nodes_inner
    start_haproxy
}

# A new cluster: db1 founded once and stopped cleanly, its data copied to
# the others, so they join at the same position with no state transfer
# (two full transfers cost over a minute on a busy 2-core machine).
seed_nodes() {
    local n d1
    d1=$(ndir 1)
    [[ -f $d1/data/grastate.dat ]] && return 0
    for n in 2 3; do [[ -z $(ls -A "$(ndir "$n")/data" 2>/dev/null) ]] || return 0; done
    node_start 1 bootstrap
    node_stop 1
    for n in 2 3; do
        write_node_cnf "$n"
        rm -rf "$(ndir "$n")/data"
        cp -a "$d1/data" "$(ndir "$n")/data"
        sed -i 's/^safe_to_bootstrap: 1/safe_to_bootstrap: 0/' "$(ndir "$n")/data/grastate.dat"
        rm -f "$(ndir "$n")/data/gvwstate.dat" "$(ndir "$n")"/data/*.pid
    done
}

start_nodes_inner() {
    local n
    any_node_running || seed_nodes
    if any_node_running; then
        for n in $NODES; do node_start "$n"; done
    else
        n=$(bootstrap_node)
        node_start "$n" bootstrap
        # The others join at once, together (each join waits seconds for
        # its state transfer script even when only IST is needed).
        local m pids=() rc=0
        for m in $NODES; do [[ $m == "$n" ]] || { node_start "$m" & pids+=($!); }; done
        for m in "${pids[@]}"; do wait "$m" || rc=1; done
        if (( rc != 0 )); then
            # On a loaded machine a joiner may be left out of the group (a
            # non-primary view under the short evs timeouts, then no retry):
            # stopped cleanly and started once more, alone.
            for m in $NODES; do
                [[ $m == "$n" || $(node_state "$m") == 4 ]] && continue
                say "db$m did not join: stopped and started again"
                node_stop "$m"
                node_start "$m"
            done
        fi
    fi
    for n in $NODES; do node_running "$n" && { first_running=$n; break; }; done
    load_secrets
    node_sql "$first_running" <<EOF || die "could not create the database and its accounts"
CREATE DATABASE IF NOT EXISTS motcua CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'app'@'127.0.0.1' IDENTIFIED BY '$DB_PASSWORD';
ALTER USER 'app'@'127.0.0.1' IDENTIFIED BY '$DB_PASSWORD';
GRANT ALL ON motcua.* TO 'app'@'127.0.0.1';
CREATE USER IF NOT EXISTS 'monitor'@'127.0.0.1' IDENTIFIED BY '$CHECK_PASSWORD';
ALTER USER 'monitor'@'127.0.0.1' IDENTIFIED BY '$CHECK_PASSWORD';
DROP USER IF EXISTS ''@'localhost';
EOF
}

cmd_stop() {
    [[ -d $CDIR ]] || { say "nothing at $CDIR"; return 0; }
    stop_haproxy
    local n
    for n in 2 1; do [[ -d $CDIR/web$n ]] && web "$n" stop; done
    # db1 last: it is then safe to bootstrap from (grastate.dat).
    for n in 3 2 1; do node_stop "$n"; done
    if mountpoint -q "$CDIR/files"; then
        umount "$CDIR/files" || say "could not unmount the store's tmpfs $CDIR/files"
    fi
    if [[ -L $TOP/motcua.conf && $(readlink "$TOP/motcua.conf") == "$CDIR/web1/motcua.conf" ]]; then
        rm -f "$TOP/motcua.conf"
    fi
}

cmd_status() {
    local n ok=0 st
    echo "cluster $CDIR (HAProxy http://127.0.0.1:$PORT/, MariaDB 127.0.0.1:$DB_FRONT)"
    if haproxy_running; then echo "  haproxy  running  pid $(haproxy_pid)"; else echo "  haproxy  stopped"; ok=3; fi
    for n in $NODES; do
        if node_running "$n"; then
            st=$(node_state "$n")
            echo "  db$n      running  pid $(node_pid "$n")  wsrep_local_state ${st:-?}$([[ $st == 4 ]] && echo ' (Synced)')"
        else echo "  db$n      stopped"; ok=3; fi
    done
    if [[ -S $HADIR/admin.sock ]]; then
        echo "show stat" | socat - "UNIX-CONNECT:$HADIR/admin.sock" 2>/dev/null \
            | awk -F, '$1 ~ /^(web_nodes|galera)$/ && $2 !~ /^(BACKEND|FRONTEND)$/ { printf "  haproxy  %s/%s %s\n", $1, $2, $18 }'
    fi
    for n in 1 2; do web "$n" status | sed 's/^/  /' || ok=3; done
    return $ok
}

case ${1:-} in
    start)  cmd_start ;;
    stop)   cmd_stop ;;
    status) cmd_status ;;
    node-start) [[ ${2:-} =~ ^[123]$ ]] || exit 2; node_start "$2"; ;;
    # bootstrap N: node N founds a new cluster from its data (after
    # `bin/motcua restore DEST --node-cnf CDIR/dbN/my.cnf`, the others
    # stopped and emptied; they join with node-start, by state transfer).
    bootstrap)  [[ ${2:-} =~ ^[123]$ ]] || exit 2; node_start "$2" bootstrap ;;
    node-stop)  [[ ${2:-} =~ ^[123]$ ]] || exit 2; node_stop "$2" ;;
    node-kill)  [[ ${2:-} =~ ^[123]$ ]] || exit 2; node_kill "$2" ;;
    web-start)  [[ ${2:-} =~ ^[12]$ ]] || exit 2; MOTCUA_SKIP_IMPORT=1 web "$2" start ;;
    web-stop)   [[ ${2:-} =~ ^[12]$ ]] || exit 2; web "$2" stop ;;
    ports) all_ports | tr ' ' '\n' ;;
    writer) # which node HAProxy sends the database to now
        echo "show stat" | socat - "UNIX-CONNECT:$HADIR/admin.sock" \
            | awk -F, '$1 == "galera" && $18 == "UP" && $2 ~ /^db/ {
                if ($20 == 1 && act == "") act = substr($2, 3)
                if ($21 == 1 && bck == "") bck = substr($2, 3) }
                END { print (act != "" ? act : bck) }' ;;
    *) echo "usage: [PORT=8080] $0 start|stop|status|node-start N|node-stop N|node-kill N|bootstrap N|web-start N|web-stop N|writer" >&2; exit 2 ;;
esac
