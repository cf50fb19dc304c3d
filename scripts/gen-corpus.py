#!/usr/bin/env python3
"""Reproducible corpus generator for benchmarks: N varied plans made from the
sample plan (seeds/000_b020f26e05120408.txt).

    scripts/gen-corpus.py N OUTDIR [--seed S] [--huge-mb M]

Each plan takes the sample's header, body and task table and varies them:
task rows shuffled within their group and renumbered, some rows repeated
(so sizes differ from 1x to 4x the sample), lead and coordinating units
renamed to other bodies of the unit lexicon (data/units.tsv), and written in
one of these layouts in turn (--layouts picks some):

  utf-8, utf-8-bom, utf-16le, crlf   plain text (.txt)
  windows-1258                       base letters and combining tone marks,
                                     as Word's "Vietnamese (Windows)" saves
  tcvn3, vni                         the legacy font encodings, from the
                                     tables in data/legacy-encodings/
  html                               a legal-portal style page (.html), the
                                     task table as <table>
  docx                               a minimal Word file (.docx), the task
                                     table as w:tbl

The same N, seed, layouts and inputs give byte-identical files. Python
standard library only.

--huge-mb M also writes huge.txt: one plan of about M MB (a task table of
39 groups with as many rows as it takes), to time one very large document.
"""

import argparse
import html
import io
import os
import random
import sys
import unicodedata
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE = os.path.join(ROOT, "seeds", "000_b020f26e05120408.txt")
UNITS = os.path.join(ROOT, "data", "units.tsv")
LEGACY = os.path.join(ROOT, "data", "legacy-encodings")
LAYOUTS = ["utf-8", "utf-8-bom", "utf-16le", "crlf", "windows-1258", "tcvn3", "vni", "html", "docx"]
EXTENSIONS = {"html": "html", "docx": "docx"}


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


def legacy_table(name):
    """Unicode char -> bytes, inverted from data/legacy-encodings/NAME.tsv."""
    table = {}
    with open(os.path.join(LEGACY, name + ".tsv"), encoding="utf-8") as f:
        for line in f:
            cells = line.rstrip("\n").split("\t")
            if line.startswith("#") or cells[0] == "bytes_hex" or len(cells) < 2:
                continue
            table.setdefault(cells[1], bytes.fromhex(cells[0]))
    return table


_TABLES = {}


def encode_legacy(text, name):
    """TCVN3 or VNI bytes. TCVN3 has no toned capitals: the .VnXxxH fonts draw
    them with the lowercase byte (see the note in tcvn3.tsv), so that byte is
    written and the reader restores case per word."""
    table = _TABLES.setdefault(name, legacy_table(name))
    out = bytearray()
    for c in text:
        if ord(c) < 0x80:
            out += c.encode("ascii")
        elif c in table:
            out += table[c]
        elif c.lower() in table:
            out += table[c.lower()]
        elif name == "vni-windows" and 0x80 <= c.encode("cp1252", "replace")[0] <= 0xBF:
            # Dashes and quotes: the VNI fonts keep Windows-1252's symbols in
            # 0x80-0xBF, which no VNI letter or mark uses.
            out += c.encode("cp1252")
        else:
            raise ValueError(f"{name} cannot write {c!r}")
    return bytes(out)


def encode_cp1258(text):
    """Windows-1258: letters it has (â, ê, ô, ă, ơ, ư, đ …) precomposed, tone
    marks as combining characters after them."""
    out = bytearray()
    for c in text:
        try:
            out += c.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        base, *marks = unicodedata.normalize("NFD", c)
        # The vowel marks (circumflex, breve, horn) go into the letter, which
        # Windows-1258 has precomposed; the tone marks stay combining. In NFD
        # a dot below comes before the circumflex, so look at every mark.
        vowel = [m for m in marks if m in "\u0302\u0306\u031b"]
        tones = [m for m in marks if m not in vowel]
        letter = unicodedata.normalize("NFC", base + "".join(vowel))
        out += (letter + "".join(tones)).encode("cp1258")
    return bytes(out)


def encode_html(text):
    """A page like a legal portal's: paragraphs, and the task table."""
    parts = ['<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
             "<title>Kế hoạch</title></head><body>\n"]
    in_table = False
    for line in text.split("\n"):
        if "\t" in line:
            if not in_table:
                parts.append('<table border="1">\n')
                in_table = True
            cells = "".join(f"<td>{html.escape(c)}</td>" for c in line.split("\t"))
            parts.append(f"<tr>{cells}</tr>\n")
            continue
        if in_table:
            parts.append("</table>\n")
            in_table = False
        if line.strip():
            parts.append(f"<p>{html.escape(line)}</p>\n")
    if in_table:
        parts.append("</table>\n")
    parts.append("</body></html>\n")
    return "".join(parts).encode("utf-8")


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def encode_docx(text):
    """A minimal .docx: one w:p per line, the task table as a w:tbl."""
    def para(t):
        t = html.escape(t, quote=False)
        return f'<w:p><w:r><w:t xml:space="preserve">{t}</w:t></w:r></w:p>'

    body, rows = [], []

    def flush():
        if rows:
            body.append("<w:tbl>" + "".join(rows) + "</w:tbl>")
            rows.clear()

    for line in text.split("\n"):
        if "\t" in line:
            rows.append("<w:tr>" + "".join(f"<w:tc>{para(c)}</w:tc>" for c in line.split("\t")) + "</w:tr>")
            continue
        flush()
        body.append(para(line))
    flush()
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                f'<w:document xmlns:w="{W}"><w:body>{"".join(body)}</w:body></w:document>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        # A fixed date, so that the same inputs give the same bytes.
        def add(name, data):
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
        add("[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        add("_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        add("word/document.xml", document)
    return buf.getvalue()


def encode(text, layout):
    if layout == "utf-8":
        return text.encode("utf-8")
    if layout == "utf-8-bom":
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    if layout == "utf-16le":
        return b"\xff\xfe" + text.encode("utf-16-le")
    if layout == "crlf":
        return text.replace("\n", "\r\n").encode("utf-8")
    if layout == "windows-1258":
        return encode_cp1258(text)
    if layout in ("tcvn3", "vni"):
        return encode_legacy(text, "tcvn3" if layout == "tcvn3" else "vni-windows")
    if layout == "html":
        return encode_html(text)
    if layout == "docx":
        return encode_docx(text)
    raise ValueError(f"unknown layout {layout}")


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
    ap.add_argument("--layouts", default=",".join(LAYOUTS),
                    help="comma-separated layouts to take in turn (default: all: %(default)s)")
    args = ap.parse_args()
    layouts = args.layouts.split(",")
    for layout in layouts:
        if layout not in LAYOUTS:
            ap.error(f"unknown layout {layout!r}; known: {', '.join(LAYOUTS)}")
    rng = random.Random(args.seed)
    prefix, groups = read_sample()
    units = read_units()
    os.makedirs(args.outdir, exist_ok=True)
    total = 0
    for i in range(args.n):
        layout = layouts[i % len(layouts)]
        text = plan_text(prefix, groups, units, rng, rng.randint(1, 4))
        data = encode(text, layout)
        ext = EXTENSIONS.get(layout, "txt")
        with open(os.path.join(args.outdir, f"plan-{i:06d}.{ext}"), "wb") as f:
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
