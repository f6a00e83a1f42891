import * as pulumi from "@pulumi/pulumi";
import { findSecretLeaks } from "@slipway/checks";
import { podsOf, Reachability, render, Rendered } from "@slipway/testing";
import { Tenant } from "@slipway/apps";
import { shop } from "../shop";
import { CRD_DIR, stackReferences } from "./fixture";

const config = { platformStack: "acme/platform/local", version: "1.4.2", canary: { version: "1.5.0-rc1", weight: 10 } };
const WORKLOADS = ["web", "api-gateway", "registry", "orders", "cart", "users", "orders-mysql", "cart-redis"];
/** The declared call graph: exactly these pairs may talk. */
const CALLS = new Set([
  "web->api-gateway",
  "api-gateway->orders",
  "api-gateway->cart",
  "api-gateway->users",
  "api-gateway->registry",
  "orders->registry",
  "cart->registry",
  "users->registry",
  "orders->orders-mysql",
  "users->orders-mysql",
  "cart->cart-redis",
]);

describe("the shop example", () => {
  let r: Rendered;
  beforeAll(async () => {
    r = await render(() => shop(config), { project: "shop", stack: "dev", stackReferences });
  });

  it("renders every service and store of the shop in the shop tenant", () => {
    const workloads = [...r.filter("Deployment"), ...r.filter("StatefulSet")].map((w) => w.metadata.name).sort();
    expect(workloads).toEqual([...WORKLOADS, "orders-canary"].sort());
    for (const w of [...r.filter("Deployment"), ...r.filter("StatefulSet")]) expect(w.metadata.namespace).toBe("shop");
  });

  it("pulls images from the platform registry", () => {
    const image = (name: string) => (r.find("Deployment", name, "shop").spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0].image;
    expect(image("orders")).toBe("harbor.platform.example.com/shop/orders:1.4.2");
    expect(image("orders-canary")).toBe("harbor.platform.example.com/shop/orders:1.5.0-rc1");
  });

  it("allows exactly the declared calls between the shop's workloads", async () => {
    // The tenant's default-deny baseline lives in the platform stack: render it as the cluster has it.
    const platform = await render(() => new Tenant("shop"));
    const net = new Reachability([...platform.manifests(), ...r.manifests()]);
    const pods = podsOf(r.manifests());
    const pod = (name: string) => pods.find((p) => p.workload.endsWith(`/${name}`))!;
    const firstPort = (name: string) => Object.values(pod(name).ports)[0];
    const allowed: string[] = [];
    for (const from of WORKLOADS) for (const to of WORKLOADS) if (from !== to && net.allows(pod(from), pod(to), firstPort(to))) allowed.push(`${from}->${to}`);
    expect(new Set(allowed)).toEqual(CALLS);
  });

  it("lets nothing from the platform's namespaces reach the stores, and only the gateway's proxies reach the front end", async () => {
    const platform = await render(() => new Tenant("shop"));
    const net = new Reachability([...platform.manifests(), ...r.manifests()]);
    const pods = podsOf(r.manifests());
    const pod = (name: string) => pods.find((p) => p.workload.endsWith(`/${name}`))!;
    const outside = (namespace: string, labels: Record<string, string>) => ({ workload: "Deployment/outside", namespace, labels, ports: {} });
    const grafana = outside("monitoring", { "app.kubernetes.io/name": "grafana" });
    const prometheus = outside("monitoring", { "app.kubernetes.io/name": "prometheus" });
    const proxy = outside("gateway-system", { "gateway.envoyproxy.io/owning-gateway-name": "platform", "gateway.envoyproxy.io/owning-gateway-namespace": "gateway-system" });
    for (const from of [grafana, prometheus, proxy]) {
      expect(net.allows(from, pod("orders-mysql"), 3306)).toBe(false);
      expect(net.allows(from, pod("cart-redis"), 6379)).toBe(false);
    }
    expect(net.allows(proxy, pod("web"), Object.values(pod("web").ports)[0])).toBe(true);
    expect(net.allows(grafana, pod("web"), Object.values(pod("web").ports)[0])).toBe(false);
  });

  it("splits orders traffic to the canary through the API gateway's Service and the route weights", () => {
    expect(r.filter("HTTPRoute").map((h) => h.metadata.name)).toEqual(["web"]);
    const canary = r.find("Deployment", "orders-canary", "shop");
    expect((canary.spec as { replicas: number }).replicas).toBe(2);
    const service = r.find("Service", "orders", "shop");
    expect((service.spec as { selector: Record<string, string> }).selector).not.toHaveProperty("slipway.dev/track");
  });

  it("exposes the front end on the platform's naming rule with TLS", () => {
    expect(r.outputs.url).toBe("https://shop.shop.apps.example.com");
    const route = r.find("HTTPRoute", "web", "shop").spec as { parentRefs: { name: string; sectionName: string }[]; hostnames: string[] };
    expect(route.parentRefs[0]).toMatchObject({ name: "platform", sectionName: "https" });
    expect(route.hostnames).toEqual(["shop.shop.apps.example.com"]);
  });

  it("reads database credentials from the stores' Secrets, never copying them", () => {
    const env = (r.find("Deployment", "orders", "shop").spec as { template: { spec: { containers: { env: { name: string; valueFrom?: unknown }[] }[] } } }).template.spec.containers[0].env;
    expect(env.find((e) => e.name === "DB_PASSWORD")?.valueFrom).toEqual({ secretKeyRef: { name: "orders-mysql-credentials", key: "MYSQL_PASSWORD" } });
    expect(r.filter("Secret").map((s) => s.metadata.name).sort()).toEqual(["cart-redis-credentials", "orders-mysql-credentials", "orders-mysql-root"]);
    // The root password is in its own Secret, which no app references.
    expect(JSON.stringify(r.filter("Deployment"))).not.toContain("orders-mysql-root");
  });

  it("generates the store passwords by default, or takes them given as secrets and generates none", async () => {
    expect(r.resources.filter((x) => x.type === "random:index/randomPassword:RandomPassword").map((x) => x.name).sort()).toEqual(["cart-redis-password", "orders-mysql-password", "orders-mysql-root-password"]);
    const passwords = { mysql: pulumi.secret("given-mysql-pw-3f1"), mysqlRoot: pulumi.secret("given-root-pw-5c9"), redis: pulumi.secret("given-redis-pw-8a2") };
    const given = await render(() => shop({ ...config, passwords }), { project: "shop", stack: "dev", stackReferences });
    expect(given.resources.filter((x) => x.type.startsWith("random:"))).toEqual([]);
    const stringData = (name: string) => given.find("Secret", name, "shop").stringData as Record<string, string>;
    expect(stringData("orders-mysql-credentials").MYSQL_PASSWORD).toBe("given-mysql-pw-3f1");
    expect(stringData("cart-redis-credentials").REDIS_PASSWORD).toBe("given-redis-pw-8a2");
    expect(stringData("orders-mysql-root").MYSQL_ROOT_PASSWORD).toBe("given-root-pw-5c9");
    for (const value of ["given-mysql-pw-3f1", "given-root-pw-5c9", "given-redis-pw-8a2"]) expect(findSecretLeaks(given.resources, value, { yaml: given.toYaml() })).toEqual([]);
  });

  it("validates against the schemas and passes every check", () => {
    expect(r.validate({ crdDirs: [CRD_DIR] })).toEqual([]);
    expect(r.check()).toEqual([]);
  });

  it("fails at deploy time when the platform has no such tenant", async () => {
    const refs = { "acme/platform/local": { ...stackReferences["acme/platform/local"], tenants: { billing: "billing" } } };
    await expect(render(() => shop(config), { stackReferences: refs })).rejects.toThrow(/PlatformStack "acme\/platform\/local": tenant \("shop"\) is not a tenant of the platform stack/);
  });
});
