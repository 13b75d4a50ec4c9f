#!/bin/sh
# Regenerates src/io/refi/fixtures/qualcoder/: the Markeer sample (.markeer and its .qdpx), then
# QualCoder imports the .qdpx and exports its project twice (two separate exports, as a user
# would; before the first, what the import did not bring - annotations, a journal, the project
# memo, a coding memo, a source memo - is added the way QualCoder's UI stores it).
# Also writes scripts/qualcoder/reports/*.json (what arrived in QualCoder).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
FIX="$ROOT/src/io/refi/fixtures/qualcoder"
REPORTS="$HERE/reports"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$FIX" "$REPORTS"
cd "$ROOT"
"$ROOT/node_modules/.bin/tsx" "$HERE/make-sample.ts" "$FIX"
/usr/bin/python3 "$HERE/run_import.py" "$FIX/markeer-sample.qdpx" --project "$WORK/markeer-sample" \
  --out "$REPORTS/markeer-sample.import.json" || true
/usr/bin/python3 "$HERE/run_export.py" --project "$WORK/markeer-sample" --add-missing \
  --out "$FIX/qualcoder-export-1.qdpx" > "$REPORTS/qualcoder-export-1.json"
/usr/bin/python3 "$HERE/run_export.py" --project "$WORK/markeer-sample" --add-missing \
  --out "$FIX/qualcoder-export-2.qdpx" > "$REPORTS/qualcoder-export-2.json"
# QualCoder reading its own export back, for comparison.
/usr/bin/python3 "$HERE/run_import.py" "$FIX/qualcoder-export-1.qdpx" \
  --out "$REPORTS/qualcoder-export-1.reimport.json" || true
ls -l "$FIX"
