#!/usr/bin/env python3
"""Writes a deterministic national-scale corpus of valid conventions.

usage: scripts/gen-corpus.py OUT_DIR [CONVENTIONS=1300] [ACTIONS=40]

Every convention cites the SDSF copied beside it, so `ctg validate OUT_DIR`
exercises loading, schema and SDSF resolution on realistic files.
"""
import os
import random
import shutil
import sys

out = sys.argv[1]
n_conv = int(sys.argv[2]) if len(sys.argv) > 2 else 1300
n_act = int(sys.argv[3]) if len(sys.argv) > 3 else 40
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
rng = random.Random(2023)

os.makedirs(out, exist_ok=True)
shutil.copy(os.path.join(root, "conventions/sdsf/88-vosges-2021.yaml"), os.path.join(out, "sdsf.yaml"))

CHAMPS = ["petite_enfance", "enfance", "jeunesse", "parentalite", "animation_vie_sociale", "acces_aux_droits"]
ORIENTATIONS = ["connaissance-lisibilite", "repartition-equilibree", "offre-de-qualite", "mobilisation-habitants"]
VERBES = ["Développer", "Renforcer", "Structurer", "Faire connaître", "Coordonner", "Soutenir"]
OBJETS = ["l'offre d'accueil du jeune enfant", "les accueils de loisirs", "le soutien à la parentalité",
          "l'accès aux droits et au numérique", "les espaces de vie sociale", "l'engagement des jeunes"]

for i in range(n_conv):
    lines = [
        "document: convention", "version: 1", f"reference: CTG-88-BENCH-{i:04d}",
        "territoire:", f"  nom: Communauté de Communes n°{i} des Vosges", "  nature: cc",
        '  departement: "88"', "  communes:",
    ]
    for c in range(rng.randint(8, 30)):
        lines += [f"    - nom: Commune {i}-{c}", f'      insee: "88{c:03d}"']
    lines += [f"  population: {rng.randint(5000, 90000)}", "  population_annee: 2021",
              "sdsf: sdsf.yaml", "periode:", "  debut: 2023-01-01", "  fin: 2027-12-31",
              "signature:", "  date: 2023-06-15", "  lieu: Épinal", "signataires:"]
    for org, nom in [("caf", "Caf des Vosges"), ("epci", f"Communauté de Communes n°{i}"), ("cd", "Conseil départemental des Vosges")]:
        lines += [f"  - organisme: {org}", f"    nom: {nom}", "    representants:",
                  "      - nom: Camille Martin", "        qualite: Présidente"]
    lines += ["champs: [" + ", ".join(CHAMPS) + "]", "axes:"]
    for a, o in enumerate(ORIENTATIONS):
        lines += [f"  - id: A{a + 1}", f"    intitule: Axe {a + 1} — {rng.choice(VERBES)} {rng.choice(OBJETS)}",
                  f"    sdsf: [{o}]"]
    lines.append("actions:")
    for k in range(n_act):
        lines += [f'  - id: "{k + 1}"', f"    axe: A{k % 4 + 1}",
                  f"    intitule: {rng.choice(VERBES)} {rng.choice(OBJETS)} sur le territoire",
                  f"    champ: {rng.choice(CHAMPS)}", "    pilote: Communauté de communes",
                  "    partenaires: [Caf des Vosges, Conseil départemental, associations locales]",
                  "    public: Familles du territoire",
                  f"    calendrier: {{ debut: {2023 + k % 3}, fin: 2027-06 }}", "    indicateurs:",
                  "      - libelle: Familles accompagnées", "        unite: familles",
                  f"        valeur_initiale: {rng.randint(0, 50)}", f"        cible: {rng.randint(60, 200)}",
                  f"    budget: {{ montant: {rng.randint(1, 300) * 1000}, financeurs: [Caf, EPCI] }}",
                  "    description: >-", "      Une action du plan, décrite en quelques lignes pour que",
                  "      le fichier ait la taille d'une vraie convention."]
    with open(os.path.join(out, f"convention-{i:04d}.yaml"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
