import { fail, Manifest } from "@slipway/core";
import { allChecks, checkIds } from "./checks";
import { defaultExemptions, Exemption, exemptionFor, honouredExemptions, validateExemptions } from "./exemptions";
import { clusterView, ownedBy } from "./cluster-view";
import type { Check, StackView, Violation } from "./types";

export interface RunOptions {
  /** Named exemptions (host agents, operator charts' fixed settings). @default defaultExemptions */
  exemptions?: readonly Exemption[];
  /** Run only these check ids. @default every check */
  only?: string[];
  /**
   * Other renders of the same cluster, e.g. the platform's under a team's stack. The link checks
   * (L) judge their objects together with this stack's and report only this stack's objects; every
   * other check judges this stack alone. @default [] (the stack is the whole cluster)
   */
  cluster?: StackView[];
}

/** A list of manifests, or a full stack view, as a stack view. */
export function toStackView(input: StackView | Manifest[]): StackView {
  return Array.isArray(input) ? { manifests: input, cloud: [] } : input;
}

/** The checks `only` selects, in CHECKS.md order; fails on an unknown id. */
export function selectChecks(only?: string[]): Check[] {
  if (only === undefined) return [...allChecks];
  only.forEach((id, i) => {
    if (!checkIds.includes(id)) fail({ component: "runChecks", name: "options" }, `only[${i}]`, id, "is not a check id", `use ids from CHECKS.md: ${checkIds.join(", ")}`);
  });
  return allChecks.filter((c) => only.includes(c.id));
}

/** Every violation of one check over the stack, before exemptions. */
export function runCheck(check: Check, view: StackView): Violation[] {
  return check.scope === "object" ? view.manifests.flatMap((m) => check.run(m, view)) : check.run(view);
}

/** Runs the checks over a rendered stack and returns what fails, minus honoured exemptions. */
export function runChecks(input: StackView | Manifest[], options: RunOptions = {}): Violation[] {
  const view = toStackView(input);
  const exemptions = options.exemptions ?? defaultExemptions;
  validateExemptions(exemptions);
  const honoured = honouredExemptions(view, exemptions);
  const others = options.cluster ?? [];
  const whole = others.length ? clusterView(view, others.map(toStackView)) : view;
  const own = others.length ? ownedBy(view) : () => true;
  return selectChecks(options.only).flatMap((check) =>
    (check.cluster ? runCheck(check, whole).filter(own) : runCheck(check, view)).filter((v) => !exemptionFor(v, honoured)),
  );
}
