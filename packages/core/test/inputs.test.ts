import * as pulumi from "@pulumi/pulumi";

// Outputs only resolve under a Pulumi runtime; mocks stand in for the engine (there is no CLI here).
pulumi.runtime.setMocks({ newResource: (a) => ({ id: a.name, state: a.inputs }), call: (a) => a.inputs });

import { checkHostname, checkInput, checkPort, InputSite, isKnown, SlipwayInputError } from "@slipway/core";
import { settle } from "./support";

const site: InputSite = { component: "AppService", name: "cart" };
const checkAppPort = (port: number) => {
  checkPort(site, "port", port);
};

/** A mock resource whose `port` output resolves only at deploy time. */
class PortHolder extends pulumi.CustomResource {
  declare readonly port: pulumi.Output<number>;
  constructor(name: string, port: number) {
    super("test:index:PortHolder", name, { port });
  }
}

/** Resolves an Output's value through `apply`; only for Outputs that are expected to resolve. */
function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((value) => resolve(value)));
}

/**
 * Settles an Output that may fail. A throwing `apply` rejects the Output's internal promises, which
 * nothing public exposes; handle them all here so the rejection reaches the test instead of crashing the process.
 */

async function expectRejectedInputError(output: pulumi.Input<unknown>, path: string, value: unknown): Promise<void> {
  const error: unknown = await settle(output).then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(SlipwayInputError);
  expect((error as SlipwayInputError).message).toContain(`AppService "cart": ${path}`);
  expect((error as SlipwayInputError).path).toBe(path);
  expect((error as SlipwayInputError).value).toBe(value);
}

describe("isKnown", () => {
  it.each<[string, unknown]>([
    ["a string", "cart"],
    ["a number", 8080],
    ["an object", { port: 8080 }],
    ["undefined", undefined],
  ])("is true for %s", (_label, value) => {
    expect(isKnown(value)).toBe(true);
  });

  it.each<[string, () => unknown]>([
    ["an Output", () => pulumi.output(8080)],
    ["a secret Output", () => pulumi.secret("fake-secret-for-tests-3f9c")],
    ["a Promise", () => Promise.resolve(8080)],
  ])("is false for %s", (_label, make) => {
    expect(isKnown(make())).toBe(false);
  });
});

describe("checkInput with a plain value", () => {
  it("checks the value at once and returns it unchanged", () => {
    const check = jest.fn((expose: { host: string }) => {
      checkHostname(site, "expose.host", expose.host);
    });
    const value = { host: "cart.shop.example.com" };
    expect(checkInput(value, check)).toBe(value);
    expect(check).toHaveBeenCalledTimes(1);
    expect(check).toHaveBeenCalledWith(value);
  });

  it.each([0, 70000, 80.5])("throws a SlipwayInputError at construction for port %p", (port) => {
    let caught: unknown;
    try {
      checkInput(port, checkAppPort);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SlipwayInputError);
    expect((caught as SlipwayInputError).message).toContain(`AppService "cart": port (${port})`);
    expect((caught as SlipwayInputError).path).toBe("port");
    expect((caught as SlipwayInputError).value).toBe(port);
  });
});

describe("checkInput with an Output", () => {
  it("defers the check until the Output resolves, then passes the value through", async () => {
    const check = jest.fn(checkAppPort);
    const checked = checkInput(pulumi.output(8080), check);
    expect(pulumi.Output.isInstance(checked)).toBe(true);
    expect(check).not.toHaveBeenCalled();
    expect(await valueOf(checked as pulumi.Output<number>)).toBe(8080);
    expect(check).toHaveBeenCalledTimes(1);
    expect(check).toHaveBeenCalledWith(8080);
  });

  it("rejects with a SlipwayInputError when the resolved value is bad", async () => {
    await expectRejectedInputError(checkInput(pulumi.output(70000), checkAppPort), "port", 70000);
  });

  it("checks a value that only a resource knows at deploy time", async () => {
    const good = new PortHolder("good", 8080);
    const bad = new PortHolder("bad", 0);
    expect(await valueOf(checkInput(good.port, checkAppPort) as pulumi.Output<number>)).toBe(8080);
    await expectRejectedInputError(checkInput(bad.port, checkAppPort), "port", 0);
  });

  it("keeps a secret secret", async () => {
    const host = "fake-unique-host-7c1e.example.com";
    const checked = checkInput(pulumi.secret(host), (value) => {
      checkHostname(site, "expose.host", value);
    }) as pulumi.Output<string>;
    expect(await pulumi.isSecret(checked)).toBe(true);
    expect(await valueOf(checked)).toBe(host);
  });

  it("rejects a bad secret with the same error type", async () => {
    const checked = checkInput(pulumi.secret("not a hostname"), (value) => {
      checkHostname(site, "expose.host", value);
    });
    await expectRejectedInputError(checked, "expose.host", "not a hostname");
  });
});

describe("checkInput with a Promise", () => {
  it("resolves a good value through an Output", async () => {
    const checked = checkInput(Promise.resolve(443), checkAppPort);
    expect(pulumi.Output.isInstance(checked)).toBe(true);
    expect(await valueOf(checked as pulumi.Output<number>)).toBe(443);
  });

  it("rejects a bad value with a SlipwayInputError", async () => {
    await expectRejectedInputError(checkInput(Promise.resolve(-1), checkAppPort), "port", -1);
  });
});
