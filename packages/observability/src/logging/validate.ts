import { isIP } from "net";
import { checkNumber, fail, InputSite, isDns1123Subdomain } from "@slipway/core";

const FLUENT_SIZE = /^([0-9]+(?:\.[0-9]+)?)\s*(K|KB|M|MB|G|GB)?$/i;
const UNIT: Record<string, number> = { "": 1, K: 1e3, KB: 1e3, M: 1e6, MB: 1e6, G: 1e9, GB: 1e9 };

/** Parses a Fluent Bit size ("50MB", "5M", "1.5G", "2048") into bytes; undefined if invalid. */
export function parseFluentSize(text: string): number | undefined {
  const match = FLUENT_SIZE.exec(text);
  return match ? Number(match[1]) * UNIT[(match[2] ?? "").toUpperCase()] : undefined;
}

/** Fails unless `value` is a Fluent Bit size within [min, max] bytes; returns bytes. */
export function checkFluentSize(site: InputSite, path: string, value: unknown, bounds: { min: number; max: number }): number {
  const bytes = typeof value === "string" ? parseFluentSize(value) : undefined;
  if (bytes === undefined) return fail(site, path, value, "is not a Fluent Bit size", 'use a number with K, M or G (optionally KB, MB, GB), e.g. "50MB"');
  if (bytes < bounds.min) return fail(site, path, value, `is below the minimum ${bounds.min / 1e6}MB`);
  if (bytes > bounds.max) return fail(site, path, value, `is above the maximum ${bounds.max / 1e9}GB`);
  return bytes;
}

// Characters Elasticsearch and OpenSearch refuse in index names.
const INDEX_FORBIDDEN = /[\\/*?"<>|,# :A-Z]/;

/**
 * Fails unless `value` can start an index name: lowercase, none of `\ / * ? " < > | , #`, spaces or
 * ':', not starting with '-', '_' or '+', not "." or "..". Room is kept for the "-YYYY.MM.DD" suffix.
 */
export function checkIndexPrefix(site: InputSite, path: string, value: unknown): string {
  const hint = 'use lowercase letters, digits, "-" and ".", e.g. "logs"';
  if (typeof value !== "string" || value === "") return fail(site, path, value, "must be a non-empty string", hint);
  const bad = INDEX_FORBIDDEN.exec(value);
  if (bad) return fail(site, path, value, bad[0] >= "A" && bad[0] <= "Z" ? "has uppercase letters" : `contains the forbidden character ${JSON.stringify(bad[0])}`, hint);
  if (/^[-_+]/.test(value)) return fail(site, path, value, "starts with '-', '_' or '+'", hint);
  if (value === "." || value === "..") return fail(site, path, value, "is not an index name", hint);
  if (Buffer.byteLength(value) > 200) return fail(site, path, value, "is longer than 200 bytes", hint);
  return value;
}

/** Fails unless `value` is a bare host (DNS name or IP), without a scheme, port or path. */
export function checkBackendHost(site: InputSite, path: string, value: unknown): string {
  if (typeof value === "string" && (isIP(value) !== 0 || isDns1123Subdomain(value))) return value;
  const hint = typeof value === "string" && /[:/]/.test(value) ? "drop the scheme, port and path: set port separately" : 'e.g. "logs.example.com" or "opensearch.logging.svc"';
  return fail(site, path, value, "is not a host name or IP address", hint);
}

/** Fails unless `value` is a retry limit: a whole number of retries, or "no_limits". */
export function checkRetryLimit(site: InputSite, path: string, value: unknown): number | "no_limits" {
  if (value === "no_limits") return value;
  return checkNumber(site, path, value, { min: 1, max: 1000 });
}
