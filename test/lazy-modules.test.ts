import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { render } from "@slipway/testing";

/**
 * jest.config.js maps the TypeScript compiler and npm's Arborist (which @pulumi/pulumi loads at import for
 * closure serialization) and @pulumi/aws's index to stand-ins that load them on first use, as each test file
 * loads its own modules. They must be in place, and work as the real modules do when used.
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

  it("hands out @pulumi/aws's namespaces and root functions from their own files, anything else from the index", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(aws.iam.Role).toBe(require("@pulumi/aws/iam").Role);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(aws.getRegionOutput).toBe(require("@pulumi/aws/getRegion").getRegionOutput);
    expect(typeof aws.getCallerIdentity).toBe("function");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(aws).not.toBe(require("@pulumi/aws/index.js")); // the stand-in: without it every test file loads 250 namespaces
    expect(typeof aws.Provider).toBe("function"); // defined in provider.js, found through the whole index
    expect(Object.keys(aws)).toEqual(expect.arrayContaining(["iam", "eks", "getPartitionOutput"]));
  });

  it("registers AWS resources under the mocks as the whole index would", async () => {
    const rendered = await render(() => {
      const role = new aws.iam.Role("r", { assumeRolePolicy: "{}" });
      return { arn: role.arn, region: aws.getRegionOutput().region };
    }, { config: { "aws:region": "eu-west-1" } });
    expect(rendered.resources.map((r) => r.type)).toContain("aws:iam/role:Role");
    expect(rendered.outputs.region).toBe("eu-west-1");
  });
});
