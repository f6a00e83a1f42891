import type { Manifest } from "@slipway/core";
import { runChecks } from "@slipway/checks";

/** A tenant namespace with a pod reading a database's credentials and a policy selecting the database's pods. */
function tenant(extra: Manifest[]): Manifest[] {
  const ns: Manifest = { apiVersion: "v1", kind: "Namespace", metadata: { name: "shop", labels: { "slipway.dev/tenant": "shop" } } };
  const app: Manifest = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "api", namespace: "shop" },
    spec: {
      selector: { matchLabels: { app: "api" } },
      template: {
        metadata: { labels: { app: "api" } },
        spec: { containers: [{ name: "api", image: "api:1.0.0", env: [{ name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "db-app", key: "password" } } }] }] },
      },
    },
  };
  const policy: Manifest = {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name: "db-from-api", namespace: "shop" },
    spec: { podSelector: { matchLabels: { "cnpg.io/cluster": "db" } }, policyTypes: ["Ingress"], ingress: [{ from: [{ podSelector: { matchLabels: { app: "api" } } }], ports: [{ port: 5432 }] }] },
  };
  const sink: Manifest = { apiVersion: "v1", kind: "Namespace", metadata: { name: "logging", annotations: { "slipway.dev/sink": "opensearch.log-store.svc.cluster.local:9200" } } };
  return [ns, app, policy, sink, ...extra];
}

const cnpg = (spec: Record<string, unknown> = {}): Manifest => ({ apiVersion: "postgresql.cnpg.io/v1", kind: "Cluster", metadata: { name: "db", namespace: "shop" }, spec: { instances: 2, ...spec } });
const openSearch: Manifest = {
  apiVersion: "opensearch.org/v1",
  kind: "OpenSearchCluster",
  metadata: { name: "opensearch", namespace: "log-store" },
  spec: { general: { serviceName: "opensearch" }, nodePools: [{ component: "nodes", replicas: 3, roles: ["data"] }] },
};
const found = (manifests: Manifest[], only: string[]) => runChecks({ manifests, cloud: [] }, { only }).map((v) => `${v.check} ${v.object} ${v.field}`);

describe("objects operators create from rendered custom resources", () => {
  it("a CloudNativePG Cluster makes the pods a policy selects and the -app Secret a pod reads", () => {
    expect(found(tenant([cnpg()]), ["N2", "L6"])).toEqual([]);
  });

  it("without the Cluster, the same policy and Secret reference are reported", () => {
    expect(found(tenant([]), ["N2", "L6"])).toEqual([
      "N2 networking.k8s.io/v1/NetworkPolicy shop/db-from-api spec.podSelector",
      expect.stringMatching(/^L6 apps\/v1\/Deployment shop\/api .*secretKeyRef/),
    ]);
  });

  it("a Cluster whose initdb names its own Secret makes no -app Secret", () => {
    expect(found(tenant([cnpg({ bootstrap: { initdb: { secret: { name: "db-credentials" } } } })]), ["L6"])).toEqual([expect.stringMatching(/^L6 apps\/v1\/Deployment shop\/api/)]);
  });

  it("an OpenSearchCluster makes the Service a log sink names; another name is still reported", () => {
    expect(found(tenant([openSearch]), ["L8"])).toEqual([]);
    const renamed = { ...openSearch, spec: { ...(openSearch.spec as object), general: { serviceName: "search" } } };
    expect(found(tenant([renamed]), ["L8"])).toEqual([expect.stringMatching(/^L8 v1\/Namespace logging/)]);
  });
});
