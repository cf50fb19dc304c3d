#!/usr/bin/env bash
# Keeps the fuzz corpora in git, so the next machine resumes them: merges
# each target's corpus/TARGET (libFuzzer's -merge=1: the fewest inputs that
# keep every feature the corpus reaches) and writes it, xz-compressed, to
# corpora/TARGET.tar.xz, which seed-corpora.sh unpacks. The inputs are
# highly alike, so 35 MB of .docx-target inputs pack into 1.4 MB.
#
#   fuzz/save-corpora.sh [TARGET...]     (default: every target with a corpus)
#
# Run it after a fuzzing session, with the fuzzers stopped and the targets
# built (cargo +nightly fuzz build -s none).
set -euo pipefail
cd "$(dirname "$0")"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(pipeline decode_normalize docx html)
bin=target/x86_64-unknown-linux-gnu/release
mkdir -p corpora
for t in "${targets[@]}"; do
  [ -d "corpus/$t" ] || continue
  merged=$(mktemp -d)
  "$bin/$t" -merge=1 -rss_limit_mb=2048 -timeout=10 "$merged" "corpus/$t" > /dev/null 2>&1
  # Sorted names, fixed owners and times: the same corpus gives the same
  # archive.
  out="$PWD/corpora/$t.tar.xz"
  (cd "$merged" && find . -type f -printf '%P\n' | LC_ALL=C sort |
    tar --owner=0 --group=0 --numeric-owner --mtime=@0 -cf - -T - | xz -9 > "$out.tmp")
  mv "$out.tmp" "$out"
  echo "corpora/$t.tar.xz: $(find "$merged" -type f | wc -l) inputs, $(du -h "corpora/$t.tar.xz" | cut -f1)"
  rm -rf "$merged"
done
