#!/usr/bin/env bash
# tools/backup.sh — hot backups that restore (issue 15); `bin/motcua backup`
# and `bin/motcua restore` run this with MOTCUA_CONFIG set.
#
#   backup DEST [--incremental] [--logs]
#       --logs alone ships the binary logs written since the last backup,
#       and the attachments written until then (DEST/binlog/files).
#       Otherwise mariadb-backup takes a hot, consistent copy of InnoDB (full,
#       or --incremental on the last one in DEST), then the attachments
#       (content-addressed: rsync, hard links to the previous copy) and the
#       binary logs. Each backup is DEST/NNNN-full|incr-YYYYmmddTHHMMSS.
#   restore DEST [--until 'YYYY-MM-DD HH:MM:SS'] [--binlogs DIR] [--node-cnf FILE]
#       Into the instance of MOTCUA_CONFIG (its MariaDB stopped; a fresh one
#       is made by `tools/instance.sh start` then `stop`), or into the
#       MariaDB whose option file --node-cnf names (a cluster: the node
#       that will found the new cluster, all nodes stopped, their data
#       folders emptied; then bootstrap it and let the others join by a
#       full state transfer, apache-conf/cluster.md): prepares the full
#       backup and every incremental after it, copies it into the data
#       folder (the old one kept aside), puts the attachments back, then
#       replays the binary logs (DEST/binlog, or DIR) from the backup's
#       position up to --until, or to their end, with the attachments
#       shipped with them (every file a replayed dossier names). Start it afterwards
#       (`make run`, tools/instance.sh start).
#
# The attachments are copied encrypted, as stored: the key files_key_file
# names is NOT in any backup (nor are MariaDB's keys): keep copies apart; a
# restore into another instance needs both (MOTCUA_FILES_KEY_FILE and
# MOTCUA_DB_KEY_DIR for tools/instance.sh).
#
# Which MariaDB: db_node_cnf in the configuration (a cluster: the option file
# of the Galera node to copy, not the writer), else run_dir/mysql/my.cnf.
# Exit 0 done, 1 failed, 2 usage.
set -euo pipefail
umask 077

die()   { echo "backup: error: $*" >&2; exit 1; }
say()   { echo "backup: $*"; }
usage() { sed -n '2,30p' "$0" >&2; exit 2; }

