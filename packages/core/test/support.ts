import { showValue, SlipwayInputError } from "@slipway/core";
import * as pulumi from "@pulumi/pulumi";

/**
 * Resolves an Output (or plain value) to a promise, rejecting when an apply threw. Pulumi also
 * rejects internal promises no public API exposes; they are caught here so a failing check does not
 * crash the test process with an unhandled rejection.
 */
export function settle<T>(output: pulumi.Input<T>): Promise<T> {
  if (!pulumi.Output.isInstance(output)) return Promise.resolve(output as T);
  const internals = output as unknown as { promise(): Promise<T>; isKnown: Promise<boolean>; isSecret: Promise<boolean> };
  internals.isKnown.catch(() => undefined);
  internals.isSecret.catch(() => undefined);
  return internals.promise();
}

/** Runs `act` and asserts it threw a SlipwayInputError naming `AppService "cart"`, the path and the shown bad value. */
export function expectInputError(act: () => unknown, path: string, value: unknown, problem?: string): SlipwayInputError {
  let caught: unknown;
  try {
    act();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(SlipwayInputError);
  const error = caught as SlipwayInputError;
  expect(error.message).toContain('AppService "cart"');
  expect(error.message).toContain(`${path} (${showValue(value)})`);
  expect(error.path).toBe(path);
  expect(error.value).toBe(value);
  if (problem) expect(error.problem).toContain(problem);
  return error;
}
