import * as pulumi from "@pulumi/pulumi";
import { fail, registerManifests, siteOf, SlipwayComponent } from "@slipway/core";
import { ConnectionEndpoint, ConnectOptions } from "./endpoint";
import { connectionName, planConnection } from "./plan";

export interface ConnectionArgs extends ConnectOptions {
  from: ConnectionEndpoint;
  to: ConnectionEndpoint;
}

/** `from` may call `to` on its ports, and nothing else follows from it (not the reverse, not a third app). */
export class Connection extends SlipwayComponent {
  constructor(name: string, args: ConnectionArgs, opts?: pulumi.ComponentResourceOptions) {
    const objects = planConnection(siteOf("Connection", name), args.from, args.to, args);
    super("network", "Connection", name, opts);
    const [egress, ingress] = objects;
    registerManifests(name, [egress], this.childOptions(args.from.provider ? { provider: args.from.provider } : {}));
    if (ingress) registerManifests(name, [ingress], this.childOptions(args.to.provider ? { provider: args.to.provider } : {}));
    this.done();
  }
}

const connected = new WeakMap<ConnectionEndpoint, Set<string>>();

/** Connects two endpoints once; the connection is a child of the calling side's component. */
export function connect(from: ConnectionEndpoint, to: ConnectionEndpoint, options: ConnectOptions = {}): Connection {
  const name = connectionName(from, to);
  const done = connected.get(from) ?? new Set<string>();
  if (done.has(name)) fail(siteOf("Connection", name), "target", `${to.site.component} "${to.site.name}"`, "is already connected", "connect each pair once; list all ports in one call");
  done.add(name);
  connected.set(from, done);
  return new Connection(name, { ...options, from, to }, { parent: from.owner });
}
