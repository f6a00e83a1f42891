import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { checkDnsLabel, DefaultsProfile, fail, InputSite, mergeProfiles, PlatformNamespaces, ProfileOverride } from "@slipway/core";

/**
 * What an app needs from its tenant: the namespace, the tenant's defaults profile, and its name for
 * `app.kubernetes.io/part-of`. A `Tenant` component satisfies it; tests may pass a plain object.
 */
export interface TenantRef {
  /** The tenant's namespace name. */
  readonly namespace: string;
  /** The tenant's name, used as `app.kubernetes.io/part-of`. */
  readonly tenantName?: string;
  /** Defaults every app of the tenant inherits. */
  readonly profile?: ProfileOverride;
  /** Image pull secrets every pod of the tenant uses. */
  readonly imagePullSecrets?: string[];
  /** The provider of the tenant's cluster; apps create their objects with it. */
  readonly provider?: k8s.Provider;
  /** The platform's monitoring and ingress namespaces, which apps admit scrapes and traffic from. @default monitoring: "monitoring" */
  readonly platform?: PlatformNamespaces;
  /** The Namespace resource; apps wait for it (their namespace is a plain name, so no data dependency exists). */
  readonly namespaceResource?: pulumi.Resource;
  /** Tenants the platform lets call this tenant's apps (known at deploy time for a platform's tenant). @default none */
  readonly accepts?: pulumi.Input<readonly string[]>;
}

/** Resource options for an app's children in a tenant: the tenant's provider, after its Namespace. */
export function tenantChildOptions(tenant: TenantRef | undefined): pulumi.CustomResourceOptions {
  return {
    ...(tenant?.provider ? { provider: tenant.provider } : {}),
    ...(tenant?.namespaceResource ? { dependsOn: [tenant.namespaceResource] } : {}),
  };
}

/** Where a component runs: a tenant (preferred) or a plain namespace name. */
export interface Placed {
  tenant?: TenantRef;
  namespace?: string;
}

/**
 * The one tenant/namespace rule of every app component: a tenant or a namespace, never both, never
 * neither; the name must be a DNS label. Errors name `tenant` (or `namespace`) the same way everywhere.
 */
export function resolveNamespace(site: InputSite, args: Placed): string {
  if (args.tenant && args.namespace !== undefined) fail(site, "namespace", args.namespace, "is set together with tenant", "pass only tenant");
  if (args.tenant) return checkDnsLabel(site, "tenant.namespace", args.tenant.namespace);
  if (args.namespace === undefined) return fail(site, "tenant", undefined, "is required", "pass the Tenant the app runs in (or a namespace name)");
  return checkDnsLabel(site, "namespace", args.namespace);
}

/**
 * The one place an app's defaults profile is layered: the stack's (`slipway:defaults`), the tenant's,
 * what the component itself needs (e.g. a database's size), then the app's own `defaults`.
 */
export function resolveProfile(stack: DefaultsProfile, args: Placed & { defaults?: ProfileOverride }, ...component: (ProfileOverride | undefined)[]): DefaultsProfile {
  return mergeProfiles(stack, args.tenant?.profile, ...component, args.defaults);
}
