import { resolve } from "path";
import { loadStack } from "@slipway/cli";

// The program runs once per test file (the module registry keeps it): load-engine.test.ts renders it the other way.
describe("loadStack", () => {
  it("renders through the fast path by default (slipway render, check, graph, cost)", async () => {
    const { rendered } = await loadStack(resolve(__dirname, "fixtures/fast"), { stack: "dev" });
    expect(rendered.outputs.fastPath).toBe(true);
    expect(rendered.find("Deployment", "cart", "shop").metadata.labels).toMatchObject({ "app.kubernetes.io/name": "cart" });
  });
});
