import * as pulumi from "@pulumi/pulumi";
import { fail, InputSite, isKnown, SlipwayInputError } from "@slipway/core";

/** Makes sure a value that must be secret is one: plain text fails now, a non-secret Output at deploy time. */
export function requireSecret(site: InputSite, path: string, value: pulumi.Input<string> | undefined): pulumi.Output<string> {
  if (value === undefined) return fail(site, path, undefined, "is required", "pass a Pulumi secret, e.g. config.requireSecret(...)");
  if (isKnown(value)) {
    return fail(site, path, "[plain text]", "is plain text where a secret is required", "pass a Pulumi secret, e.g. config.requireSecret(...) or pulumi.secret(...)");
  }
  const output = pulumi.output(value);
  return pulumi.output(pulumi.isSecret(output)).apply((secret) => {
    if (!secret) throw new SlipwayInputError(site, path, "[output]", "is not a Pulumi secret", "wrap it with pulumi.secret(...) so it is encrypted in state");
    return output;
  });
}
