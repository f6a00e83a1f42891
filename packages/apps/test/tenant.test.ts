import * as pulumi from "@pulumi/pulumi";
import { render, Rendered } from "@slipway/testing";
import { AppService, ExternalService, StatefulApp, Tenant } from "@slipway/apps";
import { at, CRD_DIR } from "./support";

const registry = { image: (repo: string, tag: string) => `registry.example.com/${repo}:${tag}`, pullSecretDockerConfig: pulumi.secret('{"auths":{}}') };

function platform() {
  const shop = new Tenant("shop", {
    quota: { cpu: "20", memory: "64Gi", storage: "500Gi" },
    groups: { admin: ["shop-admins"], developer: ["shop-devs"], viewer: ["auditors"] },
    execFor: ["admin"],
    registry,
    defaults: { size: "micro" },
  });
  const cart = new AppService("cart", { tenant: shop, image: "ghcr.io/acme/cart:1.4.2", port: 8080 });
  const web = new AppService("web", { tenant: shop, image: "ghcr.io/acme/web:2.0.0", port: 8080 });
  const stores = (["redis", "postgresql", "mysql", "zookeeper"] as const).map(
    (preset) => new StatefulApp(`${preset}-db`, { tenant: shop, preset, storage: { size: "5Gi", class: "ceph-block" } }),
  );
  const legacy = new ExternalService("legacy-redis", { tenant: shop, ports: { redis: 6379 }, addresses: ["10.20.0.15"] });
  web.connectTo(cart);
  cart.connectTo(stores[0]);
  cart.connectTo(legacy);
  return {};
}

