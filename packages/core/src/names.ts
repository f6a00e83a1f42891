import { createHash } from "crypto";
import { fail, InputSite } from "./errors";

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** True for an RFC 1123 DNS label: at most 63 lowercase alphanumerics or '-', alphanumeric at both ends. */
export function isDns1123Label(value: string): boolean {
  return value.length <= 63 && LABEL.test(value);
}

/** True for an RFC 1123 subdomain: dot-separated labels, at most 253 characters. */
export function isDns1123Subdomain(value: string): boolean {
  return value.length > 0 && value.length <= 253 && value.split(".").every((part) => part.length > 0 && isDns1123Label(part));
}

/** Fails unless `value` is a DNS-1123 label (the rule for Namespace, Service and most object names). */
export function checkDnsLabel(site: InputSite, path: string, value: unknown, maxLength = 63): string {
  if (typeof value !== "string" || value.length === 0) {
    return fail(site, path, value, "must be a non-empty string", "use lowercase letters, digits and '-'");
  }
  if (value.length > maxLength) {
    return fail(site, path, value, `is ${value.length} characters long, more than ${maxLength}`, "choose a shorter name");
  }
  if (!isDns1123Label(value)) {
    return fail(site, path, value, "is not a DNS-1123 label", "use lowercase letters, digits and '-', starting and ending with a letter or digit");
  }
  return value;
}

/** Fails unless `value` is a DNS-1123 subdomain (the rule for ConfigMap, Secret and CRD-object names). */
export function checkDnsSubdomain(site: InputSite, path: string, value: unknown): string {
  if (typeof value !== "string" || !isDns1123Subdomain(value)) {
    return fail(site, path, value, "is not a DNS-1123 subdomain", "use dot-separated lowercase labels of letters, digits and '-', 253 characters at most");
  }
  return value;
}

/** First `length` hex characters of the SHA-256 of `text`: short, stable disambiguators for names. */
export function shortHash(text: string, length = 6): string {
  return createHash("sha256").update(text).digest("hex").slice(0, length);
}

/**
 * Derives a child's name from its parent's (`cart` + `config` -> `cart-config`), deterministically.
 * Too long a result is truncated and suffixed with a hash of the full name, so distinct inputs stay distinct.
 */
export function childName(parent: string, suffix: string, maxLength = 63): string {
  const full = suffix ? `${parent}-${suffix}` : parent;
  if (full.length <= maxLength) return full;
  const hash = shortHash(full);
  const head = full.slice(0, maxLength - hash.length - 1).replace(/[-.]+$/, "");
  return `${head}-${hash}`;
}

const GROUP = /^[A-Za-z0-9][A-Za-z0-9._@:/-]*$/;

/** A Kubernetes RBAC group a team belongs to: no spaces, never a `system:` group (CHECKS A1). */
export function checkGroupName(site: InputSite, path: string, group: unknown): string {
  if (typeof group !== "string" || !GROUP.test(group)) fail(site, path, group, "is not a group name", "use the group name your identity provider issues, without spaces");
  if ((group as string).startsWith("system:")) fail(site, path, group, "is a Kubernetes system group", "bind team groups, never system: groups");
  return group as string;
}
