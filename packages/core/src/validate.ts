import { isIP } from "net";
import { fail, InputSite } from "./errors";
import { isDns1123Subdomain } from "./names";

/** Fails unless `value` is a finite number within [min, max] (and whole, unless `integer: false`). */
export function checkNumber(
  site: InputSite,
  path: string,
  value: unknown,
  bounds: { min?: number; max?: number; integer?: boolean } = {},
): number {
  const integer = bounds.integer ?? true;
  if (typeof value !== "number" || !Number.isFinite(value)) return fail(site, path, value, "must be a number");
  if (integer && !Number.isInteger(value)) return fail(site, path, value, "must be a whole number");
  if (bounds.min !== undefined && value < bounds.min) return fail(site, path, value, `is below the minimum ${bounds.min}`);
  if (bounds.max !== undefined && value > bounds.max) return fail(site, path, value, `is above the maximum ${bounds.max}`);
  return value;
}

/** Fails unless `value` is a TCP/UDP port number (1-65535). */
export function checkPort(site: InputSite, path: string, value: unknown): number {
  return checkNumber(site, path, value, { min: 1, max: 65535 });
}

const PORT_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

/** Fails unless `value` is an IANA service name, the rule for container and Service port names. */
export function checkPortName(site: InputSite, path: string, value: unknown): string {
  const ok = typeof value === "string" && value.length <= 15 && PORT_NAME.test(value) && /[a-z]/.test(value) && !value.includes("--");
  if (!ok) {
    return fail(site, path, value, "is not a valid port name", "use at most 15 lowercase letters, digits and single '-', with at least one letter");
  }
  return value;
}

/** Fails unless `value` is one of `allowed`. */
export function checkOneOf<T extends string>(site: InputSite, path: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    return fail(site, path, value, `must be one of ${allowed.join(", ")}`);
  }
  return value as T;
}

const DECIMAL_SUFFIX: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, "": 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };
const BINARY_SUFFIX: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const QUANTITY = /^([0-9]+(?:\.[0-9]*)?|\.[0-9]+)((?:[eE][+-]?[0-9]+)|Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$/;

/** Parses a Kubernetes quantity ("500m", "1.5", "512Mi", "1e3") into its value in base units; undefined if invalid. */
export function parseQuantity(text: string): number | undefined {
  const match = QUANTITY.exec(text);
  if (!match) return undefined;
  const [, digits, suffix = ""] = match;
  const base = Number(digits);
  // Only a full exponent ("e3", "E-2") scales by ten; the suffixes "E" and "Ei" mean exa and exbi.
  const value = /^[eE][+-]?[0-9]+$/.test(suffix) ? base * 10 ** Number(suffix.slice(1)) : base * (BINARY_SUFFIX[suffix] ?? DECIMAL_SUFFIX[suffix]);
  // "1e400" overflows to Infinity, which no resource can hold.
  return Number.isFinite(value) ? value : undefined;
}

/**
 * Fails unless `value` is a positive Kubernetes quantity. `kind` sharpens the hint:
 * CPU takes cores or millicores ("250m"), memory and storage take bytes with a suffix ("512Mi").
 */
export function checkQuantity(site: InputSite, path: string, value: unknown, kind: "cpu" | "memory" | "storage" | "count" = "memory"): number {
  const hint = {
    cpu: 'use cores or millicores, e.g. "500m" or "2"',
    memory: 'use bytes with a binary suffix, e.g. "256Mi" or "2Gi"',
    storage: 'use bytes with a binary suffix, e.g. "10Gi"',
    count: 'use a whole number, e.g. "20"',
  }[kind];
  // Numbers go through the same checks as strings, so 512 (bytes) fails like "512" does.
  const parsed = typeof value === "number" ? (Number.isFinite(value) ? value : undefined) : typeof value === "string" ? parseQuantity(value) : undefined;
  if (parsed === undefined) return fail(site, path, value, "is not a Kubernetes quantity", hint);
  if (parsed <= 0) return fail(site, path, value, "must be greater than zero", hint);
  if ((kind === "memory" || kind === "storage") && parsed < 1024 * 1024) {
    return fail(site, path, value, "is less than 1Mi, almost certainly a missing suffix", hint);
  }
  if (kind === "count" && !Number.isInteger(parsed)) return fail(site, path, value, "must be a whole number", hint);
  return parsed;
}

const DURATION_UNITS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31536000 };
const DURATION = /^(?:[0-9]+(?:ms|s|m|h|d|w|y))+$/;

/** Parses a duration ("30s", "1h30m", "15d") into seconds; undefined if invalid. */
export function parseDuration(text: string): number | undefined {
  if (!DURATION.test(text)) return undefined;
  let seconds = 0;
  for (const [, count, unit] of text.matchAll(/([0-9]+)(ms|s|m|h|d|w|y)/g)) seconds += Number(count) * DURATION_UNITS[unit];
  return seconds;
}

/** Fails unless `value` is a positive duration such as "30s", "5m" or "1h30m" (units ms, s, m, h, d, w, y). */
export function checkDuration(site: InputSite, path: string, value: unknown, bounds: { minSeconds?: number; maxSeconds?: number } = {}): number {
  const seconds = typeof value === "string" ? parseDuration(value) : undefined;
  if (seconds === undefined) return fail(site, path, value, "is not a duration", 'use a number with a unit, e.g. "30s", "5m", "1h30m" or "15d"');
  if (seconds <= 0) return fail(site, path, value, "must be longer than zero");
  if (bounds.minSeconds !== undefined && seconds < bounds.minSeconds) return fail(site, path, value, `is shorter than ${bounds.minSeconds}s`);
  if (bounds.maxSeconds !== undefined && seconds > bounds.maxSeconds) return fail(site, path, value, `is longer than ${bounds.maxSeconds}s`);
  return seconds;
}

