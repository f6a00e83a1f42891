import * as path from "path";
import { SlipwayInputError } from "@slipway/core";
import { Rendered, RenderedResource } from "@slipway/testing";

/** The upstream CRDs beside the project (never copied in). */
export const CRD_DIR = path.resolve(__dirname, "../../../../shared/crds");

/** Config every EKS render runs with. */
export const AWS_CONFIG = { "aws:region": "eu-west-1" };
export const ZONES = ["eu-west-1a", "eu-west-1b", "eu-west-1c"];
export const ADMIN_ROLE = "arn:aws:iam::123456789012:role/platform-admins";
export const TEAM_ROLE = "arn:aws:iam::123456789012:role/shop-developers";
export const CI_ROLE = "arn:aws:iam::123456789012:role/ci-runner";

/** A parsed IAM policy document. */
export interface PolicyDocument {
  Version: string;
  Statement: Array<{ Sid?: string; Effect: string; Action: string | string[]; Resource?: string | string[]; Principal?: Record<string, string | string[]>; Condition?: Record<string, Record<string, string | string[]>> }>;
}

/** Parses a policy input (a JSON string) so tests assert on exactly what AWS receives. */
export function policy(value: unknown): PolicyDocument {
  expect(typeof value).toBe("string");
  return JSON.parse(value as string) as PolicyDocument;
}

/** The one resource of `type` named `name`. */
export function one(r: Rendered, type: string, name: string): RenderedResource {
  const found = r.byType(type).filter((x) => x.name === name);
  if (found.length !== 1) throw new Error(`${found.length} ${type} named ${name}; have: ${r.byType(type).map((x) => x.name).join(", ")}`);
  return found[0];
}

/** Reads a nested field: at(obj, "spec.template.spec", "containers", 0). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function at(value: unknown, path: string, ...keys: (string | number)[]): any {
  return [...path.split("."), ...keys].reduce<unknown>((acc, key) => (acc as Record<string | number, unknown> | undefined)?.[key], value);
}

/** The error a render failed with (or undefined when it succeeded). */
export async function failure(attempt: Promise<unknown>): Promise<unknown> {
  return attempt.then(
    () => undefined,
    (e: unknown) => e,
  );
}

/** Asserts a SlipwayInputError naming the component, the field and the shown value. */
export function expectInputError(error: unknown, site: string, field: string, shown: string): void {
  expect(error).toBeInstanceOf(SlipwayInputError);
  const message = (error as Error).message;
  expect(message).toContain(site);
  expect(message).toContain(`${field} (`);
  expect(message).toContain(shown);
  expect((error as SlipwayInputError).path).toBe(field);
}
