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
