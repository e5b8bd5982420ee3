#!/usr/bin/env python3
"""One-file `ctg validate`, process start included, for a ctg binary and a
baseline one (an earlier commit's release build), taking turns on each file:
medians of N runs, and both binaries' sizes. For docs/benchmarks.md.

    cargo build --release
    python3 scripts/bench-single.py --baseline /tmp/ctg-before [--runs 31] FILE...
"""

import argparse
import os
import statistics
import subprocess
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(binary, path):
    start = time.perf_counter()
    subprocess.run([binary, "validate", path], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--baseline", required=True)
    p.add_argument("--binary", default=os.path.join(ROOT, "target", "release", "ctg"))
    p.add_argument("--runs", type=int, default=31)
    p.add_argument("files", nargs="+")
    a = p.parse_args()
    size = lambda b: os.path.getsize(b) / 1e6
    print(f"binary size: baseline {size(a.baseline):.2f} MB, now {size(a.binary):.2f} MB\n")
    print("| file | baseline median | now median | now min | now max |")
    print("|---|---|---|---|---|")
    for f in a.files:
        base, now = [], []
        for _ in range(a.runs):
            base.append(run(a.baseline, f))
            now.append(run(a.binary, f))
        ms = lambda x: f"{x * 1000:.1f} ms"
        print(f"| {os.path.basename(f)} | {ms(statistics.median(base))} | **{ms(statistics.median(now))}** | {ms(min(now))} | {ms(max(now))} |")


if __name__ == "__main__":
    main()
