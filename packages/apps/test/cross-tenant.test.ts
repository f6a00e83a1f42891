import * as pulumi from "@pulumi/pulumi";
import { inputErrorMismatches, podsOf, Reachability, render, renderError, Rendered } from "@slipway/testing";
import { AppRef, AppService, PlatformStack, Tenant } from "@slipway/apps";

const image = "ghcr.io/acme/svc:1.0.0";
const connectionPolicies = (r: Rendered) => r.filter("NetworkPolicy").filter((p) => p.metadata.labels?.["app.kubernetes.io/component"] === "connection");
const where = (r: Rendered) => connectionPolicies(r).map((p) => `${String(p.metadata.namespace)}/${String(p.metadata.name)}`).sort();

describe("a connection into another tenant", () => {
  it("is refused without the owner's consent, naming both tenants and how to grant", async () => {
    const error = await renderError(() => {
      const a = new AppService("a", { tenant: new Tenant("shop"), image, port: 8080 });
      const b = new AppService("b", { tenant: new Tenant("billing"), image, port: 8080 });
      a.connectTo(b);
    });
    expect(inputErrorMismatches(error, { component: "Connection", name: "a-to-billing-b", field: "target", shown: 'AppService \\"b\\"' })).toEqual([]);
    const message = (error as Error).message;
    expect(message).toContain('is in tenant "billing", not in "shop"');
    expect(message).toMatch(/b\.allowFrom\(\.\.\.\).*accepts: \["shop"\].*tenants\.billing\.accepts: \["shop"\]/);
  });

  it("is refused when the owner accepts someone else", async () => {
    const error = await renderError(() => {
      const shop = new Tenant("shop");
      const a = new AppService("a", { tenant: shop, image, port: 8080 });
      const c = new AppService("c", { tenant: shop, image, port: 8080 });
      const b = new AppService("b", { tenant: new Tenant("billing"), image, port: 8080, accepts: [c, "marketing"] });
      a.connectTo(b);
    });
    expect(inputErrorMismatches(error, { component: "Connection", name: "a-to-billing-b", field: "target", shown: "billing" })).toEqual([]);
  });

  it.each([
    ["the owner accepts the caller's tenant by name", () => ({ accepts: ["shop"] }), {}],
    ["the owner accepts the caller's tenant", (shop: Tenant) => ({ accepts: [shop] }), {}],
    ["the platform grants the caller's tenant", () => ({}), { accepts: ["shop"] }],
  ])("is allowed when %s: egress in the caller's namespace, ingress in the owner's", async (_case, consent, billingArgs) => {
    const r = await render(() => {
      const shop = new Tenant("shop");
      const a = new AppService("a", { tenant: shop, image, port: 8080 });
      const b = new AppService("b", { tenant: new Tenant("billing", billingArgs), image, port: 8080, ...consent(shop) });
      new AppService("c", { tenant: shop, image, port: 8080 });
      a.connectTo(b);
    });
    expect(where(r)).toEqual(["billing/b-from-shop-a", "shop/a-to-billing-b"]);
    const net = new Reachability(r.manifests());
    const pods = podsOf(r.manifests());
    const pod = (name: string) => pods.find((p) => p.workload === `Deployment/${name}`)!;
    expect(net.allows(pod("a"), pod("b"), "http")).toBe(true);
    expect(net.allows(pod("c"), pod("b"), "http")).toBe(false);
    expect(net.allows(pod("b"), pod("a"), "http")).toBe(false);
  });

  it("accepts one app of another tenant by reference", async () => {
    const r = await render(() => {
      const shop = new Tenant("shop");
      const a = new AppService("a", { tenant: shop, image, port: 8080 });
      const b = new AppService("b", { tenant: new Tenant("billing"), image, port: 8080, accepts: [new AppRef("a", { tenant: shop })] });
      a.connectTo(b);
    });
    expect(where(r)).toEqual(["billing/b-from-shop-a", "shop/a-to-billing-b"]);
  });
});

