import { execFileSync } from "child_process";
import { existsSync } from "fs";
import { delimiter, join } from "path";

/** The Kubernetes version charts are rendered for: the e2e tier's (tools/e2e/kubernetes) minor. */
export const DEFAULT_KUBE_VERSION = "1.36.3";

/** A helm on PATH, or undefined. */
function helmOnPath(): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    const candidate = join(dir, "helm");
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** The helm to run: `explicit`, else `$SLIPWAY_HELM`, else the first `helm` on PATH; undefined when none exists. */
export function locateHelm(explicit?: string): string | undefined {
  const chosen = explicit ?? process.env.SLIPWAY_HELM;
  if (chosen) return chosen;
  return helmOnPath();
}

/** `helm version --short`, e.g. `v3.22.0+g...`; throws a readable error when helm cannot run. */
export function helmVersion(helm: string): string {
  try {
    return execFileSync(helm, ["version", "--short"], { encoding: "utf8" }).trim();
  } catch (err) {
    throw new Error(`cannot run helm at ${helm}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Runs helm with `args` and returns its stdout; a failure carries helm's own message. */
export function runHelm(helm: string, args: string[]): string {
  try {
    return execFileSync(helm, args, { encoding: "utf8", maxBuffer: 256 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] });
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr?.trim();
    throw new Error(`helm ${args.slice(0, 3).join(" ")} failed: ${stderr || (err instanceof Error ? err.message : String(err))}`);
  }
}
