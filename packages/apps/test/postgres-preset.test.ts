import * as pulumi from "@pulumi/pulumi";
import { findSecretLeaks } from "@slipway/checks";
import { inputErrorMismatches, render, renderError, Rendered } from "@slipway/testing";
import { AppService, StatefulAppArgs, StatefulApp, Tenant } from "@slipway/apps";
import { at, CRD_DIR } from "./support";

const blockClass = { storageClassName: "ceph-block", accessModes: ["ReadWriteOnce" as const] };
const rgw = { destinationPath: "s3://pg-backups/orders", endpointUrl: "http://rook-ceph-rgw-objects.rook-ceph.svc:80", credentials: { secretName: "orders-backup-s3" }, reach: { namespace: "rook-ceph" } };

describe("StatefulApp postgresql preset (CloudNativePG)", () => {
  let r: Rendered;
  let db: StatefulApp<"postgresql">;
  beforeAll(async () => {
    r = await render(() => {
      const data = new Tenant("data");
      db = new StatefulApp("orders-db", {
        tenant: data,
        preset: "postgresql",
        storage: { size: "20Gi", class: blockClass },
        credentials: { user: "orders", database: "orders" },
        postgres: { backup: { objectStore: rgw, retention: "14d" } },
      });
      const api = new AppService("orders", { tenant: data, image: "ghcr.io/acme/orders:1.0.0", port: 8080, env: { DB_HOST: db.credentials!.ref("host"), DB_PASSWORD: db.credentials!.ref("password") } });
      api.connectTo(db);
    });
  });
  const cluster = () => r.find("Cluster", "orders-db", "data");

  it("renders a CloudNativePG Cluster of two instances with anti-affinity, the operator's PDB, resources and the storage class", () => {
    expect(r.filter("StatefulSet").map((s) => s.metadata.name)).toEqual([]);
    expect(cluster().apiVersion).toBe("postgresql.cnpg.io/v1");
    expect(at(cluster(), "spec.instances")).toBeGreaterThanOrEqual(2);
    expect(at(cluster(), "spec.enablePDB")).toBe(true);
    expect(at(cluster(), "spec.affinity")).toEqual({ enablePodAntiAffinity: true, podAntiAffinityType: "required", topologyKey: "kubernetes.io/hostname" });
    expect(at(cluster(), "spec.storage")).toEqual({ size: "20Gi", storageClass: "ceph-block" });
    expect(at(cluster(), "spec.resources.requests")).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
    expect(at(cluster(), "spec.resources.limits.memory")).toEqual(expect.any(String));
    expect(at(cluster(), "spec.imageName")).toBe("ghcr.io/cloudnative-pg/postgresql:17.2");
    expect(at(cluster(), "spec.enableSuperuserAccess")).toBe(false);
    expect(at(cluster(), "spec.bootstrap.initdb")).toEqual({ database: "orders", owner: "orders" });
    expect(at(cluster(), "spec.inheritedMetadata.labels")).toMatchObject({ "app.kubernetes.io/name": "orders-db", "app.kubernetes.io/managed-by": "slipway" });
  });

  it("backs up to the object store it is given, on a schedule, and may reach the store through the default deny", () => {
    expect(at(cluster(), "spec.backup")).toEqual({
      barmanObjectStore: {
        destinationPath: "s3://pg-backups/orders",
        endpointURL: "http://rook-ceph-rgw-objects.rook-ceph.svc:80",
        s3Credentials: { accessKeyId: { name: "orders-backup-s3", key: "ACCESS_KEY_ID" }, secretAccessKey: { name: "orders-backup-s3", key: "ACCESS_SECRET_KEY" } },
      },
      retentionPolicy: "14d",
    });
    const scheduled = r.find("ScheduledBackup", "orders-db", "data");
    expect(at(scheduled, "spec")).toMatchObject({ cluster: { name: "orders-db" }, method: "barmanObjectStore", schedule: "0 0 2 * * *" });
    const egress = at(r.find("NetworkPolicy", "orders-db-instances", "data"), "spec.egress");
    expect(egress).toContainEqual({ to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "rook-ceph" } } }], ports: [{ protocol: "TCP", port: 80 }] });
  });

  it("lets instances replicate, the operator reach the status port, and Prometheus scrape the metrics, nothing more", () => {
    const policy = r.find("NetworkPolicy", "orders-db-instances", "data");
    expect(at(policy, "spec.podSelector")).toEqual({ matchLabels: { "cnpg.io/cluster": "orders-db" } });
    expect(at(policy, "spec.ingress")).toEqual([
      { from: [{ podSelector: { matchLabels: { "cnpg.io/cluster": "orders-db" } } }], ports: [{ protocol: "TCP", port: 5432 }, { protocol: "TCP", port: 8000 }] },
      { from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "cnpg-system" } }, podSelector: { matchLabels: { "app.kubernetes.io/name": "cloudnative-pg" } } }], ports: [{ protocol: "TCP", port: 8000 }] },
    ]);
    expect(at(r.find("NetworkPolicy", "orders-db-from-monitoring", "data"), "spec.ingress", 0, "ports")).toEqual([{ protocol: "TCP", port: 9187 }]);
    expect(at(r.find("PodMonitor", "orders-db", "data"), "spec.selector")).toEqual({ matchLabels: { "cnpg.io/cluster": "orders-db" } });
  });

  it("points the app's connection at the -rw Service through the operator's Secret, and connects on 5432", () => {
    expect(db.serviceName).toBe("orders-db-rw");
    expect(db.fqdn).toBe("orders-db-rw.data.svc.cluster.local");
    expect(db.port).toBe(5432);
    expect(db.password).toBeUndefined();
    expect(db.credentials?.secretName).toBe("orders-db-app");
    const env = at(r.find("Deployment", "orders", "data"), "spec.template.spec.containers", 0, "env");
    expect(env).toContainEqual({ name: "DB_HOST", valueFrom: { secretKeyRef: { name: "orders-db-app", key: "host" } } });
    expect(env).toContainEqual({ name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "orders-db-app", key: "password" } } });
    expect(r.filter("Secret").map((s) => s.metadata.name)).not.toContain("orders-db-app");
    const ingress = r.filter("NetworkPolicy").find((p) => JSON.stringify(at(p, "spec.podSelector")).includes("orders-db") && JSON.stringify(p.spec).includes("orders"));
    expect(ingress).toBeDefined();
  });

  it("keeps the Cluster (and so the data) on destroy, and only the Cluster", async () => {
    const retained: Record<string, boolean | undefined> = {};
    await render(() => {
      pulumi.runtime.registerStackTransformation((args) => {
        if (args.type.startsWith("kubernetes:")) retained[args.type.split(":")[2]] = args.opts.retainOnDelete;
        return undefined;
      });
      new StatefulApp("kept", { namespace: "data", preset: "postgresql", storage: { size: "1Gi", class: blockClass } });
    });
    expect(retained.Cluster).toBe(true);
    expect(retained.NetworkPolicy).toBeUndefined();
  });

  it("validates against the CloudNativePG CRDs and passes every check", () => {
    expect(r.validate({ crdDirs: [CRD_DIR] })).toEqual([]);
    expect(r.check()).toEqual([]);
  });
});

