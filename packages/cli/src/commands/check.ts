import { existsSync } from "fs";
import { resolve } from "path";
import { formatViolations } from "@slipway/checks";
import { formatProblems } from "@slipway/testing";
import { ChartsOptions } from "../charts";
import { loadStack } from "../load";

/** The shared CRDs beside a checkout (`../shared/crds`), when present. */
function defaultCrdDirs(programDir: string): string[] {
  const beside = resolve(programDir, "../shared/crds");
  return existsSync(beside) ? [beside] : [];
}

/**
 * `slipway check`: validates every object against the Kubernetes schemas (and custom resources
 * against their CRDs), runs every CHECKS.md check, prints both tables, and exits non-zero on any finding.
 */
export async function checkCommand(programDir: string, options: { stack: string; crds?: string[] } & ChartsOptions): Promise<void> {
  const progress = (p: string) => console.error(p);
  const { rendered } = await loadStack(programDir, options.stack, (w) => console.warn(`warning: ${w}`), progress, options);
  const crdDirs = options.crds?.length ? options.crds.map((d) => resolve(d)) : defaultCrdDirs(programDir);
  progress(`validating ${rendered.manifests().length} objects against the Kubernetes schemas${crdDirs.length ? ` and the CRDs in ${crdDirs.join(", ")}` : ""}...`);
  const problems = rendered.validate({ crdDirs });
  progress("running the checks...");
  const violations = rendered.check();
  console.log(problems.length ? formatProblems(problems) : "Schemas: every object is valid");
  console.log(violations.length ? formatViolations(violations) : "Checks: no violations");
  if (problems.length || violations.length) process.exitCode = 1;
}
