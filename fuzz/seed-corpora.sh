#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ with the seeds each fuzz target starts from,
# taken from the repository's fixtures (fuzz/corpus/ is not in git: run this
# once before `cargo fuzz run`, and again whenever the fixtures change; files
# the fuzzers added are left alone, seeds are overwritten with the same bytes).
#
#   pipeline, decode_normalize  every file (not folder) of fixtures/,
#                               fixtures/layouts, fixtures/html, fixtures/docx
#                               and seeds/
#   docx                        every fixture .docx as it is; and for each one
#                               that is a readable zip, its word/document.xml
#                               alone, and (when it has word/numbering.xml)
#                               document.xml + one 0xFF byte + numbering.xml:
#                               the docx target reads its bytes as a whole
#                               .docx, and also as document.xml (before the
#                               first 0xFF) and numbering.xml (after it) of a
#                               zip it builds (`docx` in fuzz/targets.rs)
#   html                        fixtures/html/*.html
#
# Every target also gets the crash inputs it found (fixtures/fuzz/<target>-*),
# so a run starts from the paths that once broke it, and the corpus kept in
# fuzz/corpora/<target>.tar.xz, if any.
#
# Parts larger than 1 MiB once inflated (the zip-bomb fixtures) are skipped:
# libFuzzer would cut them to -max_len anyway.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
corpus="$root/fuzz/corpus"
mkdir -p "$corpus"/{pipeline,decode_normalize,docx,html}

# Copies the files (not folders) of the given folders into a target's corpus.
copy_files() {
    local target="$1"
    shift
    local dir f
    for dir in "$@"; do
        for f in "$root/$dir"/*; do
            [[ -f "$f" && "$(basename "$f")" != README.md ]] || continue
            cp "$f" "$corpus/$target/"
        done
    done
}

for t in pipeline decode_normalize; do
    copy_files "$t" fixtures fixtures/layouts fixtures/html fixtures/docx seeds
done

cp "$root"/fixtures/html/*.html "$corpus/html/"

cp "$root"/fixtures/docx/*.docx "$corpus/docx/"
python3 - "$root/fixtures/docx" "$corpus/docx" <<'EOF'
import pathlib, sys, zipfile

CAP = 1 << 20
src, dst = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])

def part(z, name):
    """The part's bytes, or None when absent, too large or unreadable."""
    try:
        info = z.getinfo(name)
    except KeyError:
        return None
    if info.file_size > CAP:
        print(f"seed-corpora: {pathlib.Path(z.filename).name}: {name} is {info.file_size} bytes inflated, skipped")
        return None
    try:
        with z.open(info) as f:
            data = f.read(CAP + 1)
    except Exception as e:  # a corrupt entry: the .docx itself is still a seed
        print(f"seed-corpora: {pathlib.Path(z.filename).name}: {name}: {e}, skipped")
        return None
    return data if len(data) <= CAP else None

for docx in sorted(src.glob("*.docx")):
    try:
        z = zipfile.ZipFile(docx)
    except (zipfile.BadZipFile, OSError):
        continue  # not a zip (ole-renamed, truncated): only the file itself
    with z:
        document = part(z, "word/document.xml")
        if document is None:
            continue
        if b"\xff" in document:
            # The target would split it at that byte: not the part alone.
            print(f"seed-corpora: {docx.name}: document.xml holds 0xFF, skipped")
            continue
        (dst / f"{docx.stem}.document.xml").write_bytes(document)
        numbering = part(z, "word/numbering.xml")
        if numbering is not None:
            (dst / f"{docx.stem}.document+numbering.xml").write_bytes(
                document + b"\xff" + numbering
            )
EOF

for t in pipeline decode_normalize docx html; do
    for f in "$root"/fixtures/fuzz/"$t"-*; do
        [[ -f "$f" ]] && cp "$f" "$corpus/$t/"
    done
    # The corpus an earlier session kept (fuzz/save-corpora.sh), so a run
    # resumes where that one stopped instead of starting from the seeds.
    if [[ -f "$root/fuzz/corpora/$t.tar.xz" ]]; then
        tar -xJf "$root/fuzz/corpora/$t.tar.xz" -C "$corpus/$t"
    fi
    echo "fuzz/corpus/$t: $(find "$corpus/$t" -type f | wc -l) files"
done
