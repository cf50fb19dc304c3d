#!/usr/bin/env bash
# Runs one fuzz target until it stops finding coverage, then stops it.
#
#   fuzz/until-plateau.sh TARGET [CAP_MINUTES] [MIN_MINUTES]
#
# "Stops finding coverage" is plateau.py's test: no new `cov` (covered
# edges) in the last 10 minutes. The run is stopped (SIGINT, so libFuzzer
# prints its final stats) once that holds and it has run MIN_MINUTES
# (default 15), or after CAP_MINUTES (default 120) whatever happens. Each
# target gets the flags of the README's "Fuzzing" section, under `nice`,
# its corpus in corpus/TARGET (fill it first with ./seed-corpora.sh), its
# log in logs/TARGET-<UTC time>.log; the summary is printed at the end.
# Several targets can run at once, one per core. FUZZ_FLAGS adds libFuzzer
# flags (FUZZ_FLAGS=-print_pcs=1 logs each new edge's function and line,
# which shows which code a run is still finding).
set -euo pipefail
cd "$(dirname "$0")"
target=${1:?usage: until-plateau.sh TARGET [CAP_MINUTES] [MIN_MINUTES]}
cap=${2:-120}
min=${3:-15}
case $target in
  html) extra=(-dict=dict/html.dict -max_len=8192) ;;
  docx) extra=(-dict=dict/docx.dict -max_len=16384) ;;
  pipeline | decode_normalize) extra=(-max_len=4096) ;;
  *) echo "unknown target: $target" >&2; exit 2 ;;
esac
mkdir -p logs "corpus/$target"
log="logs/$target-$(date -u +%Y%m%dT%H%M%S).log"

# Only the fuzzer is told to stop, not the stamping of its output, so the
# log keeps libFuzzer's final stats. nice, the rustup proxy, cargo and
# cargo-fuzz replace one another (exec), so the fuzzer is a child of $!.
# With -print_pcs=1, address randomization is turned off (setarch -R, which
# the fuzzer inherits) so that new-pcs.py can name the printed addresses.
norand=()
[[ ${FUZZ_FLAGS:-} == *print_pcs* ]] && norand=(setarch -R)
"${norand[@]}" nice -n 10 cargo +nightly fuzz run -s none "$target" "corpus/$target" -- "${extra[@]}" \
  -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 -max_total_time=$((cap * 60)) ${FUZZ_FLAGS:-} \
  > >(python3 plateau.py --stamp > "$log") 2>&1 &
fuzzer=$!
stop() { pkill -INT -P "$fuzzer" -f "/release/$target " 2>/dev/null || true; }
trap 'stop; wait "$fuzzer"; sleep 1; python3 plateau.py "$log"; exit 130' INT TERM

while kill -0 "$fuzzer" 2>/dev/null; do
  sleep 30
  summary=$(python3 plateau.py "$log" 2>/dev/null || true)
  secs=$(awk '/^  time/ { gsub(/[()]/, "", $4); print $4 }' <<< "$summary")
  if grep -q '^  plateau       yes' <<< "$summary" && [ "${secs:-0}" -ge $((min * 60)) ]; then
    stop
    break
  fi
done
wait "$fuzzer" || true
sleep 1 # the stamping drains the last lines
python3 plateau.py "$log"
