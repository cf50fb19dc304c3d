#!/usr/bin/env python3
"""Summarize libFuzzer logs: has a run stopped finding coverage?

    python3 plateau.py LOG...            one summary per log
    CMD 2>&1 | python3 plateau.py --stamp > LOG
                                         copy a run's output, each line
                                         prefixed with the seconds since start

For each log: runs, exec/s, `cov` (covered edges) and `ft` (features) after
INITED (the corpus loaded) and at the end, and when `cov` last grew, so that
"flat for X minutes" can be read off. Times come from the `--stamp` prefix
when the log has one; otherwise from each status line's `#runs` and
`exec/s` (libFuzzer's exec/s is runs divided by seconds since start, so
runs / exec/s is the elapsed time, to within rounding), marked `~`.
A run counts as a plateau when cov did not grow in its last 10 minutes
(`--window` to change) and, over those minutes, the fuzzer ran at least as
many inputs as the run's average rate gives for the window: a fuzzer
starved of CPU (by a build on the same cores, say) finds nothing new
because it hardly runs, which is not a plateau.
"""

import re
import sys
import time

STATUS = re.compile(
    r"^(?:\[\s*(?P<t>[\d.]+)s\] )?#(?P<runs>\d+)\s+(?P<kind>\w+)\s+cov: (?P<cov>\d+) ft: (?P<ft>\d+)"
    r".*?exec/s: (?P<eps>\d+)"
)
STAMP = re.compile(r"^\[\s*(?P<t>[\d.]+)s\] ")
DONE = re.compile(r"Done (\d+) runs in (\d+) second")
STAT = re.compile(r"stat::(\w+):\s+(\d+)")


def stamp():
    start = time.monotonic()
    for line in sys.stdin:
        sys.stdout.write(f"[{time.monotonic() - start:9.1f}s] {line}")
        sys.stdout.flush()


def minutes(seconds):
    return f"{seconds / 60:.1f} min"


def summarize(path, window):
    inited = last = None
    last_cov_at = None  # (seconds, runs) of the last line whose cov grew
    stats, done, end_t, stamped = {}, None, None, False
    events = []
    with open(path, errors="replace") as f:
        for line in f:
            m = STAMP.match(line)
            if m:
                stamped = True
                end_t = float(m.group("t"))
            m = STATUS.match(line)
            if m:
                runs, eps = int(m.group("runs")), int(m.group("eps"))
                t = float(m.group("t")) if m.group("t") else (runs / eps if eps else 0.0)
                row = dict(
                    runs=runs, kind=m.group("kind"), cov=int(m.group("cov")),
                    ft=int(m.group("ft")), eps=eps, t=t,
                )
                if row["kind"] == "INITED":
                    inited = row
                if last is None or row["cov"] > last["cov"]:
                    last_cov_at = row
                last = row
                continue
            m = DONE.search(line)
            if m:
                done = (int(m.group(1)), int(m.group(2)))
            m = STAT.search(line)
            if m:
                stats[m.group(1)] = int(m.group(2))
            if "ERROR: libFuzzer" in line or "==ERROR" in line or "panicked at" in line:
                events.append(line.strip())
    if last is None:
        print(f"{path}: no status lines")
        return
    runs = stats.get("number_of_executed_units", done[0] if done else last["runs"])
    total = done[1] if done else None
    if stamped and end_t is not None:
        total = end_t if total is None else max(total, end_t)
    if total is None:
        total = last["t"]
    eps = stats.get("average_exec_per_sec", round(runs / total) if total else 0)
    approx = "" if stamped else "~"
    flat = total - last_cov_at["t"]
    flat_runs = runs - last_cov_at["runs"]
    need_runs = round(window * runs / total) if total else 0
    plateau = flat >= window and flat_runs >= need_runs
    start = inited or last
    print(f"{path}")
    print(f"  time          {approx}{minutes(total)} ({total:.0f} s)")
    print(f"  runs          {runs:,}   exec/s {eps}")
    print(f"  cov           {start['cov']:,} -> {last['cov']:,}   (INITED -> end)")
    print(f"  ft            {start['ft']:,} -> {last['ft']:,}")
    print(
        f"  last new cov  at {approx}{minutes(last_cov_at['t'])} (#{last_cov_at['runs']:,}); "
        f"flat for {approx}{minutes(flat)}, {flat_runs:,} runs"
    )
    print(
        f"  plateau       {'yes' if plateau else 'no'} (no new cov in the last {minutes(window)}: "
        f"{flat >= window}; and at least {need_runs:,} runs in them: {flat_runs >= need_runs})"
    )
    if "peak_rss_mb" in stats:
        print(f"  peak rss      {stats['peak_rss_mb']} MB")
    for e in events[:5]:
        print(f"  !! {e}")


def main(argv):
    if argv[1:2] == ["--stamp"]:
        stamp()
        return
    window = 600.0
    paths = []
    args = iter(argv[1:])
    for a in args:
        if a == "--window":
            window = float(next(args))
        else:
            paths.append(a)
    if not paths:
        sys.exit(__doc__)
    for p in paths:
        summarize(p, window)


if __name__ == "__main__":
    main(sys.argv)
