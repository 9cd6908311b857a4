#!/usr/bin/env bash
# tools/vendor.sh — the browser libraries of the back office's designers,
# from npm (web/package.json, exact versions in web/package-lock.json) into
# htdocs/vendor/ (git-ignored), served at /static/vendor/: nothing is
# loaded from another host. `make` runs it when the lock file changed;
# `npm ci` runs only when web/node_modules is missing or older than the lock.
#   form-js/  bpmn.io's form editor (the form designer, office/eform.c)
#   bpmn-js/  the BPMN modeler and viewer (the workflow designer)
set -euo pipefail
TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
WEB=$TOP/web
OUT=$TOP/htdocs/vendor

if [[ ! -d $WEB/node_modules || $WEB/package-lock.json -nt $WEB/node_modules ]]; then
    log=$(mktemp /tmp/motcua-npm-XXXXXX.log)
    if ! (cd "$WEB" && npm ci --no-audit --no-fund --ignore-scripts) >"$log" 2>&1 </dev/null; then
        tail -n 30 "$log" >&2
        echo "vendor: 'npm ci' failed in web/ (full log: $log)" >&2
        exit 1
    fi
    rm -f "$log"
    touch "$WEB/node_modules"
fi

FJ=$WEB/node_modules/@bpmn-io/form-js/dist
BJ=$WEB/node_modules/bpmn-js/dist
rm -rf "$OUT.new"
install -d "$OUT.new/form-js" "$OUT.new/bpmn-js"
cp "$FJ/form-editor.umd.js" "$FJ/assets/form-js.css" \
   "$FJ/assets/form-js-editor.css" "$FJ/assets/properties-panel.css" \
   "$FJ/assets/draggle.css" "$OUT.new/form-js/"
cp "$BJ/bpmn-modeler.production.min.js" "$BJ/bpmn-viewer.production.min.js" \
   "$BJ/assets/bpmn-js.css" "$BJ/assets/diagram-js.css" "$OUT.new/bpmn-js/"
cp -r "$BJ/assets/bpmn-font" "$OUT.new/bpmn-js/"
for p in @bpmn-io/form-js bpmn-js; do
    v=$(sed -n 's/^ *"version": "\(.*\)",$/\1/p' "$WEB/node_modules/$p/package.json" | head -1)
    echo "$p $v" >>"$OUT.new/VERSIONS"
done
rm -rf "$OUT"
mv "$OUT.new" "$OUT"
echo "vendor: htdocs/vendor from web/package-lock.json ($(tr '\n' ' ' <"$OUT/VERSIONS"))"
