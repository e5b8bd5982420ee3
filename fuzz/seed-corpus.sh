#!/usr/bin/env bash
# Seeds the fuzz corpus with every YAML file of the repository: the bundled
# conventions and referentials, and the test fixtures.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p fuzz/corpus/load_validate_render
find conventions tests/fixtures -name '*.yaml' -print0 |
    while IFS= read -r -d '' f; do
        cp "$f" "fuzz/corpus/load_validate_render/$(echo "$f" | tr '/' '_')"
    done