describe("connections with another stack's app", () => {
  const shop = { namespace: "shop", tenantName: "shop" };

  it("writes only the owner's ingress when the owner allows a caller of another stack", async () => {
    const r = await render(() => {
      const b = new AppService("b", { tenant: { namespace: "billing", tenantName: "billing" }, image, port: 8080 });
      b.allowFrom(new AppRef("a", { tenant: shop }));
    });
    expect(where(r)).toEqual(["billing/b-from-shop-a"]);
    expect(r.find("NetworkPolicy", "b-from-shop-a", "billing").spec).toMatchObject({
      ingress: [{ from: [{ podSelector: { matchLabels: { "app.kubernetes.io/name": "a" } }, namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "shop" } } }] }],
    });
  });

  it("writes only the caller's egress when the platform grants the call", async () => {
    const r = await render(() => {
      const a = new AppService("a", { tenant: shop, image, port: 8080 });
      a.connectTo(new AppRef("b", { tenant: { namespace: "billing", tenantName: "billing", accepts: ["shop"] }, ports: { http: 8080 } }));
    });
    expect(where(r)).toEqual(["shop/a-to-billing-b"]);
  });

  it("refuses the call without the platform's grant", async () => {
    const error = await renderError(() => {
      const a = new AppService("a", { tenant: shop, image, port: 8080 });
      a.connectTo(new AppRef("b", { tenant: { namespace: "billing", tenantName: "billing" }, ports: { http: 8080 } }));
    });
    expect(inputErrorMismatches(error, { component: "Connection", name: "a-to-billing-b", field: "target", shown: 'AppRef \\"b\\"' })).toEqual([]);
  });

  it("refuses at deploy time when the platform's grants, known only then, do not include the caller", async () => {
    const error = await renderError(() => {
      const a = new AppService("a", { tenant: shop, image, port: 8080 });
      a.connectTo(new AppRef("b", { tenant: { namespace: "billing", tenantName: "billing", accepts: pulumi.output(["marketing"]) }, ports: { http: 8080 } }));
    });
    expect(inputErrorMismatches(error, { component: "Connection", name: "a-to-billing-b", field: "target", shown: "billing" })).toEqual([]);
  });

  it("reads the grants from the platform stack's outputs", async () => {
    const outputs = (grants: Record<string, string[]> | undefined) => ({
      "acme/platform/dev": { kubeconfig: "k", tenants: { shop: "shop", billing: "billing" }, registry: "r.example.com", domain: "apps.example.com", storageClasses: {}, gateway: { name: "platform", namespace: "gateway-system", httpsListener: "https" }, ...(grants ? { grants } : {}) },
    });
    const program = () => {
      const platform = new PlatformStack("platform", { stack: "acme/platform/dev" });
      const a = new AppService("a", { tenant: platform.tenant("shop"), image, port: 8080 });
      a.connectTo(new AppRef("b", { tenant: platform.tenant("billing"), ports: { http: 8080 } }));
    };
    const granted = await render(program, { stackReferences: outputs({ billing: ["shop"] }) });
    expect(where(granted)).toEqual(["shop/a-to-billing-b"]);
    for (const grants of [undefined, { billing: [] }, { shop: ["billing"] }] as (Record<string, string[]> | undefined)[]) {
      const error = await renderError(program, { stackReferences: outputs(grants) });
      expect(String((error as Error)?.message)).toContain('is in tenant "billing", not in "shop"');
    }
  });
});

describe("accepts", () => {
  it("must name tenants", async () => {
    const error = await renderError(() => new AppService("b", { namespace: "billing", image, port: 8080, accepts: ["Not A Tenant"] }));
    expect(inputErrorMismatches(error, { component: "AppService", name: "b", field: "accepts[0]", shown: '"Not A Tenant"' })).toEqual([]);
  });
});
