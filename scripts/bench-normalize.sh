#!/usr/bin/env bash
# Normalization speed, side by side on the same ~10 MB of Vietnamese text:
#   kehoach normalize (NFC + every repair, tone style kept; and --tone-style new)
#   ICU's `uconv -x any-nfc` (NFC only; Debian package icu-devtools)
#   underthesea's text_normalize (PyPI, in a throwaway virtualenv)
# Prints seconds (best of 3) and ratios. A benchmark, not a test: run by hand.
#   scripts/bench-normalize.sh [CORPUS_DIR]   (default ../shared/corpus)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpus}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

command -v uconv >/dev/null || { apt-get update -qq && apt-get install -y -qq icu-devtools >/dev/null; }
cargo build --release --quiet
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet underthesea

# The text: the corpus's plain-text files, then the laws' provisions.
python3 - "$corpus" "$work/input.txt" <<'PY'
import json, pathlib, sys
root, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
parts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(root.rglob("*.txt")) if p.name != "README.md"]
for p in sorted(root.rglob("*.json")):
    try:
        doc = json.loads(p.read_text(encoding="utf-8"))
    except ValueError:
        continue
    parts += [str(x.get("content", "")) for x in doc.get("provisions", [])]
text = "\n".join(parts)
while len(text.encode()) < 10_000_000:
    text += "\n" + text[: 10_000_000 - len(text.encode())]
out.write_text(text, encoding="utf-8")
PY

cat > "$work/uts.py" <<'PY'
import sys
from underthesea import text_normalize
with open(sys.argv[1], encoding="utf-8") as f:
    out = [text_normalize(line) for line in f]
PY

python3 - "$work" <<'PY'
import os, subprocess, sys, time
work = sys.argv[1]
inp = os.path.join(work, "input.txt")
size = os.path.getsize(inp)
def best(cmd, **kw):
    times = []
    for _ in range(3):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, **kw)
        times.append(time.perf_counter() - t)
    return min(times)
runs = {
    "kehoach normalize": best(["target/release/kehoach", "normalize", inp]),
    "kehoach normalize --tone-style new": best(["target/release/kehoach", "normalize", "--tone-style", "new", inp]),
    "uconv -x any-nfc": best(["uconv", "-x", "any-nfc", "-f", "utf-8", "-t", "utf-8", inp]),
    "underthesea text_normalize": best([os.path.join(work, "venv/bin/python"), os.path.join(work, "uts.py"), inp]),
}
k = runs["kehoach normalize"]
print(f"input: {size / 1e6:.1f} MB of Vietnamese text")
print(f"{'tool':40} {'seconds':>8} {'MB/s':>8} {'vs kehoach':>11}")
for name, t in runs.items():
    print(f"{name:40} {t:8.3f} {size / 1e6 / t:8.1f} {t / k:10.1f}x")
PY
