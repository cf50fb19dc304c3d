#!/usr/bin/env python3
"""Reproducible corpus generator for benchmarks: N varied plans made from the
sample plan (seeds/000_b020f26e05120408.txt).

    scripts/gen-corpus.py N OUTDIR [--seed S] [--huge-mb M]

Each plan takes the sample's header, body and task table and varies them:
task rows shuffled within their group and renumbered, some rows repeated
(so sizes differ from 1x to 4x the sample), lead and coordinating units
renamed to other bodies of the unit lexicon (data/units.tsv), and one of four
byte layouts: UTF-8, UTF-8 with a byte-order mark, UTF-16LE with a
byte-order mark, or UTF-8 with CRLF line ends. The same N, seed and inputs
give byte-identical files. Python standard library only.

--huge-mb M also writes huge.txt: one plan of about M MB (a task table of
39 groups with as many rows as it takes), to time one very large document.
"""

import argparse
import os
import random
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE = os.path.join(ROOT, "seeds", "000_b020f26e05120408.txt")
UNITS = os.path.join(ROOT, "data", "units.tsv")
LAYOUTS = ["utf-8", "utf-8-bom", "utf-16le", "crlf"]


def roman(n):
    """Roman numeral for 1..39 (what the task-table reader takes as a group)."""
    ones = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"]
    return "X" * (n // 10) + ones[n % 10]


def read_sample():
    with open(SAMPLE, encoding="utf-8") as f:
        lines = f.read().split("\n")
    header = next(i for i, l in enumerate(lines) if l.startswith("Số TT\t"))
    prefix, table = lines[: header + 1], lines[header + 1 :]
    groups = []  # [(group row, [task cells after the number])]
    for line in table:
        if not line.strip():
            continue
        cells = line.split("\t")
        if cells[0] and not cells[0].isdigit():
            groups.append((line, []))
        elif groups and len(cells) > 1:
            groups[-1][1].append(cells[1:])
    return prefix, groups


def read_units():
    names = []
    with open(UNITS, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or line.startswith("@") or not line.strip():
                continue
            cells = line.rstrip("\n").split("\t")
            if len(cells) >= 2 and cells[1] in ("department", "agency", "association", "press"):
                names.append(cells[0])
    return names


def rename(cell, units, rng):
    """Replace a unit cell by 1-3 other lexicon units, keeping empty cells."""
    if not cell.strip() or rng.random() < 0.3:
        return cell
    return "; ".join(rng.sample(units, rng.randint(1, 3)))


def plan_text(prefix, groups, units, rng, scale):
    out = list(prefix)
    for row, tasks in groups:
        out.append(row)
        rows = [t for t in tasks for _ in range(scale)]
        rng.shuffle(rows)
        for n, cells in enumerate(rows, 1):
            cells = list(cells)
            if len(cells) >= 3:
                cells[1] = rename(cells[1], units, rng)
                cells[2] = rename(cells[2], units, rng)
            out.append("\t".join([str(n)] + cells))
    return "\n".join(out) + "\n"


def encode(text, layout):
    if layout == "utf-8":
        return text.encode("utf-8")
    if layout == "utf-8-bom":
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    if layout == "utf-16le":
        return b"\xff\xfe" + text.encode("utf-16-le")
    return text.replace("\n", "\r\n").encode("utf-8")


def huge_text(prefix, groups, units, rng, megabytes):
    tasks = [t for _, ts in groups for t in ts]
    out = list(prefix)
    size = sum(len(l.encode("utf-8")) + 1 for l in out)
    target = megabytes * 1_000_000
    per_group = max(1, (target - size) // (39 * 700))
    for g in range(1, 40):
        out.append(f"{roman(g)}\tNhóm nhiệm vụ số {g}\t\t\t")
        for n in range(1, per_group + 1):
            cells = list(rng.choice(tasks))
            if len(cells) >= 3:
                cells[1] = rename(cells[1], units, rng)
            line = "\t".join([str(n)] + cells)
            out.append(line)
            size += len(line.encode("utf-8")) + 1
        if size >= target:
            break
    while size < target:  # the last group takes what is left
        cells = list(rng.choice(tasks))
        n += 1
        line = "\t".join([str(n)] + cells)
        out.append(line)
        size += len(line.encode("utf-8")) + 1
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="number of plans")
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--huge-mb", type=int, default=0, help="also write huge.txt of about this many MB")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    prefix, groups = read_sample()
    units = read_units()
    os.makedirs(args.outdir, exist_ok=True)
    total = 0
    for i in range(args.n):
        layout = LAYOUTS[i % len(LAYOUTS)]
        text = plan_text(prefix, groups, units, rng, rng.randint(1, 4))
        data = encode(text, layout)
        with open(os.path.join(args.outdir, f"plan-{i:06d}.txt"), "wb") as f:
            f.write(data)
        total += len(data)
    if args.huge_mb:
        data = huge_text(prefix, groups, units, rng, args.huge_mb).encode("utf-8")
        with open(os.path.join(args.outdir, "huge.txt"), "wb") as f:
            f.write(data)
        print(f"huge.txt: {len(data)} bytes", file=sys.stderr)
    print(f"{args.n} plans, {total} bytes in {args.outdir}", file=sys.stderr)


if __name__ == "__main__":
    main()
