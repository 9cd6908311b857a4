#!/usr/bin/env bash
# tools/oidc.sh start|stop|status|people — a real OpenID Connect provider for
# the tests and `make run`: LemonLDAP::NG (Debian lemonldap-ng) run by plackup
# on a free loopback port, with everything it writes under $RUNDIR/oidc.
# Configured from tools/oidc/ (see tools/oidc/README.md): a File configuration
# (lmConf-1.json from lmConf-1.json.in), DBI authentication on a SQLite table
# of test people (tools/oidc/people.csv), one relying party for Một Cửa, a
# fixed test RSA signing key (tools/oidc/test-signing-key.pem: NOT a secret).
#
# Environment:
#   RUNDIR      the instance folder (default /tmp/motcua-$PORT); the provider
#               lives in $RUNDIR/oidc
#   PORT        the portal's port: the relying party's redirect URI is
#               http://127.0.0.1:$PORT/dich-vu/dang-nhap/sso/callback (default 8080)
#   OIDC_PORT   the provider's port (default: a free one; kept across restarts)
#   OIDC_CLIENT_ID      default motcua-test
#   OIDC_CLIENT_SECRET  default: random, kept across restarts in $RUNDIR/oidc
#   OIDC_LOGLEVEL       LemonLDAP::NG log level (default warn; log in $RUNDIR/oidc/portal.log)
#
# `start` writes $RUNDIR/oidc/oidc.env (OIDC_ISSUER OIDC_CLIENT_ID
# OIDC_CLIENT_SECRET OIDC_PORT OIDC_REDIRECT_URI, shell syntax: source it) and
# prints it. Exit 0 done, 1 failed, 2 usage; `status` 0 running, 3 not.
# Stops only the process recorded in its pid file (checked against its cmdline).
set -euo pipefail
umask 022

SELF_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
TOP=${TOP:-$(dirname "$SELF_DIR")}
SRC=$TOP/tools/oidc
PORT=${PORT:-8080}
RUNDIR=${RUNDIR:-/tmp/motcua-$PORT}
RUNDIR=${RUNDIR%/}
D=$RUNDIR/oidc
PIDF=$D/plackup.pid
ENVF=$D/oidc.env
RUN_USER=www-data
PSGI=/usr/share/lemonldap-ng/portal/htdocs/index.psgi

die()  { echo "oidc: error: $*" >&2; exit 1; }
say()  { echo "oidc: $*"; }

[[ $PORT =~ ^[0-9]+$ ]] || { echo "oidc: bad PORT '$PORT'" >&2; exit 2; }
[[ -z ${OIDC_PORT:-} || ${OIDC_PORT} =~ ^[0-9]+$ ]] || { echo "oidc: bad OIDC_PORT '$OIDC_PORT'" >&2; exit 2; }
[[ $RUNDIR == /* && $RUNDIR =~ ^[A-Za-z0-9/._+-]+$ ]] || { echo "oidc: bad RUNDIR '$RUNDIR'" >&2; exit 2; }
[[ -z ${OIDC_CLIENT_ID:-} || ${OIDC_CLIENT_ID} =~ ^[A-Za-z0-9._-]+$ ]] || { echo "oidc: bad OIDC_CLIENT_ID" >&2; exit 2; }
[[ -z ${OIDC_CLIENT_SECRET:-} || ${OIDC_CLIENT_SECRET} =~ ^[A-Za-z0-9._~-]+$ ]] || { echo "oidc: bad OIDC_CLIENT_SECRET" >&2; exit 2; }

readpid() { [[ -s $1 ]] && tr -dc '0-9' < "$1" || true; }
ours() { # ours PID: a perl working in our folder. (plackup sets $0, which
    # overwrites its command line, environment and comm: only exe and cwd are left.)
    local pid=$1 exe
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    exe=$(readlink "/proc/$pid/exe" 2>/dev/null) || return 1
    [[ ${exe##*/} == perl* ]] || return 1
    [[ $(readlink "/proc/$pid/cwd" 2>/dev/null) == "$D" ]]
}
running() { ours "$(readpid "$PIDF")"; }
port_free() { [[ -z $(ss -Hltn "sport = :$1" 2>/dev/null) ]]; }
# 10000-19999: below the kernel's ephemeral range (from 32768), where any
# outgoing connection may take the port as its own before the provider
# binds it, and apart from tools/test.sh's (20000 up to that range).
pick_port() {
    local p
    for _ in $(seq 1 200); do
        p=$(( 10000 + RANDOM % 10000 ))
        port_free "$p" && { echo "$p"; return 0; }
    done
    return 1
}
kept() { [[ -s $D/$1 ]] && cat "$D/$1" || true; }

