#!/usr/bin/env python3
"""A JSON-RPC client of `ctg lsp` over stdio, written from the protocol
(Content-Length framing, no library): the edge cases an editor makes.

    python3 scripts/lsp-client.py path/to/ctg CONVENTION

Incremental changes with ranges in UTF-16 units, versions out of order, a
document closed and reopened, a 1 MB paste, an unknown method, a malformed
notification, then shutdown and exit: the process must exit 0. Prints one
line per step; exits 1 at the first step that goes wrong.
"""
import json
import os
import subprocess
import sys
import threading
import queue
import time

ctg, convention = sys.argv[1], os.path.abspath(sys.argv[2])
uri = "file://" + convention
proc = subprocess.Popen([ctg, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
inbox = queue.Queue()


def reader():
    out = proc.stdout
    while True:
        headers = {}
        while True:
            line = out.readline()
            if not line:
                inbox.put(None)
                return
            line = line.strip()
            if not line:
                break
            k, v = line.decode().split(":", 1)
            headers[k.lower()] = v.strip()
        inbox.put(json.loads(out.read(int(headers["content-length"]))))


threading.Thread(target=reader, daemon=True).start()
next_id = 0
held = []


def send(msg):
    body = json.dumps(msg).encode()
    proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    proc.stdin.flush()


def fail(why):
    print("FAIL:", why)
    proc.kill()
    sys.exit(1)


def wait(pred, what, timeout=30):
    for i, m in enumerate(held):
        if pred(m):
            return held.pop(i)
    end = time.time() + timeout
    while time.time() < end:
        try:
            m = inbox.get(timeout=max(0.01, end - time.time()))
        except queue.Empty:
            break
        if m is None:
            fail("the server closed its output waiting for " + what)
        if pred(m):
            return m
        held.append(m)
    fail("no " + what + " within %ds" % timeout)


def request(method, params):
    global next_id
    next_id += 1
    i = next_id
    send({"jsonrpc": "2.0", "id": i, "method": method, "params": params})
    return wait(lambda m: m.get("id") == i and "method" not in m, method)


def notify(method, params):
    send({"jsonrpc": "2.0", "method": method, "params": params})


def diagnostics(version):
    m = wait(
        lambda m: m.get("method") == "textDocument/publishDiagnostics"
        and m["params"]["uri"] == uri
        and m["params"].get("version") == version,
        "diagnostics of version %s" % version,
    )
    return m["params"]["diagnostics"]


def codes(diags):
    return sorted((d["code"], d["range"]["start"]["line"] + 1) for d in diags)


def step(name):
    print("ok:", name)


text = open(convention, encoding="utf-8").read()
lines = text.split("\n")

r = request("initialize", {"processId": os.getpid(), "rootUri": None, "capabilities": {}})
if r["result"]["capabilities"]["positionEncoding"] != "utf-16":
    fail("a client offering nothing gets UTF-16: %s" % r)
notify("initialized", {})
notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}})
first = codes(diagnostics(1))
step("opened: %s" % first)

# An incremental change: the period's start made impossible, by a range on
# its line (columns in UTF-16 units, after accented text on earlier lines).
row = next(i for i, l in enumerate(lines) if l.strip().startswith("debut: ") and "periode" in "\n".join(lines[max(0, i - 2):i]))
col = lines[row].index("debut: ") + len("debut: ")
old = lines[row][col:].split()[0]
bad = old[:5] + "02-30"
notify("textDocument/didChange", {
    "textDocument": {"uri": uri, "version": 2},
    "contentChanges": [{"range": {"start": {"line": row, "character": col}, "end": {"line": row, "character": col + len(old)}}, "text": bad}],
})
got = codes(diagnostics(2))
if ("CTG002", row + 1) not in got:
    fail("an incremental change: CTG002 at line %d expected, got %s" % (row + 1, got))
step("incremental change: CTG002 at line %d" % (row + 1))

# Versions out of order: 4 puts the date back, then a late 3 would break it
# again; the server keeps 4.
def whole(v, t):
    notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": v}, "contentChanges": [{"text": t}]})

whole(4, text)
whole(3, text.replace(old, bad, 1))
if codes(diagnostics(4)) != first:
    fail("version 4 is the original text")
r = request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": row, "character": col}})
if any(m.get("params", {}).get("version") == 3 for m in held):
    fail("a stale version 3 was published")
step("out-of-order versions: version 3 after 4 ignored")

# Closed: its diagnostics are cleared; reopened, they come back.
notify("textDocument/didClose", {"textDocument": {"uri": uri}})
m = wait(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri, "cleared diagnostics")
if m["params"]["diagnostics"]:
    fail("closing clears the diagnostics")
notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}})
if codes(diagnostics(1)) != first:
    fail("reopened, the same diagnostics")
step("closed and reopened")

# A 1 MB paste: a comment block inserted at the top, then the same text.
paste = ("# " + "collé depuis le tableur ; " * 40 + "\n") * 1000
start = time.time()
notify("textDocument/didChange", {
    "textDocument": {"uri": uri, "version": 5},
    "contentChanges": [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": paste}],
})
pasted = diagnostics(5)
shifted = sorted((c, l - 1000) for c, l in codes(pasted))
if shifted != first:
    fail("after a 1 MB paste above, the same findings 1000 lines lower: %s" % codes(pasted))
step("1 MB paste (%d bytes) checked in %.2f s" % (len(paste.encode()), time.time() - start))

# Answers the server owes whatever it is sent.
r = request("textDocument/formatting", {"textDocument": {"uri": uri}, "options": {"tabSize": 2, "insertSpaces": True}})
if r.get("error", {}).get("code") != -32601:
    fail("an unknown method is MethodNotFound: %s" % r)
notify("textDocument/didChange", {"textDocument": {"uri": uri}})
r = request("textDocument/hover", {"textDocument": {"uri": "file:///nowhere.yaml"}, "position": {"line": 0, "character": 0}})
if r.get("result") is not None:
    fail("a document never opened has no hover: %s" % r)
r = request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 99999, "character": 99999}})
if "error" in r:
    fail("a position past the end answers: %s" % r)
step("unknown method, malformed notification, unknown document, position past the end")

r = request("shutdown", None)
if r.get("result", "missing") is not None:
    fail("shutdown answers null: %s" % r)
notify("exit", None)
try:
    code = proc.wait(timeout=10)
except subprocess.TimeoutExpired:
    fail("the server did not exit")
if code != 0:
    fail("exit code %d after shutdown and exit" % code)
step("shutdown and exit: code 0")
