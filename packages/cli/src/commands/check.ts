import { existsSync } from "fs";
import { resolve } from "path";
import { formatViolations } from "@slipway/checks";
import { formatProblems, SchemaProblem } from "@slipway/testing";
import { loadStack, LoadStackOptions } from "../load";

/** The shared CRDs beside a checkout (`../shared/crds`), when present. */
function defaultCrdDirs(programDir: string): string[] {
  const beside = resolve(programDir, "../shared/crds");
  return existsSync(beside) ? [beside] : [];
}

/** The problem a custom resource has when no CRD for it was found. */
function isMissingCrd(problem: SchemaProblem): boolean {
  return problem.path === "apiVersion" && problem.message.startsWith("no CRD found");
}

/**
 * `slipway check`: validates every object against the Kubernetes schemas (and custom resources
 * against their CRDs), runs every CHECKS.md check (with `--platform`'s objects as the rest of the cluster),
 * prints both tables, and exits non-zero on any finding.
 */
export async function checkCommand(programDir: string, options: LoadStackOptions & { crds?: string[] }): Promise<void> {
  const progress = (p: string) => console.error(p);
  const { rendered, platform } = await loadStack(programDir, { ...options, warn: (w) => console.warn(`warning: ${w}`), progress });
  // Without --crds: the shared CRDs beside a checkout, and any CRDs in the platform's render.
  const crdDirs = options.crds?.length ? options.crds.map((d) => resolve(d)) : [...defaultCrdDirs(programDir), ...(platform?.dir ? [platform.dir] : [])];
  progress(`validating ${rendered.manifests().length} objects against the Kubernetes schemas${crdDirs.length ? ` and the CRDs in ${crdDirs.join(", ")}` : ""}...`);
  const validated = rendered.validate({ crdDirs });
  // A custom resource whose CRD nobody pointed us at cannot be judged: a failure only when --crds said where they are.
  const unjudged = options.crds?.length ? [] : validated.filter(isMissingCrd);
  const problems = validated.filter((p) => !unjudged.includes(p));
  if (unjudged.length) console.warn(`warning: ${unjudged.length} custom resource(s) not validated, no CRD found: ${unjudged.map((p) => p.object).join(", ")}; pass --crds <dir>`);
  // The platform's objects are the rest of the cluster: the link checks judge the team's objects against them.
  const cluster = platform?.view.manifests.length ? [platform.view] : [];
  progress(`running the checks${cluster.length ? ` with the platform's ${platform!.view.manifests.length} objects as the rest of the cluster` : ""}...`);
  const violations = rendered.check({ cluster });
  console.log(problems.length ? formatProblems(problems) : "Schemas: every object is valid");
  console.log(violations.length ? formatViolations(violations) : "Checks: no violations");
  if (problems.length || violations.length) process.exitCode = 1;
}
