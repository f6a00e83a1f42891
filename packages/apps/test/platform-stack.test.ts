import { AppService, PlatformOutputs, PlatformStack, StatefulApp, Tenant } from "@slipway/apps";
import { inputErrorMismatches, render, renderError } from "@slipway/testing";
import { at } from "./support";

const OUTPUTS: PlatformOutputs = {
  tenants: { shop: "shop-prod", billing: "billing" },
  tenantDefaults: { shop: { imagePullSecrets: ["shop-pull"], profile: { revisionHistoryLimit: 3 } } },
  registry: "123456789012.dkr.ecr.eu-west-1.amazonaws.com",
  domain: "apps.example.com",
  storageClasses: { block: "gp3" },
  gateway: { name: "platform", namespace: "gateway-system", httpsListener: "https" },
  clusterDns: { namespace: "kube-system", podLabels: { "k8s-app": "kube-dns" } },
};
const refs = (outputs: Record<string, unknown> = OUTPUTS as unknown as Record<string, unknown>) => ({ stackReferences: { "acme/platform/prod": outputs } });
const load = () => PlatformStack.load("platform", { stack: "acme/platform/prod" });

describe("PlatformStack.load reads the platform's outputs before building", () => {
  it("gives the tenant's exported namespace, pull secrets and defaults, and the exported block class", async () => {
    const r = await render(async () => {
      const platform = await load();
      const shop = platform.tenant("shop");
      expect(shop).toMatchObject({ namespace: "shop-prod", tenantName: "shop", imagePullSecrets: ["shop-pull"] });
      expect(shop.profile).toEqual({ revisionHistoryLimit: 3 });
      expect(platform.storageClass("block").storageClassName).toBe("gp3");
      new AppService("cart", { tenant: shop, image: platform.registry.image("shop/cart", "1.4.2"), port: 8080 });
      new StatefulApp("cart-redis", { tenant: shop, preset: "redis", storage: { size: "5Gi", class: platform.storageClass("block") } });
    }, refs());
    const cart = r.find("Deployment", "cart", "shop-prod");
    expect(at(cart, "spec.revisionHistoryLimit")).toBe(3); // the tenant's defaults profile
    expect(at(cart, "spec.template.spec.imagePullSecrets")).toEqual([{ name: "shop-pull" }]);
    expect(at(cart, "spec.template.spec.containers", 0, "image")).toBe("123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/cart:1.4.2");
    expect(at(r.find("StatefulSet", "cart-redis", "shop-prod"), "spec.template.spec.imagePullSecrets")).toEqual([{ name: "shop-pull" }]);
    expect(at(r.find("StatefulSet", "cart-redis", "shop-prod"), "spec.volumeClaimTemplates", 0, "spec", "storageClassName")).toBe("gp3");
  });

  it("gives a tenant without pull secrets none (public images, or node-role pulls)", async () => {
    await render(async () => {
      const billing = (await load()).tenant("billing");
      expect(billing.imagePullSecrets).toBeUndefined();
      expect(billing.namespace).toBe("billing");
    }, refs());
  });

  /** [case, outputs change, program, field, shown]. */
  const cases: [string, (o: Record<string, unknown>) => void, (p: PlatformStack) => unknown, string, string][] = [
    ["a tenant the platform lacks", () => undefined, (p) => p.tenant("search"), "tenant", '"search"'],
    ["a storage role the platform does not export", () => undefined, (p) => p.storageClass("filesystem"), "storageClass", '"filesystem"'],
    ["an output the platform does not export", (o) => delete o.storageClasses, () => undefined, "stack", '"acme/platform/prod"'],
  ];
  it.each(cases)("fails clearly on %s", async (_case, change, use, field, shown) => {
    const outputs = structuredClone(OUTPUTS) as unknown as Record<string, unknown>;
    change(outputs);
    const error = await renderError(async () => use(await load()), refs(outputs));
    expect(inputErrorMismatches(error, { component: "PlatformStack", name: "acme/platform/prod", field, shown })).toEqual([]);
  });

  it("names the platform's tenants and classes in the hint", async () => {
    const tenant = await renderError(async () => (await load()).tenant("search"), refs());
    expect((tenant as Error).message).toContain("use one of billing, shop");
    const role = await renderError(async () => (await load()).storageClass("filesystem"), refs());
    expect((role as Error).message).toContain("use one of block (gp3)");
  });

  it("refuses a class the team names that is not the platform's", async () => {
    const error = await renderError(async () => (await PlatformStack.load("platform", { stack: "acme/platform/prod", storageClasses: { block: "ceph-block" } })).storageClass("block"), refs());
    expect(inputErrorMismatches(error, { component: "PlatformStack", name: "acme/platform/prod", field: "storageClasses.block", shown: '"ceph-block"' })).toEqual([]);
  });
});

describe("new PlatformStack (outputs unread while objects are built)", () => {
  it("fails at deploy time when the tenant lives in another namespace or needs a pull secret", async () => {
    const error = await renderError(() => {
      const shop = new PlatformStack("platform", { stack: "acme/platform/prod" }).tenant("shop");
      return { ready: shop.ready };
    }, refs());
    expect(inputErrorMismatches(error, { component: "PlatformStack", name: "acme/platform/prod", field: "tenant", shown: '"shop"' })).toEqual([]);
    expect((error as Error).message).toContain("PlatformStack.load");
  });
});

describe("a Tenant on a cluster with NodeLocal DNSCache", () => {
  it("allows DNS to the node-local address as well as the CoreDNS pods", async () => {
    const dns = { namespace: "kube-system", podLabels: { "k8s-app": "kube-dns" }, nodeLocal: "169.254.25.10" };
    const r = await render(() => new Tenant("shop", { cluster: { clusterName: "main", kind: "existing", provider: undefined as never, dns } as never }));
    expect(at(r.find("NetworkPolicy", "allow-dns", "shop"), "spec.egress", 0, "to")).toEqual([
      { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } },
      { ipBlock: { cidr: "169.254.25.10/32" } },
    ]);
  });
});
