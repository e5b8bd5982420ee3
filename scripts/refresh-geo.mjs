#!/usr/bin/env node
// Derives ctg's embedded geography (data/geo/) from the npm package
// @etalab/decoupage-administratif, INSEE's Code officiel géographique.
//
//   node scripts/refresh-geo.mjs [VERSION]      (default: the pinned one)
//   node scripts/refresh-geo.mjs --millesimes   (the earlier years, after it)
//
// Run it only when a new vintage is wanted: it needs the npm registry, the
// build and the tests never do. It fetches the package with `npm pack` into a
// temporary folder, then rewrites data/geo/*.tsv and data/geo/SOURCE.md.
// Commit the result together with the tests' new counts.

import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateRawSync } from "node:zlib";

const PACKAGE = "@etalab/decoupage-administratif";
// The package's version for each year's COG (its README's table); 2020 has
// the EPCI of 2020 and the communes of 2019.
const VINTAGES = [
  [2019, "0.7.0"],
  [2020, "0.8.0"],
  [2021, "1.1.1"],
  [2022, "2.3.1"],
  [2023, "3.1.1"],
  [2024, "4.1.0"],
  [2025, "5.3.0"],
];
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "data", "geo");

if (process.argv[2] === "--millesimes") {
  const current = {
    rows: readRows(join(out, "communes.tsv")),
    erows: readRows(join(out, "epci.tsv")),
  };
  mkdirSync(join(out, "millesimes"), { recursive: true });
  for (const [year, version] of VINTAGES) {
    withPackage(version, (data, pkg) => writeVintage(year, pkg, tables(data), current));
  }
} else {
  withPackage(process.argv[2] ?? "6.0.0", (data, pkg) => derive(tables(data), pkg));
}

function withPackage(version, use) {
  const work = mkdtempSync(join(tmpdir(), "ctg-geo-"));
  try {
    const tgz = execFileSync("npm", ["pack", `${PACKAGE}@${version}`, "--silent"], {
      cwd: work,
      encoding: "utf8",
    }).trim().split("\n").pop();
    execFileSync("tar", ["xzf", tgz], { cwd: work });
    const data = (name) => {
      try {
        return JSON.parse(readFileSync(join(work, "package", "data", name), "utf8"));
      } catch {
        return [];
      }
    };
    const pkg = JSON.parse(readFileSync(join(work, "package", "package.json"), "utf8"));
    use(data, pkg);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function readRows(path) {
  return readFileSync(path, "utf8").split("\n").filter((l) => l && !l.startsWith("#")).map((l) => l.split("\t"));
}

// Tabs and line ends never occur in the names; refuse a vintage where they do.
function field(value) {
  const text = value === undefined || value === null ? "" : String(value);
  if (/[\t\r\n]/.test(text)) throw new Error(`unexpected tab or line end in ${JSON.stringify(text)}`);
  return text;
}

// A vintage is stored as what differs from today's tables, populations
// aside (they change every year for every commune): the rows of that year
// that are not today's (`C` commune, `E` EPCI), and today's rows that did
// not exist then (`c` code and type, `e` SIREN). Deflated.
function writeVintage(year, pkg, t, current) {
  const communeKey = (r) => `${r[0]}\t${r[1]}`;
  const same = (a, b, skip) => a.length === b.length && a.every((v, i) => i === skip || v === b[i]);
  const lines = [`# COG ${year}: ${pkg.name} ${pkg.version}`];
  const diff = (then, now, key, skip, added, removed) => {
    const nowBy = new Map(now.map((r) => [key(r), r]));
    const thenKeys = new Set();
    for (const r of then) {
      thenKeys.add(key(r));
      const n = nowBy.get(key(r));
      if (!n || !same(r, n, skip)) lines.push([added, ...r].join("\t"));
    }
    for (const r of now) if (!thenKeys.has(key(r))) lines.push([removed, key(r)].join("\t"));
  };
  diff(t.rows, current.rows, communeKey, 5, "C", "c");
  // Before 2023 the package has no EPT: their perimeters have not changed
  // since they were made in 2016, so today's stand for those years.
  const withEpt = t.erows.some((r) => r[1] === "EPT");
  const erowsNow = withEpt ? current.erows : current.erows.filter((r) => r[1] !== "EPT");
  diff(t.erows, erowsNow, (r) => r[0], 3, "E", "e");
  const text = lines.join("\n") + "\n";
  const packed = deflateRawSync(Buffer.from(text, "utf8"), { level: 9 });
  writeFileSync(join(out, "millesimes", `${year}.tsv.deflate`), packed);
  console.log(`${year}: ${pkg.name} ${pkg.version}, ${lines.length - 1} rows differ, ${packed.length} bytes deflated`);
}

function tables(data) {
  const communes = data("communes.json");
  const epcis = data("epci.json");
  const departements = data("departements.json");
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

  const NATURES = { CC: "CC", CA: "CA", CU: "CU", METRO: "METRO", MET69: "METRO" };
  const erows = epcis.map((e) => {
    const nature = NATURES[e.type];
    if (!nature) throw new Error(`unknown EPCI type ${e.type}`);
    const members = e.membres.map((m) => m.code).sort();
    return [e.code, nature, e.nom, e.populationMunicipale, members.join(",")].map(field);
  });
  // The établissements publics territoriaux of the Métropole du Grand
  // Paris, kept apart by the package (from its 2023 vintage on): their
  // population is their members'.
  for (const e of data("ept.json")) {
    const members = e.membres.map((m) => m.code).sort();
    const population = e.membres.reduce((n, m) => n + (m.populationMunicipale ?? 0), 0);
    erows.push([e.code, "EPT", e.nom, population, members.join(",")].map(field));
  }
  erows.sort((x, y) => (x[0] < y[0] ? -1 : 1));

  const drows = departements.map((d) => [d.code, d.nom].map(field));
  drows.sort((x, y) => (x[0] < y[0] ? -1 : 1));
  return { rows, erows, drows };
}

function derive({ rows, erows, drows }, pkg) {
  const tsv = (header, rs) => header + "\n" + rs.map((r) => r.join("\t") + "\n").join("");
  writeFileSync(join(out, "communes.tsv"), tsv("# code\ttype\tnom\tdepartement\tepci\tpopulation\trattachement", rows));
  writeFileSync(join(out, "epci.tsv"), tsv("# siren\tnature\tnom\tpopulation\tmembres", erows));
  writeFileSync(join(out, "departements.tsv"), tsv("# code\tnom", drows));

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
\`MET69\` in the package, is METRO —, and EPT, the établissements publics
territoriaux of the Métropole du Grand Paris), name, population
(municipale), member commune codes. \`departements.tsv\`: code, name.

\`millesimes/YEAR.tsv.deflate\`: the COG of 1 January of each earlier year,
as what differs from these tables (\`node scripts/refresh-geo.mjs
--millesimes\`; the list of versions is in the script).
`,
  );
  console.log(`${rows.length} communes (${current} current), ${erows.length} EPCI, ${drows.length} départements from ${pkg.name} ${pkg.version}`);
}