describe("Tenant with two apps, a StatefulApp of each preset and an ExternalService", () => {
  let r: Rendered;
  beforeAll(async () => {
    r = await render(platform);
  });

  it("labels the namespace for Pod Security restricted at a pinned version", () => {
    expect(r.find("Namespace", "shop").metadata.labels).toMatchObject({
      "pod-security.kubernetes.io/enforce": "restricted",
      "pod-security.kubernetes.io/enforce-version": "v1.33",
      "pod-security.kubernetes.io/warn": "restricted",
      "pod-security.kubernetes.io/warn-version": "v1.33",
      "pod-security.kubernetes.io/audit": "restricted",
      "pod-security.kubernetes.io/audit-version": "v1.33",
      "slipway.dev/tenant": "shop",
      "slipway.dev/gateway-routes": "true",
    });
  });

  it("bounds the namespace with a quota and container defaults", () => {
    expect(at(r.find("ResourceQuota", "shop", "shop"), "spec.hard")).toEqual({
      "requests.cpu": "20",
      "requests.memory": "64Gi",
      "limits.memory": "64Gi",
      "requests.storage": "500Gi",
      pods: "100",
      persistentvolumeclaims: "20",
      "services.loadbalancers": "0",
      "services.nodeports": "0",
    });
    const [limits] = at(r.find("LimitRange", "shop", "shop"), "spec.limits");
    expect(limits.type).toBe("Container");
    expect(limits.default).toEqual({ memory: "256Mi", "ephemeral-storage": "1Gi" });
    expect(limits.default.cpu).toBeUndefined();
  });

  it("counts a LoadBalancer's node port in the quota, as the API server does (else the Service is refused)", async () => {
    const lb = await render(() => new Tenant("web", { quota: { cpu: "4", memory: "8Gi", loadBalancers: 1 } }));
    expect(at(lb.find("ResourceQuota", "web", "web"), "spec.hard")).toMatchObject({ "services.loadbalancers": "1", "services.nodeports": "1" });
  });

  it("denies by default, allows DNS, and lets nothing in tenant-wide (apps admit the gateway and Prometheus themselves)", () => {
    // The tenant's own policies select every pod (podSelector {}); apps' and connections' select their pods.
    const policies = r.filter("NetworkPolicy").filter((p) => p.metadata.namespace === "shop" && Object.keys(at(p, "spec.podSelector")).length === 0);
    expect(policies.map((p) => p.metadata.name).sort()).toEqual(["allow-dns", "default-deny"]);
    expect(at(r.find("NetworkPolicy", "default-deny", "shop"), "spec")).toEqual({ podSelector: {}, policyTypes: ["Ingress", "Egress"] });
    expect(policies.some((p) => at(p, "spec.ingress") !== undefined)).toBe(false);
  });

  it("lets pods reach the resolver a tenant is told about (NodeLocal DNSCache) when it has no cluster handle", async () => {
    const nodeLocal = { namespace: "kube-system", podLabels: { "k8s-app": "kube-dns" }, nodeLocal: "169.254.25.10" };
    const told = await render(() => new Tenant("web", { dns: nodeLocal }));
    const egress = at(told.find("NetworkPolicy", "allow-dns", "web"), "spec.egress") as { to: unknown[] }[];
    expect(egress.flatMap((rule) => rule.to)).toContainEqual({ ipBlock: { cidr: "169.254.25.10/32" } });
    const untold = await render(() => new Tenant("web", {}));
    const plain = at(untold.find("NetworkPolicy", "allow-dns", "web"), "spec.egress") as { to: unknown[] }[];
    expect(plain.flatMap((rule) => rule.to)).not.toContainEqual({ ipBlock: { cidr: "169.254.25.10/32" } });
  });

  it("maps groups to roles without wildcards, secret listing or exec for non-granted roles", () => {
    const roles = r.filter("Role");
    expect(roles.map((x) => x.metadata.name).sort()).toEqual(["shop-admin", "shop-developer", "shop-viewer"]);
    for (const role of roles) {
      for (const rule of role.rules as { resources: string[]; verbs: string[] }[]) {
        expect(rule.verbs).not.toContain("*");
        expect(rule.resources).not.toContain("*");
        if (rule.resources.includes("secrets")) expect(rule.verbs).not.toEqual(expect.arrayContaining(["list"]));
      }
    }
    const grants = (name: string) => (r.find("Role", name, "shop").rules as { resources: string[]; verbs: string[] }[]).flatMap((rule) => rule.resources.map((res) => `${res}:${rule.verbs.join(",")}`));
    expect(grants("shop-viewer").some((g) => g.startsWith("secrets"))).toBe(false);
    expect(grants("shop-developer").some((g) => g.startsWith("pods/exec"))).toBe(false);
    expect(grants("shop-admin").some((g) => g.startsWith("pods/exec"))).toBe(true);
    expect(r.find("RoleBinding", "shop-developer", "shop").subjects).toEqual([{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: "shop-devs" }]);
  });

  it("creates the pull secret and gives it to every pod, with the tenant's defaults", () => {
    expect(r.find("Secret", "shop-pull", "shop").type).toBe("kubernetes.io/dockerconfigjson");
    for (const workload of [...r.filter("Deployment"), ...r.filter("StatefulSet")]) {
      expect(at(workload, "spec.template.spec.imagePullSecrets")).toEqual([{ name: "shop-pull" }]);
    }
    expect(at(r.find("Deployment", "cart", "shop"), "spec.template.spec.containers", 0, "resources", "requests", "memory")).toBe("128Mi");
  });

  it("makes every app wait for the namespace", () => {
    const namespaceUrn = r.resources.find((x) => x.type === "kubernetes:core/v1:Namespace")!.urn;
    const deployment = r.resources.find((x) => x.type === "kubernetes:apps/v1:Deployment" && x.name === "cart")!;
    expect(deployment.dependencies).toContain(namespaceUrn);
  });

  it("renders the ExternalService as a selector-less Service with an EndpointSlice", () => {
    expect(at(r.find("Service", "legacy-redis", "shop"), "spec")).toEqual({ type: "ClusterIP", ports: [{ name: "redis", port: 6379, targetPort: 6379, protocol: "TCP" }] });
    const slice = r.find("EndpointSlice", "legacy-redis-external", "shop");
    expect(slice.metadata.labels?.["kubernetes.io/service-name"]).toBe("legacy-redis");
    expect(slice.addressType).toBe("IPv4");
    expect(slice.endpoints).toEqual([{ addresses: ["10.20.0.15"], conditions: { ready: true } }]);
    expect(at(r.find("NetworkPolicy", "cart-to-legacy-redis", "shop"), "spec.egress", 0)).toEqual({ to: [{ ipBlock: { cidr: "10.20.0.15/32" } }], ports: [{ protocol: "TCP", port: 6379 }] });
  });

  it("validates every object against the Kubernetes schemas", () => {
    expect(r.manifests().length).toBeGreaterThan(40);
    expect(r.validate({ crdDirs: [CRD_DIR] })).toEqual([]);
  });

  it("passes every check", () => {
    expect(r.check()).toEqual([]);
  });
});

describe("ExternalService by DNS name", () => {
  it("renders an ExternalName Service and allows egress to its CIDRs", async () => {
    const r = await render(() => {
      const api = new AppService("api", { namespace: "team", image: "ghcr.io/acme/api:1.0.0", port: 8080 });
      const payments = new ExternalService("payments", { namespace: "team", ports: { https: 443 }, hostname: "api.payments.example.com", cidrs: ["203.0.113.0/24"] });
      api.connectTo(payments);
    });
    expect(at(r.find("Service", "payments", "team"), "spec")).toEqual({ type: "ExternalName", externalName: "api.payments.example.com", ports: [{ name: "https", port: 443, targetPort: "https", protocol: "TCP" }] });
    expect(at(r.find("NetworkPolicy", "api-to-payments", "team"), "spec.egress", 0, "to")).toEqual([{ ipBlock: { cidr: "203.0.113.0/24" } }]);
    expect(r.filter("NetworkPolicy")).toHaveLength(1);
  });
});
