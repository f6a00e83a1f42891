import { checkDnsLabel, checkHostname, fail, InputSite, isDns1123Subdomain } from "@slipway/core";

/** What `hostFor` accepts as a tenant: its name, or a Tenant-like handle. */
export type TenantLike = string | { tenantName?: string; namespace: string };

/** True when `host` is the domain itself or a name under it. */
export function isInZone(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

/** Fails unless `host` is a hostname inside the zone's domain. */
export function checkHostInZone(site: InputSite, path: string, host: unknown, domain: string, options: { wildcard?: boolean } = {}): string {
  const name = checkHostname(site, path, host, options);
  const bare = name.startsWith("*.") ? name.slice(2) : name;
  if (!isInZone(bare, domain)) return fail(site, path, host, `is outside the zone ${domain}`, `use a name ending in .${domain}`);
  return name;
}

/** The tenant's part of a host name: its tenant name, else its namespace. */
function tenantPart(site: InputSite, tenant: TenantLike, path = "hostFor.tenant"): string {
  const value = typeof tenant === "string" ? tenant : tenant && typeof tenant === "object" ? (tenant.tenantName ?? tenant.namespace) : tenant;
  return checkDnsLabel(site, path, value);
}

/**
 * The one naming rule for every exposed service: `<app>.<tenant>.<domain>`. Both parts must be DNS
 * labels and the result a valid host name (253 characters at most) inside the zone.
 */
export function hostName(site: InputSite, domain: string, app: string, tenant: TenantLike): string {
  const appPart = checkDnsLabel(site, "hostFor.app", app);
  const host = `${appPart}.${tenantPart(site, tenant)}.${domain}`;
  if (!isDns1123Subdomain(host)) return fail(site, "hostFor", host, "is not a valid host name (253 characters at most)", "use shorter app or tenant names");
  return checkHostInZone(site, "hostFor", host, domain);
}

/** `*.<tenant>.<domain>`: the wildcard a certificate needs to cover every host of one tenant. */
export function tenantWildcard(site: InputSite, domain: string, tenant: TenantLike, path?: string): string {
  return `*.${tenantPart(site, tenant, path)}.${domain}`;
}
