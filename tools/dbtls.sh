#!/usr/bin/env bash
# tools/dbtls.sh DIR [GROUP] — the certificates of the application's TLS
# connection to MariaDB (issue 15), made with openssl:
#   DIR/ca.pem, ca.key          a private CA (EC P-256, 10 years); the key
#                               stays in DIR, 0600, used only to sign below
#   DIR/server.pem, server.key  MariaDB's certificate (subjectAltName
#                               127.0.0.1 and localhost), signed by the CA
#   DIR/client.pem, client.key  the application's certificate (CN app),
#                               signed by the CA; the key readable by GROUP
#                               (the programs' user, www-data) when given
# Made once; kept as they are when present (tools/instance.sh calls it at
# every start when MOTCUA_DB_TLS_PORT is set). db/my.cnf.in's TLS lines
# name the server's files, motcua.conf's db_tls_ca/db_tls_cert/db_tls_key
# the client's.
#
# Production: the CA of the organisation (or a private one kept offline),
# the server certificate named as the clients connect to it (HAProxy's
# address, or each Galera node's), rotated before it expires.
set -euo pipefail
umask 077
dir=${1:?usage: tools/dbtls.sh DIR [GROUP]}
group=${2:-}
[[ -s $dir/ca.pem && -s $dir/server.pem && -s $dir/server.key &&
   -s $dir/client.pem && -s $dir/client.key ]] && exit 0
install -d -m 0755 "$dir"
tmp=$(mktemp -d "$dir/.tls.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
days=3650
openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout "$tmp/ca.key" -out "$tmp/ca.pem" -days "$days" \
    -subj "/O=Mot Cua/CN=Mot Cua database CA" 2>/dev/null
# sign NAME SUBJECT EXTENSIONS
sign() {
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
        -keyout "$tmp/$1.key" -out "$tmp/$1.csr" -subj "$2" 2>/dev/null
    printf '%s\n' "$3" > "$tmp/$1.ext"
    openssl x509 -req -in "$tmp/$1.csr" -CA "$tmp/ca.pem" -CAkey "$tmp/ca.key" \
        -CAcreateserial -days "$days" -extfile "$tmp/$1.ext" -out "$tmp/$1.pem" 2>/dev/null
}
sign server "/O=Mot Cua/CN=127.0.0.1" \
    "subjectAltName=IP:127.0.0.1,DNS:localhost
extendedKeyUsage=serverAuth"
sign client "/O=Mot Cua/CN=app" "extendedKeyUsage=clientAuth"
chmod 0644 "$tmp/ca.pem" "$tmp/server.pem" "$tmp/client.pem"
chmod 0600 "$tmp/ca.key" "$tmp/server.key" "$tmp/client.key"
if [[ -n $group ]]; then
    chgrp "$group" "$tmp/client.key"
    chmod 0640 "$tmp/client.key"
fi
for f in ca.key ca.pem server.key server.pem client.key client.pem; do
    mv -f "$tmp/$f" "$dir/$f"
done
