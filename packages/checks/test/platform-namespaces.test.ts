import { runChecks } from "@slipway/checks";
import type { Manifest } from "@slipway/core";

const pss = (level: string, version: string) => ({
  "pod-security.kubernetes.io/enforce": level,
  "pod-security.kubernetes.io/enforce-version": version,
  "pod-security.kubernetes.io/warn": level,
  "pod-security.kubernetes.io/audit": level,
});
const namespace = (name: string, labels: Record<string, string>): Manifest => ({ apiVersion: "v1", kind: "Namespace", metadata: { name, labels } });
const s12 = (m: Manifest) => runChecks([m], { only: ["S12"] }).map((v) => v.field);

describe("S12 over every namespace the platform creates, not only tenants'", () => {
  it("refuses a platform namespace pinned to latest (Harbor's old label)", () => {
    expect(s12(namespace("harbor", { "app.kubernetes.io/managed-by": "slipway", ...pss("restricted", "latest") }))).toEqual(['metadata.labels["pod-security.kubernetes.io/enforce-version"]']);
  });

  it("refuses a platform namespace that states no level for a mode", () => {
    const labels: Record<string, string> = { "app.kubernetes.io/managed-by": "slipway", ...pss("privileged", "v1.33") };
    delete labels["pod-security.kubernetes.io/audit"];
    expect(s12(namespace("rook-ceph", labels))).toEqual(['metadata.labels["pod-security.kubernetes.io/audit"]']);
  });

  it("accepts a host agents' namespace at a pinned privileged level, and leaves namespaces others create alone", () => {
    expect(s12(namespace("monitoring-agents", { "app.kubernetes.io/managed-by": "slipway", ...pss("privileged", "v1.33") }))).toEqual([]);
    expect(s12(namespace("chart-made", {}))).toEqual([]);
  });

  it("still holds tenants to restricted", () => {
    expect(s12(namespace("shop", { "slipway.dev/tenant": "shop", "app.kubernetes.io/managed-by": "slipway", ...pss("baseline", "v1.33") }))).toHaveLength(3);
  });
});
