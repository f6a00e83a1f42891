import { checkNumber, fail, InputSite } from "@slipway/core";

const REPOSITORY = /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
const PROJECT = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** Fails unless `value` is a repository name as ECR and Harbor accept it ("shop/cart"). */
export function checkRepositoryName(site: InputSite, path: string, value: unknown): string {
  if (typeof value !== "string" || value.length < 2 || value.length > 256 || !REPOSITORY.test(value)) {
    return fail(site, path, value, "is not a repository name", 'use lowercase path segments of letters, digits and single ".", "_" or "-", e.g. "shop/cart"');
  }
  return value;
}

/** Fails unless `value` is a Harbor project or robot name. */
export function checkProjectName(site: InputSite, path: string, value: unknown): string {
  if (typeof value !== "string" || value.length > 255 || !PROJECT.test(value)) return fail(site, path, value, "is not a Harbor name", 'use lowercase letters, digits and single ".", "_" or "-", e.g. "shop"');
  return value;
}

/** Fails unless `value` is an image tag other than the mutable "latest" (CHECKS S14). */
export function checkTag(site: InputSite, path: string, value: unknown): string {
  if (typeof value !== "string" || !TAG.test(value)) return fail(site, path, value, "is not an image tag", 'e.g. "1.4.2"');
  if (value === "latest") fail(site, path, value, 'is the mutable tag "latest"', "pin a version tag");
  return value;
}

/** Fails unless every name is valid and listed once. */
export function checkNameList(site: InputSite, path: string, value: unknown, check: (site: InputSite, path: string, value: unknown) => string): string[] {
  if (!Array.isArray(value)) return fail(site, path, value, "must be a list of names");
  return value.map((name, i) => {
    check(site, `${path}[${i}]`, name);
    if (value.indexOf(name) !== i) fail(site, `${path}[${i}]`, name, "is listed twice");
    return name as string;
  });
}

export function checkCount(site: InputSite, path: string, value: unknown, max: number): number {
  return checkNumber(site, path, value, { min: 1, max });
}
