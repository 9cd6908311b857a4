#!/usr/bin/env bash
# tests/chaos/cluster_chaos.sh — the short run of tools/chaos.sh (issue 15):
# a throwaway three-node Galera cluster, two web nodes and HAProxy; a load
# through HAProxy while the writer node, the worker holding the lease, a web
# node's Apache and a FastCGI process are killed; a backup drill; two nodes
# filing at once (certification conflicts retried); the cluster destroyed and
# restored from the backups (db1 bootstrapped, db2 and db3 by SST). Checks that
# no acknowledged submission is lost, no notification goes twice, no 500,
# service back within 30 s, and the restore. `make chaos` is the long run.
# Its own ports (HAProxy on a free port whose cluster range is free too).
# Prints "N passed, N failed".
set -uo pipefail
TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd -P)}
free() { [[ -z $(ss -Hltn "sport = :$1" 2>/dev/null) ]]; }
for _ in $(seq 100); do
    p=$(( 12000 + RANDOM % 8000 ))
    ok=1
    [[ -d /tmp/motcua-cluster-$p ]] && ok=0
    for q in $(PORT=$p "$TOP/tools/cluster.sh" ports); do free "$q" || { ok=0; break; }; done
    (( ok )) && break
done
(( ok )) || { echo "no free ports"; echo "0 passed, 1 failed"; exit 1; }
cd "$TOP" && CHAOS_SHORT=1 CHAOS_PORT=$p exec tools/chaos.sh
