import * as pulumi from "@pulumi/pulumi";
import { fail, InputSite, SlipwayInputError } from "./errors";

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

/**
 * Makes sure a value that must be secret is one (CHECKS X2): plain text fails now, a non-secret
 * Output when it resolves. The bad value itself is never shown in the error.
 */
export function requireSecret(site: InputSite, path: string, value: pulumi.Input<string> | undefined): pulumi.Output<string> {
  if (value === undefined || value === null) return fail(site, path, value, "is required", "pass a Pulumi secret, e.g. config.requireSecret(...)");
  if (isKnown(value)) {
    return fail(site, path, "[plain text]", "is plain text where a secret is required", "pass a Pulumi secret, e.g. config.requireSecret(...) or pulumi.secret(...)");
  }
  const output = pulumi.output(value);
  return pulumi.output(pulumi.isSecret(output)).apply((secret) => {
    if (!secret) throw new SlipwayInputError(site, path, "[output]", "is not a Pulumi secret", "wrap it with pulumi.secret(...) so it is encrypted in state");
    return output;
  });
}
