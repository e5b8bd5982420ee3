#!/usr/bin/env python3
"""Time and memory of ctg on hostile files, for docs/bounds.md.

usage: scripts/bounds.py [--ctg target/release/ctg] [--work /tmp/ctg-bounds] [--only inputs]

Writes each file under WORK (the alias bomb, 100 MB files, 100,000 levels of
nesting, a million keys, the largest convention ctg accepts…), runs
`ctg validate --format short` (and `ctg render --format md` on the big
plans) under /usr/bin/time, and prints a Markdown table: exit code, wall
time, peak memory (maximum resident set size) and what ctg said.
`--only inputs` runs only the second table: the files ctg reads besides
conventions (ctg.toml, templates, ignore files, FIFOs), 100 distinct large
referentials, out-of-range figures, what must not reach a terminal, and a
reader that leaves. Build first: `cargo build --release`.
"""
import argparse
import os
import platform
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MIB = 1024 * 1024


def clean():
    with open(os.path.join(ROOT, "tests/fixtures/rules/clean.yaml"), encoding="utf-8") as f:
        return f.read()


def plan(n):
    """The clean convention with n more actions."""
    text = clean()
    at = text.index("actions:\n") + len("actions:\n")
    rows = "".join(
        f'  - {{ id: "9.{i}", axe: A1, intitule: Action {i}, champ: petite_enfance, pilote: CCPVM, '
        f"indicateurs: [{{ libelle: Familles, cible: 10 }}] }}\n"
        for i in range(n)
    )
    return text[:at] + rows + text[at:]


def insert_after(text, line, rows):
    at = text.index(line) + len(line)
    return text[:at] + rows + text[at:]


