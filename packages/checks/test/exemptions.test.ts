import { defaultExemptions, Exemption, runChecks, StackView } from "@slipway/checks";
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
  it("lists exactly the four platform host agents by default", () => {
    expect(defaultExemptions.map((e) => [e.namespace, e.workload])).toEqual([
      ["calico-system", "calico-node"],
      ["rook-ceph", "rook-ceph-osd-*"],
      ["logging", "fluent-bit"],
      ["monitoring-agents", "*prometheus-node-exporter"],
    ]);
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
