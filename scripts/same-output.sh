#!/usr/bin/env bash
# Whether two builds of kehoach give byte-identical output: the check every
# speed change is held to (README, "Whole archives → Speed").
#
#   scripts/same-output.sh BASE_BIN NEW_BIN DIR...
#
# Runs `batch --full --sorted --fail-on never` with each binary over each
# DIR (recursive) and compares the NDJSON byte for byte; prints one line per
# DIR (same/DIFF, documents, and how many failed, which must be none) and
# exits 1 if any differs or failed. Good DIRs: the fixtures, the shared
# corpus, `scripts/gen-corpus.py` output in every layout, and the fuzzers'
# corpora (a .docx target's corpus holds bare XML: wrap it in zips first).
set -euo pipefail
base=${1:?usage: same-output.sh BASE_BIN NEW_BIN DIR...}
new=${2:?usage: same-output.sh BASE_BIN NEW_BIN DIR...}
shift 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for dir in "$@"; do
  "$base" batch --full --sorted --fail-on never "$dir" > "$work/base.ndjson" 2> /dev/null || true
  "$new" batch --full --sorted --fail-on never "$dir" > "$work/new.ndjson" 2> /dev/null || true
  docs=$(wc -l < "$work/new.ndjson")
  failed=$(grep -c '"status":"failed"' "$work/new.ndjson" || true)
  if cmp -s "$work/base.ndjson" "$work/new.ndjson" && [ "$failed" -eq 0 ]; then
    echo "same  $dir ($docs documents)"
  else
    echo "DIFF  $dir ($docs documents, $failed failed)"
    status=1
  fi
done
exit $status
