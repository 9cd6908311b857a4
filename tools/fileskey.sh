#!/usr/bin/env bash
# tools/fileskey.sh FILE [OWNER] — the key the attachment store is encrypted
# with (issue 15; lib/domain/mc_files, files_key_file): 32 random bytes as 64
# hex digits, mode 0600, owned by OWNER (the programs' user, default
# www-data) so that the FastCGI programs and the worker can read it.
# Made once; never replaced (a file written under a key needs that key:
# losing FILE loses every encrypted attachment, in the store and in every
# backup of it). tools/instance.sh calls it before the first start
# (RUNDIR/files.key, beside motcua.conf); tools/cluster.sh names one file
# for both web nodes.
#
# Production: keep FILE off the attachment volume and out of the backups
# (`bin/motcua backup` copies the store, never this key): keep a copy of it
# apart, as one keeps MariaDB's keys (tools/dbkeys.sh).
set -euo pipefail
umask 077
file=${1:?usage: tools/fileskey.sh FILE [OWNER]}
owner=${2:-www-data}
[[ -s $file ]] && exit 0
[[ -e $file ]] && { echo "fileskey: $file exists but is empty: not replacing it" >&2; exit 1; }
install -d -m 0755 "$(dirname "$file")"
tmp=$(mktemp "$(dirname "$file")/.files.key.XXXXXX")
trap 'rm -f "$tmp"' EXIT
openssl rand -hex 32 > "$tmp"
chown "$owner:$owner" "$tmp" 2>/dev/null || true
chmod 0600 "$tmp"
# Never over a key made meanwhile (two web nodes starting at once).
ln "$tmp" "$file" 2>/dev/null || [[ -s $file ]] || { echo "fileskey: cannot write $file" >&2; exit 1; }
