import { resolve } from "path";
import { loadStack } from "@slipway/cli";

describe("loadStack with fast: false", () => {
  it("registers every object with the Pulumi runtime", async () => {
    const { rendered } = await loadStack(resolve(__dirname, "fixtures/fast"), { stack: "dev", fast: false });
    expect(rendered.outputs.fastPath).toBe(false);
    expect(rendered.find("Deployment", "cart", "shop").metadata.labels).toMatchObject({ "app.kubernetes.io/name": "cart" });
  });
});
