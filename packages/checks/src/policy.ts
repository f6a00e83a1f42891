import type { Manifest } from "@slipway/core";
// Types only: importing this file never loads @pulumi/policy (an optional peer) or starts a policy server.
import type { EnforcementLevel, Policies, ReportViolation, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { allChecks } from "./checks";
import { defaultExemptions, Exemption, exemptionFor, honouredExemptions, validateExemptions, waivesPodSecurity } from "./exemptions";
import { cloudRef, objectRef, record } from "./objects";
import { runCheck } from "./runner";
import type { Check, ObjectCheck, StackCheck, StackView, Violation } from "./types";

export interface PolicyOptions {
  /** Named exemptions (host agents, operator charts' fixed settings). @default defaultExemptions */
  exemptions?: readonly Exemption[];
  /** How hard a violation fails `pulumi preview`/`up`. @default "mandatory" */
  enforcementLevel?: EnforcementLevel;
}

/** A resource as a policy sees it (the shape shared by resource and stack validation args). */
export interface PolicyResourceLike {
  type: string;
  name: string;
  urn?: string;
  props: Record<string, unknown>;
}

const KUBERNETES_TYPE = /^kubernetes:([^:]+):([^:]+)$/;
/** Type-token groups that are Pulumi components, not Kubernetes objects. */
const NON_OBJECT_GROUPS = ["helm.sh", "yaml", "kustomize"];

/**
 * A Kubernetes resource's type token and props as a Manifest: `kubernetes:apps/v1:Deployment` ->
 * apiVersion `apps/v1`, `kubernetes:core/v1:Pod` -> `v1`. Undefined for anything else.
 * A missing metadata.name falls back to the resource name (Pulumi auto-names it from that).
 */
export function manifestFromResource(type: string, props: Record<string, unknown>, name?: string): Manifest | undefined {
  const match = KUBERNETES_TYPE.exec(type);
  if (!match) return undefined;
  const [, groupVersion, kind] = match;
  if (NON_OBJECT_GROUPS.includes(groupVersion.split("/")[0])) return undefined;
  const apiVersion = groupVersion.startsWith("core/") ? groupVersion.slice("core/".length) : groupVersion;
  const metadata = { ...record(props.metadata) };
  if (metadata.name === undefined && name !== undefined) metadata.name = name;
  return { ...props, apiVersion, kind, metadata };
}

/** A stack view of policy resources, plus the URN of each object for attributing violations. */
export function stackViewFromResources(resources: readonly PolicyResourceLike[]): { view: StackView; urns: Map<string, string> } {
  const view: StackView = { manifests: [], cloud: [] };
  const urns = new Map<string, string>();
  for (const r of resources) {
    if (r.type.startsWith("pulumi:")) continue;
    const manifest = manifestFromResource(r.type, r.props, r.name);
    if (manifest) view.manifests.push(manifest);
    else if (!r.type.startsWith("kubernetes:")) view.cloud.push({ type: r.type, name: r.name, inputs: r.props });
    const ref = manifest ? objectRef(manifest) : cloudRef({ type: r.type, name: r.name, inputs: {} });
    if (r.urn) urns.set(ref, r.urn);
  }
  return { view, urns };
}

function describe(v: Violation): string {
  return `${v.object}: ${v.field} ${v.message}. Fix: ${v.hint}. [${v.check}${v.tools.length ? `; ${v.tools.join(", ")}` : ""}]`;
}

function policyName(check: Check): string {
  return `slipway-${check.id.toLowerCase()}`;
}

function description(check: Check): string {
  return `${check.id}: ${check.title}${check.tools.length ? ` (as ${check.tools.join(", ")})` : ""}`;
}

/**
 * Object checks run per resource, where the namespace is not visible: an exemption is applied on
 * its namespace and name alone, and the "slipway-exemptions" stack policy reports the waived
 * violations whose namespace turns out not to be a privileged system namespace.
 */
function resourcePolicy(check: ObjectCheck, exemptions: readonly Exemption[], enforcementLevel: EnforcementLevel): ResourceValidationPolicy {
  return {
    name: policyName(check),
    description: description(check),
    enforcementLevel,
    validateResource: (args, reportViolation: ReportViolation) => {
      const manifest = manifestFromResource(args.type, args.props, args.name);
      if (!manifest) return;
      for (const v of check.run(manifest, { manifests: [manifest], cloud: [] })) {
        if (!exemptionFor(v, exemptions)) reportViolation(describe(v));
      }
    },
  };
}

function stackPolicy(check: StackCheck, exemptions: readonly Exemption[], enforcementLevel: EnforcementLevel): StackValidationPolicy {
  return {
    name: policyName(check),
    description: description(check),
    enforcementLevel,
    validateStack: (args, reportViolation: ReportViolation) => {
      const { view, urns } = stackViewFromResources(args.resources);
      // A claimed exemption that does not hold is reported once, by the "slipway-exemptions" guard.
      for (const v of runCheck(check, view)) if (!exemptionFor(v, exemptions)) reportViolation(describe(v), urns.get(v.object));
    },
  };
}

function exemptionGuard(exemptions: readonly Exemption[], enforcementLevel: EnforcementLevel): StackValidationPolicy {
  return {
    name: "slipway-exemptions",
    description: "Exemptions hold only in rendered, non-tenant namespaces; those that waive a Pod Security check only where the namespace is labelled pod-security.kubernetes.io/enforce: privileged",
    enforcementLevel,
    validateStack: (args, reportViolation: ReportViolation) => {
      const { view, urns } = stackViewFromResources(args.resources);
      const honoured = honouredExemptions(view, exemptions);
      for (const check of allChecks) {
        for (const v of runCheck(check, view)) {
          const claimed = exemptionFor(v, exemptions);
          if (claimed && !exemptionFor(v, honoured)) {
            const needs = waivesPodSecurity(claimed) ? "a rendered, privileged system namespace" : "a rendered, non-tenant namespace";
            reportViolation(`${describe(v)} Exemption "${claimed.name}" does not hold: namespace ${claimed.namespace} is not ${needs}.`, urns.get(v.object));
          }
        }
      }
    },
  };
}

/** The CrossGuard policies for every check, built without constructing a PolicyPack (see pack.ts for that). */
export function policyRules(options: PolicyOptions = {}): Policies {
  const exemptions = options.exemptions ?? defaultExemptions;
  validateExemptions(exemptions);
  const level = options.enforcementLevel ?? "mandatory";
  const rules: Policies = allChecks.map((check) => (check.scope === "object" ? resourcePolicy(check, exemptions, level) : stackPolicy(check, exemptions, level)));
  rules.push(exemptionGuard(exemptions, level));
  return rules;
}
