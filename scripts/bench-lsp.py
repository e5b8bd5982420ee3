#!/usr/bin/env python3
"""Latency of `ctg lsp`: from a change sent to its diagnostics received.

    cargo build --release
    python3 scripts/bench-lsp.py [--ctg target/release/ctg] [--rounds 101] [FILE]

Opens FILE (default: the largest real convention of the repository), then
each round edits one character of it (incremental change, alternately in
and out) and times until the diagnostics of that version arrive; each
round then times `ctg validate FILE` as a process, the same work from the
command line, so that both are measured in the same run, interleaved.
Prints medians, the 90th percentile, min and max.
"""
import argparse
import json
import os
import statistics
import subprocess
import time

p = argparse.ArgumentParser()
p.add_argument("--ctg", default="target/release/ctg")
p.add_argument("--rounds", type=int, default=101)
p.add_argument("file", nargs="?", default="conventions/pas-de-calais/grand-arras-2022.yaml")
args = p.parse_args()
path = os.path.abspath(args.file)
uri = "file://" + path
text = open(path, encoding="utf-8").read()

proc = subprocess.Popen([args.ctg, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)


def send(msg):
    body = json.dumps(msg).encode()
    proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    proc.stdin.flush()


def receive():
    headers = {}
    while True:
        line = proc.stdout.readline().strip()
        if not line:
            break
        k, v = line.decode().split(":", 1)
        headers[k.lower()] = v.strip()
    return json.loads(proc.stdout.read(int(headers["content-length"])))


def until(pred):
    while True:
        m = receive()
        if pred(m):
            return m


send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}})
until(lambda m: m.get("id") == 1)
send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
      "params": {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}})
first = until(lambda m: m.get("method") == "textDocument/publishDiagnostics")
findings = len(first["params"]["diagnostics"])

# The character edited: the last of the first title (`intitule:`), as a
# coordinator retyping a letter.
lines = text.split("\n")
row = next(i for i, l in enumerate(lines) if l.strip().startswith("intitule:"))
col = len(lines[row].rstrip()) - 1
digit = lines[row][col]

lsp, cli = [], []
version = 1
for r in range(args.rounds):
    version += 1
    new = "x" if r % 2 == 0 else digit
    start = time.perf_counter()
    send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": {"uri": uri, "version": version},
        "contentChanges": [{"range": {"start": {"line": row, "character": col},
                                      "end": {"line": row, "character": col + 1}}, "text": new}]}})
    until(lambda m: m.get("method") == "textDocument/publishDiagnostics"
          and m["params"].get("version") == version)
    lsp.append((time.perf_counter() - start) * 1000)
    start = time.perf_counter()
    subprocess.run([args.ctg, "validate", path, "--format", "short"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    cli.append((time.perf_counter() - start) * 1000)

send({"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": None})
until(lambda m: m.get("id") == 2)
send({"jsonrpc": "2.0", "method": "exit", "params": None})
proc.wait(timeout=10)


def row_of(name, xs):
    xs = sorted(xs)
    p90 = xs[int(len(xs) * 0.9) - 1]
    return "| %s | **%.1f ms** | %.1f ms | %.1f ms | %.1f ms |" % (
        name, statistics.median(xs), p90, xs[0], xs[-1])


print("%s: %d bytes, %d findings, %d rounds" % (args.file, len(text.encode()), findings, args.rounds))
print("| | median | p90 | min | max |")
print("|---|---|---|---|---|")
print(row_of("ctg lsp: change → diagnostics", lsp))
print(row_of("ctg validate (process)", cli))
