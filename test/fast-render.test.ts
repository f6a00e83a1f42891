import { renderDifferences } from "@slipway/testing";
import { EXAMPLES, renderExampleOn } from "./examples.support";
import { renderStack, STACKS } from "./stacks.support";

// The fast render records what components plan instead of registering each object with the Pulumi
// runtime; it must be indistinguishable from the engine path: same resources by URN, inputs, secret
// paths, dependencies, ids, manifests, redacted dumps, charts and outputs.
describe("fast render matches the engine path", () => {
  it.each(STACKS)("platform stack %s", async (stack) => {
    const [fast, engine] = [await renderStack(stack, undefined, { fast: true }), await renderStack(stack, undefined, { fast: false })];
    expect(renderDifferences(fast, engine)).toEqual([]);
    expect(fast.manifests().length).toBeGreaterThan(50);
  });

  describe.each(EXAMPLES.map((e) => [e.name, e] as const))("example %s", (_name, example) => {
    it("renders identically on the dev platform", async () => {
      const platform = await renderStack("dev");
      const [fast, engine] = [await renderExampleOn(example, "dev", platform, { fast: true }), await renderExampleOn(example, "dev", platform, { fast: false })];
      expect(renderDifferences(fast, engine)).toEqual([]);
      expect(fast.manifests().length).toBeGreaterThan(0);
    });
  });
});
