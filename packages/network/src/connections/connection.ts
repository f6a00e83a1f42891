import * as k8s from "@pulumi/kubernetes";
import { fail, registerManifests, siteOf } from "@slipway/core";
import { ConnectionEndpoint, ConnectOptions } from "./endpoint";
import { connectionName, planConnection } from "./plan";

/** The policies of one connection: egress on the caller, ingress on the callee (none for an address outside the cluster). */
export interface Connection {
  egress: k8s.networking.v1.NetworkPolicy;
  ingress?: k8s.networking.v1.NetworkPolicy;
}

const connected = new WeakMap<ConnectionEndpoint, Set<string>>();

/**
 * `from` may call `to` on its ports, and nothing else follows from it (not the reverse, not a third app).
 * Each policy is a child of the side it applies to; no component per edge, since a catalog has thousands.
 */
export function connect(from: ConnectionEndpoint, to: ConnectionEndpoint, options: ConnectOptions = {}): Connection {
  const name = connectionName(from, to);
  const site = siteOf("Connection", name);
  const done = connected.get(from) ?? new Set<string>();
  if (done.has(name)) fail(site, "target", `${to.site.component} "${to.site.name}"`, "is already connected", "connect each pair once; list all ports in one call");
  const [egressPolicy, ingressPolicy] = planConnection(site, from, to, options);
  done.add(name);
  connected.set(from, done);
  const side = (endpoint: ConnectionEndpoint) => ({ parent: endpoint.owner, ...(endpoint.provider ? { provider: endpoint.provider } : {}) });
  const egress = registerManifests(name, [egressPolicy], side(from)).values().next().value as k8s.networking.v1.NetworkPolicy;
  const ingress = ingressPolicy ? (registerManifests(name, [ingressPolicy], side(to)).values().next().value as k8s.networking.v1.NetworkPolicy) : undefined;
  return { egress, ...(ingress ? { ingress } : {}) };
}
