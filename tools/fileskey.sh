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
#
# tools/fileskey.sh --rotate FILE [OWNER] — a new key in FILE, the one it
# held kept beside it as FILE.old.<UTC time>.<pid> (linked there before FILE is
# replaced, so that no moment is without either). The programs read the
# FILE.old.* keys too (lib/domain/mc_files) and follow the change without a
# restart: files are written under the new key, read under either. Then
# `bin/motcua files-rekey` rewrites every stored file under the new key
# (resumable); once it says no file needs an older key, delete FILE.old.*
# (retired; keep the copy kept apart until the backups made before the
# rotation have expired: they need it).
set -euo pipefail
umask 077
rotate=0
if [[ ${1:-} == --rotate ]]; then rotate=1; shift; fi
file=${1:?usage: tools/fileskey.sh [--rotate] FILE [OWNER]}
owner=${2:-www-data}
if (( rotate )); then
    [[ -s $file ]] || { echo "fileskey: no key in $file to rotate" >&2; exit 1; }
    old=$file.old.$(date -u +%Y%m%dT%H%M%SZ).$$
    ln "$file" "$old"
    tmp=$(mktemp "$(dirname "$file")/.files.key.XXXXXX")
    trap 'rm -f "$tmp"' EXIT
    openssl rand -hex 32 > "$tmp"
    chown "$owner:$owner" "$tmp" 2>/dev/null || true
    chmod 0600 "$tmp"
    sync "$tmp" "$old"
    mv -f "$tmp" "$file"
    sync "$(dirname "$file")"
    echo "fileskey: new key in $file; the old one kept as $old (now run bin/motcua files-rekey)"
    exit 0
fi
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
