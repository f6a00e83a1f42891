#!/usr/bin/env bash
# Builds the pinned e2e tools (tools/e2e/<family>/go.mod) into the binary cache
# outside the clone. Families already cached are skipped. Usage:
#   tools/e2e/build.sh [family...]      (default: every family)
# Builds run niced with one package at a time: the machine is shared.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

build_family() {
  local family="$1" out ldflags="" packages
  out="$(e2e_family_dir "$family")"
  if e2e_family_cached "$family"; then
    echo "build: $family cached in $out"
    return
  fi
  mkdir -p "$out/bin"
  cd "$E2E_DIR/$family"
  if [ -f ldflags.sh ]; then ldflags="$(bash ldflags.sh)"; fi
  echo "build: $family -> $out"
  local start=$SECONDS
  # A family's pre-build step prepares a build folder outside the clone (under
  # $out) and prints it; the build then runs there, with that folder's go.mod.
  local src="$PWD"
  if [ -f pre-build.sh ]; then src="$(bash pre-build.sh "$out")"; fi
  cd "$src"
  # The tool directives of go.mod name the packages to build.
  packages=$(awk '/^tool \(/ {block=1; next} block && /^\)/ {block=0}
    block {print $1} /^tool [^(]/ {print $2}' go.mod)
  # shellcheck disable=SC2086
  CGO_ENABLED=0 nice -n 10 go build -p "${E2E_BUILD_JOBS:-1}" -trimpath \
    -ldflags "-s -w $ldflags" -o "$out/bin/" $packages
  cd "$E2E_DIR/$family"
  if [ -f post-build.sh ]; then bash post-build.sh "$out"; fi
  echo "$((SECONDS - start))" > "$out/build-seconds"
  touch "$out/.complete"
  echo "build: $family done in $((SECONDS - start))s"
}

families=("$@")
[ ${#families[@]} -gt 0 ] || families=("${E2E_FAMILIES[@]}")
for family in "${families[@]}"; do
  (build_family "$family")
done
