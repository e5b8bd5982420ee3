#!/usr/bin/env bash
# Seeds the fuzz corpus with every YAML file of the repository: the bundled
# conventions and referentials, the test fixtures, and the hostile cases of
# fuzz/seeds/ (control characters, huge figures, year 0, allow without a
# reason, a no-break space after a colon, decomposed accents, !!str, a long
# line, Markdown in an indicator's unit).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p fuzz/corpus/load_validate_render
find conventions tests/fixtures fuzz/seeds -name '*.yaml' -print0 |
    while IFS= read -r -d '' f; do
        cp "$f" "fuzz/corpus/load_validate_render/$(echo "$f" | tr '/' '_')"
    done
