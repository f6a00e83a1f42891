import { DEFAULT_BACKUP_POLICY, SlipwayInputError } from "@slipway/core";
import { renderError } from "@slipway/testing";
import { AppService, ExternalService, StatefulApp, StatefulAppArgs, Tenant, TenantArgs, ExternalServiceArgs } from "@slipway/apps";

async function errorOf(program: () => unknown): Promise<SlipwayInputError> {
  const error = await renderError(program);
  expect(error).toBeInstanceOf(SlipwayInputError);
  return error as SlipwayInputError;
}

function expectNamed(error: SlipwayInputError, component: string, name: string, field: string, shown: string) {
  expect(error.message).toContain(`${component} "${name}"`);
  expect(error.message).toContain(`${field} (`);
  expect(error.message).toContain(shown);
  expect(error.path).toBe(field);
}

/** What a Tenant needs of the platform's Backups. */
const PLATFORM_BACKUPS = { backupNamespace: "velero", storageLocation: "default", defaults: DEFAULT_BACKUP_POLICY };

const tenantCases: [string, string, TenantArgs, string, string][] = [
  ["tenant name not a DNS label", "Shop", {}, "name", '"Shop"'],
  ["quota cpu not a quantity", "shop", { quota: { cpu: "twenty" } }, "quota.cpu", '"twenty"'],
  ["quota memory without suffix", "shop", { quota: { memory: "64" } }, "quota.memory", '"64"'],
  ["quota storage negative", "shop", { quota: { storage: "-1Gi" } }, "quota.storage", '"-1Gi"'],
  ["quota pods zero", "shop", { quota: { pods: 0 } }, "quota.pods", "0"],
  ["quota load balancers negative", "shop", { quota: { loadBalancers: -1 } }, "quota.loadBalancers", "-1"],
  ["default memory limit below request", "shop", { limits: { defaultRequest: { memory: "512Mi" }, defaultMemoryLimit: "256Mi" } }, "limits.defaultMemoryLimit", '"256Mi"'],
  ["group with spaces", "shop", { groups: { developer: ["shop devs"] } }, "groups.developer[0]", '"shop devs"'],
  ["system group", "shop", { groups: { admin: ["system:masters"] } }, "groups.admin[0]", '"system:masters"'],
  ["empty group list", "shop", { groups: { viewer: [] } }, "groups.viewer", "[]"],
  ["exec for viewers", "shop", { execFor: ["viewer" as "admin"] }, "execFor[0]", '"viewer"'],
  ["DNS resolver in a namespace that is not a label", "shop", { dns: { namespace: "Kube System", podLabels: { "k8s-app": "kube-dns" } } }, "dns.namespace", '"Kube System"'],
  ["DNS resolver selecting no pods", "shop", { dns: { namespace: "kube-system", podLabels: {} } }, "dns.podLabels", "{}"],
  ["NodeLocal DNS address that is not an IP", "shop", { dns: { namespace: "kube-system", podLabels: { "k8s-app": "kube-dns" }, nodeLocal: "169.254.25" } }, "dns.nodeLocal", '"169.254.25"'],
  ["unpinned Pod Security version", "shop", { podSecurityVersion: "latest" }, "podSecurityVersion", '"latest"'],
  ["registry without credentials", "shop", { registry: { image: (r: string, t: string) => `${r}:${t}` } }, "registry", '"registry"'],
  ["backup schedule without the platform's backups", "shop", { backup: { schedule: "0 2 * * *" } }, "backup", "schedule"],
  ["backup cron with a sixth field", "shop", { backups: PLATFORM_BACKUPS, backup: { schedule: "0 0 2 * * *" } }, "backup.schedule", '"0 0 2 * * *"'],
  ["backup on the 32nd", "shop", { backups: PLATFORM_BACKUPS, backup: { schedule: "0 2 32 * *" } }, "backup.schedule", '"0 2 32 * *"'],
  ["backup retention in months", "shop", { backups: PLATFORM_BACKUPS, backup: { retention: "3mo" } }, "backup.retention", '"3mo"'],
  ["backup retention of minutes", "shop", { backups: PLATFORM_BACKUPS, backup: { retention: "45m" } }, "backup.retention", '"45m"'],
  ["backup that is true", "shop", { backups: PLATFORM_BACKUPS, backup: true as unknown as false }, "backup", "true"],
];

describe("Tenant rejects bad input", () => {
  it.each(tenantCases)("%s", async (_case, name, args, field, shown) => {
    expectNamed(await errorOf(() => new Tenant(name, args)), "Tenant", name, field, shown);
  });
});