describe("StatefulApp postgresql with a given password", () => {
  it("writes a basic-auth Secret initdb reads, with the -rw host, and leaks the password nowhere", async () => {
    const given = "given-pg-password-Zq9";
    const r = await render(() => ({ password: new StatefulApp("ledger", { namespace: "data", preset: "postgresql", replicas: 3, storage: { size: "1Gi", class: blockClass }, credentials: { password: pulumi.secret(given) } }).password }));
    const secret = r.find("Secret", "ledger-credentials", "data");
    expect(secret.type).toBe("kubernetes.io/basic-auth");
    expect(secret.stringData).toMatchObject({ username: "app", password: given, dbname: "app", host: "ledger-rw", port: "5432" });
    expect(at(r.find("Cluster", "ledger", "data"), "spec.bootstrap.initdb.secret")).toEqual({ name: "ledger-credentials" });
    expect(at(r.find("Cluster", "ledger", "data"), "spec.instances")).toBe(3);
    expect(findSecretLeaks(r.resources, given, { yaml: r.toYaml() })).toEqual([]);
  });

  it("records why a single instance is one, and drops the PDB that would block every drain", async () => {
    const r = await render(() => new StatefulApp("scratch", { namespace: "data", preset: "postgresql", replicas: 1, antiAffinity: "none", storage: { size: "1Gi", class: blockClass } }));
    const cluster = r.find("Cluster", "scratch", "data");
    expect(at(cluster, "spec.enablePDB")).toBe(false);
    expect(cluster.metadata.annotations).toMatchObject({ "slipway.dev/single-replica-reason": expect.stringContaining("no standby") });
  });
});

