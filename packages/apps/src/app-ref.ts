import { InputSite, NamedPort, normalizePorts, PortMap, selectorLabels } from "@slipway/core";
import { ConnectionEndpoint } from "@slipway/network";
import { resolveNamespace, TenantRef } from "./tenant-ref";

export interface AppRefArgs {
  /** The tenant the app runs in, e.g. `platform.tenant("payments")`. @default required */
  tenant: TenantRef;
  /** The ports it serves, by name, when this stack calls it. @default none (it can only be a caller) */
  ports?: PortMap;
}

/**
 * An app of another stack, named by tenant and name, so connections can reach across: `api.allowFrom(ref)`
 * writes ingress in this stack's namespace only; `worker.connectTo(ref)` writes egress here only, and
 * needs the platform's grant (the ref's tenant `accepts` this one). Nothing is ever written for the ref.
 */
export class AppRef implements ConnectionEndpoint {
  readonly site: InputSite;
  readonly namespace: string;
  readonly tenantName?: string;
  /** The labels every Slipway app's pods carry (`app.kubernetes.io/name` and `instance`). */
  readonly podSelector: Record<string, string>;
  readonly servedPorts: NamedPort[];
  readonly remote = true;
  readonly grants?: TenantRef["accepts"];

  constructor(name: string, args: AppRefArgs) {
    this.site = { component: "AppRef", name };
    this.namespace = resolveNamespace(this.site, args ?? {});
    this.tenantName = args.tenant.tenantName;
    this.podSelector = selectorLabels({ name });
    this.servedPorts = args.ports === undefined ? [] : normalizePorts(this.site, "ports", args.ports);
    this.grants = args.tenant.accepts;
  }
}
