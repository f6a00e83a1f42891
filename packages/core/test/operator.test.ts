import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { installOperator, operatorNamespace, planOperator, POD_SECURITY_VERSION, SlipwayInputError } from "@slipway/core";
import { render } from "@slipway/testing";

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

describe("planOperator extensions", () => {
  const base = { chart: { source: SOURCE, values: {} }, overrides: undefined, clusterMirror: undefined };

  it("plans further namespaces at their own level, a gateway-admitting namespace and annotations", () => {
    const plan = planOperator(SITE, {
      ...base,
      namespace: { name: "monitoring", level: "restricted", labels: {}, gatewayRoutes: true, annotations: { "slipway.dev/sink": "logs:9200" } },
      extraNamespaces: [{ name: "monitoring-agents", level: "privileged", labels: {} }],
    });
    expect(plan.namespace?.metadata.labels).toMatchObject({ "pod-security.kubernetes.io/enforce": "restricted", "slipway.dev/gateway-routes": "true" });
    expect(plan.namespace?.metadata.annotations).toEqual({ "slipway.dev/sink": "logs:9200" });
    expect(plan.extraNamespaces.map((n) => [n.metadata.name, (n.metadata.labels as Record<string, string>)["pod-security.kubernetes.io/enforce"]])).toEqual([["monitoring-agents", "privileged"]]);
    expect(plan.extraNamespaces[0].metadata.labels).not.toHaveProperty("slipway.dev/gateway-routes");
  });

  it("names overrides nested elsewhere in the arguments by their own path", () => {
    let caught: unknown;
    try {
      planOperator(SITE, { ...base, namespace: { existing: "x" }, overrides: { version: "latest" }, overridesPath: "externalDns.chart" });
    } catch (error) {
      caught = error;
    }
    expect((caught as SlipwayInputError).path).toBe("externalDns.chart.version");
  });
});

describe("installOperator", () => {
  const key = (r: { type: string; name: string }) => `${r.type}::${r.name}`;

  it("orders namespaces, chart inputs, the chart (and what it also waits for), then custom resources", async () => {
    const r = await render(() => {
      const parent = new pulumi.ComponentResource("test:index:Owner", "owner");
      // Stand-ins for resources of other components (another operator's CRDs, a gateway).
      const crds = new k8s.core.v1.ConfigMap("crds", {});
      const extra = new k8s.core.v1.ConfigMap("extra", {});
      const plan = planOperator(SITE, {
        namespace: { name: "velero", level: "restricted", labels: {} },
        extraNamespaces: [{ name: "velero-agents", level: "privileged", labels: {} }],
        chart: { source: SOURCE, values: {}, release: "velero" },
        overrides: undefined,
        clusterMirror: undefined,
        chartInputs: [{ apiVersion: "v1", kind: "Secret", metadata: { name: "creds", namespace: "velero" }, stringData: {} }],
        customResources: [
          { apiVersion: "velero.io/v1", kind: "Schedule", metadata: { name: "daily", namespace: "velero" }, spec: {} },
          { apiVersion: "velero.io/v1", kind: "BackupStorageLocation", metadata: { name: "default", namespace: "velero" }, spec: {} },
        ],
      });
      installOperator("owner", plan, { parent, chartDependsOn: [crds], optionsFor: (m) => (m.kind === "Schedule" ? { dependsOn: [extra] } : undefined) }, { retainOnDelete: true });
    });
    const byKey = new Map(r.resources.map((res) => [key(res), res]));
    const urn = (k: string) => byKey.get(k)!.urn;
    const ns = urn("kubernetes:core/v1:Namespace::owner/velero");
    const agents = urn("kubernetes:core/v1:Namespace::owner/velero-agents");
    const secret = byKey.get("kubernetes:core/v1:Secret::owner/creds")!;
    expect(secret.dependencies).toEqual(expect.arrayContaining([ns, agents]));
    const chart = byKey.get("kubernetes:helm.sh/v4:Chart::owner-velero")!;
    expect(chart.dependencies).toEqual(expect.arrayContaining([ns, agents, secret.urn, urn("kubernetes:core/v1:ConfigMap::crds")]));
    const schedule = byKey.get("kubernetes:velero.io/v1:Schedule::owner/daily")!;
    expect(schedule.dependencies).toEqual(expect.arrayContaining([chart.urn, urn("kubernetes:core/v1:ConfigMap::extra")]));
    const location = byKey.get("kubernetes:velero.io/v1:BackupStorageLocation::owner/default")!;
    expect(location.dependencies).toContain(chart.urn);
    expect(location.dependencies).not.toContain(urn("kubernetes:core/v1:ConfigMap::extra"));
  });
});
