import { operatorNamespace, planOperator, POD_SECURITY_VERSION, SlipwayInputError } from "@slipway/core";

const SITE = { component: "Velero", name: "backups" };
const SOURCE = { chart: "velero", version: "10.0.0", repository: "https://charts.example.test" };

describe("planOperator", () => {
  it("plans the namespace at its Pod Security level with the pinned version in all three modes", () => {
    const plan = planOperator(SITE, { namespace: { name: "velero", level: "baseline", labels: { a: "b" } }, chart: { source: SOURCE, values: {} }, overrides: undefined, clusterMirror: undefined });
    const labels = plan.namespace?.metadata.labels as Record<string, string>;
    for (const mode of ["enforce", "warn", "audit"]) {
      expect(labels[`pod-security.kubernetes.io/${mode}`]).toBe("baseline");
      expect(labels[`pod-security.kubernetes.io/${mode}-version`]).toBe(POD_SECURITY_VERSION);
    }
    expect(labels.a).toBe("b");
    expect(plan.chart.release).toBe("operator");
  });

  it("installs into another component's namespace without creating one", () => {
    const plan = planOperator(SITE, { namespace: { existing: "monitoring" }, chart: { source: SOURCE, values: {}, release: "opencost" }, overrides: undefined, clusterMirror: undefined });
    expect(plan.namespace).toBeUndefined();
    expect(plan.namespaceName).toBe("monitoring");
    expect(plan.chart.release).toBe("opencost");
  });

  it.each([
    ["chart.version", { version: "latest" }, "latest"],
    ["chart.repository", { repository: "ftp://mirror" }, "ftp://mirror"],
    ["chart.imageRegistry", { imageRegistry: "https://mirror" }, "https://mirror"],
  ])("refuses a bad %s naming the component and field", (path, overrides, value) => {
    let caught: unknown;
    try {
      planOperator(SITE, { namespace: { name: "velero", level: "restricted", labels: {} }, chart: { source: SOURCE, values: {} }, overrides, clusterMirror: undefined });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SlipwayInputError);
    expect((caught as SlipwayInputError).path).toBe(path);
    expect((caught as SlipwayInputError).value).toBe(value);
    expect((caught as Error).message).toContain('Velero "backups"');
  });

  it("defaults the image registry to the cluster's mirror", () => {
    const plan = planOperator(SITE, { namespace: { name: "velero", level: "restricted", labels: {} }, chart: { source: SOURCE, values: {} }, overrides: undefined, clusterMirror: "harbor.internal/mirror/" });
    expect(plan.chart.overrides.imageRegistry).toBe("harbor.internal/mirror");
  });

  it("labels an operator namespace the same way planOperator does", () => {
    expect(operatorNamespace("x", "privileged", {}).metadata.labels).toMatchObject({ "pod-security.kubernetes.io/enforce": "privileged" });
  });
});
