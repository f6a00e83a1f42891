import type { Policy, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { allChecks, manifestFromResource, policyRules, StackView } from "@slipway/checks";
import type { Manifest } from "@slipway/core";
import { find, podSpec, remove, secureStack } from "./fixture";
import { agentNamespace, hostAgent, PRIVILEGED } from "./host-agents";

// The rules must be usable without loading @pulumi/policy at runtime (it would start a policy server).
jest.mock("@pulumi/policy", () => {
  throw new Error("@pulumi/policy must not be loaded by policyRules()");
});

interface FakeResource {
  type: string;
  name: string;
  urn: string;
  props: Record<string, unknown>;
}

/** `kubernetes:apps/v1:Deployment` for apps/v1 Deployment, `kubernetes:core/v1:Pod` for v1 Pod. */
function typeToken(m: Manifest): string {
  return `kubernetes:${m.apiVersion.includes("/") ? m.apiVersion : `core/${m.apiVersion}`}:${m.kind}`;
}

function fakeResources(stack: StackView): FakeResource[] {
  const kube = stack.manifests.map((m) => {
    const { apiVersion: _a, kind: _k, ...props } = m;
    const name = String(m.metadata.name);
    return { type: typeToken(m), name, urn: `urn:pulumi:test::slipway::${typeToken(m)}::${m.metadata.namespace ?? ""}/${name}`, props };
  });
  const cloud = stack.cloud.map((r) => ({ type: r.type, name: r.name, urn: `urn:pulumi:test::slipway::${r.type}::${r.name}`, props: r.inputs }));
  return [...kube, ...cloud];
}

/** The engine's helpers, which the slipway rules never call. */
const engineHelpers = {
  isType: () => false,
  asType: () => undefined,
  getConfig: <T extends object>(): T => ({}) as T,
  notApplicable: (): never => {
    throw new Error("not used by slipway rules");
  },
};

function resourceArgs(r: FakeResource): ResourceValidationArgs {
  const opts = { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] };
  return { ...r, ...engineHelpers, opts, stackTags: new Map() };
}

function stackArgs(resources: FakeResource[]): StackValidationArgs {
  return { ...engineHelpers, resources: resources.map((r) => ({ ...resourceArgs(r), dependencies: [], propertyDependencies: {} })), stackTags: new Map() };
}

const isResourcePolicy = (p: Policy): p is ResourceValidationPolicy => "validateResource" in p;
const isStackPolicy = (p: Policy): p is StackValidationPolicy => "validateStack" in p;

/** Runs every policy the way the engine would, collecting reports by policy name. */
async function evaluate(stack: StackView): Promise<Record<string, Array<{ message: string; urn?: string }>>> {
  const resources = fakeResources(stack);
  const reports: Record<string, Array<{ message: string; urn?: string }>> = {};
  for (const policy of policyRules()) {
    const spy = jest.fn((message: string, urn?: string) => (reports[policy.name] ??= []).push(urn ? { message, urn } : { message }));
    if (isResourcePolicy(policy) && typeof policy.validateResource === "function") {
      for (const r of resources) await policy.validateResource(resourceArgs(r), spy);
    } else if (isStackPolicy(policy)) {
      await policy.validateStack(stackArgs(resources), spy);
    }
  }
  return reports;
}

describe("manifestFromResource", () => {
  it("derives apiVersion and kind from the type token", () => {
    expect(manifestFromResource("kubernetes:core/v1:Pod", { metadata: { name: "p" } })).toMatchObject({ apiVersion: "v1", kind: "Pod", metadata: { name: "p" } });
    expect(manifestFromResource("kubernetes:apps/v1:Deployment", { spec: { replicas: 2 } }, "cart")).toEqual({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "cart" }, spec: { replicas: 2 } });
    expect(manifestFromResource("kubernetes:networking.k8s.io/v1:NetworkPolicy", {})?.apiVersion).toBe("networking.k8s.io/v1");
  });

  it("ignores components and cloud resources", () => {
    expect(manifestFromResource("kubernetes:helm.sh/v4:Chart", {})).toBeUndefined();
    expect(manifestFromResource("kubernetes:yaml/v2:ConfigGroup", {})).toBeUndefined();
    expect(manifestFromResource("aws:eks/cluster:Cluster", {})).toBeUndefined();
  });
});

