import * as pulumi from "@pulumi/pulumi";

/**
 * jest.config.js maps the TypeScript compiler and npm's Arborist, which @pulumi/pulumi loads at import
 * for closure serialization, to stand-ins that load them on first use. They must still work when used.
 */
describe("the SDK's lazily loaded modules", () => {
  it("serializes a closure, which parses the function with the TypeScript compiler", async () => {
    const answer = 42;
    const serialized = await pulumi.runtime.serializeFunction(() => answer, { isFactoryFunction: false });
    expect(serialized.text).toContain("42");
    expect(serialized.text).toContain("exports.handler");
  });

  it("hands out the real compiler and Arborist once asked", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ts = require("@pulumi/pulumi/typescript-shim") as typeof import("typescript");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(ts).not.toBe(require("typescript")); // the stand-in: without it every test file loads the compiler
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(ts.version).toBe(require("typescript/package.json").version);
    expect(ts.createSourceFile("a.ts", "const a = 1;", ts.ScriptTarget.ES2020).statements).toHaveLength(1);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Arborist } = require("@npmcli/arborist") as { Arborist: new (options: { path: string }) => { loadActual: unknown } };
    expect(typeof new Arborist({ path: __dirname }).loadActual).toBe("function");
  });
});
