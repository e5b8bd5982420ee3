#!/usr/bin/env python3
"""Writes a deterministic national-scale corpus of valid conventions.

usage: scripts/gen-corpus.py OUT_DIR [CONVENTIONS=1300] [ACTIONS=40]

One convention per EPCI of the official geography bundled in data/geo/
(territory, communes and names as the COG has them), the oldest EPCIs
getting a second, earlier convention until CONVENTIONS is reached. Each
département gets an SDSF referential with the orientations of the bundled
Vosges SDSF, in OUT_DIR/sdsf/; conventions are in
OUT_DIR/conventions/<département>/.
The same arguments always write the same bytes, and `ctg validate OUT_DIR`
finds no error and no warning in them.
"""
import os
import random
import sys

out = sys.argv[1]
n_conv = int(sys.argv[2]) if len(sys.argv) > 2 else 1300
n_act = int(sys.argv[3]) if len(sys.argv) > 3 else 40
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
rng = random.Random(2023)


def tsv(name):
    with open(os.path.join(root, "data/geo", name), encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f if not line.startswith("#")]


communes = {row[0]: row for row in tsv("communes.tsv") if row[1] == "a"}
departements = {row[0]: row[1] for row in tsv("departements.tsv")}
epcis = []
for siren, nature, nom, population, membres in tsv("epci.tsv"):
    membres = membres.split(",")
    deps = {communes[c][3] for c in membres if c in communes}
    # A convention's territory lies in one département (CTG103).
    if len(deps) == 1 and all(c in communes for c in membres):
        epcis.append((siren, nature, nom, int(population), membres, deps.pop()))

NATURE = {"CC": "cc", "CA": "ca", "CU": "cu", "METRO": "metropole"}
CHAMPS = ["petite_enfance", "enfance", "jeunesse", "parentalite", "animation_vie_sociale", "acces_aux_droits"]
ORIENTATIONS = ["connaissance-lisibilite", "repartition-equilibree", "offre-de-qualite", "mobilisation-habitants"]
VERBES = ["Développer", "Renforcer", "Structurer", "Faire connaître", "Coordonner", "Soutenir"]
OBJETS = ["l'offre d'accueil du jeune enfant", "les accueils de loisirs", "le soutien à la parentalité",
          "l'accès aux droits et au numérique", "les espaces de vie sociale", "l'engagement des jeunes"]
PRENOMS = ["Camille", "Dominique", "Claude", "Alix", "Sacha", "Morgan", "Louise", "Jean", "Nadia", "Yves"]
NOMS = ["Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau", "Laurent"]


def personne():
    return f"{rng.choice(PRENOMS)} {rng.choice(NOMS)}"


def q(text):
    """A YAML double-quoted string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


with open(os.path.join(root, "conventions/sdsf/88-vosges-2021.yaml"), encoding="utf-8") as f:
    sdsf_orientations = f.read().split("orientations:\n", 1)[1]
os.makedirs(os.path.join(out, "sdsf"), exist_ok=True)
for dep in sorted({e[5] for e in epcis}):
    with open(os.path.join(out, "sdsf", f"{dep}.yaml"), "w", encoding="utf-8") as f:
        f.write("\n".join([
            "document: sdsf", "version: 1", f"departement: {q(dep)}",
            f"intitule: {q('Schéma départemental des services aux familles — ' + departements[dep])}",
            "periode:", "  debut: 2017-01", "  fin: 2028-12",
            "signataires: [État, Mutualité sociale agricole, Conseil départemental, Caf]",
            "orientations:", sdsf_orientations]))

for i in range(n_conv):
    siren, nature, nom, population, membres, dep = epcis[i % len(epcis)]
    start = 2023 - 5 * (i // len(epcis))
    lines = [
        "document: convention", "version: 1", f"reference: CTG-{dep}-{siren}-{start}",
        f"intitule: {q(f'Convention territoriale globale {start}–{start + 4}')}",
        "territoire:", f"  nom: {q(nom)}", f"  nature: {NATURE[nature]}", f"  siren: {q(siren)}",
        f"  departement: {q(dep)}", "  communes:",
    ]
    for code in membres:
        lines += [f"    - nom: {q(communes[code][2])}", f'      insee: "{code}"']
    lines += [f"  population: {population}", "  population_annee: 2022",
              f"  allocataires: {population // 9}",
              f"sdsf: ../../sdsf/{dep}.yaml", "periode:", f"  debut: \"{start}-01-01\"", f"  fin: \"{start + 4}-12-31\"",
              "signature:", f"  date: \"{start - 1}-12-{rng.randint(1, 20):02d}\"",
              f"  lieu: {q(communes[membres[0]][2])}", "signataires:"]
    for org, name, qualites in [
        ("caf", f"Caisse d'allocations familiales — {departements[dep]}", ["Président(e) du conseil d'administration", "Directeur(rice)"]),
        ("epci", nom, ["Président(e)"]),
        ("cd", f"Conseil départemental — {departements[dep]}", ["Président(e)"]),
    ]:
        lines += [f"  - organisme: {org}", f"    nom: {q(name)}", "    representants:"]
        for qualite in qualites:
            lines += [f"      - nom: {personne()}", f"        qualite: {q(qualite)}"]
    lines += ["champs: [" + ", ".join(CHAMPS) + "]", "axes:"]
    for a, o in enumerate(ORIENTATIONS):
        lines += [f"  - id: A{a + 1}", f"    intitule: Axe {a + 1} — {rng.choice(VERBES)} {rng.choice(OBJETS)}",
                  f"    sdsf: [{o}]"]
    lines.append("actions:")
    for k in range(n_act):
        lines += [f'  - id: "{k // 4 + 1}.{k % 4 + 1}"', f"    axe: A{k % 4 + 1}",
                  f"    intitule: {rng.choice(VERBES)} {rng.choice(OBJETS)} sur le territoire",
                  f"    champ: {CHAMPS[k % len(CHAMPS)]}", "    pilote: Communauté de communes",
                  "    partenaires: [Caf, Conseil départemental, associations locales]",
                  "    public: Familles du territoire",
                  f"    calendrier: {{ debut: {start + k % 3}, fin: {start + 4}-06 }}", "    indicateurs:",
                  "      - libelle: Familles accompagnées", "        unite: familles",
                  f"        valeur_initiale: {rng.randint(0, 50)}", f"        cible: {rng.randint(60, 200)}",
                  f"    budget: {{ montant: {rng.randint(1, 300) * 1000}, financeurs: [Caf, EPCI] }}",
                  "    description: >-", "      Une action du plan, décrite en quelques lignes pour que",
                  "      le fichier ait la taille d'une vraie convention."]
    folder = os.path.join(out, "conventions", dep)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, f"{siren}-{start}.yaml"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
