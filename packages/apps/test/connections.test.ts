import { render, Reachability, podsOf, PodEndpoint, Rendered } from "@slipway/testing";
import { AppService, Tenant } from "@slipway/apps";

const image = "ghcr.io/acme/svc:1.0.0";
const KUBE_DNS: PodEndpoint = { workload: "kube-dns", namespace: "kube-system", labels: { "k8s-app": "kube-dns" }, ports: { dns: 53 } };

function pods(r: Rendered) {
  const all = podsOf(r.manifests());
  return (workload: string, namespace: string) => {
    const pod = all.find((p) => p.workload === `Deployment/${workload}` && p.namespace === namespace);
    if (!pod) throw new Error(`no pod of ${workload} in ${namespace}`);
    return pod;
  };
}

describe("connections in one tenant", () => {
  let r: Rendered;
  beforeAll(async () => {
    r = await render(() => {
      const shop = new Tenant("shop");
      const a = new AppService("a", { tenant: shop, image, ports: { http: 8080, admin: 9000 } });
      const b = new AppService("b", { tenant: shop, image, ports: { http: 8080, admin: 9000 } });
      new AppService("c", { tenant: shop, image, port: 8080 });
      a.connectTo(b, { ports: ["http"] });
    });
  });

  it("lets A reach B's connected port, and nothing more", () => {
    const net = new Reachability(r.manifests());
    const pod = pods(r);
    expect(net.allows(pod("a", "shop"), pod("b", "shop"), "http")).toBe(true);
    expect(net.allows(pod("a", "shop"), pod("b", "shop"), "admin")).toBe(false);
    expect(net.allows(pod("b", "shop"), pod("a", "shop"), "http")).toBe(false);
    expect(net.allows(pod("c", "shop"), pod("a", "shop"), "http")).toBe(false);
    expect(net.allows(pod("c", "shop"), pod("b", "shop"), "http")).toBe(false);
    expect(net.allows(pod("a", "shop"), pod("c", "shop"), "http")).toBe(false);
    expect(net.allows(pod("b", "shop"), pod("c", "shop"), "http")).toBe(false);
  });

  it("keeps DNS working for every app", () => {
    const net = new Reachability(r.manifests());
    const pod = pods(r);
    for (const app of ["a", "b", "c"]) {
      expect(net.allows(pod(app, "shop"), KUBE_DNS, 53, "UDP")).toBe(true);
      expect(net.allows(pod(app, "shop"), KUBE_DNS, 53, "TCP")).toBe(true);
      expect(net.allows(pod(app, "shop"), KUBE_DNS, 80, "TCP")).toBe(false);
    }
  });

  it("renders one egress and one ingress policy per edge, named after it", () => {
    const connection = r.filter("NetworkPolicy").filter((p) => p.metadata.labels?.["app.kubernetes.io/component"] === "connection");
    expect(connection.map((p) => p.metadata.name).sort()).toEqual(["a-to-b", "b-from-a"]);
    expect(r.find("NetworkPolicy", "a-to-b", "shop").spec).toEqual({
      podSelector: { matchLabels: { "app.kubernetes.io/name": "a", "app.kubernetes.io/instance": "a" } },
      policyTypes: ["Egress"],
      egress: [{ to: [{ podSelector: { matchLabels: { "app.kubernetes.io/name": "b", "app.kubernetes.io/instance": "b" } } }], ports: [{ protocol: "TCP", port: 8080 }] }],
    });
  });

  it("passes every check", () => expect(r.check()).toEqual([]));
});

describe("connections across tenants", () => {
  let r: Rendered;
  beforeAll(async () => {
    r = await render(() => {
      const shop = new Tenant("shop");
      const billing = new Tenant("billing");
      const a = new AppService("a", { tenant: shop, image, port: 8080 });
      const b = new AppService("b", { tenant: billing, image, port: 8080 });
      new AppService("c", { tenant: billing, image, port: 8080 });
      b.allowFrom(a);
    });
  });

  it("lets shop/a reach billing/b, and nothing back or sideways", () => {
    const net = new Reachability(r.manifests());
    const pod = pods(r);
    expect(net.allows(pod("a", "shop"), pod("b", "billing"), "http")).toBe(true);
    expect(net.allows(pod("b", "billing"), pod("a", "shop"), "http")).toBe(false);
    expect(net.allows(pod("c", "billing"), pod("b", "billing"), "http")).toBe(false);
    for (const [app, ns] of [["a", "shop"], ["b", "billing"], ["c", "billing"]]) expect(net.allows(pod(app, ns), KUBE_DNS, 53, "UDP")).toBe(true);
  });

  it("selects the other tenant by namespace name", () => {
    expect(r.find("NetworkPolicy", "b-from-shop-a", "billing").spec).toMatchObject({
      ingress: [{ from: [{ podSelector: { matchLabels: { "app.kubernetes.io/name": "a" } }, namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "shop" } } }] }],
    });
    expect(r.find("NetworkPolicy", "a-to-billing-b", "shop")).toBeDefined();
  });

  it("grows with edges, not with apps squared", async () => {
    const policiesFor = async (apps: number) => {
      const rendered = await render(() => {
        const t = new Tenant("t");
        const services = Array.from({ length: apps }, (_, i) => new AppService(`s${i}`, { tenant: t, image, port: 8080 }));
        services.slice(1).forEach((s, i) => services[i].connectTo(s));
      });
      return rendered.filter("NetworkPolicy").filter((p) => p.metadata.labels?.["app.kubernetes.io/component"] === "connection").length;
    };
    expect(await policiesFor(5)).toBe(8);
    expect(await policiesFor(20)).toBe(38);
  });
});
