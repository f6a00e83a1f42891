import { execFileSync } from "child_process";
import { existsSync } from "fs";
import * as path from "path";
import { locateHelm } from "@slipway/testing";

const ROOT = path.resolve(__dirname, "..");
export const CHARTS_DIR = path.resolve(ROOT, "../shared/charts");

/** The pinned helm in the tool cache (tools/e2e/helm), if it was built; never builds it. */
function cachedHelm(): string | undefined {
  try {
    const script = `source tools/e2e/lib.sh && e2e_family_cached helm && echo "$(e2e_family_dir helm)/bin/helm"`;
    const found = execFileSync("bash", ["-c", script], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    return found && existsSync(found) ? found : undefined;
  } catch {
    return undefined;
  }
}

const MISSING = "helm not found: set SLIPWAY_HELM, put helm on PATH, or build the pinned one with `bash tools/e2e/helm.sh`";

/**
 * The helm chart tests run: $SLIPWAY_HELM, the pinned one in the tool cache, or helm on PATH.
 * In CI (CI=true) a missing helm or charts folder is an error; locally the chart tests are skipped, loudly.
 */
export function helmForTests(): string | undefined {
  const helm = process.env.SLIPWAY_HELM || cachedHelm() || locateHelm();
  const missing = !helm ? MISSING : !existsSync(CHARTS_DIR) ? `${CHARTS_DIR} is missing` : undefined;
  if (!missing) return helm;
  if (process.env.CI === "true") throw new Error(`chart tests cannot run in CI: ${missing}`);
  console.warn(`SKIPPING chart tests: ${missing}`);
  return undefined;
}
