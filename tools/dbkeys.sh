#!/usr/bin/env bash
# tools/dbkeys.sh DIR — the keys MariaDB encrypts its data at rest with
# (issue 15): DIR/keys.enc, the key file of the file_key_management plugin
# (key 1, 256 bits, random), encrypted with the passphrase in DIR/keys.pass.
# Made once; never replaced (data written under a key needs that key: losing
# DIR loses the database and every backup of it). tools/instance.sh and
# tools/cluster.sh call it before the first start; db/my.cnf.in names them.
#
# Production: keep DIR off the data volume and out of the backups (the
# backups are encrypted with these keys), readable by mariadbd only; better,
# a key management service (Debian's mariadb-plugin-hashicorp-key-management).
set -euo pipefail
umask 077
dir=${1:?usage: tools/dbkeys.sh DIR}
[[ -s $dir/keys.enc && -s $dir/keys.pass ]] && exit 0
[[ -e $dir/keys.enc || -e $dir/keys.pass ]] && {
    echo "dbkeys: $dir holds one of keys.enc and keys.pass but not the other: not replacing a key" >&2
    exit 1
}
install -d -m 0700 "$dir"
tmp=$(mktemp "$dir/.keys.XXXXXX")
trap 'rm -f "$tmp" "$dir/.keys.pass.tmp"' EXIT
openssl rand -hex 32 > "$dir/.keys.pass.tmp"
printf '1;%s\n' "$(openssl rand -hex 32)" > "$tmp"
# The format the plugin reads: OpenSSL's salted AES-256-CBC, SHA-1 digest.
openssl enc -aes-256-cbc -md sha1 -pass file:"$dir/.keys.pass.tmp" -in "$tmp" -out "$dir/keys.enc.tmp" 2>/dev/null
mv "$dir/keys.enc.tmp" "$dir/keys.enc"
mv "$dir/.keys.pass.tmp" "$dir/keys.pass"
chmod 0600 "$dir/keys.enc" "$dir/keys.pass"
