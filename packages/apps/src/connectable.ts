import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { NamedPort, SlipwayComponent } from "@slipway/core";
import { connect, Connection, ConnectionEndpoint, ConnectOptions } from "@slipway/network";

/**
 * A component whose pods can call and be called: `a.connectTo(b)` renders egress on a and ingress on
 * b for b's ports; `b.allowFrom(a)` is the same edge written from b's side.
 */
export abstract class ConnectableComponent extends SlipwayComponent implements ConnectionEndpoint {
  abstract readonly namespace: string;
  abstract readonly podSelector: Record<string, string>;
  abstract readonly servedPorts: NamedPort[];
  abstract readonly provider?: k8s.Provider;

  get owner(): pulumi.Resource {
    return this;
  }

  /** Lets this component's pods call `target` on its ports (all, or `options.ports`). */
  connectTo(target: ConnectionEndpoint, options?: ConnectOptions): Connection {
    return connect(this, target, options);
  }

  /** Lets `source`'s pods call this component on its ports (all, or `options.ports`). */
  allowFrom(source: ConnectionEndpoint, options?: ConnectOptions): Connection {
    return connect(source, this, options);
  }
}
