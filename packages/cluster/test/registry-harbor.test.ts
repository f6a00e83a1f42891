import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { inputErrorMismatches, render, renderError } from "@slipway/testing";
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

describe("Harbor across on-prem sites: replication and proxy caches", () => {
  const login = { username: "robot$replicator", password: pulumi.secret("fake-remote-robot-secret-77a1") };

  it("pushes every project (or those named) to each site, after the projects exist, on every push or a schedule", async () => {
    const r = await render(() =>
      harbor({
        replicateTo: [
          { name: "site-b", url: "https://harbor.site-b.example", login },
          { name: "site-c", url: "https://harbor.site-c.example/", login, projects: ["shop"], schedule: "0 0 * * * *", deletion: true },
        ],
      }),
    );
    const endpoints = r.byType("pulumi-nodejs:dynamic/harbor:Endpoint");
    expect(endpoints.map((e) => [e.name, e.inputs.type, e.inputs.endpointUrl, e.inputs.accessKey])).toEqual([
      ["images-site-site-b", "harbor", "https://harbor.site-b.example", "robot$replicator"],
      ["images-site-site-c", "harbor", "https://harbor.site-c.example", "robot$replicator"],
    ]);
    const policies = r.byType("pulumi-nodejs:dynamic/harbor:Replication");
    expect(policies.map((p) => [p.name, p.inputs.filter, p.inputs.cron, p.inputs.deletion])).toEqual([
      ["images-site-b-shop", "shop/**", undefined, false],
      ["images-site-b-mirror", "mirror/**", undefined, false],
      ["images-site-c-shop", "shop/**", "0 0 * * * *", true],
    ]);
    const projects = r.byType("pulumi-nodejs:dynamic/harbor:Project").map((p) => p.urn);
    const siteB = endpoints[0].urn;
    expect(policies[0].dependencies).toEqual(expect.arrayContaining([...projects, siteB]));
  });

  it("makes a proxy-cache project per upstream, pullable by tenants and usable in image references", async () => {
    const r = await render(() => {
      const registry = harbor({ proxyCaches: [{ project: "dockerhub", upstream: "https://hub.docker.com" }, { project: "k8s", upstream: "https://registry.k8s.io", login }] });
      return { image: registry.image("dockerhub/library/nginx", "1.27.3") };
    });
    expect(r.byType("pulumi-nodejs:dynamic/harbor:Endpoint").map((e) => [e.name, e.inputs.type, e.inputs.endpointUrl, e.inputs.accessKey])).toEqual([
      ["images-upstream-dockerhub", "docker-hub", "https://hub.docker.com", undefined],
      ["images-upstream-k8s", "docker-registry", "https://registry.k8s.io", "robot$replicator"],
    ]);
    const dockerhub = one(r, "pulumi-nodejs:dynamic/harbor:Project", "images-dockerhub");
    expect(dockerhub.inputs).toMatchObject({ name: "dockerhub", public: false });
    expect(dockerhub.dependencies).toContain(one(r, "pulumi-nodejs:dynamic/harbor:Endpoint", "images-upstream-dockerhub").urn);
    const pull = one(r, "pulumi-nodejs:dynamic/harbor:Robot", "images-tenants-pull");
    expect((pull.inputs.permissions as { namespace: string }[]).map((p) => p.namespace)).toEqual(["shop", "mirror", "dockerhub", "k8s"]);
    expect(r.outputs).toEqual({ image: "harbor.corp.example/dockerhub/library/nginx:1.27.3" });
  });

  it.each([
    ["replicateTo[0].url", { replicateTo: [{ name: "b", url: "http://harbor.b.example", login }] }, '"http://harbor.b.example"'],
    ["replicateTo[0].login", { replicateTo: [{ name: "b", url: "https://harbor.b.example" }] }, "undefined"],
    ["replicateTo[1].name", { replicateTo: [{ name: "b", url: "https://harbor.b.example", login }, { name: "b", url: "https://harbor.c.example", login }] }, '"b"'],
    ["replicateTo[0].projects[0]", { replicateTo: [{ name: "b", url: "https://harbor.b.example", login, projects: ["billing"] }] }, '"billing"'],
    ["replicateTo[0].schedule", { replicateTo: [{ name: "b", url: "https://harbor.b.example", login, schedule: "0 * * * *" }] }, '"0 * * * *"'],
    ["proxyCaches[0].project", { proxyCaches: [{ project: "shop", upstream: "https://hub.docker.com" }] }, '"shop"'],
    ["proxyCaches[0].upstream", { proxyCaches: [{ project: "hub", upstream: "hub.docker.com" }] }, '"hub.docker.com"'],
  ])("refuses a bad %s", async (field, args, shown) => {
    const error = await renderError(() => harbor(args as Partial<HarborRegistryArgs>));
    expect(inputErrorMismatches(error, { component: "Registry", name: "images", field, shown })).toEqual([]);
  });
});
