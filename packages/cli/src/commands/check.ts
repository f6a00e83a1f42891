import { existsSync } from "fs";
import { resolve } from "path";
import { formatViolations } from "@slipway/checks";
import { formatProblems } from "@slipway/testing";
import { loadStack, LoadStackOptions } from "../load";

/** The shared CRDs beside a checkout (`../shared/crds`), when present. */
function defaultCrdDirs(programDir: string): string[] {
  const beside = resolve(programDir, "../shared/crds");
  return existsSync(beside) ? [beside] : [];
}

/**
 * `slipway check`: validates every object against the Kubernetes schemas (and custom resources
 * against their CRDs), runs every CHECKS.md check (with `--platform`'s objects as the rest of the cluster),
 * prints both tables, and exits non-zero on any finding.
 */
export async function checkCommand(programDir: string, options: LoadStackOptions & { crds?: string[] }): Promise<void> {
  const progress = (p: string) => console.error(p);
  const { rendered, platform } = await loadStack(programDir, { ...options, warn: (w) => console.warn(`warning: ${w}`), progress });
  const crdDirs = options.crds?.length ? options.crds.map((d) => resolve(d)) : defaultCrdDirs(programDir);
  progress(`validating ${rendered.manifests().length} objects against the Kubernetes schemas${crdDirs.length ? ` and the CRDs in ${crdDirs.join(", ")}` : ""}...`);
  const problems = rendered.validate({ crdDirs });
  // The platform's objects are the rest of the cluster: the link checks judge the team's objects against them.
  const cluster = platform?.view.manifests.length ? [platform.view] : [];
  progress(`running the checks${cluster.length ? ` with the platform's ${platform!.view.manifests.length} objects as the rest of the cluster` : ""}...`);
  const violations = rendered.check({ cluster });
  console.log(problems.length ? formatProblems(problems) : "Schemas: every object is valid");
  console.log(violations.length ? formatViolations(violations) : "Checks: no violations");
  if (problems.length || violations.length) process.exitCode = 1;
}