write_config() {
    local issuer=$1 client_id=$2 secret=$3
    # A fresh start: LemonLDAP::NG caches the configuration by its number (1,
    # always), so a cache left from a start on another port would win.
    rm -rf "$D/cache" "$D/sessions" "$D/psessions" "$D/notifications"
    install -d -m 0700 -o "$RUN_USER" -g "$RUN_USER" "$D/conf" "$D/cache" "$D/sessions" \
        "$D/sessions/lock" "$D/psessions" "$D/psessions/lock" "$D/notifications"
    sed -e "s|@DIR@|$D|g" -e "s|@LOGLEVEL@|${OIDC_LOGLEVEL:-warn}|g" \
        "$SRC/lemonldap-ng.ini.in" > "$D/lemonldap-ng.ini"
    cp "$SRC/portal.psgi" "$D/portal.psgi"
    # Placeholders replaced in the parsed JSON (the PEM keys hold newlines).
    DIR=$D ISSUER=$issuer CLIENT_ID=$client_id CLIENT_SECRET=$secret \
    REDIRECT_URI="http://127.0.0.1:$PORT/dich-vu/dang-nhap/sso/callback" \
    POST_LOGOUT_URI="http://127.0.0.1:$PORT/dich-vu/" \
    PRIVATE_KEY=$(cat "$SRC/test-signing-key.pem") PUBLIC_KEY=$(cat "$SRC/test-signing-key.pub.pem") \
    perl -MJSON::PP -e '
        local $/; my $t = <STDIN>;
        my $c = JSON::PP->new->decode($t);
        my $fill; $fill = sub {
            my $v = shift;
            if (ref $v eq "HASH") { $v->{$_} = $fill->($v->{$_}) for keys %$v; return $v }
            if (ref $v eq "ARRAY") { return [ map { $fill->($_) } @$v ] }
            return $v if ref $v or !defined $v;
            $v =~ s/\@([A-Z_]+)\@/exists $ENV{$1} ? $ENV{$1} : die "no value for \@$1\@\n"/ge;
            return $v;
        };
        print JSON::PP->new->canonical->pretty->encode($fill->($c));
    ' < "$SRC/lmConf-1.json.in" > "$D/conf/lmConf-1.json.tmp"
    mv -f "$D/conf/lmConf-1.json.tmp" "$D/conf/lmConf-1.json"
    # The people: two views give the level of assurance (LoA2 tried first).
    rm -f "$D/people.sqlite.tmp"
    {
        cat <<'SQL'
CREATE TABLE people (
    so_dinh_danh  TEXT PRIMARY KEY CHECK (length(so_dinh_danh) = 12 AND so_dinh_danh NOT GLOB '*[^0-9]*'),
    ho_ten        TEXT NOT NULL,
    email         TEXT NOT NULL,
    so_dien_thoai TEXT NOT NULL,
    muc_dam_bao   TEXT NOT NULL CHECK (muc_dam_bao IN ('LoA1', 'LoA2')),
    mat_khau      TEXT NOT NULL,
    sub           TEXT NOT NULL UNIQUE
);
CREATE VIEW people_loa1 AS SELECT * FROM people WHERE muc_dam_bao = 'LoA1';
CREATE VIEW people_loa2 AS SELECT * FROM people WHERE muc_dam_bao = 'LoA2';
.mode csv
.import --skip 1 PEOPLE_CSV people
SQL
    } | sed "s|PEOPLE_CSV|$SRC/people.csv|" | sqlite3 -bail "$D/people.sqlite.tmp" \
        || die "could not load $SRC/people.csv into SQLite"
    mv -f "$D/people.sqlite.tmp" "$D/people.sqlite"
    chown -R "$RUN_USER:$RUN_USER" "$D/conf" "$D/people.sqlite"
    chmod 0600 "$D/conf/lmConf-1.json" "$D/people.sqlite"
}

