#!/usr/bin/env python3
"""Which code is a fuzz run still finding? Names the edges a run found.

    python3 new-pcs.py LOG BINARY [--last N]

LOG is a `until-plateau.sh` log of a run made with FUZZ_FLAGS=-print_pcs=1
(libFuzzer then prints `NEW_PC: 0x...` for each newly covered edge, and
until-plateau.sh turns address randomization off so the addresses are
stable); BINARY is the fuzz target that ran (fuzz/target/<triple>/release/
TARGET), not rebuilt since: a rebuilt binary names other code. Edges
printed while the corpus loaded (before INITED) are left out: they were
found by earlier runs.

Prints the new edges by where their code lives (kehoach's own files, or the
crate from the cargo registry or the standard library), by quarter of the
run; when the last edge in kehoach's own code was found; then the last N
(default 25) with time, function and line. A long run keeps finding edges in
library code that scales with input size (a sort switching algorithm on a
longer slice, an HTML tokenizer's rarer states): "flat in kehoach's own code" says
whether the run still reaches new behaviour of this project's code. The load
address comes from libFuzzer's own "Loaded 1 PC tables (...): ... [0x..."
line and the ELF address of the __sancov_pcs section; names come from
`addr2line` (binutils).
"""

import collections
import pathlib
import re
import subprocess
import sys

STAMP = re.compile(r"^\[\s*(?P<t>[\d.]+)s\] ")
NEW_PC = re.compile(r"NEW_PC: 0x([0-9a-f]+)")
PC_TABLE = re.compile(r"Loaded 1 PC tables \(\d+ PCs\): \d+ \[0x([0-9a-f]+),")
REGISTRY = re.compile(r"/registry/src/[^/]+/([^/]+?)-\d+\.\d+[^/]*/")
STD_DEP = re.compile(r"/rust/deps/([^/]+?)-\d+\.\d+[^/]*/")


def section_address(binary, name):
    out = subprocess.run(["readelf", "-SW", binary], check=True, capture_output=True, text=True).stdout
    for line in out.splitlines():
        fields = line.replace("[", " ").replace("]", " ").split()
        if name in fields:
            at = fields.index(name)
            return int(fields[at + 2], 16)
    sys.exit(f"new-pcs: {binary} has no {name} section")


def place(path, root):
    """Where a source file belongs: kehoach's own file, the fuzz targets, a
    crate (from the cargo registry, or one std vendors), or std itself."""
    if path.startswith(root + "/src/"):
        return "kehoach " + path[len(root) + 1 :]
    if path.startswith(root + "/fuzz/"):
        return "fuzz targets"
    m = REGISTRY.search(path) or STD_DEP.search(path)
    if m:
        return m.group(1)
    return "std" if "/rustc/" in path or "/library/" in path else (path or "?")


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    log, binary = argv[1], argv[2]
    last_n = int(argv[argv.index("--last") + 1]) if "--last" in argv else 25
    table_at = None
    inited = False
    found = []  # (seconds, address as printed)
    end_t = 0.0
    with open(log, errors="replace") as f:
        for line in f:
            m = STAMP.match(line)
            t = float(m.group("t")) if m else 0.0
            end_t = max(end_t, t)
            if table_at is None and (m := PC_TABLE.search(line)):
                table_at = int(m.group(1), 16)
            if re.search(r"\sINITED\s", line):
                inited = True
            m = NEW_PC.search(line)
            if m and inited:
                found.append((t, int(m.group(1), 16)))
    if table_at is None:
        sys.exit(f"new-pcs: {log} has no PC table line; was it a libFuzzer run?")
    if not found:
        print(f"{log}: no NEW_PC after INITED (run without FUZZ_FLAGS=-print_pcs=1?)")
        return
    base = table_at - section_address(binary, "__sancov_pcs")
    # -i names the chain of functions inlined at each address, innermost
    # first; -a starts each address's group with the address itself. An
    # edge in library code inlined into a kehoach function (a slice search,
    # a hash map's lookup) is a branch of that function, taken for its
    # input: it counts for the nearest frame in kehoach's own code. Other
    # edges count for their innermost frame's crate.
    root = str(pathlib.Path(binary).resolve().parents[4])
    addrs = [hex(a - base) for _, a in found]
    out = subprocess.run(
        ["addr2line", "-a", "-i", "-f", "-C", "-e", binary, *addrs],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    groups, frames = [], None
    for line in out:
        if line.startswith("0x") and (frames is None or len(frames[-1]) == 2):
            frames = [[]]
            groups.append(frames)
        elif len(frames[-1]) < 2:
            frames[-1].append(line)
        else:
            frames.append([line])
    named = []
    for (t, _), frames in zip(found, groups):
        frames = [f for f in frames if len(f) == 2]
        ours = [f for f in frames if place(f[1].split(":")[0], root).startswith("kehoach ")]
        context = ours[0][1] if ours else frames[0][1]
        named.append((t, frames[-1][0], context, place(context.split(":")[0], root)))

    print(f"{log}: {len(named)} new edges after INITED, in {end_t / 60:.1f} min")
    quarters = [end_t * q / 4 for q in range(1, 5)]
    by_place = collections.defaultdict(lambda: [0, 0, 0, 0])
    for t, _, _, where in named:
        q = next(i for i, limit in enumerate(quarters) if t <= limit or i == 3)
        by_place[where][q] += 1
    width = max(len(w) for w in by_place)
    print(f"  {'where':<{width}}  by quarter of the run")
    for where, counts in sorted(by_place.items(), key=lambda kv: -sum(kv[1])):
        print(f"  {where:<{width}}  {' '.join(f'{c:5d}' for c in counts)}")
    own = [t for t, _, _, where in named if where.startswith("kehoach ")]
    if own:
        print(
            f"  kehoach's own code: {len(own)} new edges, the last at {own[-1] / 60:.1f} min; "
            f"flat for {(end_t - own[-1]) / 60:.1f} min"
        )
    else:
        print(f"  kehoach's own code: no new edge in {end_t / 60:.1f} min")
    print(f"  last {min(last_n, len(named))} (function, and the nearest line of kehoach's code):")
    for t, func, loc, _ in named[len(named) - min(last_n, len(named)) :]:
        short = re.sub(r".*/(src/)", r"\1", loc)
        print(f"  {t / 60:6.1f} min  {func[:70]}  {short}")


if __name__ == "__main__":
    main(sys.argv)
