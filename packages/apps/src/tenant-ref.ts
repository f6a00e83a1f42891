import { ProfileOverride } from "@slipway/core";

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
}
