#!/usr/bin/env python3
"""The national-scale benchmark: ctg against the tools people use.

usage: scripts/bench.py [--runs 5] [--slow-runs 3] [--work /tmp/ctg-bench] [--baseline OLD_CTG]

In one run and on the same 1,300 generated conventions (scripts/gen-corpus.py):
  - the bare saphyr-parser event pass (examples/parse_only): the floor;
  - ctg validate, schema and every rule, on one thread and on all cores;
  - ajv-cli (npm) and check-jsonschema (PyPI), each given `ctg schema`;
  - yamllint (PyPI), syntax and style only;
  - and one small file with ctg, process start included.
With --baseline, another ctg binary (an earlier commit's release build)
takes its turns with the others, to show a change is no slower.
Wall-clock medians, ratios and the machine are printed as Markdown for
docs/benchmarks.md. The peers are installed under WORK/tools (npm, a Python
venv) the first time: the build and the tests never need them.
"""
import argparse
import os
import platform
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def sh(*cmd, **kw):
    print("+", " ".join(cmd), file=sys.stderr)
    return subprocess.run(cmd, check=True, **kw)


def timed(cmd, runs, ok_codes=(0,), cwd=None, env=None):
    """Wall times of `runs` runs of cmd, output discarded."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        rc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd, env=env).returncode
        times.append(time.perf_counter() - start)
        if rc not in ok_codes:
            sys.exit(f"{cmd[0]} exited with {rc}: {' '.join(cmd)}")
    return times


def install_peers(tools):
    npm, venv = os.path.join(tools, "npm"), os.path.join(tools, "venv")
    if not os.path.exists(os.path.join(npm, "node_modules/.bin/ajv")):
        sh("npm", "install", "--no-audit", "--no-fund", "--prefix", npm, "ajv-cli@5", "ajv-formats@3")
    if not os.path.exists(os.path.join(venv, "bin/check-jsonschema")):
        sh(sys.executable, "-m", "venv", venv)
        sh(os.path.join(venv, "bin/pip"), "install", "-q", "check-jsonschema", "yamllint")
    return npm, venv


def version(cmd):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True).stdout.strip()
        return out.splitlines()[0] if out else "?"
    except OSError:
        return "?"


def package_version(npm, name):
    import json
    with open(os.path.join(npm, "node_modules", name, "package.json")) as f:
        return json.load(f)["version"]


def machine():
    model = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem = int(f.readline().split()[1]) // (1024 * 1024)
    return f"{platform.system()} {platform.release()}, {os.cpu_count()} cores ({model}), {mem} GiB"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--slow-runs", type=int, default=3, help="runs of check-jsonschema (about 90 s each)")
    ap.add_argument("--work", default="/tmp/ctg-bench")
    ap.add_argument("--skip-slow", action="store_true", help="leave out yamllint and check-jsonschema (15 minutes)")
    ap.add_argument("--baseline", help="an earlier ctg binary, timed beside this one")
    args = ap.parse_args()

    os.makedirs(args.work, exist_ok=True)
    sh("cargo", "build", "--release", "--quiet", "--bin", "ctg", "--example", "parse_only", cwd=ROOT)
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    ctg = os.path.join(target, "release/ctg")
    parse_only = os.path.join(target, "release/examples/parse_only")

    corpus = os.path.join(args.work, "corpus")
    if not os.path.isdir(corpus):
        sh(sys.executable, os.path.join(ROOT, "scripts/gen-corpus.py"), corpus, "1300", "40")
    conventions = os.path.join(corpus, "conventions")
    files = sorted(
        os.path.join(d, f) for d, _, fs in os.walk(conventions) for f in fs if f.endswith(".yaml")
    )
    size = sum(os.path.getsize(f) for f in files)
    schema = os.path.join(args.work, "convention.schema.json")
    with open(schema, "w") as f:
        sh(ctg, "schema", stdout=f)

    npm, venv = install_peers(os.path.join(args.work, "tools"))
    node_env = dict(os.environ, NODE_PATH=os.path.join(npm, "node_modules"))
    ajv = os.path.join(npm, "node_modules/.bin/ajv")
    bin_ = lambda name: os.path.join(venv, "bin", name)

    # The answers first: every tool must accept every file, or the times
    # compare different work.
    for cmd, env in [
        ([ctg, "validate", "--deny", "warnings", conventions], None),
        ([ajv, "validate", "--spec=draft2020", "--strict=false", "-c", "ajv-formats", "-s", schema,
          "-d", os.path.join(conventions, "*/*.yaml")], node_env),
    ]:
        sh(*cmd, stdout=subprocess.DEVNULL, env=env)

    rows = []

    def bench(name, cmd, runs, ok_codes=(0,), env=None):
        timed(cmd, 1, ok_codes, env=env)  # warm the page cache
        times = timed(cmd, runs, ok_codes, env=env)
        rows.append((name, statistics.median(times), times))
        print(f"{name}: median {statistics.median(times):.3f} s", file=sys.stderr)

    # The fast tools take turns, one run each per round: a slower or faster
    # stretch of a shared machine then falls on all of them alike.
    fast = [
        ("bare saphyr-parser event pass (examples/parse_only)", [parse_only, conventions], None),
        ("ctg validate, schema + all rules, 1 thread (-j 1)", [ctg, "validate", "-j", "1", "--format", "short", conventions], None),
        (f"ctg validate, schema + all rules, {os.cpu_count()} threads (default)", [ctg, "validate", "--format", "short", conventions], None),
        ("ajv-cli, schema only", [ajv, "validate", "--spec=draft2020", "--strict=false", "-c", "ajv-formats", "-s", schema,
                                  "-d", os.path.join(conventions, "*/*.yaml")], node_env),
    ]
    if args.baseline:
        fast += [
            ("baseline ctg validate, 1 thread (-j 1)", [args.baseline, "validate", "-j", "1", "--format", "short", conventions], None),
            (f"baseline ctg validate, {os.cpu_count()} threads", [args.baseline, "validate", "--format", "short", conventions], None),
        ]
    for _, cmd, env in fast:
        timed(cmd, 1, env=env)  # warm the page cache
    fast_times = [[] for _ in fast]
    for _ in range(args.runs):
        for times, (_, cmd, env) in zip(fast_times, fast):
            times += timed(cmd, 1, env=env)
    for times, (name, _, _) in zip(fast_times, fast):
        rows.append((name, statistics.median(times), times))
        print(f"{name}: median {statistics.median(times):.3f} s", file=sys.stderr)
    if not args.skip_slow:
        bench("yamllint (relaxed), syntax and style only", [bin_("yamllint"), "-d", "relaxed", "-f", "parsable", conventions],
              args.runs, ok_codes=(0, 1, 2))
        cjs = [bin_("check-jsonschema"), "--schemafile", schema, *files]
        times = timed(cjs, args.slow_runs)
        rows.append(("check-jsonschema, schema only", statistics.median(times), times))
    small = os.path.join(ROOT, "conventions/vosges/ccpvm-2023.yaml")
    one = timed([ctg, "validate", small], 51)

    parse, ctg1, ctgn = rows[0][1], rows[1][1], rows[2][1]
    print(f"Corpus: {len(files)} conventions, {size / 1e6:.1f} MB (scripts/gen-corpus.py, 40 actions each).")
    print(f"Machine: {machine()}.")
    print(f"Versions: {version([ctg, '--version'])}; ajv-cli {package_version(npm, 'ajv-cli')}, ajv {package_version(npm, 'ajv')}; "
          f"{version([bin_('check-jsonschema'), '--version'])}; {version([bin_('yamllint'), '--version'])}.")
    print()
    print("| what | runs (s) | median | vs ctg (all cores) | vs ctg (1 thread) |")
    print("|---|---|---|---|---|")
    for name, median, times in rows:
        runs = ", ".join(f"{t:.2f}" for t in times)
        print(f"| {name} | {runs} | {median:.3f} s | {median / ctgn:.2f}× | {median / ctg1:.2f}× |")
    print()
    print(f"One small file (`ctg validate conventions/vosges/ccpvm-2023.yaml`, process start included, 51 runs): "
          f"median {statistics.median(one) * 1000:.1f} ms, min {min(one) * 1000:.1f} ms.")
    print()
    ajv_t = rows[3][1]
    print("| target | measured | met |")
    print("|---|---|---|")
    print(f"| ≥ 4× faster than ajv-cli | {ajv_t / ctgn:.1f}× (all cores), {ajv_t / ctg1:.1f}× (1 thread) | {'yes' if ajv_t / ctgn >= 4 else 'no'} |")
    if not args.skip_slow:
        cjs_t = next(median for name, median, _ in rows if name.startswith("check-jsonschema"))
        print(f"| ≥ 100× faster than check-jsonschema | {cjs_t / ctgn:.0f}× (all cores), {cjs_t / ctg1:.0f}× (1 thread) | {'yes' if cjs_t / ctgn >= 100 else 'no'} |")
    print(f"| within 1.5× of the bare parse | {ctgn / parse:.2f}× (all cores), {ctg1 / parse:.2f}× (1 thread) | {'yes' if ctgn / parse <= 1.5 else 'no'} |")
    print(f"| one small file < 10 ms | {statistics.median(one) * 1000:.1f} ms | {'yes' if statistics.median(one) < 0.010 else 'no'} |")
    if args.baseline:
        old = {name: median for name, median, _ in rows if name.startswith("baseline")}
        old1, oldn = (old[k] for k in sorted(old, key=lambda k: "1 thread" not in k))
        print()
        print(f"Against the baseline ({version([args.baseline, '--version'])}): "
              f"1 thread {ctg1 / old1:.2f}× its time, all cores {ctgn / oldn:.2f}× its time.")


if __name__ == "__main__":
    main()
