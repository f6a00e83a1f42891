import * as pulumi from "@pulumi/pulumi";
import { findSecretLeaks } from "@slipway/checks";
import { Logging, LogStore, LogStoreArgs } from "@slipway/observability";
import { inputErrorMismatches, render, renderError, Rendered } from "@slipway/testing";
import { at, BLOCK, cluster, CRD_DIR } from "./support";

const PASSWORD = "writer-pw-unique-7731";
const args = (c = cluster()): LogStoreArgs => ({ cluster: c, storageClass: BLOCK, writer: { password: pulumi.secret(PASSWORD) }, retention: { default: "7d", tenants: { shop: "30d" } }, tenants: ["shop", "billing"] });

describe("LogStore (OpenSearch through its operator) with Logging shipping to it", () => {
  let r: Rendered;
  let store: LogStore;
  beforeAll(async () => {
    r = await render(() => {
      const main = cluster();
      store = new LogStore("opensearch", args(main));
      new Logging("logging", { cluster: main, backend: store.backend });
    });
  });
  const os = () => r.find("OpenSearchCluster", "opensearch", "log-store");

  it("installs the pinned operator chart, restricted settings and watching only its namespace", () => {
    const [chart] = r.charts().filter((c) => c.chart === "opensearch-operator");
    expect(chart).toMatchObject({ version: "3.0.2", namespace: "log-store" });
    expect(at(chart.values, "manager.securityContext")).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } });
    expect(at(chart.values, "securityContext.seccompProfile")).toEqual({ type: "RuntimeDefault" });
    expect(at(chart.values, "manager.watchNamespace")).toBe("log-store");
    expect(r.find("Namespace", "log-store").metadata.labels).toMatchObject({ "pod-security.kubernetes.io/enforce": "restricted" });
    // The operator's root chown init container is off: the pods it makes fit the restricted level.
    expect(at(chart.values, "manager.extraEnv")).toEqual([{ name: "SKIP_INIT_CONTAINER", value: "true" }]);
  });

  it("runs three cluster-manager/data nodes on the block class with a PDB, spread over hosts, no privileged sysctl, and Dashboards", () => {
    const [pool] = at(os(), "spec.nodePools");
    expect(pool).toMatchObject({ replicas: 3, roles: ["cluster_manager", "data", "ingest"], diskSize: "50Gi", persistence: { pvc: { storageClass: "ceph-block" } }, pdb: { enable: true, maxUnavailable: 1 } });
    expect(at(pool, "affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution", 0, "podAffinityTerm", "topologyKey")).toBe("kubernetes.io/hostname");
    expect(at(os(), "spec.general.setVMMaxMapCount")).toBe(false);
    expect(at(os(), "spec.general.podSecurityContext")).toMatchObject({ runAsNonRoot: true, runAsUser: 1000, fsGroup: 1000, seccompProfile: { type: "RuntimeDefault" } });
    expect(at(os(), "spec.general.securityContext")).toEqual({ allowPrivilegeEscalation: false, runAsNonRoot: true, capabilities: { drop: ["ALL"] } });
    expect(at(os(), "spec.dashboards.securityContext")).toEqual(at(os(), "spec.general.securityContext"));
    expect(at(os(), "spec.security.tls.http.generate")).toBe(true);
    expect(at(os(), "spec.dashboards")).toMatchObject({ enable: true, replicas: 1 });
    expect(store.dashboardsService).toBe("opensearch-dashboards");
  });

  it("keeps each tenant's logs for its own retention through ISM policies, and every other index for the default", () => {
    const policy = (id: string) => r.find("OpenSearchISMPolicy", id, "log-store");
    expect(at(policy("shop-retention"), "spec.ismTemplate")).toEqual({ indexPatterns: ["shop-*"], priority: 100 });
    expect(at(policy("shop-retention"), "spec.states", 0, "transitions")).toEqual([{ stateName: "delete", conditions: { minIndexAge: "30d" } }]);
    expect(at(policy("billing-retention"), "spec.states", 0, "transitions", 0, "conditions", "minIndexAge")).toBe("7d");
    expect(at(policy("logs-retention"), "spec.ismTemplate")).toEqual({ indexPatterns: ["*-*"], priority: 0 });
    expect(at(policy("logs-retention"), "spec.states", 1, "actions")).toEqual([{ delete: {} }]);
  });

  it("gives fluent-bit its own write-only user whose password lives only in a Secret", () => {
    expect(at(r.find("OpensearchUser", "fluent-bit", "log-store"), "spec.passwordFrom")).toEqual({ name: "opensearch-fluent-bit", key: "password" });
    expect(at(r.find("OpensearchUserRoleBinding", "log-writer", "log-store"), "spec")).toMatchObject({ users: ["fluent-bit"], roles: ["log-writer"] });
    expect(JSON.stringify(at(r.find("OpensearchRole", "log-writer", "log-store"), "spec.indexPermissions"))).not.toContain("read");
    expect(findSecretLeaks(r.resources, PASSWORD, { yaml: r.toYaml() })).toEqual([]);
  });

  it("ships the logs to the store it creates: the sink is the operator's Service, so L8 passes without declaring it external", () => {
    expect(store.backend.host).toBe("opensearch.log-store.svc.cluster.local");
    const annotations = r.find("Namespace", "logging").metadata.annotations as Record<string, string>;
    expect(annotations).toEqual({ "slipway.dev/sink": "opensearch.log-store.svc.cluster.local:9200" });
    expect(r.check({ only: ["L8"] })).toEqual([]);
  });

  it("validates against the OpenSearch operator CRDs and passes every check", () => {
    expect(r.validate({ crdDirs: [CRD_DIR] })).toEqual([]);
    expect(r.check()).toEqual([]);
  });
});

const cases: [string, Partial<LogStoreArgs>, string, string][] = [
  ["no storage class", { storageClass: undefined }, "storageClass", "undefined"],
  ["two nodes (no quorum)", { nodes: 2 }, "nodes", "2"],
  ["a tiny disk", { diskSize: "100Mi" }, "diskSize", '"100Mi"'],
  ["a default retention that is no age", { retention: { default: "two weeks" } }, "retention.default", '"two weeks"'],
  ["a tenant retention that is no age", { retention: { tenants: { shop: "30" } } }, "retention.tenants.shop", '"30"'],
  ["a tenant that is no namespace name", { tenants: ["Shop"] }, "tenants[0]", '"Shop"'],
  ["negative dashboards", { dashboards: -1 }, "dashboards", "-1"],
  ["no writer", { writer: undefined }, "writer", "undefined"],
  ["a plain-text writer password", { writer: { password: "plain" } }, "writer.password", "[plain text]"],
  ["a writer name with spaces", { writer: { username: "fluent bit", password: pulumi.secret("x") } }, "writer.username", '"fluent bit"'],
  ["a namespace that is no name", { namespace: "Log Store" }, "namespace", '"Log Store"'],
  ["a chart version that is not one", { chart: { version: "latest" } }, "chart.version", '"latest"'],
];

describe("LogStore rejects bad input", () => {
  it.each(cases)("%s", async (_case, override, field, shown) => {
    const error = await renderError(() => new LogStore("opensearch", { ...args(), ...override } as LogStoreArgs));
    expect(inputErrorMismatches(error, { component: "LogStore", name: "opensearch", field, shown })).toEqual([]);
  });
});