/** Fails unless `value` is an IPv4 or IPv6 address (of `family` when given). */
export function checkIp(site: InputSite, path: string, value: unknown, family?: 4 | 6): string {
  const found = typeof value === "string" ? isIP(value) : 0;
  if (found === 0 || (family && found !== family)) {
    return fail(site, path, value, `is not an IPv${family ?? "4 or IPv6"} address`, family === 6 ? 'e.g. "fd00::1"' : 'e.g. "10.0.0.12"');
  }
  return value as string;
}

/** A parsed CIDR block: address family, first address as a bigint, prefix length. */
export interface Cidr {
  family: 4 | 6;
  base: bigint;
  prefix: number;
  text: string;
}

function ipv4AsTwoGroups(ipv4: string): string {
  const value = ipToBigInt(ipv4, 4);
  return `${(value >> 16n).toString(16)}:${(value & 0xffffn).toString(16)}`;
}

function ipToBigInt(ip: string, family: 4 | 6): bigint {
  if (family === 4) return ip.split(".").reduce((acc, octet) => (acc << 8n) + BigInt(Number(octet)), 0n);
  // A trailing dotted quad ("::ffff:10.0.0.0") holds the last two 16-bit groups.
  const quad = /:(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
  const hex = quad ? `${ip.slice(0, quad.index + 1)}${ipv4AsTwoGroups(quad[1])}` : ip;
  const [head, tail = ""] = hex.split("::");
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  const groups = hex.includes("::") ? [...h, ...Array(8 - h.length - t.length).fill("0"), ...t] : h;
  return groups.reduce((acc, group) => (acc << 16n) + BigInt(parseInt(group || "0", 16)), 0n);
}

/** Splits "ip/prefix" without judging host bits; undefined unless both halves are well formed. */
function parseCidrParts(text: string): Cidr | undefined {
  const [ip, prefixText, extra] = text.split("/");
  // No leading zeros in the prefix, and no IPv6 zone ("%eth0"): a block is not tied to an interface.
  if (extra !== undefined || prefixText === undefined || !/^(0|[1-9][0-9]{0,2})$/.test(prefixText) || ip.includes("%")) return undefined;
  const family = isIP(ip);
  if (family !== 4 && family !== 6) return undefined;
  const prefix = Number(prefixText);
  if (prefix > (family === 4 ? 32 : 128)) return undefined;
  return { family, base: ipToBigInt(ip, family), prefix, text };
}

function hasHostBits(cidr: Cidr): boolean {
  const hostMask = (1n << BigInt((cidr.family === 4 ? 32 : 128) - cidr.prefix)) - 1n;
  return (cidr.base & hostMask) !== 0n;
}

/** Parses "10.0.0.0/16" or "fd00::/64"; undefined if invalid (host bits set count as invalid). */
export function parseCidr(text: string): Cidr | undefined {
  const cidr = parseCidrParts(text);
  return cidr && !hasHostBits(cidr) ? cidr : undefined;
}

/** True when two CIDR blocks share any address. */
export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  if (a.family !== b.family) return false;
  const bits = a.family === 4 ? 32 : 128;
  const shorter = Math.min(a.prefix, b.prefix);
  const shift = BigInt(bits - shorter);
  return a.base >> shift === b.base >> shift;
}

/** Fails unless `value` is a CIDR block with no host bits set, with a prefix within `prefix` bounds. */
export function checkCidr(site: InputSite, path: string, value: unknown, prefix: { min?: number; max?: number } = {}): Cidr {
  if (typeof value !== "string") return fail(site, path, value, "is not a CIDR block", 'e.g. "10.233.64.0/18"');
  const cidr = parseCidrParts(value);
  if (!cidr) return fail(site, path, value, "is not a CIDR block", 'e.g. "10.233.64.0/18"');
  if (hasHostBits(cidr)) return fail(site, path, value, "has host bits set", "use the network address of the block");
  if (prefix.min !== undefined && cidr.prefix < prefix.min) return fail(site, path, value, `is larger than a /${prefix.min}`);
  if (prefix.max !== undefined && cidr.prefix > prefix.max) return fail(site, path, value, `is smaller than a /${prefix.max}`);
  return cidr;
}

/** Fails unless `value` is a DNS hostname (lowercase; `*.` allowed in front when `wildcard`). */
export function checkHostname(site: InputSite, path: string, value: unknown, options: { wildcard?: boolean } = {}): string {
  const text = typeof value === "string" ? value : "";
  const bare = options.wildcard && text.startsWith("*.") ? text.slice(2) : text;
  if (!bare.includes(".") || !isDns1123Subdomain(bare) || isIP(bare) !== 0) {
    return fail(site, path, value, "is not a fully qualified hostname", 'use lowercase dot-separated labels, e.g. "cart.shop.example.com"');
  }
  return text;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Fails unless `value` looks like an email address. */
export function checkEmail(site: InputSite, path: string, value: unknown): string {
  if (typeof value !== "string" || !EMAIL.test(value)) return fail(site, path, value, "is not an email address", 'e.g. "platform@example.com"');
  return value;
}

/** Fails unless `value` is an http(s) URL. */
export function checkUrl(site: InputSite, path: string, value: unknown, schemes: readonly string[] = ["https:", "http:"]): URL {
  let url: URL | undefined;
  try {
    url = typeof value === "string" ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || !schemes.includes(url.protocol) || !url.hostname) {
    return fail(site, path, value, `is not a URL with scheme ${schemes.map((s) => s.replace(":", "")).join(" or ")}`);
  }
  return url;
}
