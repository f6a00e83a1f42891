import { AppService, AppServiceArgs } from "@slipway/apps";
import { inputErrorMismatches, render, renderError } from "@slipway/testing";
import { at, GATEWAY, SHOP } from "./support";

const base: AppServiceArgs = { tenant: SHOP, image: "ghcr.io/acme/orders:1.4.2", port: 8080, canary: { image: "ghcr.io/acme/orders:1.5.0", weight: 10 } };
const expose = { host: "orders.shop.example.com", gateway: GATEWAY };

describe("a canary says which paths its weight holds on (CHECKS L9)", () => {
  it("by default spreads in-cluster calls over both tracks and declares it on the Service", async () => {
    const r = await render(() => new AppService("orders", base));
    expect(r.find("Service", "orders", "shop").metadata.annotations).toEqual({ "slipway.dev/canary-in-cluster": "replica-share" });
    expect(at(r.find("Service", "orders", "shop"), "spec.selector")).not.toHaveProperty("slipway.dev/track");
    expect(r.find("Deployment", "orders-canary", "shop").metadata.annotations).toMatchObject({ "slipway.dev/canary-weight": "10" });
    expect(r.check({ only: ["L9"] })).toEqual([]);
  });

  it('keeps in-cluster calls on the stable track with inCluster: "stable"; the gateway splits by weight', async () => {
    const r = await render(() => new AppService("orders", { ...base, canary: { ...base.canary!, inCluster: "stable" }, expose }));
    expect(at(r.find("Service", "orders", "shop"), "spec.selector", "slipway.dev/track")).toBe("stable");
    expect(r.find("Service", "orders", "shop").metadata.annotations).toEqual({ "slipway.dev/canary-in-cluster": "stable" });
    const backends = at(r.find("HTTPRoute", "orders", "shop"), "spec.rules", 0, "backendRefs").map((b: { name: string; weight: number }) => [b.name, b.weight]);
    expect(backends).toEqual([
      ["orders-stable", 90],
      ["orders-canary", 10],
    ]);
    expect(r.check({ only: ["L9"] })).toEqual([]);
  });

  it.each([
    ["an unknown path mode", { canary: { ...base.canary!, inCluster: "mesh" as never } }, "canary.inCluster", '"mesh"'],
    ["stable-only in-cluster on an app nothing else reaches", { canary: { ...base.canary!, inCluster: "stable" as const } }, "canary.inCluster", '"stable"'],
  ])("refuses %s", async (_case, change, field, shown) => {
    const error = await renderError(() => new AppService("orders", { ...base, ...change }));
    expect(inputErrorMismatches(error, { component: "AppService", name: "orders", field, shown })).toEqual([]);
  });
});
