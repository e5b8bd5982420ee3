#!/usr/bin/env node
// Derives ctg's embedded geography (data/geo/) from the npm package
// @etalab/decoupage-administratif, INSEE's Code officiel géographique.
//
//   node scripts/refresh-geo.mjs [VERSION]      (default: the pinned one)
//
// Run it only when a new vintage is wanted: it needs the npm registry, the
// build and the tests never do. It fetches the package with `npm pack` into a
// temporary folder, then rewrites data/geo/*.tsv and data/geo/SOURCE.md.
// Commit the result together with the tests' new counts.

import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const PACKAGE = "@etalab/decoupage-administratif";
const version = process.argv[2] ?? "6.0.0";
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "data", "geo");

const work = mkdtempSync(join(tmpdir(), "ctg-geo-"));
try {
  const tgz = execFileSync("npm", ["pack", `${PACKAGE}@${version}`, "--silent"], {
    cwd: work,
    encoding: "utf8",
  }).trim().split("\n").pop();
  execFileSync("tar", ["xzf", tgz], { cwd: work });
  const data = (name) => JSON.parse(readFileSync(join(work, "package", "data", name), "utf8"));
  const pkg = JSON.parse(readFileSync(join(work, "package", "package.json"), "utf8"));
  derive(data("communes.json"), data("epci.json"), data("departements.json"), pkg);
} finally {
  rmSync(work, { recursive: true, force: true });
}

// Tabs and line ends never occur in the names; refuse a vintage where they do.
function field(value) {
  const text = value === undefined || value === null ? "" : String(value);
  if (/[\t\r\n]/.test(text)) throw new Error(`unexpected tab or line end in ${JSON.stringify(text)}`);
  return text;
}

function derive(communes, epcis, departements, pkg) {
  const TYPES = {
    "commune-actuelle": "a",
    "commune-deleguee": "d",
    "commune-associee": "s",
    "arrondissement-municipal": "m",
  };
  const epciOf = new Map();
  for (const e of epcis) for (const m of e.membres) epciOf.set(m.code, e.code);

  const rows = communes.map((c) => {
    const type = TYPES[c.type];
    if (!type) throw new Error(`unknown commune type ${c.type}`);
    const parent = type === "m" ? c.commune : type === "a" ? "" : c.chefLieu;
    return [c.code, type, c.nom, c.departement, type === "a" ? epciOf.get(c.code) : "", c.population, parent].map(field);
  });
  // By code, the current commune first among records sharing a code.
  const order = "adsm";
  rows.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : order.indexOf(x[1]) - order.indexOf(y[1])));
  writeFileSync(
    join(out, "communes.tsv"),
    "# code\ttype\tnom\tdepartement\tepci\tpopulation\trattachement\n" + rows.map((r) => r.join("\t") + "\n").join(""),
  );

  const NATURES = { CC: "CC", CA: "CA", CU: "CU", METRO: "METRO", MET69: "METRO" };
  const erows = epcis.map((e) => {
    const nature = NATURES[e.type];
    if (!nature) throw new Error(`unknown EPCI type ${e.type}`);
    const members = e.membres.map((m) => m.code).sort();
    return [e.code, nature, e.nom, e.populationMunicipale, members.join(",")].map(field);
  });
  erows.sort((x, y) => (x[0] < y[0] ? -1 : 1));
  writeFileSync(
    join(out, "epci.tsv"),
    "# siren\tnature\tnom\tpopulation\tmembres\n" + erows.map((r) => r.join("\t") + "\n").join(""),
  );

  const drows = departements.map((d) => [d.code, d.nom].map(field));
  drows.sort((x, y) => (x[0] < y[0] ? -1 : 1));
  writeFileSync(join(out, "departements.tsv"), "# code\tnom\n" + drows.map((r) => r.join("\t") + "\n").join(""));

  const current = rows.filter((r) => r[1] === "a").length;
  writeFileSync(
    join(out, "SOURCE.md"),
    `# Official geography embedded in ctg

- Source: npm package \`${pkg.name}\` version **${pkg.version}** (${pkg.repository}),
  built by Etalab from INSEE's Code officiel géographique.
- Licence of the package: ${pkg.license} (see its LICENSE; the underlying COG is
  published by INSEE under the Licence Ouverte / Open Licence 2.0).
- Derived by \`node scripts/refresh-geo.mjs ${pkg.version}\`; do not edit by hand.

| file | rows |
|---|---|
| communes.tsv | ${rows.length} (of which ${current} current communes) |
| epci.tsv | ${erows.length} |
| departements.tsv | ${drows.length} |

\`communes.tsv\`: code, type (\`a\` current commune, \`d\` commune déléguée,
\`s\` commune associée, \`m\` arrondissement municipal), name, département,
SIREN of the EPCI (current communes that belong to one), population
(municipale), the code of the commune it belongs to (\`d\`, \`s\`, \`m\`).
\`epci.tsv\`: SIREN, nature (CC, CA, CU, METRO — the Métropole de Lyon,
\`MET69\` in the package, is METRO), name, population (municipale), member
commune codes. \`departements.tsv\`: code, name.
`,
  );
  console.log(`${rows.length} communes (${current} current), ${erows.length} EPCI, ${drows.length} départements from ${pkg.name} ${pkg.version}`);
}
