#!/usr/bin/env bash
# Prints the path of the pinned helm (tools/e2e/helm/go.mod), building it into
# the tool cache first when it is missing (niced, a few minutes cold). A helm the
# user chose wins: $SLIPWAY_HELM. Without Go it prints helm on PATH, or nothing.
#   SLIPWAY_HELM="$(bash tools/e2e/helm.sh)" npm test
set -euo pipefail
source "$(dirname "$0")/lib.sh"

if [ -n "${SLIPWAY_HELM:-}" ]; then echo "$SLIPWAY_HELM"; exit 0; fi
if ! command -v go >/dev/null 2>&1; then command -v helm || true; exit 0; fi
if ! e2e_family_cached helm; then
  echo "helm: building the pinned helm (once; see tools/e2e/README.md)" >&2
  bash "$E2E_DIR/build.sh" helm >&2
fi
echo "$(e2e_family_dir helm)/bin/helm"
