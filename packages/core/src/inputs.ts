import * as pulumi from "@pulumi/pulumi";

/** True when a value is already known (not an Output or a Promise), so it can be validated at construction. */
export function isKnown<T>(value: pulumi.Input<T>): value is T {
  return !pulumi.Output.isInstance(value) && !(value instanceof Promise);
}

/**
 * Validates an Input: a plain value now (so bad input fails at construction), an Output when it
 * resolves (so deploy-time values fail with the same error type instead of reaching the API server).
 */
export function checkInput<T>(value: pulumi.Input<T>, check: (resolved: T) => void): pulumi.Input<T> {
  if (isKnown(value)) {
    check(value);
    return value;
  }
  return pulumi.output(value).apply((resolved) => {
    check(resolved as T);
    return resolved;
  }) as pulumi.Output<T>;
}
