#!/usr/bin/env bash
# tools/deps.sh — install what building and testing Một Cửa needs, idempotently.
# Debian packages (apt-get only when one is missing), then the end-to-end test
# tools from tests/e2e/package-lock.json (npm ci only when node_modules is
# missing or older than the lock file). About 0.1 s when everything is present.
# Prints one line saying what it did. Exit 1 if an install failed.
set -euo pipefail

SELF_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
TOP=${TOP:-$(dirname "$SELF_DIR")}

PACKAGES=(
    build-essential pkg-config
    apache2 libfcgi-dev libfcgi-bin
    mariadb-server mariadb-client libmariadb-dev
    clearsilver-dev libssl-dev libcurl4-openssl-dev zlib1g-dev libbrotli-dev
    # The Word exports' zip (lib/domain/mc_export), as libxlsxwriter's.
    libminizip-dev
    libargon2-dev libjansson-dev libutf8proc-dev libmagic-dev
    libcairo2-dev libpango1.0-dev libqrencode-dev fonts-noto-core libxlsxwriter-dev
    # Officers' two-factor login (TOTP, RFC 6238: lib/domain/mc_totp).
    liboath-dev
    # The workflow designer's BPMN diagrams (lib/domain/mc_bpmn).
    libxml2-dev
    wrk chromium poppler-utils zbar-tools nodejs npm fonts-dejavu-core ca-certificates
    python3-aiosmtpd hugo bc
    # The OpenID Connect provider of the tests (tools/oidc.sh): without the
    # extra Perl modules every request of the provider answers 500.
    lemonldap-ng libstring-random-perl libio-string-perl libgd-securityimage-perl
    libimage-magick-perl libmime-tools-perl libemail-sender-perl libdbd-sqlite3-perl
    libplack-perl sqlite3
    clang libclang-rt-14-dev clang-format
    # The cluster (tools/cluster.sh, issue 15): Galera, HAProxy in front,
    # hot backups (bin/motcua backup/restore).
    galera-4 haproxy mariadb-backup
)

did=()

# One dpkg-query for all: a missing package prints nothing (and an error we drop).
installed=$(dpkg-query -W -f='${Package} ${Status}\n' "${PACKAGES[@]}" 2>/dev/null \
            | awk '$NF == "installed" && $(NF-1) == "ok" { print $1 }' || true)
missing=()
for p in "${PACKAGES[@]}"; do
    grep -qxF -- "$p" <<<"$installed" && continue
    # A Node.js from elsewhere (e.g. NodeSource's nodejs, which bundles npm and
    # conflicts with Debian's npm package) satisfies nodejs/npm by its commands.
    case $p in
        nodejs) command -v node >/dev/null 2>&1 && continue ;;
        npm)    command -v npm  >/dev/null 2>&1 && continue ;;
    esac
    missing+=("$p")
done

if (( ${#missing[@]} )); then
    if [[ $(id -u) != 0 ]]; then
        echo "deps: missing packages (run as root to install): ${missing[*]}" >&2
        exit 1
    fi
    log=$(mktemp /tmp/motcua-deps-XXXXXX.log)
    if ! { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
             --no-install-recommends "${missing[@]}"; } >"$log" 2>&1 </dev/null; then
        tail -n 30 "$log" >&2
        echo "deps: apt-get failed installing: ${missing[*]} (full log: $log)" >&2
        exit 1
    fi
    rm -f "$log"
    did+=("installed ${#missing[@]} Debian package(s): ${missing[*]}")
fi

E2E=$TOP/tests/e2e
if [[ -f $E2E/package.json ]]; then
    need=0
    if [[ ! -d $E2E/node_modules ]]; then need=1
    elif [[ -f $E2E/package-lock.json && $E2E/package-lock.json -nt $E2E/node_modules ]]; then need=1
    elif [[ ! -f $E2E/package-lock.json && $E2E/package.json -nt $E2E/node_modules ]]; then need=1
    fi
    if (( need )); then
        log=$(mktemp /tmp/motcua-npm-XXXXXX.log)
        if [[ -f $E2E/package-lock.json ]]; then npm_cmd=(npm ci --no-audit --no-fund)
        else npm_cmd=(npm install --no-audit --no-fund); fi
        if ! (cd "$E2E" && "${npm_cmd[@]}") >"$log" 2>&1 </dev/null; then
            tail -n 30 "$log" >&2
            echo "deps: '${npm_cmd[*]}' failed in tests/e2e (full log: $log)" >&2
            exit 1
        fi
        rm -f "$log"
        touch "$E2E/node_modules"
        did+=("ran '${npm_cmd[*]}' in tests/e2e")
    fi
fi

if (( ${#did[@]} )); then
    msg=${did[0]}
    (( ${#did[@]} > 1 )) && msg+="; ${did[1]}"
    echo "deps: $msg"
elif [[ -f $E2E/package.json ]]; then
    echo "deps: nothing to do (${#PACKAGES[@]} Debian packages present, tests/e2e/node_modules up to date)"
else
    echo "deps: nothing to do (${#PACKAGES[@]} Debian packages present)"
fi
