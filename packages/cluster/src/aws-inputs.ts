import { fail, InputSite, isKnown } from "@slipway/core";
import * as pulumi from "@pulumi/pulumi";

/** Validators for AWS identifiers: bad ids fail at construction instead of in the AWS API. */

const ROLE_ARN = /^arn:aws(-cn|-us-gov)?:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const PRINCIPAL_ARN = /^arn:aws(-cn|-us-gov)?:iam::\d{12}:(role|user)\/[\w+=,.@/-]{1,512}$/;
const POLICY_ARN = /^arn:aws(-cn|-us-gov)?:iam::(aws|\d{12}):policy\/[\w+=,.@/-]{1,512}$/;
/** AWS-managed policies that hand out (nearly) everything: never attach them to a workload. */
const TOO_BROAD_POLICIES = ["AdministratorAccess", "PowerUserAccess", "IAMFullAccess"];
const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;
const VPC_ID = /^vpc-[0-9a-f]{8}([0-9a-f]{9})?$/;
const SUBNET_ID = /^subnet-[0-9a-f]{8}([0-9a-f]{9})?$/;

/** A known value is checked now; an Output is taken as is (it comes from another resource). */
function checkKnown(value: unknown, ok: (text: string) => boolean): boolean {
  if (pulumi.Output.isInstance(value)) return true;
  return typeof value === "string" && ok(value);
}

/** Fails unless `value` is an IAM role ARN (or an Output of one). */
export function checkRoleArn(site: InputSite, path: string, value: unknown): pulumi.Input<string> {
  if (!checkKnown(value, (v) => ROLE_ARN.test(v))) return fail(site, path, value, "is not an IAM role ARN", 'e.g. "arn:aws:iam::123456789012:role/platform-admins"');
  return value as pulumi.Input<string>;
}

/** Fails unless `value` is an IAM role or user ARN (the principals EKS access entries take). */
export function checkPrincipalArn(site: InputSite, path: string, value: unknown): pulumi.Input<string> {
  if (!checkKnown(value, (v) => PRINCIPAL_ARN.test(v))) {
    return fail(site, path, value, "is not an IAM role or user ARN", 'e.g. "arn:aws:iam::123456789012:role/platform-admins"');
  }
  return value as pulumi.Input<string>;
}

/** Fails unless `value` is an IAM policy ARN that does not grant (nearly) everything. */
export function checkPolicyArn(site: InputSite, path: string, value: unknown): pulumi.Input<string> {
  if (!checkKnown(value, (v) => POLICY_ARN.test(v))) return fail(site, path, value, "is not an IAM policy ARN", 'e.g. "arn:aws:iam::123456789012:policy/cart-orders-table"');
  if (isKnown(value as pulumi.Input<string>) && TOO_BROAD_POLICIES.some((p) => (value as string).endsWith(`:policy/${p}`))) {
    return fail(site, path, value, "grants nearly every permission", "attach a policy listing the actions the workload needs");
  }
  return value as pulumi.Input<string>;
}

/** Fails unless `value` is an AWS region name such as "eu-west-1". */
export function checkRegion(site: InputSite, path: string, value: unknown): string {
  if (typeof value !== "string" || !REGION.test(value)) return fail(site, path, value, "is not an AWS region", 'set aws:region or region, e.g. "eu-west-1"');
  return value;
}

/** Fails unless `value` is a VPC id. */
export function checkVpcId(site: InputSite, path: string, value: unknown): pulumi.Input<string> {
  if (!checkKnown(value, (v) => VPC_ID.test(v))) return fail(site, path, value, "is not a VPC id", 'e.g. "vpc-0a1b2c3d4e5f60718"');
  return value as pulumi.Input<string>;
}

/** Fails unless `value` is a list of at least `min` distinct subnet ids. */
export function checkSubnetIds(site: InputSite, path: string, value: unknown, min: number): pulumi.Input<string>[] {
  if (!Array.isArray(value) || value.length < min) {
    return fail(site, path, value, `must list at least ${min} subnets`, "give subnets in at least two availability zones");
  }
  value.forEach((id, i) => {
    if (!checkKnown(id, (v) => SUBNET_ID.test(v))) fail(site, `${path}[${i}]`, id, "is not a subnet id", 'e.g. "subnet-0a1b2c3d4e5f60718"');
  });
  const plain = value.filter((v): v is string => typeof v === "string");
  const duplicate = plain.find((id, i) => plain.indexOf(id) !== i);
  if (duplicate) fail(site, path, duplicate, "is listed twice", "list each subnet once");
  return value as pulumi.Input<string>[];
}
