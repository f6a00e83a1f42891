import * as pulumi from "@pulumi/pulumi";
import { fail, InputSite } from "@slipway/core";
import type { ConnectionEndpoint } from "./endpoint";

/**
 * Who may call an endpoint from another tenant: a tenant (its name, or a tenant handle: every app of
 * it) or one endpoint (an app of this stack, or another stack's app by reference).
 */
export type Consent = string | { readonly namespace: string; readonly tenantName?: string } | ConnectionEndpoint;

/** The tenant an endpoint belongs to, for consent and messages. */
export function tenantOf(endpoint: Pick<ConnectionEndpoint, "tenantName" | "namespace">): string {
  return endpoint.tenantName ?? endpoint.namespace;
}

/** True when a policy of `from -> to` would cross from one tenant's namespace into another's. */
export function crossesTenants(from: ConnectionEndpoint, to: ConnectionEndpoint): boolean {
  return from.namespace !== to.namespace;
}

function sameSelector(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  if (!a || !b) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

function grants(consent: Consent, from: ConnectionEndpoint): boolean {
  if (typeof consent === "string") return consent === tenantOf(from) || consent === from.namespace;
  if ("servedPorts" in consent) return consent === from || (consent.namespace === from.namespace && sameSelector(consent.podSelector, from.podSelector));
  return consent.namespace === from.namespace;
}

/**
 * Whether `to`'s owner consented to `from` calling it across tenants: declared on `to`'s side
 * (`to.allowFrom(from)`), by `to`'s `accepts`, or by the platform's grant for `to`'s tenant. A grant
 * only known at deploy time gives an Output deciding then; no consent at all gives false.
 */
export function consentOf(from: ConnectionEndpoint, to: ConnectionEndpoint, declaredByTarget: boolean): boolean | pulumi.Output<boolean> {
  if (declaredByTarget) return true;
  if ((to.accepts ?? []).some((c) => grants(c, from))) return true;
  if (to.grants === undefined) return false;
  const granted = (list: readonly string[] | undefined) => (list ?? []).some((t) => grants(t, from));
  return pulumi.Output.isInstance(to.grants) || (to.grants as unknown) instanceof Promise ? pulumi.output(to.grants).apply((list) => granted(list)) : granted(to.grants as readonly string[]);
}

/** The refusal: both tenants named, and the three ways the owner can consent. */
export function refuseCrossing(site: InputSite, from: ConnectionEndpoint, to: ConnectionEndpoint): never {
  const name = (e: ConnectionEndpoint) => `${e.site.component} "${e.site.name}"`;
  const owner = tenantOf(to);
  const caller = tenantOf(from);
  return fail(
    site,
    "target",
    name(to),
    `is in tenant "${owner}", not in "${caller}" where ${name(from)} runs: a stack writes policy only into namespaces it owns, and tenant "${owner}" has not consented to calls from "${caller}"`,
    `let the owner consent: ${owner}'s stack declares ${to.site.name}.allowFrom(...) for this caller, or sets accepts: ["${caller}"] on ${to.site.name}, or the platform grants it (tenants.${owner}.accepts: ["${caller}"])`,
  );
}
