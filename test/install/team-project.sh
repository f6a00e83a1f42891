#!/usr/bin/env bash
# An app team's start, outside this repository, as the README tells it: pack every package, scaffold a
# team stack with `slipway init`, install it from the tarballs (exactly one @pulumi/pulumi), render and
# check it through the installed CLI against the platform's render, and run its tests.
# Needs `npm run build` first. Non-zero on any failure.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
SLIPWAY="node $ROOT/packages/cli/dist/bin.js"
quiet() { local log="$WORK/step.log"; "$@" >"$log" 2>&1 || { cat "$log" >&2; return 1; }; }

cd "$ROOT"
echo "-- pack every package (prepack builds dist)"
mkdir -p "$WORK/packed"
quiet npm pack --workspace packages --pack-destination "$WORK/packed"
ls "$WORK/packed"

echo "-- the platform's dev render (outputs.json for the team's StackReference)"
quiet $SLIPWAY render . --stack dev --out "$WORK/platform-dev"

echo "-- slipway init, outside the repository"
$SLIPWAY init "$WORK/payments" --tenant billing --platform "$WORK/platform-dev" --packages "$WORK/packed"
cd "$WORK/payments"

echo "-- npm install from the tarballs"
quiet npm install --prefer-offline --no-audit --no-fund
copies="$(find node_modules -path '*/@pulumi/pulumi/package.json' | sort)"
if [ "$(printf '%s\n' "$copies" | grep -c .)" != 1 ]; then
  printf 'expected exactly one @pulumi/pulumi, found:\n%s\n' "$copies" >&2
  exit 1
fi
echo "one @pulumi/pulumi: $(node -p 'require("@pulumi/pulumi/package.json").version')"

echo "-- render and check through the installed CLI"
npx --no-install slipway render . --stack dev --platform "$WORK/platform-dev" | head -1
test -f rendered/dev/billing/deployment.yaml
npx --no-install slipway check . --stack dev --platform "$WORK/platform-dev"

echo "-- the team's tests"
npm test
