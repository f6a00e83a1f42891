import * as k8s from "@pulumi/kubernetes";
import { labelsOf, selectorOf } from "./pod";

/** One side of a hand-written connection. */
export interface RawEndpoint {
  name: string;
  namespace: string;
  port: number;
}

/** Pods of `to` as seen from `fromNamespace`: across namespaces the namespace must be selected too. */
function peer(to: RawEndpoint, fromNamespace: string) {
  const pods = { podSelector: { matchLabels: selectorOf(to.name) } };
  return to.namespace === fromNamespace ? pods : { ...pods, namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": to.namespace } } };
}

/** `from` may call `to`: an egress policy on `from` and an ingress policy on `to`, as a user writes them. */
export function rawConnection(from: RawEndpoint, to: RawEndpoint): void {
  const ports = [{ protocol: "TCP", port: to.port }];
  const egress = `${from.name}-to-${to.name}`;
  const ingress = `${to.name}-from-${from.name}`;
  new k8s.networking.v1.NetworkPolicy(`${from.namespace}-${egress}`, {
    metadata: { name: egress, namespace: from.namespace, labels: labelsOf(from.name, "connection") },
    spec: { podSelector: { matchLabels: selectorOf(from.name) }, policyTypes: ["Egress"], egress: [{ to: [peer(to, from.namespace)], ports }] },
  });
  new k8s.networking.v1.NetworkPolicy(`${to.namespace}-${ingress}`, {
    metadata: { name: ingress, namespace: to.namespace, labels: labelsOf(to.name, "connection") },
    spec: { podSelector: { matchLabels: selectorOf(to.name) }, policyTypes: ["Ingress"], ingress: [{ from: [peer(from, to.namespace)], ports }] },
  });
}