cmd_start() {
    [[ $(id -u) == 0 ]] || die "run as root (the provider runs as $RUN_USER)"
    [[ -f $PSGI ]] || die "LemonLDAP::NG is not installed (tools/deps.sh installs lemonldap-ng)"
    local t0 port client_id secret issuer
    t0=$(date +%s.%N)
    install -d -m 0755 "$RUNDIR"
    install -d -m 0755 "$D"
    if running; then
        say "already running (pid $(readpid "$PIDF"))"
        cat "$ENVF"
        return 0
    fi
    port=${OIDC_PORT:-$(kept port)}
    if [[ -z $port ]] || ! port_free "$port"; then
        [[ -n ${OIDC_PORT:-} ]] && die "OIDC_PORT $OIDC_PORT is in use"
        port=$(pick_port) || die "no free port"
    fi
    client_id=${OIDC_CLIENT_ID:-motcua-test}
    secret=${OIDC_CLIENT_SECRET:-$(kept client_secret)}
    [[ -n $secret ]] || secret=$(openssl rand -hex 24)
    (umask 077; echo "$port" > "$D/port"; echo "$secret" > "$D/client_secret")
    issuer=http://127.0.0.1:$port
    write_config "$issuer" "$client_id" "$secret"
    # cwd $D (how `ours` recognises it); setsid: its own process group;
    # setpriv execs (no extra process): the pid is plackup's.
    (cd "$D" && LLNG_DEFAULTCONFFILE=$D/lemonldap-ng.ini \
        exec setsid setpriv --reuid="$RUN_USER" --regid="$RUN_USER" --init-groups \
        plackup -E deployment --host 127.0.0.1 --port "$port" "$D/portal.psgi") \
        </dev/null >>"$D/portal.log" 2>&1 &
    local pid=$! n=200
    echo "$pid" > "$PIDF"
    until [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$issuer/.well-known/openid-configuration") == 200 ]]; do
        # kill -0, not ours: until it has exec'd plackup its cmdline is bash's.
        if ! kill -0 "$pid" 2>/dev/null || (( n-- <= 0 )); then
            tail -n 30 "$D/portal.log" >&2
            ours "$pid" && kill -TERM -- "-$pid" 2>/dev/null
            die "LemonLDAP::NG did not answer on $issuer within 20 s (log $D/portal.log)"
        fi
        sleep 0.05
    done
    (umask 077; cat > "$ENVF" <<ENV
OIDC_ISSUER=$issuer
OIDC_CLIENT_ID=$client_id
OIDC_CLIENT_SECRET=$secret
OIDC_PORT=$port
OIDC_REDIRECT_URI=http://127.0.0.1:$PORT/dich-vu/dang-nhap/sso/callback
ENV
)
    # The relying party's settings for the portal (mc_oidc: oidc_config_file),
    # readable by the programs' user; read at each login, so the portal
    # started before the provider finds it.
    local rp=$D/relying-party.conf.tmp
    (umask 027; cat > "$rp" <<CONF
# Written by tools/oidc.sh: the test provider of this instance.
oidc_issuer = $issuer
oidc_client_id = $client_id
oidc_client_secret = $secret
oidc_acr_values = LoA2 LoA1
oidc_acr_verified = LoA2
CONF
)
    chgrp "$RUN_USER" "$rp" && mv -f "$rp" "$D/relying-party.conf"
    say "LemonLDAP::NG up in $(printf '%.1f' "$(echo "$(date +%s.%N) - $t0" | bc)") s (pid $pid, $issuer, log $D/portal.log)"
    cat "$ENVF"
}

cmd_stop() {
    local pid; pid=$(readpid "$PIDF")
    if [[ -n $pid ]] && ours "$pid"; then
        kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
        local n=50
        while ours "$pid" && (( n-- > 0 )); do sleep 0.1; done
        ours "$pid" && kill -KILL -- "-$pid" 2>/dev/null
        say "LemonLDAP::NG stopped"
    fi
    rm -f "$PIDF"
}

cmd_status() {
    if running; then
        echo "  oidc     running  pid $(readpid "$PIDF")  http://127.0.0.1:$(kept port)/"
        return 0
    fi
    echo "  oidc     stopped"
    return 3
}

cmd_people() {
    echo "SSO test people (tools/oidc/people.csv; log in with the ID number):"
    tail -n +2 "$SRC/people.csv" | while IFS=, read -r id name email phone loa pw _; do
        printf '  %s  %-4s  password %s  %-28s %s\n' "$id" "$loa" "$pw" "$email" "$name"
    done
}

case ${1:-} in
    start)  cmd_start ;;
    stop)   cmd_stop ;;
    status) cmd_status ;;
    people) cmd_people ;;
    *) echo "usage: [RUNDIR=...] [PORT=8080] [OIDC_PORT=...] $0 start|stop|status|people" >&2; exit 2 ;;
esac
