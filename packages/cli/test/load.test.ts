import { resolve } from "path";
import { loadStack } from "@slipway/cli";

// The program runs once per test file (the module registry keeps it): load-engine.test.ts renders it the other way.
describe("loadStack", () => {
  // The default is what is tested: SLIPWAY_FAST=0 (a whole-suite run on the Pulumi path) would change it.
  const saved = process.env.SLIPWAY_FAST;
  beforeAll(() => delete process.env.SLIPWAY_FAST);
  afterAll(() => {
    if (saved !== undefined) process.env.SLIPWAY_FAST = saved;
  });

  it("renders through the fast path by default (slipway render, check, graph, cost)", async () => {
    const { rendered } = await loadStack(resolve(__dirname, "fixtures/fast"), { stack: "dev" });
    expect(rendered.outputs.fastPath).toBe(true);
    expect(rendered.find("Deployment", "cart", "shop").metadata.labels).toMatchObject({ "app.kubernetes.io/name": "cart" });
  });
});
