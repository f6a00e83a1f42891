import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { checkDnsLabel, fail, NamedPort, SlipwayComponent } from "@slipway/core";
import { connect, Connection, ConnectionEndpoint, ConnectOptions, Consent } from "@slipway/network";
import { TenantRef } from "./tenant-ref";

/**
 * A component whose pods can call and be called: `a.connectTo(b)` renders egress on a and ingress on
 * b for b's ports; `b.allowFrom(a)` is the same edge written from b's side.
 */
export abstract class ConnectableComponent extends SlipwayComponent implements ConnectionEndpoint {
  abstract readonly namespace: string;
  abstract readonly podSelector: Record<string, string>;
  abstract readonly servedPorts: NamedPort[];
  /** The provider of the tenant's cluster. */
  provider?: k8s.Provider;
  /** The tenant's name. */
  tenantName?: string;
  /** Callers from other tenants this component's owner consents to. */
  accepts?: readonly Consent[];
  /** Tenants the platform lets call this tenant's apps. */
  grants?: pulumi.Input<readonly string[]>;

  get owner(): pulumi.Resource {
    return this;
  }

  /** Takes the tenant's provider, name and grants, and the component's own `accepts`. */
  protected placeIn(tenant: TenantRef | undefined, accepts?: readonly Consent[]): void {
    this.provider = tenant?.provider;
    this.tenantName = tenant?.tenantName;
    this.grants = tenant?.accepts;
    (accepts ?? []).forEach((consent, i) => {
      if (typeof consent === "string") checkDnsLabel(this.site, `accepts[${i}]`, consent);
      else if (typeof consent !== "object" || consent === null || typeof consent.namespace !== "string") fail(this.site, `accepts[${i}]`, consent, "is not a tenant or an app", "pass a tenant name, a tenant, or an app");
    });
    if (accepts?.length) this.accepts = accepts;
  }

  /** Lets this component's pods call `target` on its ports (all, or `options.ports`). */
  connectTo(target: ConnectionEndpoint, options?: ConnectOptions): Connection {
    return connect(this, target, options);
  }

  /**
   * Lets `source`'s pods call this component on its ports (all, or `options.ports`). Declared by this
   * side, it is also the owner's consent when `source` runs in another tenant (or another stack).
   */
  allowFrom(source: ConnectionEndpoint, options?: ConnectOptions): Connection {
    return connect(source, this, options, "target");
  }
}
