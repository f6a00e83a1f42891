import { defaultExemptions, Exemption, runChecks, StackView, waivesPodSecurity } from "@slipway/checks";
import { SlipwayInputError } from "@slipway/core";
import { agentNamespace, hostAgent, PRIVILEGED } from "./host-agents";
import { secureStack, TENANT } from "./fixture";

const HOST_ACCESS_FAILURES = ["S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "S9"];

function withAgent(namespaceLabels: Record<string, string> | undefined, namespace = "calico-system", name = "calico-node"): StackView {
  const stack = secureStack();
  if (namespaceLabels) stack.manifests.push(agentNamespace(namespace, namespaceLabels));
  stack.manifests.push(...hostAgent(namespace, name));
  return stack;
}

const failing = (stack: StackView, exemptions?: readonly Exemption[]) => [...new Set(runChecks(stack, exemptions ? { exemptions } : {}).map((v) => v.check))].sort();

describe("host agent exemptions", () => {
  it("lists exactly the five platform host agents and the operator charts' fixed settings by default", () => {
    expect(defaultExemptions.map((e) => [e.namespace, e.workload])).toEqual([
      ["calico-system", "calico-node"],
      ["rook-ceph", "rook-ceph-osd-*"],
      ["logging", "fluent-bit"],
      ["tigera-operator", "tigera-operator"],
      ["monitoring-agents", "*prometheus-node-exporter"],
      ["rook-ceph", "rook-ceph-operator"],
      ["rook-ceph", "ceph-csi-controller-manager"],
      ["monitoring", "*kube-state-metrics"],
      ["monitoring", "*opencost"],
      ["cert-manager", "*cert-manager-webhook"],
      ["gateway-system", "envoy-gateway"],
      ["harbor", "*-harbor-*"],
      ["cnpg-system", "*cloudnative-pg"],
      ["log-store", "opensearch-operator"],
      ["harbor", "*-harbor-core"],
      ["harbor", "*-harbor-registry"],
    ]);
    // Only host agents waive what Pod Security admission enforces.
    expect(defaultExemptions.filter(waivesPodSecurity).map((e) => e.name)).toEqual(["calico-node", "rook-ceph-osd", "fluent-bit", "tigera-operator", "node-exporter"]);
  });

  it("waives S6/S8/S9 and the other host-access checks for calico-node in a privileged calico-system", () => {
    const stack = withAgent(PRIVILEGED);
    expect(runChecks(stack)).toEqual([]);
    // The same stack without exemptions shows what was waived.
    expect(failing(stack, [])).toEqual(HOST_ACCESS_FAILURES);
  });

  it("does not waive anything for the same DaemonSet in a tenant namespace", () => {
    const stack = withAgent(undefined, TENANT);
    expect(failing(stack)).toEqual(expect.arrayContaining(["S1", "S2", "S6", "S8", "S9"]));
  });

  it("does not honour an exemption whose namespace is not labelled privileged", () => {
    expect(failing(withAgent({ "pod-security.kubernetes.io/enforce": "baseline" }))).toEqual(HOST_ACCESS_FAILURES);
  });

  it("does not honour an exemption whose namespace the stack does not render", () => {
    // N1 too: a stack that renders its namespaces leaves this one unowned (no tenant, not declared).
    expect(failing(withAgent(undefined))).toEqual(["N1", ...HOST_ACCESS_FAILURES]);
  });

  it("does not honour a privileged namespace that is also a tenant's", () => {
    expect(failing(withAgent({ ...PRIVILEGED, "slipway.dev/tenant": "calico-system" }), [...defaultExemptions])).toEqual(expect.arrayContaining(["S6", "S8", "S9"]));
  });

  it("waives only the checks an exemption names", () => {
    // fluent-bit may read host paths as root, but not run privileged or on the host network.
    expect(failing(withAgent(PRIVILEGED, "logging", "fluent-bit"))).toEqual(["S3", "S4", "S5", "S6", "S7", "S8"]);
  });

  it("matches workload name patterns", () => {
    expect(runChecks(withAgent(PRIVILEGED, "rook-ceph", "rook-ceph-osd-0"))).toEqual([]);
    expect(failing(withAgent(PRIVILEGED, "rook-ceph", "rook-ceph-mon-a"))).toEqual(HOST_ACCESS_FAILURES);
  });

  it("honours an exemption that waives no Pod Security check in a restricted platform namespace, never in a tenant's", () => {
    // S7 (a read-only root) is not enforced by admission: a chart's fixed setting may be waived outside privileged namespaces.
    const readOnlyRoot: Exemption = { name: "agent-root", namespace: "agents", workload: "agent", checks: ["S7"], reason: "test" };
    const restricted = { "pod-security.kubernetes.io/enforce": "restricted" };
    const s7 = (stack: StackView) => runChecks(stack, { exemptions: [readOnlyRoot] }).filter((v) => v.check === "S7");
    expect(s7(withAgent(restricted, "agents", "agent"))).toEqual([]);
    expect(s7(withAgent({ ...restricted, "slipway.dev/tenant": "agents" }, "agents", "agent")).length).toBeGreaterThan(0);
    expect(s7(withAgent(undefined, "agents", "agent")).length).toBeGreaterThan(0);
    // One that also waives a Pod Security check needs the privileged label, whatever else it waives.
    const withS6: Exemption = { ...readOnlyRoot, checks: ["S6", "S7"] };
    expect(failing(withAgent(restricted, "agents", "agent"), [withS6])).toEqual(expect.arrayContaining(["S6", "S7"]));
  });

  it("rejects an exemption naming an unknown check", () => {
    const bad: Exemption = { name: "agent", namespace: "calico-system", workload: "calico-node", checks: ["S99"], reason: "test" };
    expect(() => runChecks(secureStack(), { exemptions: [bad] })).toThrow(SlipwayInputError);
    expect(() => runChecks(secureStack(), { exemptions: [bad] })).toThrow('Exemption "agent": checks[0] ("S99") is not a check id');
  });

  it("rejects an exemption without a namespace", () => {
    const bad = { name: "agent", namespace: "", workload: "calico-node", checks: ["S6"], reason: "test" };
    expect(() => runChecks(secureStack(), { exemptions: [bad] })).toThrow('Exemption "agent": namespace ("") is empty');
  });
});