const storage = { size: "5Gi", class: "ceph-block" };
const statefulCases: [string, Partial<StatefulAppArgs>, string, string][] = [
  ["unknown preset", { preset: "mongodb" as "redis" }, "preset", '"mongodb"'],
  ["no storage", { storage: undefined }, "storage", "undefined"],
  ["storage size not a quantity", { storage: { size: "lots", class: "ceph-block" } }, "storage.size", '"lots"'],
  ["storage too small", { storage: { size: "10Mi", class: "ceph-block" } }, "storage.size", '"10Mi"'],
  ["storage class not a name", { storage: { size: "5Gi", class: "Ceph Block" } }, "storage.class", '"Ceph Block"'],
  ["access mode the class lacks", { storage: { size: "5Gi", class: { storageClassName: "rbd", accessModes: ["ReadWriteOnce"] }, accessModes: ["ReadWriteMany"] } }, "storage.accessModes", '"ReadWriteMany"'],
  ["even zookeeper ensemble", { preset: "zookeeper", replicas: 4 }, "replicas", "4"],
  ["no anti-affinity for several replicas", { replicas: 3, antiAffinity: "none" }, "antiAffinity", '"none"'],
  ["zero replicas", { replicas: 0 }, "replicas", "0"],
  ["partition above replicas", { replicas: 1, partition: 2 }, "partition", "2"],
  ["credentials for zookeeper", { preset: "zookeeper", credentials: true }, "credentials", "true"],
  ["database name for redis", { preset: "redis", credentials: { database: "app" } }, "credentials.database", '"app"'],
  ["bad database user", { credentials: { user: "Robert'); DROP" } }, "credentials.user", "Robert"],
  ["env the preset owns", { env: { POSTGRES_PASSWORD: "x" } }, "env.POSTGRES_PASSWORD", '"POSTGRES_PASSWORD"'],
  ["custom image without ports", { preset: undefined, image: "ghcr.io/acme/db:1.0.0" }, "ports", "undefined"],
  ["root user", { runAs: { user: 0, group: 0 } }, "runAs.user", "0"],
  ["image tag latest", { image: "postgres:latest" }, "spec.containers[0].image", "latest"],
];

describe("StatefulApp rejects bad input", () => {
  it.each(statefulCases)("%s", async (_case, override, field, shown) => {
    const args = { namespace: "data", preset: "postgresql", storage, ...override } as StatefulAppArgs;
    expectNamed(await errorOf(() => new StatefulApp("db", args)), "StatefulApp", "db", field, shown);
  });
});

const externalCases: [string, Partial<ExternalServiceArgs>, string, string][] = [
  ["an address that is not an IP", { addresses: ["10.0.0.300"] }, "addresses[0]", '"10.0.0.300"'],
  ["no address or hostname", { addresses: undefined }, "addresses", "undefined"],
  ["both address and hostname", { hostname: "redis.example.com" }, "addresses", "10.0.0.5"],
  ["mixed address families", { addresses: ["10.0.0.5", "fd00::5"] }, "addresses", "fd00::5"],
  ["bad hostname", { addresses: undefined, hostname: "redis" }, "hostname", '"redis"'],
  ["cidr with host bits", { addresses: undefined, hostname: "redis.example.com", cidrs: ["10.0.0.5/24"] }, "cidrs[0]", '"10.0.0.5/24"'],
  ["port out of range", { ports: { redis: 99999 } }, "ports.redis.port", "99999"],
];

describe("ExternalService rejects bad input", () => {
  it.each(externalCases)("%s", async (_case, override, field, shown) => {
    const args = { namespace: "shop", ports: { redis: 6379 }, addresses: ["10.0.0.5"], ...override } as ExternalServiceArgs;
    expectNamed(await errorOf(() => new ExternalService("cache", args)), "ExternalService", "cache", field, shown);
  });
});

describe("connections reject bad input", () => {
  const image = "ghcr.io/acme/svc:1.0.0";
  it("connecting an app to itself", async () => {
    const error = await errorOf(() => {
      const a = new AppService("a", { namespace: "shop", image, port: 8080 });
      a.connectTo(a);
    });
    expectNamed(error, "Connection", "a-to-a", "target", 'AppService \\"a\\"');
  });

  it("a port the target does not serve", async () => {
    const error = await errorOf(() => {
      const a = new AppService("a", { namespace: "shop", image, port: 8080 });
      const b = new AppService("b", { namespace: "shop", image, port: 8080 });
      a.connectTo(b, { ports: ["grpc"] });
    });
    expectNamed(error, "Connection", "a-to-b", "ports[0]", '"grpc"');
  });

  it("connecting the same pair twice", async () => {
    const error = await errorOf(() => {
      const a = new AppService("a", { namespace: "shop", image, port: 8080 });
      const b = new AppService("b", { namespace: "shop", image, port: 8080 });
      a.connectTo(b);
      b.allowFrom(a);
    });
    expectNamed(error, "Connection", "a-to-b", "target", "already connected");
  });

  it("a hostname target without CIDRs", async () => {
    const error = await errorOf(() => {
      const a = new AppService("a", { namespace: "shop", image, port: 8080 });
      a.connectTo(new ExternalService("payments", { namespace: "shop", ports: { https: 443 }, hostname: "pay.example.com" }));
    });
    expectNamed(error, "Connection", "a-to-payments", "target", "payments");
  });
});

it("tries at least 20 bad inputs across tenants, stateful apps, external services and connections", () => {
  expect(tenantCases.length + statefulCases.length + externalCases.length + 4).toBeGreaterThanOrEqual(20);
});
