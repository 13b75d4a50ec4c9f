#!/bin/sh
# The whole round, for CI: make the Markeer sample -> export it with Markeer's CLI (.qdpx) ->
# import it with QualCoder's own importer -> report. Exits 1 when a kind that the Markeer export
# holds does not (fully) arrive in QualCoder, and lists those kinds.
#
#   scripts/qualcoder/check.sh [--allow KIND,KIND,...] [--keep DIR]
#
# --allow   kinds (or prefixes of their names, as printed) that may be lost, e.g. known
#           QualCoder limitations: --allow "variable types kept,sets of codes"
#           (also taken from $QUALCODER_ALLOW)
# --keep    write the sample, the .qdpx and report.json into DIR instead of a temporary folder
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
ALLOW=${QUALCODER_ALLOW:-}
KEEP=""
while [ $# -gt 0 ]; do
  case "$1" in
    --allow) ALLOW="$2"; shift 2 ;;
    --keep) KEEP="$2"; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
[ -x "$ROOT/node_modules/.bin/tsx" ] || { echo "node_modules/.bin/tsx missing: run npm ci first" >&2; exit 2; }
[ -x /usr/bin/python3 ] || { echo "/usr/bin/python3 missing: run scripts/qualcoder/setup.sh" >&2; exit 2; }
if [ -n "$KEEP" ]; then OUT="$KEEP"; mkdir -p "$OUT"; else OUT=$(mktemp -d); trap 'rm -rf "$OUT"' EXIT; fi

cd "$ROOT"
"$ROOT/node_modules/.bin/tsx" "$HERE/make-sample.ts" "$OUT" >/dev/null
node "$ROOT/bin/markeer.mjs" validate "$OUT/markeer-sample.markeer"
node "$ROOT/bin/markeer.mjs" export "$OUT/markeer-sample.markeer" --format qdpx -o "$OUT/markeer-export.qdpx"
node "$ROOT/bin/markeer.mjs" validate "$OUT/markeer-export.qdpx"
/usr/bin/python3 "$HERE/run_import.py" "$OUT/markeer-export.qdpx" --out "$OUT/report.json" --check --allow "$ALLOW"
