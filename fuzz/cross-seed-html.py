#!/usr/bin/env python3
"""Writes each input of a text corpus as an HTML page, to seed the `html` target.

    fuzz/cross-seed-html.py FROM_DIR TO_DIR

`pipeline` reaches kehoach's extraction far faster than `html` (a text
input costs no html5ever), so its corpus covers paths `html` takes hours to
find. Each text line becomes a <p> and each run of tab-separated lines a
<table>, so the page renders the lines the text target saw. Pages over
`html`'s -max_len (8192) are skipped. Then keep only the pages that add
features:

    target/x86_64-unknown-linux-gnu/release/html -merge=1 -max_len=8192 corpus/html TO_DIR
"""
import hashlib
import html
import os
import sys

MAX_LEN = 8192


# Not scripts/gen-corpus.py's encode_html: that one drops blank lines and
# adds a doctype, head and newlines, while a seed must keep every line the
# text target saw and spend as few of max_len's bytes as it can.
def page(text):
    out, rows = [], []

    def close_table():
        if rows:
            out.append("<table>" + "".join(rows) + "</table>")
            rows.clear()

    for line in text.split("\n"):
        if "\t" in line:
            cells = "".join(f"<td>{html.escape(c)}</td>" for c in line.split("\t"))
            rows.append(f"<tr>{cells}</tr>")
        else:
            close_table()
            out.append(f"<p>{html.escape(line)}</p>")
    close_table()
    return ("<html><body>" + "".join(out) + "</body></html>").encode()


def main():
    src, dst = sys.argv[1:3]
    os.makedirs(dst, exist_ok=True)
    written = skipped = 0
    for name in sorted(os.listdir(src)):
        with open(os.path.join(src, name), "rb") as f:
            p = page(f.read().decode("utf-8", "replace"))
        if len(p) > MAX_LEN:
            skipped += 1
            continue
        with open(os.path.join(dst, hashlib.sha1(p).hexdigest()), "wb") as f:
            f.write(p)
        written += 1
    print(f"{written} pages written, {skipped} over {MAX_LEN} bytes skipped")


if __name__ == "__main__":
    main()
