import * as pulumi from "@pulumi/pulumi";
import { findSecretLeaks } from "@slipway/checks";
import { render, Rendered } from "@slipway/testing";
import { StatefulApp, Tenant } from "@slipway/apps";
import { at, CRD_DIR } from "./support";

const blockClass = { storageClassName: "ceph-block", accessModes: ["ReadWriteOnce" as const] };

describe("StatefulApp presets", () => {
  let r: Rendered;
  let apps: { redis: StatefulApp<"redis">; mysql: StatefulApp<"mysql">; zookeeper: StatefulApp<"zookeeper"> };
  beforeAll(async () => {
    r = await render(() => {
      const data = new Tenant("data");
      apps = {
        redis: new StatefulApp("cache", { tenant: data, preset: "redis", storage: { size: "2Gi", class: blockClass } }),
        mysql: new StatefulApp("users-db", { tenant: data, preset: "mysql", storage: { size: "10Gi", class: "ceph-block" }, credentials: { user: "users", database: "users" } }),
        zookeeper: new StatefulApp("zk", { tenant: data, preset: "zookeeper", storage: { size: "5Gi", class: blockClass }, podManagement: "Parallel", partition: 1 }),
      };
      return { redisPassword: apps.redis.password };
    });
  });

  it("renders a StatefulSet with retained claims on the given class for each preset", () => {
    for (const [name, size] of [["cache", "2Gi"], ["users-db", "10Gi"], ["zk", "5Gi"]]) {
      const sts = r.find("StatefulSet", name, "data");
      expect(at(sts, "spec.persistentVolumeClaimRetentionPolicy")).toEqual({ whenDeleted: "Retain", whenScaled: "Retain" });
      expect(at(sts, "spec.volumeClaimTemplates", 0, "spec")).toEqual({ accessModes: ["ReadWriteOnce"], storageClassName: "ceph-block", resources: { requests: { storage: size } } });
      expect(at(sts, "spec.serviceName")).toBe(`${name}-headless`);
      expect(at(r.find("Service", `${name}-headless`, "data"), "spec.clusterIP")).toBe("None");
      expect(at(r.find("Service", name, "data"), "spec.type")).toBe("ClusterIP");
      expect(at(sts, "spec.template.spec.containers", 0, "volumeMounts", 0, "name")).toBe("data");
    }
  });

  it("pins images, ports, data paths and the images' own users", () => {
    const container = (name: string) => at(r.find("StatefulSet", name, "data"), "spec.template.spec.containers", 0);
    const pod = (name: string) => at(r.find("StatefulSet", name, "data"), "spec.template.spec");
    expect(container("cache").image).toBe("redis:7.4.2");
    expect(container("cache").args).toEqual(["redis-server", "--appendonly", "yes", "--requirepass", "$(REDIS_PASSWORD)"]);
    expect(container("users-db").image).toBe("mysql:8.4.3");
    expect(container("users-db").volumeMounts[0].mountPath).toBe("/var/lib/mysql");
    expect(container("users-db").ports).toEqual([{ name: "mysql", containerPort: 3306, protocol: "TCP" }]);
    expect(container("zk").ports.map((p: { name: string }) => p.name)).toEqual(["client", "follower", "election"]);
    expect(pod("users-db").securityContext).toEqual({ runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" }, runAsUser: 999, runAsGroup: 999, fsGroup: 999, fsGroupChangePolicy: "OnRootMismatch" });
    expect(pod("zk").securityContext.runAsUser).toBe(1000);
    expect(container("users-db").securityContext.readOnlyRootFilesystem).toBe(true);
    expect(container("users-db").volumeMounts.map((m: { mountPath: string }) => m.mountPath)).toEqual(["/var/lib/mysql", "/tmp", "/var/run/mysqld"]);
  });

  it("forms a ZooKeeper ensemble: odd replicas, required anti-affinity, staged and parallel rollout, a PDB", () => {
    const sts = r.find("StatefulSet", "zk", "data");
    expect(at(sts, "spec.replicas")).toBe(3);
    expect(at(sts, "spec.podManagementPolicy")).toBe("Parallel");
    expect(at(sts, "spec.updateStrategy")).toEqual({ type: "RollingUpdate", rollingUpdate: { partition: 1, maxUnavailable: 1 } });
    expect(at(sts, "spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution", 0, "topologyKey")).toBe("kubernetes.io/hostname");
    const env = at(sts, "spec.template.spec.containers", 0, "env") as { name: string; value?: string }[];
    expect(env.find((e) => e.name === "ZOO_SERVERS")?.value).toBe(
      [0, 1, 2].map((i) => `server.${i + 1}=zk-${i}.zk-headless.data.svc.cluster.local:2888:3888;2181`).join(" "),
    );
    expect(r.find("PodDisruptionBudget", "zk", "data")).toBeDefined();
    expect(r.filter("PodDisruptionBudget").map((p) => p.metadata.name)).toEqual(["zk"]);
  });

  it("records why single-instance databases run one replica, and says redis runs without Sentinel", () => {
    expect(r.find("StatefulSet", "users-db", "data").metadata.annotations).toMatchObject({ "slipway.dev/single-replica-reason": expect.stringContaining("operator") });
    expect(r.find("StatefulSet", "cache", "data").metadata.annotations).toMatchObject({ "slipway.dev/single-replica-reason": expect.stringContaining("without Sentinel") });
    expect(r.find("StatefulSet", "zk", "data").metadata.annotations ?? {}).not.toHaveProperty("slipway.dev/single-replica-reason");
  });

  it("keeps generated credentials in a Secret, referenced by secretKeyRef; mysql's root password in another Secret with another value", () => {
    const env = at(r.find("StatefulSet", "users-db", "data"), "spec.template.spec.containers", 0, "env");
    expect(env.filter((e: { name: string }) => e.name.startsWith("MYSQL_"))).toEqual([
      { name: "MYSQL_PASSWORD", valueFrom: { secretKeyRef: { name: "users-db-credentials", key: "MYSQL_PASSWORD" } } },
      { name: "MYSQL_USER", valueFrom: { secretKeyRef: { name: "users-db-credentials", key: "MYSQL_USER" } } },
      { name: "MYSQL_DATABASE", valueFrom: { secretKeyRef: { name: "users-db-credentials", key: "MYSQL_DATABASE" } } },
      { name: "MYSQL_ROOT_PASSWORD", valueFrom: { secretKeyRef: { name: "users-db-root", key: "MYSQL_ROOT_PASSWORD" } } },
    ]);
    const app = r.find("Secret", "users-db-credentials", "data").stringData as Record<string, string>;
    const root = r.find("Secret", "users-db-root", "data").stringData as Record<string, string>;
    expect(Object.keys(app).sort()).toEqual(["MYSQL_DATABASE", "MYSQL_PASSWORD", "MYSQL_USER"]);
    expect(Object.keys(root)).toEqual(["MYSQL_ROOT_PASSWORD"]);
    expect(app.MYSQL_USER).toBe("users");
    expect(root.MYSQL_ROOT_PASSWORD).toHaveLength(32);
    expect(root.MYSQL_ROOT_PASSWORD).not.toBe(app.MYSQL_PASSWORD);
    expect(r.resources.filter((x) => x.type === "random:index/randomPassword:RandomPassword").map((x) => x.name).sort()).toEqual(["cache-password", "users-db-password", "users-db-root-password"]);
    expect(r.filter("Secret").map((s) => s.metadata.name)).not.toContain("zk-credentials");
  });

  it("exposes the password only as a Pulumi secret, never in plain inputs of other objects", () => {
    const password = (r.find("Secret", "cache-credentials", "data").stringData as Record<string, string>).REDIS_PASSWORD;
    expect(password).toHaveLength(32);
    const random = r.resources.find((x) => x.type === "random:index/randomPassword:RandomPassword" && x.name === "cache-password")!;
    expect(random).toBeDefined();
    const secretResource = r.resources.find((x) => x.type === "kubernetes:core/v1:Secret" && x.name.includes("cache-credentials"))!;
    expect(secretResource.secretPaths.some((p) => p.startsWith("stringData"))).toBe(true);
    const leaks = findSecretLeaks(r.resources.filter((x) => !x.type.startsWith("random:")), password, { yaml: r.toYaml() });
    expect(leaks).toEqual([]);
    expect(r.outputs.redisPassword).toBe(password);
    expect(JSON.stringify(r.redactedManifests())).not.toContain(password);
  });

  it("validates against the Kubernetes schemas and passes every check", () => {
    expect(r.validate({ crdDirs: [CRD_DIR] })).toEqual([]);
    expect(r.check()).toEqual([]);
  });

  it("gives connection-ready outputs", () => {
    expect(apps.mysql.fqdn).toBe("users-db.data.svc.cluster.local");
    expect(apps.mysql.port).toBe(3306);
    expect(apps.mysql.credentials?.secretName).toBe("users-db-credentials");
    // The app never gets root: the role is not in the types, and asking anyway fails.
    // @ts-expect-error mysql's root password is no credential an app can reference
    expect(() => apps.mysql.credentials?.ref("rootPassword")).toThrow(/credentials \("rootPassword"\) is not a credential of the mysql preset/);
    expect(apps.zookeeper.password).toBeUndefined();
  });

  it("names each preset's Secret keys in the types", () => {
    expect(apps.mysql.credentials?.keys).toEqual({ password: "MYSQL_PASSWORD", user: "MYSQL_USER", database: "MYSQL_DATABASE" });
    const user: "MYSQL_USER" | undefined = apps.mysql.credentials?.keys.user;
    expect(user).toBe("MYSQL_USER");
    // @ts-expect-error redis generates no user: the compiler knows the preset's keys
    expect(() => apps.redis.credentials?.ref("user")).toThrow(/StatefulApp "cache": credentials \("user"\) is not a credential of the redis preset/);
    const env: { name: string; valueFrom?: unknown }[] = at(r.find("StatefulSet", "users-db", "data"), "spec.template.spec.containers", 0, "env");
    for (const key of Object.values(apps.mysql.credentials!.keys)) expect(env.find((e) => e.name === key)?.valueFrom).toEqual({ secretKeyRef: { name: "users-db-credentials", key } });
  });
});

describe("StatefulApp with a custom image", () => {
  it("takes explicit args and preferred anti-affinity", async () => {
    const r = await render(() => new StatefulApp("queue", { namespace: "jobs", image: "ghcr.io/acme/queue:3.2.1", ports: { amqp: 5672 }, replicas: 2, antiAffinity: "preferred", runAs: { user: 10001, group: 10001 }, storage: { size: "1Gi", class: "local-path", mountPath: "/var/lib/queue" } }));
    const sts = r.find("StatefulSet", "queue", "jobs");
    expect(at(sts, "spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution", 0, "weight")).toBe(100);
    expect(at(sts, "spec.template.spec.containers", 0, "volumeMounts", 0)).toEqual({ name: "data", mountPath: "/var/lib/queue" });
    expect(at(sts, "spec.template.spec.containers", 0, "readinessProbe", "tcpSocket")).toEqual({ port: "amqp" });
    expect(r.find("PodDisruptionBudget", "queue", "jobs")).toBeDefined();
    expect(r.validate()).toEqual([]);
  });
});

describe("StatefulApp with a given password", () => {
  it("keeps the given secret in the credentials Secret, generates none, and leaks it nowhere", async () => {
    const given = "given-db-password-Xy7";
    const r = await render(
      () => {
        const app = new StatefulApp("orders-db", { namespace: "data", preset: "mysql", storage: { size: "1Gi", class: blockClass }, credentials: { user: "orders", password: pulumi.secret(given), rootPassword: pulumi.secret("given-root-password-Q2") } });
        return { password: app.password };
      },
    );
    expect(r.resources.filter((x) => x.type.startsWith("random:"))).toEqual([]);
    const secret = r.find("Secret", "orders-db-credentials", "data");
    expect((secret.stringData as Record<string, string>).MYSQL_PASSWORD).toBe(given);
    expect((secret.stringData as Record<string, string>).MYSQL_USER).toBe("orders");
    expect((r.find("Secret", "orders-db-root", "data").stringData as Record<string, string>).MYSQL_ROOT_PASSWORD).toBe("given-root-password-Q2");
    expect(findSecretLeaks(r.resources, "given-root-password-Q2", { yaml: r.toYaml() })).toEqual([]);
    const secretResource = r.resources.find((x) => x.type === "kubernetes:core/v1:Secret" && x.name.includes("orders-db-credentials"))!;
    expect(secretResource.secretPaths.some((p) => p.startsWith("stringData"))).toBe(true);
    expect(findSecretLeaks(r.resources, given, { yaml: r.toYaml() })).toEqual([]);
    expect(JSON.stringify(r.redactedManifests())).not.toContain(given);
  });

  it("keeps a plain given password secret too", async () => {
    const r = await render(() => ({ password: new StatefulApp("cache", { namespace: "data", preset: "redis", storage: { size: "1Gi", class: blockClass }, credentials: { password: "plain-given-Pw1" } }).password }));
    const secretResource = r.resources.find((x) => x.type === "kubernetes:core/v1:Secret" && x.name.includes("cache-credentials"))!;
    expect(secretResource.secretPaths.some((p) => p.startsWith("stringData"))).toBe(true);
    expect(r.resources.filter((x) => x.type.startsWith("random:"))).toEqual([]);
    expect(JSON.stringify(r.redactedManifests())).not.toContain("plain-given-Pw1");
  });
});
