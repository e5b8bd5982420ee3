#!/usr/bin/env python3
"""Render time of the convention to sign, process start included: under
0.5 s for a 15-page PDF, under 0.3 s for a .docx or .odt of as many pages.

    cargo build --release
    python3 scripts/bench-render.py [--runs 21] [--ctg target/release/ctg]

The formats take turns, one run each per round, after one warm-up run each,
so a slow spell of this shared machine falls on all of them; the medians
are reported with the page count of the PDF (pdfinfo, poppler-utils)."""

import argparse
import os
import statistics
import subprocess
import tempfile
import time

SOURCES = [
    "conventions/vendee/sud-vendee-littoral-2019.yaml",
    "conventions/pas-de-calais/grand-arras-2022.yaml",
]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=21)
    target = os.environ.get("CARGO_TARGET_DIR", "target")
    p.add_argument("--ctg", default=os.path.join(target, "release", "ctg"))
    args = p.parse_args()
    out = tempfile.mkdtemp()
    jobs = [(s, f) for s in SOURCES for f in ("pdf", "docx", "odt", "html", "md")]
    times = {job: [] for job in jobs}

    def run(job, keep):
        source, fmt = job
        dest = os.path.join(out, f"{os.path.basename(source)}.{fmt}")
        start = time.perf_counter()
        subprocess.run(
            [args.ctg, "render", source, "--format", fmt, "-o", dest],
            check=True,
            stderr=subprocess.DEVNULL,
        )
        if keep:
            times[job].append(time.perf_counter() - start)
        return dest

    for job in jobs:
        run(job, keep=False)
    for _ in range(args.runs):
        for job in jobs:
            run(job, keep=True)
    print(f"{args.runs} rounds, ctg {args.ctg}")
    print("| convention | format | pages | median | min | max |")
    print("|---|---|---|---|---|---|")
    for (source, fmt), ts in times.items():
        pages = ""
        if fmt == "pdf":
            dest = run((source, fmt), keep=False)
            info = subprocess.run(["pdfinfo", dest], capture_output=True, text=True).stdout
            pages = next(l.split()[-1] for l in info.splitlines() if l.startswith("Pages:"))
        print(
            f"| {os.path.basename(source)} | {fmt} | {pages} | "
            f"{statistics.median(ts) * 1000:.0f} ms | {min(ts) * 1000:.0f} ms | {max(ts) * 1000:.0f} ms |"
        )


if __name__ == "__main__":
    main()
