#!/usr/bin/env bash
# Tries the pre-commit hook that builds ctg (`ctg-validate-build`,
# `language: python`) as a user meets it the first time: a scratch
# repository of conventions whose .pre-commit-config.yaml names this
# repository's hook, an empty pre-commit cache and no Cargo target to reuse.
# Prints how long the first run (the build) took, then checks that a clean
# convention passes and a broken one fails with its finding's line.
#
#   bash scripts/hook-build.sh            # pre-commit from PATH or $CTG_TOOLS
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
tools="${CTG_TOOLS:-$HOME/.cache/ctg-tools}"
pre_commit="$(command -v pre-commit || echo "$tools/venv/bin/pre-commit")"
test -x "$pre_commit" || { echo "pre-commit missing: run .ci/run once" >&2; exit 2; }
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
unset CARGO_TARGET_DIR
export PRE_COMMIT_HOME="$scratch/cache"

# This working tree as the hook repository pre-commit clones.
git ls-files -coz --exclude-standard | tar --null -cf - -T - | (mkdir "$scratch/hooks" && tar -xf - -C "$scratch/hooks")
git -C "$scratch/hooks" init -q
git -C "$scratch/hooks" add .
git -C "$scratch/hooks" -c user.name=ctg -c user.email=ctg@invalid commit -qm hooks
rev="$(git -C "$scratch/hooks" rev-parse HEAD)"

repo="$scratch/repo"
mkdir -p "$repo/conventions"
cp conventions/vosges/rambervillers.yaml "$repo/conventions/"
cp -r conventions/sdsf "$repo/"
cat > "$repo/.pre-commit-config.yaml" <<EOF
repos:
  - repo: $scratch/hooks
    rev: $rev
    hooks:
      - id: ctg-validate-build
        args: [--format, short]
EOF
cd "$repo"
git init -q && git add . && git -c user.name=ctg -c user.email=ctg@invalid commit -qm conventions

start=$(date +%s)
"$pre_commit" install-hooks
built=$(( $(date +%s) - start ))
echo "hook installed (ctg built) in ${built} s"
"$pre_commit" run --all-files
echo "clean convention: passed"
sed -i '0,/debut: \([0-9]*\)-01-01/s//debut: \1-02-30/' conventions/rambervillers.yaml
git add -A
if out="$("$pre_commit" run --all-files 2>&1)"; then
  echo "a broken convention passed:" >&2; echo "$out" >&2; exit 1
fi
echo "$out" | grep -E 'rambervillers\.yaml:[0-9]+:[0-9]+: .*CTG' || { echo "$out" >&2; exit 1; }
echo "broken convention: failed at its line, as it should"
test "$built" -lt 180 || { echo "the build took ${built} s, over 3 minutes" >&2; exit 1; }