CONF=${MOTCUA_CONFIG:-}
[[ -n $CONF && -r $CONF ]] || die "MOTCUA_CONFIG does not name a readable configuration"
conf() { sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*\([^[:space:]#]*\).*/\1/p" "$CONF" | tail -n 1; }
RUN_DIR=$(conf run_dir)
FILES=$(conf files_dir)
CNF=$(conf db_node_cnf)
CNF=${CNF:-$RUN_DIR/mysql/my.cnf}
[[ -r $CNF ]] || die "no MariaDB option file $CNF (db_node_cnf, or run_dir/mysql/my.cnf)"
cnf() { sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*\([^[:space:]#]*\).*/\1/p" "$CNF" | tail -n 1; }
DATADIR=$(cnf datadir)
BINLOG_BASE=$(cnf log_bin)     # empty: no binary logs (one instance, by default)

# ------------------------------------------------------------ backup
# copy_files TARGET [LINKDEST]: the attachment store into TARGET. A file is
# written under a temporary name, renamed, then its dossier commits: files
# in flight are skipped (*.tmp.*) and one renamed away meanwhile is no
# error (rsync's 24, "vanished"); what a committed dossier names is there.
copy_files() {
    local target=$1 link=() rc=0
    [[ -n ${2:-} && -d $2 ]] && link=(--link-dest="$2")
    install -d "$target"
    rsync -a --exclude='*.tmp.*' "${link[@]}" "$FILES/" "$target/" || rc=$?
    (( rc == 0 || rc == 24 )) || die "copying the attachments failed (rsync $rc)"
}

# The attachments are copied as they are stored: encrypted with the key of
# files_key_file, which a backup never holds (a stolen backup must not carry
# it). Said after every backup, with where the key is.
files_key_note() {
    local key; key=$(conf files_key_file)
    if [[ -n $key ]]; then
        say "the attachment key $key is NOT in this backup: keep a copy of it apart (with MariaDB's keys); without it the attachments cannot be read"
    else
        say "no files_key_file: the attachments in this backup are stored in clear"
    fi
}

last_backup() { find "$1" -maxdepth 1 -name '[0-9][0-9][0-9][0-9]-*' -type d 2>/dev/null | sort | tail -n 1; }

ship_logs() { # DEST: copies the closed binary logs (after FLUSH) not yet there
    local dest=$1 f
    [[ -n $BINLOG_BASE ]] || return 0
    install -d "$dest/binlog"
    mariadb --defaults-file="$CNF" -e 'FLUSH BINARY LOGS' || die "FLUSH BINARY LOGS failed"
    local current; current=$(mariadb --defaults-file="$CNF" -N -B -e 'SHOW MASTER STATUS' | awk '{print $1}')
    for f in "$BINLOG_BASE".[0-9]*; do
        [[ -f $f ]] || continue
        [[ $(basename "$f") == "$current" ]] && continue
        cmp -s "$f" "$dest/binlog/$(basename "$f")" 2>/dev/null || cp -p "$f" "$dest/binlog/"
    done
    # The files after the logs are closed: every dossier in a shipped log
    # committed after its files were written, so they are all copied.
    local prev; prev=$(last_backup "$dest")
    copy_files "$dest/binlog/files" "${prev:+$prev/files}"
    say "binary logs shipped to $dest/binlog (up to before $current), with the attachments"
}

cmd_backup() {
    local dest=${1:-}; shift || true
    [[ -n $dest ]] || usage
    local incr=0 logs=0
    while (( $# )); do
        case $1 in --incremental) incr=1 ;; --logs) logs=1 ;; *) usage ;; esac
        shift
    done
    install -d "$dest"
    dest=$(cd "$dest" && pwd -P)
    if (( logs && ! incr )); then ship_logs "$dest"; return 0; fi
    local prev n kind dir t0=$SECONDS galera=()
    prev=$(last_backup "$dest")
    if (( incr )); then
        [[ -n $prev ]] || die "no full backup in $dest to add an incremental to"
        kind=incr
    else
        kind=full
    fi
    n=$(printf '%04d' $(( 10#$(basename "${prev:-0000}" | cut -c1-4) + 1 )))
    dir=$dest/$n-$kind-$(date -u +%Y%m%dT%H%M%S)
    # A Galera node records its cluster position too.
    grep -q '^wsrep_on *= *ON' "$CNF" && galera=(--galera-info)
    local args=(--defaults-file="$CNF" --backup --target-dir="$dir/db" "${galera[@]}")
    (( incr )) && args+=(--incremental-basedir="$prev/db")
    install -d "$dir"
    # A Galera node is not desynced: its backlog would stall the cluster
    # (flow control) when it resyncs. Its applier waits only while the
    # backup blocks commits at the end (BACKUP STAGE BLOCK_COMMIT), and
    # gcs.fc_limit (db/galera.cnf.in) lets it lag that long.
    if ! mariadb-backup "${args[@]}" >"$dir/mariadb-backup.log" 2>&1; then
        tail -n 20 "$dir/mariadb-backup.log" >&2
        die "mariadb-backup failed (log: $dir/mariadb-backup.log)"
    fi
    # Attachments: written before their dossier commits, so every file a
    # backed-up dossier names is already there; unchanged ones hard-linked.
    copy_files "$dir/files" "${prev:+$prev/files}"
    ship_logs "$dest"
    {
        echo "kind=$kind"
        echo "taken=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
        echo "base=$(basename "${prev:-}")"
        echo "seconds=$(( SECONDS - t0 ))"
        echo "bytes=$(du -sb "$dir" | cut -f1)"
    } > "$dir/backup.info"
    say "$kind backup $dir in $(( SECONDS - t0 )) s ($(du -sh "$dir" | cut -f1))"
    files_key_note
}

# ------------------------------------------------------------ restore
cmd_restore() {
    local dest=${1:-}; shift || true
    [[ -n $dest && -d $dest ]] || usage
    dest=$(cd "$dest" && pwd -P)
    local until="" binlogs=$dest/binlog
    while (( $# )); do
        case $1 in
            --until) until=${2:-}; shift ;;
            --binlogs) binlogs=${2:-}; shift ;;
            --node-cnf)
                CNF=${2:-}; shift
                [[ -r $CNF ]] || die "no MariaDB option file '$CNF' (--node-cnf)"
                DATADIR=$(cnf datadir) ;;
            *) usage ;;
        esac
        shift
    done
    [[ -z $until || $until =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}\ [0-9]{2}:[0-9]{2}:[0-9]{2}$ ]] \
        || die "--until wants 'YYYY-MM-DD HH:MM:SS' (the server's time zone)"
    local pidf; pidf=$(cnf pid-file)
    if [[ -s $pidf ]] && kill -0 "$(cat "$pidf")" 2>/dev/null; then
        die "the MariaDB of $RUN_DIR is running: stop it first (PORT=... make stop)"
    fi
    local t0=$SECONDS full="" d chain=()
    for d in $(find "$dest" -maxdepth 1 -name '[0-9][0-9][0-9][0-9]-*' -type d | sort); do
        case $d in *-full-*) full=$d; chain=("$d") ;; *-incr-*) [[ -n $full ]] && chain+=("$d") ;; esac
    done
    [[ -n $full ]] || die "no full backup in $dest"
    local work=$dest/.prepared
    rm -rf "$work"; cp -a "$full/db" "$work"
    mariadb-backup --prepare --target-dir="$work" >"$dest/prepare.log" 2>&1 \
        || { tail -n 20 "$dest/prepare.log" >&2; die "mariadb-backup --prepare failed"; }
    # Each incremental prepared from a copy too: the prepare moves the
    # tablespaces it finds new out of the incremental's folder, and the
    # same backups restored a second time (into the cluster after a drill
    # into another instance) then lacked them ("Tablespace is missing").
    for d in "${chain[@]:1}"; do
        rm -rf "$work.incr"; cp -a "$d/db" "$work.incr"
        mariadb-backup --prepare --target-dir="$work" --incremental-dir="$work.incr" >>"$dest/prepare.log" 2>&1 \
            || { tail -n 20 "$dest/prepare.log" >&2; die "preparing $d failed"; }
        rm -rf "$work.incr"
    done
    local last=${chain[-1]} innodb_pos=""
    # Where the prepared data stands in the binary logs: InnoDB's own record
    # of the last transaction it committed (printed by --prepare into
    # xtrabackup_binlog_pos_innodb). The position the backup recorded while
    # it blocked commits can be ahead of it: on a Galera node a transaction
    # binlogged then but not yet committed in InnoDB is rolled back by the
    # prepare, so its events lie before that position (the chaos drill's
    # restore lost it, or stopped on ERROR 1032 at a later event of its rows).
    [[ -s $work/xtrabackup_binlog_pos_innodb ]] && innodb_pos=$(head -n 1 "$work/xtrabackup_binlog_pos_innodb")
    # The data folder: the old one kept aside, the backup copied in.
    [[ -n $DATADIR ]] || die "no datadir in $CNF"
    if [[ -d $DATADIR && -n $(ls -A "$DATADIR" 2>/dev/null) ]]; then
        mv "$DATADIR" "$DATADIR.before-restore.$(date -u +%Y%m%dT%H%M%S)"
    fi
    install -d -m 0700 "$DATADIR"
    mariadb-backup --defaults-file="$CNF" --copy-back --target-dir="$work" --datadir="$DATADIR" \
        >>"$dest/prepare.log" 2>&1 || { tail -n 20 "$dest/prepare.log" >&2; die "copy-back failed"; }
    rm -rf "$work"
    # A node restored alone does not join its old cluster.
    rm -f "$DATADIR/grastate.dat" "$DATADIR/gvwstate.dat"
    # Attachments back (the store may hold more: content-addressed, kept).
    install -d -m 0750 "$FILES"
    rsync -a "$last/files/" "$FILES/"
    say "restored $(basename "$full")${chain[1]:+ + $(( ${#chain[@]} - 1 )) incremental} in $(( SECONDS - t0 )) s"
    replay "$last/db" "$binlogs" "$until" "$innodb_pos"
    # The files of the dossiers the logs brought back (content-addressed:
    # one a later dossier names, past --until, is only unreferenced).
    if [[ -d $binlogs/files ]]; then
        rsync -a "$binlogs/files/" "$FILES/"
        say "attachments shipped with the binary logs put back"
    fi
    chown -R www-data:www-data "$FILES" 2>/dev/null || true
    say "restore done in $(( SECONDS - t0 )) s; start the instance (make run / tools/instance.sh start)"
}

# replay_server TMPDIR [OPTION...]: a private server on the restored data,
# socket TMPDIR/s only, no binary log, no Galera; sets pid. 1 if it stopped
# before answering (TMPDIR/error.log says why).
replay_server() {
    local tmp=$1 n=300
    shift
    : >"$tmp/error.log"
    mariadbd --defaults-file="$CNF" --wsrep-on=OFF --wsrep-provider=none --skip-networking \
        --skip-log-bin --socket="$tmp/s" --pid-file="$tmp/pid" --log-error="$tmp/error.log" "$@" \
        </dev/null >/dev/null 2>&1 &
    pid=$!
    until mariadb-admin --no-defaults --socket="$tmp/s" -u root ping >/dev/null 2>&1; do
        if ! kill -0 "$pid" 2>/dev/null || (( n-- <= 0 )); then
            kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
            return 1
        fi
        sleep 0.1
    done
}

# replay BACKUPDIR BINLOGDIR UNTIL [INNODB_POS]: the binary logs after the
# data's position: INNODB_POS ("FILE POS", FILE may be a path) when the
# prepare gave it, else the position the backup recorded.
replay() {
    local bdir=$1 logs=$2 until=$3 innodb=${4:-} info file="" pos="" f files=() started=0 from
    info=$bdir/mariadb_backup_binlog_info
    [[ -s $info ]] || info=$bdir/xtrabackup_binlog_info
    [[ -d $logs && ( -s $info || -n $innodb ) ]] || { say "no binary logs to replay (point in time = the backup)"; return 0; }
    if [[ -n $innodb ]]; then
        read -r file pos _ <<<"$innodb"
        file=$(basename "$file")
        from="InnoDB's last commit"
    fi
    if [[ -z $file || ! $pos =~ ^[0-9]+$ ]]; then
        read -r file pos _ < "$info"
        from="the backup's record"
    fi
    for f in $(ls "$logs" | grep -E '\.[0-9]+$' | sort); do
        [[ $f == "$file" ]] && started=1
        (( started )) && files+=("$logs/$f")
    done
    (( ${#files[@]} )) || { say "binary log $file not in $logs: nothing replayed"; return 0; }
    # A private server on the restored data, socket only, no binary log.
    local tmp; tmp=$(mktemp -d /tmp/motcua-replay-XXXXXX); chmod 0755 "$tmp"
    local pid
    replay_server "$tmp" || {
        # mariadb-backup copies no binary log, so a transaction the
        # backup caught prepared in InnoDB (its commit not yet decided:
        # a Galera node, or commits in flight) stops the server at start
        # (MDEV-36025); such a transaction is either in the binary logs
        # replayed next, or was never acknowledged: rolled back. The
        # server may stop after that recovery: then it starts once more.
        grep -q 'tc-heuristic-recover' "$tmp/error.log" || { cat "$tmp/error.log" >&2; die "the restored server did not start"; }
        say "the restored data holds transactions left prepared: rolled back (their binary log events are replayed next)"
        replay_server "$tmp" --tc-heuristic-recover=rollback ||
            replay_server "$tmp" || { cat "$tmp/error.log" >&2; die "the restored server did not start"; }
    }
    local stop=(); [[ -n $until ]] && stop=(--stop-datetime="$until")
    if ! mariadb-binlog --start-position="$pos" "${stop[@]}" "${files[@]}" \
            | mariadb --no-defaults --socket="$tmp/s" -u root --binary-mode; then
        kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
        die "replaying the binary logs failed"
    fi
    mariadb-admin --no-defaults --socket="$tmp/s" -u root shutdown
    wait "$pid" 2>/dev/null || true
    rm -rf "$tmp"
    say "replayed ${#files[@]} binary log(s) from $file:$pos ($from)${until:+ up to $until}"
}

case ${1:-} in
    backup)  shift; cmd_backup "$@" ;;
    restore) shift; cmd_restore "$@" ;;
    *) usage ;;
esac
