import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { fail, Manifest, registerManifests, siteOf } from "@slipway/core";
import { consentOf, crossesTenants, refuseCrossing } from "./consent";
import { ConnectionEndpoint, ConnectOptions } from "./endpoint";
import { connectionName, planConnection } from "./plan";

/**
 * The policies of one connection this stack writes: egress on the caller, ingress on the callee. A
 * side owned by another stack (or an address outside the cluster) gets none: its owner writes it.
 */
export interface Connection {
  egress?: k8s.networking.v1.NetworkPolicy;
  ingress?: k8s.networking.v1.NetworkPolicy;
}

/** Which side declared the connection: `from.connectTo(to)` or `to.allowFrom(from)` (the owner's consent). */
export type DeclaredBy = "source" | "target";

const connected = new WeakMap<ConnectionEndpoint, Set<string>>();

/**
 * `from` may call `to` on its ports, and nothing else follows from it (not the reverse, not a third app).
 * Across tenants it needs the consent of `to`'s owner (see `consentOf`), checked at deploy time when
 * the platform's grant is only known then. Each policy is a child of the side it applies to; no
 * component per edge, since a catalog has thousands.
 */
export function connect(from: ConnectionEndpoint, to: ConnectionEndpoint, options: ConnectOptions = {}, declaredBy: DeclaredBy = "source"): Connection {
  const name = connectionName(from, to);
  const site = siteOf("Connection", name);
  const done = connected.get(from) ?? new Set<string>();
  if (done.has(name)) fail(site, "target", `${to.site.component} "${to.site.name}"`, "is already connected", "connect each pair once; list all ports in one call");
  const [egressPolicy, ingressPolicy] = planConnection(site, from, to, options);
  const consent = to.podSelector && crossesTenants(from, to) ? consentOf(from, to, declaredBy === "target") : true;
  if (consent === false) refuseCrossing(site, from, to);
  done.add(name);
  connected.set(from, done);
  // A grant known only at deploy time: the policies resolve only once it holds.
  const verified = consent === true ? undefined : consent.apply((ok) => ok || refuseCrossing(site, from, to));
  const guarded = (policy: Manifest): Manifest => (verified ? { ...policy, spec: pulumi.all([verified, policy.spec]).apply(([, spec]) => spec) } : policy);
  const write = (policy: Manifest, endpoint: ConnectionEndpoint) => {
    if (!endpoint.owner) return fail(site, "source", `${endpoint.site.component} "${endpoint.site.name}"`, "has no owner in this stack to write its policy");
    const options = { parent: endpoint.owner, ...(endpoint.provider ? { provider: endpoint.provider } : {}) };
    return registerManifests(name, [guarded(policy)], options).values().next().value as k8s.networking.v1.NetworkPolicy;
  };
  return {
    ...(from.remote ? {} : { egress: write(egressPolicy, from) }),
    ...(ingressPolicy && !to.remote ? { ingress: write(ingressPolicy, to) } : {}),
  };
}