describe("policyRules", () => {
  it("builds a resource policy per object check, a stack policy per stack check, and the exemption guard", () => {
    const rules = policyRules();
    expect(rules.map((p) => p.name)).toEqual([...allChecks.map((c) => `slipway-${c.id.toLowerCase()}`), "slipway-exemptions"]);
    for (const check of allChecks) {
      const policy = rules.find((p) => p.name === `slipway-${check.id.toLowerCase()}`) as Policy;
      expect(check.scope === "object" ? isResourcePolicy(policy) : isStackPolicy(policy)).toBe(true);
      expect(policy.enforcementLevel).toBe("mandatory");
      expect(policy.description).toContain(check.title);
    }
    expect(policyRules({ enforcementLevel: "advisory" }).every((p) => p.enforcementLevel === "advisory")).toBe(true);
  });

  it("reports nothing for the secure default stack", async () => {
    expect(await evaluate(secureStack())).toEqual({});
  });

  it("reports a broken field through the matching resource policy only", async () => {
    const stack = secureStack();
    podSpec(stack, "Deployment", "cart").securityContext.runAsNonRoot = false;
    const reports = await evaluate(stack);
    expect(Object.keys(reports)).toEqual(["slipway-s1"]);
    expect(reports["slipway-s1"][0].message).toContain("apps/v1/Deployment shop/cart: spec.template.spec.securityContext.runAsNonRoot");
  });

  it("reports a stack-level failure against the offending resource's URN", async () => {
    const stack = secureStack();
    remove(stack, "PodDisruptionBudget", "cart");
    const reports = await evaluate(stack);
    expect(Object.keys(reports)).toEqual(["slipway-r6"]);
    expect(reports["slipway-r6"]).toEqual([{ message: expect.stringContaining("no PodDisruptionBudget"), urn: "urn:pulumi:test::slipway::kubernetes:apps/v1:Deployment::shop/cart" }]);
  });

  it("judges a pod template inside any kind, e.g. a privileged Argo Rollout", async () => {
    const stack = secureStack();
    const rollout = structuredClone(find(stack, "Deployment", "cart"));
    Object.assign(rollout, { apiVersion: "argoproj.io/v1alpha1", kind: "Rollout" });
    rollout.metadata.name = "cart-rollout";
    delete rollout.spec.strategy;
    rollout.spec.template.spec.serviceAccountName = "cart-rollout";
    rollout.spec.template.spec.containers[0].securityContext.privileged = true;
    stack.manifests.push(rollout, { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "cart-rollout", namespace: "shop", labels: rollout.metadata.labels }, automountServiceAccountToken: false });
    const reports = await evaluate(stack);
    expect(Object.keys(reports)).toEqual(["slipway-s6"]);
    expect(reports["slipway-s6"][0].message).toContain("argoproj.io/v1alpha1/Rollout shop/cart-rollout: spec.template.spec.containers[0].securityContext.privileged");
  });

  it("reports cloud violations through stack policies", async () => {
    const stack = secureStack();
    stack.cloud.find((r) => r.type === "aws:eks/cluster:Cluster")!.inputs.enabledClusterLogTypes = [];
    expect(Object.keys(await evaluate(stack))).toEqual(["slipway-w3"]);
  });

  it("waives a host agent in a privileged system namespace", async () => {
    const stack = secureStack();
    stack.manifests.push(agentNamespace("calico-system", PRIVILEGED), ...hostAgent("calico-system"));
    expect(await evaluate(stack)).toEqual({});
  });

  it("reports the waived checks through the guard when the namespace is not privileged", async () => {
    const stack = secureStack();
    stack.manifests.push(agentNamespace("calico-system", { "pod-security.kubernetes.io/enforce": "baseline" }), ...hostAgent("calico-system"));
    const reports = await evaluate(stack);
    expect(Object.keys(reports)).toEqual(["slipway-exemptions"]);
    expect(reports["slipway-exemptions"].map((r) => /\[(S\d+)/.exec(r.message)?.[1])).toEqual(expect.arrayContaining(["S1", "S6", "S8", "S9"]));
    expect(reports["slipway-exemptions"][0].message).toContain('Exemption "calico-node" does not hold');
  });

  it("reports the same agent directly in a tenant namespace", async () => {
    const stack = secureStack();
    stack.manifests.push(...hostAgent("shop"));
    const reports = await evaluate(stack);
    expect(Object.keys(reports)).toEqual(expect.arrayContaining(["slipway-s6", "slipway-s8", "slipway-s9"]));
    expect(reports["slipway-exemptions"]).toBeUndefined();
    expect(find(stack, "DaemonSet", "calico-node").metadata.namespace).toBe("shop");
  });
});
