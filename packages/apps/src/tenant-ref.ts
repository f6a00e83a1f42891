import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { PlatformNamespaces, ProfileOverride } from "@slipway/core";

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
}

/** Resource options for an app's children in a tenant: the tenant's provider, after its Namespace. */
export function tenantChildOptions(tenant: TenantRef | undefined): pulumi.CustomResourceOptions {
  return {
    ...(tenant?.provider ? { provider: tenant.provider } : {}),
    ...(tenant?.namespaceResource ? { dependsOn: [tenant.namespaceResource] } : {}),
  };
}