def largest_plan():
    """As many actions as fit under the bound of a million YAML values
    (each action holds 18: its mapping, keys, values and indicator)."""
    return plan((1_000_000 - 600) // 18)


def axes(n):
    """n axes and one action on each: the rules pair actions and axes."""
    text = insert_after(clean(), "axes:\n", "".join(
        f"  - {{ id: X{i}, intitule: Axe {i}, sdsf: [petite-enfance] }}\n" for i in range(n)))
    return insert_after(text, "actions:\n", "".join(
        f'  - {{ id: "{i + 3}.1", axe: X{i}, intitule: Action {i}, champ: jeunesse, pilote: CCPVM, '
        f"indicateurs: [{{ libelle: Jeunes, cible: 1 }}] }}\n" for i in range(n)))


def communes(n):
    """n communes that are not in the EPCI, each signing: a finding each."""
    text = insert_after(clean(), "  communes:\n", "".join(
        f'    - {{ nom: Commune {i}, insee: "{88000 + i % 1000:05d}" }}\n' for i in range(n)))
    return insert_after(text, "signataires:\n", "".join(
        f"  - {{ organisme: commune, nom: Commune {i}, representants: [{{ nom: Maire {i}, qualite: Maire }}] }}\n"
        for i in range(n)))


def unknown_axes(n):
    """n axes, and n actions each on an axis that does not exist: each gets
    a finding and a "did you mean" looked for among the axes."""
    return axes(n).replace("axe: X", "axe: Y")


def big_referential(n, words=0, priorities=True):
    """An SDSF referential of n orientations (titles `words` words longer;
    every other one a priority, unless not `priorities`)."""
    more = " longue" * words
    rows = "".join(
        f"  - {{ id: o{i}, intitule: Orientation {i}{more}, champs: [jeunesse], "
        f"prioritaire: {str(priorities and i % 2 == 0).lower()} }}\n"
        for i in range(n))
    return f"document: sdsf\nversion: 1\ndepartement: \"88\"\nintitule: Schéma\norientations:\n{rows}"


def axes_of_big_referential(n):
    """n axes, each citing its own orientation of grand-sdsf.yaml."""
    text = axes(n).replace("sdsf: sdsf.yaml", "sdsf: grand-sdsf.yaml")
    for i in range(n):
        text = text.replace(f"{{ id: X{i}, intitule: Axe {i}, sdsf: [petite-enfance] }}",
                            f"{{ id: X{i}, intitule: Axe {i}, sdsf: [o{i}] }}", 1)
    return text


def long_text(repeats):
    """The clean convention with one action's description a single
    paragraph of `repeats` short sentences."""
    return clean().replace(
        "intitule: Café des parents",
        "intitule: Café des parents\n    description: " + "Un texte long. " * repeats)


def anchors(n):
    """n anchors, then n aliases to the first one."""
    return "- &a0 x\n" + "".join(f"- &a{i} x\n" for i in range(1, n)) + "- *a0\n" * n


def bomb(levels):
    lines = ["l0: &l0 [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, levels):
        refs = ", ".join([f"*l{i - 1}"] * 9)
        lines.append(f"l{i}: &l{i} [{refs}]")
    return "\n".join(lines) + "\n"


CASES = [
    # (file, description, how to make it: text, or ("sparse", size))
    ("bombe-9.yaml", "alias bomb, 9 levels of 9 (387 million nodes once expanded)", lambda: bomb(9)),
    ("bombe-30.yaml", "alias bomb, 30 levels of 9 (10^28 nodes)", lambda: bomb(30)),
    ("creux-100mo.yaml", "100 MB sparse file", ("sparse", 100_000_000)),
    ("plein-100mo.yaml", "100 MB of YAML text", lambda: "# commentaire\n" * (100_000_000 // 14)),
    ("crochets.yaml", "100,000 nested [", lambda: "document: convention\nterritoire: " + "[" * 100_000 + "]" * 100_000 + "\n"),
    ("tirets.yaml", "100,000 nested `- `", lambda: "document: convention\nterritoire:\n  " + "- " * 100_000 + "x\n"),
    ("cles.yaml", "one mapping of 1,000,000 keys (14 MB)", lambda: "".join(f"k{i}: 1\n" for i in range(1_000_000))),
    ("liste.yaml", "one flow list of 4,000,000 items (8 MB)", lambda: "a: [" + "1," * 4_000_000 + "1]\n"),
    ("ligne.yaml", "one 15 MB scalar on one line", lambda: "document: convention\nreference: " + "x" * (15 * MIB) + "\n"),
    ("ancres.yaml", "300,000 anchors, then 300,000 aliases to the first", lambda: anchors(300_000)),
    ("axes.yaml", "convention of 20,000 axes, one action on each", lambda: axes(20_000)),
    ("communes.yaml", "20,000 communes outside the EPCI, each signing", lambda: communes(20_000)),
    ("axes-inconnus.yaml", "20,000 actions on 20,000 axes that do not exist", lambda: unknown_axes(20_000)),
    ("grand-sdsf.yaml", "SDSF referential of 50,000 orientations", lambda: big_referential(50_000)),
    ("axes-sdsf.yaml", "20,000 axes citing that referential", lambda: axes_of_big_referential(20_000)),
    ("plan-500.yaml", "convention of 500 actions", lambda: plan(500)),
    ("plan-10000.yaml", "convention of 10,000 actions", lambda: plan(10_000)),
    ("paragraphe-350k.yaml", "one paragraph of 350 KB", lambda: long_text(23_500)),
    ("paragraphe-1m.yaml", "one paragraph of 1 MB", lambda: long_text(70_000)),
    ("plan-max.yaml", "largest convention under the bounds (55,522 actions)", largest_plan),
]


def measure(cmd):
    """(exit code, seconds, peak MiB, first line of output)."""
    try:
        run = subprocess.run(["/usr/bin/time", "-f", "%e %M", *cmd], capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        return -1, 60.0, 0, "(hung: stopped after 60 s)"
    *err, last = run.stderr.strip().splitlines() or ["? 0"]
    seconds, kib = last.split()
    # What ctg could not do first, then findings.
    lines = run.stdout.splitlines() + err
    said = [l for l in lines if l.startswith(("ctg : erreur", "ctg: error"))]
    said = said or [l for l in lines if " CTG" in l or "erreur" in l or "error" in l]
    lines = said or run.stdout.strip().splitlines() or ["(nothing)"]
    first = lines[0].split(".yaml:", 1)[-1].strip()
    return run.returncode, float(seconds), int(kib) / 1024, first


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ctg", default=os.path.join(ROOT, "target/release/ctg"))
    ap.add_argument("--work", default="/tmp/ctg-bounds")
    ap.add_argument("--only", choices=["inputs"])
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    if args.only == "inputs":
        return inputs(args)
    # Beside a referential, so the plans' `sdsf: sdsf.yaml` resolves.
    with open(os.path.join(ROOT, "tests/fixtures/rules/sdsf.yaml"), "rb") as src, open(
        os.path.join(args.work, "sdsf.yaml"), "wb"
    ) as dst:
        dst.write(src.read())
    print(f"ctg: `{args.ctg}`; machine: {platform.system()} {platform.release()}, {os.cpu_count()} cores\n")
    print("| file | command | exit | time (s) | peak memory (MiB) | what ctg says |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, what, make in CASES:
        path = os.path.join(args.work, name)
        if isinstance(make, tuple):
            with open(path, "wb") as f:
                f.truncate(make[1])
        else:
            with open(path, "w", encoding="utf-8") as f:
                f.write(make())
        commands = [("validate --format short", [args.ctg, "validate", "--format", "short", path])]
        if name.startswith(("plan", "axes", "communes")):
            commands.append(("validate (findings printed in full)", [args.ctg, "validate", path]))
            commands.append(("render md", [args.ctg, "render", path, "--format", "md", "--brouillon", "-o", path + ".md"]))
        if name.startswith(("plan-500", "plan-10000", "paragraphe")):
            commands.append(("render pdf", [args.ctg, "render", path, "--format", "pdf", "--brouillon", "-o", path + ".pdf"]))
        size = os.path.getsize(path) / 1_000_000
        for label, cmd in commands:
            row(f"{what} ({size:.1f} MB)", label, cmd)

    # The other commands on the largest files: every action renumbered
    # (nothing pairs by id, titles would be compared), the communes'
    # territory against the clean one, the whole folder, the follow-up.
    big = os.path.join(args.work, "plan-max.yaml")
    renumbered = os.path.join(args.work, "plan-max-renumerote.yaml")
    with open(big, encoding="utf-8") as f, open(renumbered, "w", encoding="utf-8") as g:
        g.write(f.read().replace('id: "9.', 'id: "8.'))
    clean_path = os.path.join(args.work, "propre.yaml")
    with open(clean_path, "w", encoding="utf-8") as f:
        f.write(clean())
    row("largest convention against itself renumbered", "diff", [args.ctg, "diff", big, renumbered])
    row("20,000 communes against 10", "diff", [args.ctg, "diff", clean_path, os.path.join(args.work, "communes.yaml")])
    row("the whole folder", "report", [args.ctg, "report", args.work, "-o", os.path.join(args.work, "report.md")])
    row("largest convention", "bilan", [args.ctg, "bilan", big, "-o", os.path.join(args.work, "bilan.md")])
    # A user template that would loop 10^10 times: stopped by minijinja's fuel.
    loop = os.path.join(args.work, "boucle.md")
    with open(loop, "w", encoding="utf-8") as f:
        f.write("{% for i in range(100000) %}{% for j in range(100000) %}.{% endfor %}{% endfor %}\n")
    row("the largest convention through a template that never ends", "render md --template",
        [args.ctg, "render", big, "--format", "md", "--brouillon", "--template", loop, "-o", loop + ".out"])


def inputs(args):
    """Every file ctg reads, not only conventions (issue 18)."""
    ctg = args.ctg
    work = os.path.join(args.work, "inputs")
    if os.path.exists(work):
        subprocess.run(["rm", "-rf", work], check=True)
    os.makedirs(work)

    def write(name, text, folder=work):
        path = os.path.join(folder, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def repo(name):
        """A folder with the clean convention and its referential."""
        d = os.path.join(work, name)
        write("sdsf.yaml", open(os.path.join(ROOT, "tests/fixtures/rules/sdsf.yaml"), encoding="utf-8").read(), d)
        return d, write("ctg.yaml", clean(), d)

    print(f"ctg: `{ctg}`; machine: {platform.system()} {platform.release()}, {os.cpu_count()} cores\n")
    print("| input | command | exit | time (s) | peak memory (MiB) | what ctg says |")
    print("| --- | --- | --- | --- | --- | --- |")
    d, conv = repo("gitignore")
    write(".gitignore", "#\n" * (7 * MIB), d)
    row("14 MB .gitignore in the folder", "validate", [ctg, "validate", "--format", "short", d])
    d, conv = repo("gros-modele")
    big = write("gros.md", "x" * 40_000_000, d)
    row("40 MB template", "render --template", [ctg, "render", conv, "--format", "md", "-o", "-", "--template", big])
    row("/dev/zero as the template", "render --template", [ctg, "render", conv, "--format", "md", "-o", "-", "--template", "/dev/zero"])
    for what, rel in [("ctg.toml", "ctg.toml"), (".gitignore", ".gitignore"), (".ignore", ".ignore"),
                      (".git/info/exclude", ".git/info/exclude"), ("the template", "modele.md")]:
        d, conv = repo("fifo-" + rel.replace("/", "-"))
        path = os.path.join(d, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        os.mkfifo(path)
        if rel == "modele.md":
            cmd = [ctg, "render", conv, "--format", "md", "-o", "-", "--template", path]
        else:
            cmd = [ctg, "validate", "--format", "short", d]
        row(f"FIFO named {what}", cmd[1], cmd)
    # 100 distinct 13 MB referentials, each cited by a tiny convention.
    d = os.path.join(work, "cent")
    os.makedirs(d)
    # Valid: 60,000 orientations, 11 YAML values each, under the million.
    # (no priorities: 30,000 CTG405 findings per convention would measure
    # the findings, not the referentials).
    sdsf = big_referential(60_000, words=20, priorities=False)
    for i in range(100):
        write(f"sdsf-{i}.yaml", sdsf, d)
        write(f"c{i}.yaml", clean().replace("sdsf: sdsf.yaml", f"sdsf: sdsf-{i}.yaml"), d)
    size = len(sdsf.encode()) / 1_000_000
    conventions = [os.path.join(d, f"c{i}.yaml") for i in range(100)]
    row(f"100 conventions citing 100 distinct referentials of {size:.1f} MB", "validate -j 2",
        [ctg, "validate", "--format", "short", "-j", "2", *conventions])
    d, conv = repo("chiffres")
    figures = clean().replace("cible: 40", "cible: 9223372036854775807").replace("cible: 30", "cible: 30, realise: 1e308")
    figures = figures.replace("date: 2022-12-15", "date: 0000-01-01").replace(
        "    champ: parentalite\n", "    champ: parentalite\n    budget: { montant: 200000000000000000 }\n")
    row("amount 2e17, target 2^63-1, achieved 1e308, signed in year 0", "validate",
        [ctg, "validate", "--format", "short", write("chiffres.yaml", figures, d)])
    d, conv = repo("terminal")
    evil = '"x\\e]0;titre\\a\\e[2J\\r\\u009B\\u202Ey"'
    row("terminal escapes in values", "validate",
        [ctg, "validate", write("echappements.yaml", clean().replace("champ: parentalite", f"champ: {evil}"), d)])
    long = clean().replace("    champ: parentalite\n",
                           "    champ: parentalite\n    public: \"" + "x" * 10_000_000 + "\"\n    champ: jeunesse\n")
    row("a finding on a 10 MB line", "validate (human)", [ctg, "validate", write("longue.yaml", long, d)])
    # A reader that leaves: the exit status is still the findings'.
    rules = os.path.join(ROOT, "tests/fixtures/rules")
    run = subprocess.run(["bash", "-o", "pipefail", "-c", f"/usr/bin/time -f '%e %M' {ctg} validate {rules} | head -1 >/dev/null"],
                         capture_output=True, text=True)
    seconds, kib = run.stderr.strip().splitlines()[-1].split()
    print(f"| the rule fixtures, read by `head -1` | validate \\| head -1 | {run.returncode} | {float(seconds):.2f} | {int(kib) / 1024:.0f} | (pipefail: the findings' exit status) |")


def row(what, label, cmd):
    code, seconds, mib, first = measure(cmd)
    print(f"| {what} | {label} | {code} | {seconds:.2f} | {mib:.0f} | {first[:110]} |")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
