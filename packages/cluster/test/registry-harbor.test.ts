import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { render } from "@slipway/testing";
import { HARBOR_CHART, HarborRegistryArgs, Registry } from "@slipway/cluster";
import { at, CRD_DIR, one } from "./support";

const GATEWAY = { gatewayName: "platform", gatewayNamespace: "gateway-system" };
const CEPH_BLOCK = { storageClassName: "ceph-block", accessModes: ["ReadWriteOnce" as const] };
const cluster = (imageMirror?: string) => ({ clusterName: "onprem", kind: "existing" as const, provider: new k8s.Provider("onprem", { kubeconfig: "{}" }), imageMirror });
const harbor = (args: Partial<HarborRegistryArgs> = {}) =>
  new Registry("images", {
    kind: "harbor",
    cluster: cluster(),
    host: "harbor.corp.example",
    gateway: GATEWAY,
    storageClass: CEPH_BLOCK,
    projects: [{ name: "shop" }],
    robots: [{ name: "ci", project: "shop", access: "push" }],
    ...args,
  });

describe("Registry on Harbor", () => {
  it("installs the pinned chart on the StorageClass, with generated secrets from Kubernetes Secrets", async () => {
    const r = await render(() => harbor({ storageSize: "500Gi" }));
    const [chart] = r.charts();
    expect(chart).toMatchObject({ chart: HARBOR_CHART.chart, version: HARBOR_CHART.version, repo: HARBOR_CHART.repository, namespace: "harbor" });
    expect(chart.values).toMatchObject({
      expose: { type: "clusterIP", tls: { enabled: false }, clusterIP: { name: "harbor", ports: { httpPort: 80 } } },
      externalURL: "https://harbor.corp.example",
      existingSecretAdminPassword: "harbor-admin",
      existingSecretAdminPasswordKey: "HARBOR_ADMIN_PASSWORD",
      existingSecretSecretKey: "harbor-secret-key",
    });
    expect(chart.values.harborAdminPassword).toBeUndefined();
    expect(at(chart.values, "persistence.persistentVolumeClaim.registry")).toEqual({ storageClass: "ceph-block", accessMode: "ReadWriteOnce", size: "500Gi" });
    expect(at(chart.values, "persistence.persistentVolumeClaim.database.storageClass")).toBe("ceph-block");
    expect(chart.secretPaths).toEqual(["values.database.internal.password"]);
    expect(at(chart.values, "database.internal.password")).not.toBe("changeit");
    expect(r.find("Secret", "harbor-admin", "harbor").stringData).toEqual({ HARBOR_ADMIN_PASSWORD: expect.stringMatching(/^[A-Za-z0-9]{32}$/) });
    expect((r.find("Secret", "harbor-secret-key", "harbor").stringData as Record<string, string>).secretKey).toHaveLength(16);
    expect(r.find("Namespace", "harbor").metadata.labels).toMatchObject({ "pod-security.kubernetes.io/enforce": "restricted", "pod-security.kubernetes.io/warn": "restricted", "pod-security.kubernetes.io/audit": "restricted" });
  });

  it("runs each component as its own ServiceAccount, the served ones twice with a budget, the merged values keeping ours", async () => {
    const r = await render(() => harbor());
    const [chart] = r.charts();
    for (const component of ["nginx", "portal", "core", "jobservice", "trivy"]) {
      expect(at(chart.values, `${component}.serviceAccountName`)).toBe(`harbor-${component}`);
      expect(at(chart.values, `${component}.replicas`)).toBe(2);
      expect(r.find("PodDisruptionBudget", `harbor-${component}`, "harbor").spec).toEqual({
        maxUnavailable: 1,
        unhealthyPodEvictionPolicy: "AlwaysAllow",
        selector: { matchLabels: { release: "images-chart", app: "harbor", component } },
      });
    }
    for (const path of ["registry.serviceAccountName", "database.internal.serviceAccountName", "redis.internal.serviceAccountName"]) {
      const name = at(chart.values, path) as string;
      expect(r.find("ServiceAccount", name, "harbor").automountServiceAccountToken).toBe(false);
    }
    // The registry's image store is one ReadWriteOnce volume: one replica (a named exemption).
    expect(at(chart.values, "registry.replicas")).toBeUndefined();
    // Merging kept the component's own settings beside the workload values.
    expect(at(chart.values, "jobservice.existingSecret")).toBe("harbor-internal");
    expect(at(chart.values, "jobservice.jobLoggers")).toEqual(["database"]);
    expect(at(chart.values, "registry.credentials.existingSecret")).toBe("harbor-registry-credentials");
  });

  it("keeps the admin password, robot secrets and pull secret as Pulumi secrets, in Secrets only", async () => {
    const flags: Record<string, Promise<boolean>> = {};
    let admin = "";
    const r = await render(() => {
      const registry = harbor();
      flags.adminPassword = pulumi.isSecret(registry.adminPassword as pulumi.Output<string>);
      flags.pullSecret = pulumi.isSecret(registry.pullSecretDockerConfig as pulumi.Output<string>);
      flags.robotSecret = pulumi.isSecret(registry.robots?.["shop+ci"].password as pulumi.Output<string>);
      registry.adminPassword?.apply((value) => (admin = value));
    });
    expect(await flags.adminPassword).toBe(true);
    expect(await flags.pullSecret).toBe(true);
    expect(await flags.robotSecret).toBe(true);
    expect(admin).toHaveLength(32);
    // The password reaches Harbor through its Secret and the API calls' (secret) credentials, nowhere else.
    const holders = r.resources.filter((x) => JSON.stringify(x.inputs).includes(admin));
    for (const holder of holders) {
      if (holder.type !== "kubernetes:core/v1:Secret") expect(holder.secretPaths).toContain("password");
    }
    expect(holders.filter((x) => x.type === "kubernetes:core/v1:Secret").map((x) => x.name)).toEqual(["images/harbor-admin"]);
    expect(r.toYaml()).not.toContain(admin);
  });

  it("is exposed through the gateway's HTTPS listener", async () => {
    const r = await render(() => harbor());
    const route = r.find("HTTPRoute", "harbor", "harbor");
    expect(route.spec).toEqual({
      parentRefs: [{ group: "gateway.networking.k8s.io", kind: "Gateway", name: "platform", namespace: "gateway-system", sectionName: "https" }],
      hostnames: ["harbor.corp.example"],
      rules: [{ matches: [{ path: { type: "PathPrefix", value: "/" } }], backendRefs: [{ name: "harbor", port: 80 }] }],
    });
    expect(r.validate({ crdDirs: [CRD_DIR] })).toEqual([]);
    // The chart's own Service is unknown offline; the route names the chart that creates it.
    expect(route.metadata.annotations).toEqual({ "slipway.dev/backend-from-chart": "harbor" });
    expect(r.check()).toEqual([]);
  });

  it("creates projects and robots through Harbor's API once Harbor is up", async () => {
    const r = await render(() => harbor());
    const projects = r.byType("pulumi-nodejs:dynamic/harbor:Project");
    expect(projects.map((p) => [p.inputs.name, p.inputs.public])).toEqual([
      ["shop", false],
      ["mirror", false],
    ]);
    expect(projects[0].inputs).toMatchObject({ url: "https://harbor.corp.example", username: "admin" });
    const chart = r.byType("kubernetes:helm.sh/v4:Chart")[0];
    const route = one(r, "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute", "images/harbor");
    expect(projects[0].dependencies).toEqual(expect.arrayContaining([chart.urn, route.urn]));
    const robots = Object.fromEntries(r.byType("pulumi-nodejs:dynamic/harbor:Robot").map((x) => [x.name, x]));
    expect(robots["images-shop-ci"].inputs).toMatchObject({
      name: "ci",
      level: "project",
      permissions: [{ kind: "project", namespace: "shop", access: [{ resource: "repository", action: "pull" }, { resource: "repository", action: "push" }] }],
    });
    expect(robots["images-shop-ci"].dependencies).toEqual(expect.arrayContaining(projects.map((p) => p.urn)));
    expect(robots["images-tenants-pull"].inputs).toMatchObject({
      level: "system",
      permissions: ["shop", "mirror"].map((namespace) => ({ kind: "project", namespace, access: [{ resource: "repository", action: "pull" }] })),
    });
  });

  it("gives image references in its projects, its mirror, and mirrors its own chart's images", async () => {
    const r = await render(() => {
      const registry = new Registry("images", { kind: "harbor", cluster: cluster("harbor.corp.example/mirror"), host: "harbor.corp.example", gateway: GATEWAY, storageClass: CEPH_BLOCK, projects: [{ name: "shop" }] });
      return { image: registry.image("shop/cart", "1.4.2"), mirror: registry.imageMirror };
    });
    expect(r.outputs).toEqual({ image: "harbor.corp.example/shop/cart:1.4.2", mirror: "harbor.corp.example/mirror" });
    expect(at(r.charts()[0].values, "core.image.repository")).toBe("harbor.corp.example/mirror/goharbor/harbor-core");
    expect(at(r.charts()[0].values, "registry.registry.image.repository")).toBe("harbor.corp.example/mirror/goharbor/registry-photon");
  });
});