const storage = { size: "5Gi", class: "ceph-block" };
const cases: [string, Partial<StatefulAppArgs>, string, string][] = [
  ["a StatefulSet setting the operator owns", { podManagement: "Parallel" }, "podManagement", '"Parallel"'],
  ["ports", { ports: { pg: 5433 } }, "ports", "5433"],
  ["a mount path", { storage: { size: "5Gi", class: "ceph-block", mountPath: "/data" } }, "storage.mountPath", '"/data"'],
  ["shared volumes", { storage: { size: "5Gi", class: "ceph-block", accessModes: ["ReadWriteMany"] } }, "storage.accessModes", "ReadWriteMany"],
  ["credentials off", { credentials: false }, "credentials", "false"],
  ["ten instances", { replicas: 10 }, "replicas", "10"],
  ["instances sharing a host", { replicas: 2, antiAffinity: "none" }, "antiAffinity", '"none"'],
  ["image tag latest", { image: "ghcr.io/cloudnative-pg/postgresql:latest" }, "image", "latest"],
  ["an unpinned major version", { postgres: { version: 15 as 17 } }, "postgres.version", "15"],
  ["operator namespace not a name", { postgres: { operatorNamespace: "CNPG" } }, "postgres.operatorNamespace", '"CNPG"'],
  ["no API server addresses", { postgres: { apiServer: { cidrs: [] } } }, "postgres.apiServer.cidrs", "[]"],
  ["an API server CIDR that is not one", { postgres: { apiServer: { cidrs: ["10.0.0.0/33"] } } }, "postgres.apiServer.cidrs[0]", "10.0.0.0/33"],
  ["monitoring not a boolean", { postgres: { monitoring: "yes" as unknown as boolean } }, "postgres.monitoring", '"yes"'],
  ["backups without a store", { postgres: { backup: {} as never } }, "postgres.backup.objectStore", "undefined"],
  ["a destination that is not s3://", { postgres: { backup: { objectStore: { ...rgw, destinationPath: "/backups" } } } }, "postgres.backup.objectStore.destinationPath", '"/backups"'],
  ["an endpoint that is not a URL", { postgres: { backup: { objectStore: { ...rgw, endpointUrl: "rgw:80" } } } }, "postgres.backup.objectStore.endpointUrl", "rgw:80"],
  ["store credentials missing", { postgres: { backup: { objectStore: { ...rgw, credentials: undefined as never } } } }, "postgres.backup.objectStore.credentials", "undefined"],
  ["a role that is no ARN", { postgres: { backup: { objectStore: { ...rgw, credentials: { roleArn: "backup-role" } } } } }, "postgres.backup.objectStore.credentials.roleArn", '"backup-role"'],
  ["no way to reach the store", { postgres: { backup: { objectStore: { ...rgw, reach: undefined as never } } } }, "postgres.backup.objectStore.reach", "undefined"],
  ["a retention that is not one", { postgres: { backup: { objectStore: rgw, retention: "30 days" } } }, "postgres.backup.retention", '"30 days"'],
  ["a five-field schedule", { postgres: { backup: { objectStore: rgw, schedule: "0 2 * * *" } } }, "postgres.backup.schedule", '"0 2 * * *"'],
];

describe("StatefulApp postgresql rejects bad input", () => {
  it.each(cases)("%s", async (_case, override, field, shown) => {
    const error = await renderError(() => new StatefulApp("db", { namespace: "data", preset: "postgresql", storage, ...override } as StatefulAppArgs));
    expect(inputErrorMismatches(error, { component: "StatefulApp", name: "db", field, shown })).toEqual([]);
  });
});
