// Types only: the rules are plain functions; @pulumi/policy is never loaded (it would start a policy server).
import type { Policy, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { policyRules, PolicyOptions, StackView, toStackView } from "@slipway/checks";
import type { Manifest } from "@slipway/core";

/** A violation the pack reported, as `pulumi preview` would print it. */
export interface PolicyReport {
  policy: string;
  enforcementLevel: string;
  message: string;
  urn?: string;
}

interface PolicyResource {
  type: string;
  name: string;
  urn: string;
  props: Record<string, unknown>;
}

/** `kubernetes:apps/v1:Deployment` for apps/v1 Deployment, `kubernetes:core/v1:Pod` for v1 Pod. */
export function typeTokenOf(m: Manifest): string {
  return `kubernetes:${m.apiVersion.includes("/") ? m.apiVersion : `core/${m.apiVersion}`}:${m.kind}`;
}

function asResource(m: Manifest): PolicyResource {
  const { apiVersion: _a, kind: _k, ...props } = m;
  const name = String(m.metadata.name);
  return { type: typeTokenOf(m), name, urn: `urn:pulumi:test::slipway::${typeTokenOf(m)}::${m.metadata.namespace ?? ""}/${name}`, props };
}

/** The engine's helpers, which the Slipway rules never call. */
const engineHelpers = {
  isType: () => false,
  asType: () => undefined,
  getConfig: <T extends object>(): T => ({}) as T,
  notApplicable: (): never => {
    throw new Error("not used by slipway rules");
  },
};

function resourceArgs(r: PolicyResource): ResourceValidationArgs {
  const opts = { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] };
  return { ...r, ...engineHelpers, opts, stackTags: new Map() };
}

const isResourcePolicy = (p: Policy): p is ResourceValidationPolicy => "validateResource" in p;
const isStackPolicy = (p: Policy): p is StackValidationPolicy => "validateStack" in p;

/**
 * Runs the Slipway CrossGuard pack over objects (and cloud resources) the way `pulumi preview --policy-pack` does: each
 * resource policy per object, each stack policy once over all of them. Returns every report.
 */
export async function runPolicyPack(input: StackView | Manifest[], options: PolicyOptions = {}): Promise<PolicyReport[]> {
  const view = toStackView(input);
  const cloud = view.cloud.map((r) => ({ type: r.type, name: r.name, urn: `urn:pulumi:test::slipway::${r.type}::${r.name}`, props: r.inputs }));
  const resources = [...view.manifests.map(asResource), ...cloud];
  const stack: StackValidationArgs = { ...engineHelpers, resources: resources.map((r) => ({ ...resourceArgs(r), dependencies: [], propertyDependencies: {} })), stackTags: new Map() };
  const reports: PolicyReport[] = [];
  for (const policy of policyRules(options)) {
    const report = (message: string, urn?: string) => reports.push({ policy: policy.name, enforcementLevel: String(policy.enforcementLevel), message, ...(urn ? { urn } : {}) });
    if (isResourcePolicy(policy) && typeof policy.validateResource === "function") {
      for (const r of resources) await policy.validateResource(resourceArgs(r), report);
    } else if (isStackPolicy(policy)) {
      await policy.validateStack(stack, report);
    }
  }
  return reports;
}
