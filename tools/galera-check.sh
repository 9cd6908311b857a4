#!/bin/sh
# tools/galera-check.sh — HAProxy's health check of one Galera node
# (external-check): up only when the node says wsrep_ready=ON and
# wsrep_local_state=4 (Synced), so a node that is joining, donating a state
# transfer or cut off from the primary component gets no client.
# HAProxy calls it with: PROXY_ADDR PROXY_PORT SERVER_ADDR SERVER_PORT and
# sets MC_CHECK_CNF (global setenv) to a client option file with the
# monitor account. Exit 0 up, 1 down.
addr=${3:-$HAPROXY_SERVER_ADDR}
port=${4:-$HAPROXY_SERVER_PORT}
out=$(mariadb --defaults-extra-file="$MC_CHECK_CNF" --protocol=tcp \
        -h "$addr" -P "$port" --connect-timeout=1 -N -B -e \
        "SHOW GLOBAL STATUS WHERE Variable_name IN ('wsrep_ready','wsrep_local_state')" \
        2>/dev/null) || exit 1
ready=$(printf '%s\n' "$out" | awk '$1 == "wsrep_ready" { print $2 }')
state=$(printf '%s\n' "$out" | awk '$1 == "wsrep_local_state" { print $2 }')
[ "$ready" = ON ] && [ "$state" = 4 ]
