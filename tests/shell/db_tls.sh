#!/usr/bin/env bash
# tests/shell/db_tls.sh — the application's connection to MariaDB over TLS
# (issue 15). A throwaway instance is started by tools/instance.sh with
# MOTCUA_DB_TLS_PORT: its MariaDB listens on a loopback port, TLS only
# (require_secure_transport), with certificates tools/dbtls.sh made, and the
# programs' user is 'app'@'127.0.0.1' REQUIRE X509, with no 'app' on the
# socket. Then:
#   * the pools answer a page read from the database, and every session of
#     'app' the server holds is a TCP one from loopback (so, by the account,
#     TLS with the client certificate); the server counted TLS handshakes;
#   * bin/motcua (lib/core/mc_db.c, the programs' own code) connects with
#     the configuration instance.sh wrote;
#   * the same configuration without db_tls_* is refused by the server, and
#     so is a plain connection of the mariadb client, and root over TCP;
#   * with a CA that did not sign the server's certificate, mc_db refuses the
#     server and says so: "over TLS (CA <file>)" and the verification error.
# Needs TOP (bin/ built); uses its own free ports and RUNDIR, never the test
# instance's. Prints "N passed, N failed".
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
        if [[ -z $(ss -Hltn "sport = :$p" 2>/dev/null) && $p != "${1:-}" ]]; then echo "$p"; return 0; fi
    done
    return 1
}
WEB_PORT=$(pick_port) && DB_PORT=$(pick_port "$WEB_PORT") || { echo "FAIL no free port"; echo "0 passed, 1 failed"; exit 1; }
T=$(mktemp -d /tmp/motcua-tls-XXXXXX) || exit 1
chmod 0755 "$T"
R=$T/run
inst() {
    env -u MOTCUA_DB_HOST -u MOTCUA_DB_PORT -u MOTCUA_FILES_DIR -u MOTCUA_DB_NODE_CNF \
        -u MOTCUA_DB_KEY_DIR -u MOTCUA_FILES_KEY_FILE -u MOTCUA_OIDC \
        PORT="$WEB_PORT" RUNDIR="$R" TOP="$TOP" MOTCUA_NO_LINK=1 MOTCUA_SKIP_IMPORT=1 \
        MOTCUA_DB_TLS_PORT="$DB_PORT" "$TOP/tools/instance.sh" "$@"
}
cleanup() {
    inst stop >/dev/null 2>&1
    rm -rf "$T"
}
trap cleanup EXIT

if ! inst start > "$T/start.log" 2>&1; then
    tail -n 30 "$T/start.log"
    bad "tools/instance.sh start with MOTCUA_DB_TLS_PORT=$DB_PORT"
    echo "$PASS passed, $FAIL failed"
    exit 1
fi
ok "an instance started whose MariaDB requires TLS of the programs (port $DB_PORT)"
CONF=$R/motcua.conf
MY=(mariadb --defaults-file="$R/mysql/my.cnf" --batch --skip-column-names)
PASSWORD=$(sed -n 's/^db_password = //p' "$CONF")
TLS=$R/mysql/tls

check "motcua.conf sends the programs over TCP with TLS (db_host, db_port, db_tls_ca/cert/key)" \
    grep -qx "db_tls_ca = $TLS/ca.pem" "$CONF"
check "the account is 'app'@'127.0.0.1' REQUIRE X509 only (none on the socket)" \
    test "$("${MY[@]}" -e "SELECT CONCAT(host, ' ', ssl_type) FROM mysql.user WHERE user = 'app'")" = "127.0.0.1 X509"

# A page the API reads from the database (procedures: none in this instance).
code=$(curl -s -o "$T/api.json" -w '%{http_code}' --max-time 60 \
    "http://127.0.0.1:$WEB_PORT/api/v1/procedures?q=khai%20sinh")
check "the API answers from the database through the pools (200, got $code)" test "$code" = 200
# Every session of app: TCP from loopback (a socket session shows 'localhost').
sessions=$("${MY[@]}" -e "SELECT COUNT(*), COALESCE(SUM(host NOT LIKE '127.0.0.1:%'), 0) FROM information_schema.PROCESSLIST WHERE user = 'app'")
read -r n_app n_other <<< "$sessions"
check "the pools and the worker hold $n_app sessions of app, all over TCP from loopback ($n_other not)" \
    test "${n_app:-0}" -ge 2 -a "${n_other:-1}" = 0
accepts=$("${MY[@]}" -e "SHOW GLOBAL STATUS LIKE 'Ssl_finished_accepts'" | awk '{ print $2 }')
check "the server finished $accepts TLS handshakes (at least one per session)" \
    test "${accepts:-0}" -ge "${n_app:-1}"

out=$(MOTCUA_CONFIG=$CONF "$TOP/bin/motcua" migrate 2>&1); rc=$?
check "bin/motcua connects with the TLS configuration (mc_db): '$out'" test $rc = 0

sed '/^db_tls_/d' "$CONF" > "$T/plain.conf"
out=$(MOTCUA_CONFIG=$T/plain.conf "$TOP/bin/motcua" migrate 2>&1); rc=$?
check "without db_tls_* the server refuses mc_db (exit $rc: Access denied)" \
    eval '(( rc != 0 )) && grep -q "Access denied" <<< "$out"'
out=$(mariadb --no-defaults -h127.0.0.1 -P"$DB_PORT" -uapp -p"$PASSWORD" --skip-ssl -e 'SELECT 1' 2>&1); rc=$?
check "a plain connection of the mariadb client as app is refused (exit $rc)" test $rc != 0
out=$(mariadb --no-defaults -h127.0.0.1 -P"$DB_PORT" -uroot --ssl -e 'SELECT 1' 2>&1); rc=$?
check "root over TCP is refused (only the socket's root remains) (exit $rc)" test $rc != 0
cipher=$(mariadb --no-defaults -h127.0.0.1 -P"$DB_PORT" -uapp -p"$PASSWORD" --ssl-ca="$TLS/ca.pem" \
    --ssl-cert="$TLS/client.pem" --ssl-key="$TLS/client.key" --ssl-verify-server-cert \
    --batch --skip-column-names -e "SHOW SESSION STATUS WHERE Variable_name IN ('Ssl_version', 'Ssl_cipher')" 2>&1 | awk '{ printf "%s ", $2 }')
check "with the client certificate, app's session is encrypted: $cipher" \
    eval '[[ $cipher == *TLSv1.[23]* && $cipher == *_* ]]'

# A CA that did not sign the server's certificate.
openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
    -keyout "$T/wrong-ca.key" -out "$T/wrong-ca.pem" -subj "/CN=not the database CA" 2>/dev/null
sed "s|^db_tls_ca = .*|db_tls_ca = $T/wrong-ca.pem|" "$CONF" > "$T/wrong.conf"
out=$(MOTCUA_CONFIG=$T/wrong.conf "$TOP/bin/motcua" migrate 2>&1); rc=$?
echo "     (mc_db said: $(grep -m1 'db_connect' <<< "$out"))"
check "with a wrong CA mc_db refuses the server, naming TLS, the CA and the certificate error" \
    eval '(( rc != 0 )) && grep -q "over TLS (CA $T/wrong-ca.pem): .*certificate" <<< "$out"'

echo "$PASS passed, $FAIL failed"
(( FAIL == 0 ))
