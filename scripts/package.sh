#!/usr/bin/env bash
# Builds what a user installs without Rust — the Debian package (cargo-deb)
# and the Python wheel carrying the binary (maturin, bindings "bin") — with a
# SHA256SUMS beside them in dist/, then installs each in a scratch location
# and runs `ctg validate` on the bundled conventions with it.
#
#   cargo install --locked cargo-deb; pip install maturin   # once
#   bash scripts/package.sh
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}"
cargo build --release --locked
bin="$target/release/ctg"
rm -rf dist && mkdir -p dist/assets/man dist/assets/completions
"$bin" man --dir dist/assets/man
"$bin" completions bash > dist/assets/completions/ctg
"$bin" completions zsh > dist/assets/completions/_ctg
"$bin" completions fish > dist/assets/completions/ctg.fish
cargo deb --no-build --output dist/
maturin build --profile release --locked --features pdf --out dist/ --compatibility linux
(cd dist && sha256sum -- *.deb *.whl > SHA256SUMS && cat SHA256SUMS)

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
# The .deb, unpacked where dpkg would put it.
test "$(dpkg-deb --field dist/ctg_*.deb Package)" = ctg
dpkg-deb -x dist/ctg_*.deb "$scratch/deb"
test -e "$scratch/deb/usr/share/man/man1/ctg-validate.1.gz"  # cargo-deb compresses them
test -e "$scratch/deb/usr/share/bash-completion/completions/ctg"
"$scratch/deb/usr/bin/ctg" validate conventions/ --format short | tail -2
# With CTG_APT=1 (the release workflow sets it): the .deb installed for real
# with apt, its man page and completion found where the system looks, then
# removed.
if [ "${CTG_APT:-}" = 1 ]; then
  if [ "$(id -u)" != 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get install -y -qq "$PWD"/dist/ctg_*.deb >/dev/null
  man -w ctg-validate
  test -e /usr/share/bash-completion/completions/ctg
  (cd "$scratch" && /usr/bin/ctg validate "$OLDPWD/conventions/" --format short | tail -2)
  $SUDO apt-get remove -y -qq ctg >/dev/null
fi
# The wheel, in a fresh virtual environment.
python3 -m venv "$scratch/venv"
"$scratch/venv/bin/pip" install --quiet dist/ctg-*.whl
"$scratch/venv/bin/ctg" validate conventions/ --format short | tail -2
# The wheel as a pre-commit hook installs it (README "pre-commit": the
# local hook with `additional_dependencies`), on a scratch repository.
tools="${CTG_TOOLS:-$HOME/.cache/ctg-tools}"
pre_commit="$(command -v pre-commit || echo "$tools/venv/bin/pre-commit")"
test -x "$pre_commit" || { echo "pre-commit missing (run .ci/run once): the wheel was not tried as a hook" >&2; exit 1; }
wheel="$(ls "$PWD"/dist/ctg-*.whl)"
repo="$scratch/hook"
mkdir -p "$repo/conventions"
cp -r conventions/vosges conventions/sdsf "$repo/conventions/"
cat > "$repo/.pre-commit-config.yaml" <<EOF
repos:
  - repo: local
    hooks:
      - id: ctg-validate
        name: ctg validate
        entry: ctg validate
        language: python
        additional_dependencies: ["$wheel"]
        files: ^conventions/.*\.ya?ml$
        args: [--format, short]
EOF
(cd "$repo" && git init -q && git add . && PRE_COMMIT_HOME="$scratch/cache" "$pre_commit" run --all-files)
echo "dist/: $(ls dist | tr '\n' ' ')"
