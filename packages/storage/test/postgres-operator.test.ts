import { StatefulApp } from "@slipway/apps";
import { PostgresOperator, PostgresOperatorArgs } from "@slipway/storage";
import { inputErrorMismatches, render, renderError } from "@slipway/testing";
import { CRD_DIR, testCluster } from "./support";

describe("PostgresOperator (CloudNativePG)", () => {
  it("installs the pinned chart in a restricted namespace, watching every namespace, sized and spread, with a PDB of ours", async () => {
    const r = await render(() => new PostgresOperator("databases", { cluster: testCluster() }));
    const [chart] = r.charts();
    expect(chart).toMatchObject({ chart: "cloudnative-pg", version: "0.29.0", repo: "https://cloudnative-pg.github.io/charts", namespace: "cnpg-system" });
    const values = chart.values as { replicaCount: number; config: { clusterWide: boolean }; resources: { requests: Record<string, string>; limits: Record<string, string> } };
    expect(values.replicaCount).toBe(2);
    expect(values.config.clusterWide).toBe(true);
    expect(values.resources.requests).toMatchObject({ cpu: "100m", memory: "256Mi" });
    expect(values.resources.limits).toMatchObject({ memory: "512Mi" });
    expect(r.find("Namespace", "cnpg-system").metadata.labels).toMatchObject({ "pod-security.kubernetes.io/enforce": "restricted", "pod-security.kubernetes.io/audit": "restricted" });
    const pdb = r.find("PodDisruptionBudget", "cloudnative-pg", "cnpg-system");
    expect((pdb.spec as { selector: unknown }).selector).toEqual({ matchLabels: { "app.kubernetes.io/name": "cloudnative-pg", "app.kubernetes.io/instance": "databases-operator" } });
  });

  it("drops the PDB for a single operator replica, and points images at a mirror", async () => {
    const r = await render(() => new PostgresOperator("databases", { cluster: { ...testCluster(), imageMirror: "harbor.internal/mirror" }, replicas: 1 }));
    expect(r.filter("PodDisruptionBudget")).toEqual([]);
    expect((r.charts()[0].values as { image: { repository: string } }).image.repository).toBe("harbor.internal/mirror/cloudnative-pg/cloudnative-pg");
  });

  it("runs a tenant's postgresql Cluster that validates against the CRDs and passes every check with it", async () => {
    const r = await render(() => {
      const operator = new PostgresOperator("databases", { cluster: testCluster(), namespace: "databases" });
      new StatefulApp("orders-db", { namespace: "shop", preset: "postgresql", storage: { size: "10Gi", class: "ceph-block" }, postgres: { operatorNamespace: operator.namespace } });
    });
    const policy = r.find("NetworkPolicy", "orders-db-instances", "shop");
    expect(JSON.stringify(policy.spec)).toContain('"kubernetes.io/metadata.name":"databases"');
    expect(r.validate({ crdDirs: [CRD_DIR] })).toEqual([]);
  });
});

const cases: [string, Partial<PostgresOperatorArgs>, string, string][] = [
  ["a namespace that is not a name", { namespace: "CNPG System" }, "namespace", '"CNPG System"'],
  ["no replicas", { replicas: 0 }, "replicas", "0"],
  ["a resources preset that does not exist", { resources: "huge" as "small" }, "resources", '"huge"'],
  ["a chart version that is not one", { chart: { version: "latest" } }, "chart.version", '"latest"'],
  ["no cluster", { cluster: undefined }, "cluster", "undefined"],
];

describe("PostgresOperator rejects bad input", () => {
  it.each(cases)("%s", async (_case, override, field, shown) => {
    const error = await renderError(() => new PostgresOperator("databases", { cluster: testCluster(), ...override } as PostgresOperatorArgs));
    expect(inputErrorMismatches(error, { component: "PostgresOperator", name: "databases", field, shown })).toEqual([]);
  });
});
