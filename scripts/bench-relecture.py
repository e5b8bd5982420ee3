#!/usr/bin/env python3
"""Time of `ctg relecture --diff` on a reviewed convention with many
changes (issue 22's target: under 0.5 s for a 15-page document with 50
changes), process start included. The review is made by LibreOffice
(scripts/office-review.py, python3-uno) on the Sud Vendée Littoral
convention: 3 edits plus N words added to N anchored passages.

    cargo build --release
    python3 scripts/bench-relecture.py [--changes 50] [--runs 21]
"""

import argparse
import os
import statistics
import subprocess
import tempfile
import time

SOURCE = "conventions/vendee/sud-vendee-littoral-2019.yaml"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--changes", type=int, default=50)
    p.add_argument("--runs", type=int, default=21)
    target = os.environ.get("CARGO_TARGET_DIR", "target")
    p.add_argument("--ctg", default=os.path.join(target, "release", "ctg"))
    args = p.parse_args()
    out = tempfile.mkdtemp()
    rendered = os.path.join(out, "c.docx")
    subprocess.run([args.ctg, "render", SOURCE, "--format", "docx", "-o", rendered], check=True,
                   stderr=subprocess.DEVNULL)
    reviewed = os.path.join(out, "revu")
    subprocess.run(["/usr/bin/python3", "scripts/office-review.py", rendered, reviewed,
                    str(args.changes)], check=True)
    jobs = {ext: [args.ctg, "relecture", f"{reviewed}.{ext}", "--source", SOURCE, "--diff"]
            for ext in ("docx", "odt")}
    times = {ext: [] for ext in jobs}
    for cmd in jobs.values():
        subprocess.run(cmd, capture_output=True)
    for _ in range(args.runs):
        for ext, cmd in jobs.items():
            start = time.perf_counter()
            subprocess.run(cmd, capture_output=True)
            times[ext].append(time.perf_counter() - start)
    for ext, cmd in jobs.items():
        n = subprocess.run(cmd[:-1] + ["--format", "short"], capture_output=True, text=True).stdout.count("\n")
        ts = times[ext]
        print(f"| {ext} | {n} | {statistics.median(ts) * 1000:.0f} ms | {min(ts) * 1000:.0f} ms | {max(ts) * 1000:.0f} ms |")


if __name__ == "__main__":
    main()
