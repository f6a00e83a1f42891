import type { Manifest } from "@slipway/core";
import { stackCheck } from "../define";
import { attachmentsOf, certificateCovers, hostnamesIntersect, isRoute, judges, Listener, listenerRefusal, listenersOf, routeHostnames } from "../links";
import { list, namespaceOf, record, text } from "../objects";
import { indexOf, StackIndex } from "../stack-index";

export const routeAttachment = stackCheck(
  {
    id: "L1",
    title: "A route's parentRef names an existing Gateway listener that admits the route's namespace and kind",
    // No public linter judges routes against listeners; the rules are the Gateway API's own (route condition Accepted).
    tools: [],
    cluster: true,
  },
  (stack, report) => {
    const index = indexOf(stack);
    for (const route of stack.manifests.filter(isRoute)) {
      for (const a of attachmentsOf(index, route)) {
        if (!a.gateway) {
          if (judges(index, a.gatewayNamespace)) report(route, `${a.field}.name`, `names Gateway ${a.gatewayNamespace}/${a.gatewayName}, which no render of the cluster has`, "attach to the platform's Gateway (its `gateway` output)");
          continue;
        }
        if (a.named.length === 0) {
          const field = a.ref.sectionName !== undefined ? `${a.field}.sectionName` : `${a.field}.port`;
          report(route, field, `names no listener of Gateway ${a.gatewayNamespace}/${a.gatewayName} (it has ${listenerNames(a.gateway)})`, "use a listener name of that Gateway");
        } else if (a.admitting.length === 0) {
          const why = a.named.map((l) => `listener ${l.name ?? l.index} ${listenerRefusal(index, a.gateway!, l, route)}`).join("; ");
          report(route, a.field, `is refused by Gateway ${a.gatewayNamespace}/${a.gatewayName}: ${why}`, "label the route's namespace as the listener's allowedRoutes selector asks, or attach to a listener that admits it");
        }
      }
    }
  },
);

function listenerNames(gateway: Manifest): string {
  return list(record(gateway.spec).listeners).map((l) => text(record(l).name)).filter(Boolean).join(", ");
}

export const routeHostnamesMatch = stackCheck(
  {
    id: "L2",
    title: "A route's hostnames intersect its listener's hostname",
    tools: [],
    cluster: true,
  },
  (stack, report) => {
    const index = indexOf(stack);
    for (const route of stack.manifests.filter(isRoute)) {
      const listeners = attachmentsOf(index, route).flatMap((a) => a.admitting);
      if (listeners.length === 0) continue; // unattached: L1's finding
      routeHostnames(route).forEach((host, i) => {
        if (!listeners.some((l) => hostnamesIntersect(l.hostname, host))) {
          report(route, `spec.hostnames[${i}]`, `(${host}) matches no hostname of the listeners it attaches to (${listeners.map((l) => l.hostname ?? "any").join(", ")})`, "use a host under the listener's hostname (a listener `*.example.com` matches every name below example.com)");
        }
      });
    }
  },
);

/** The DNS names a listener's certificates carry: cert-manager Certificates writing its certificateRefs' Secrets. Undefined when a Secret comes from outside the render. */
function listenerCertificateNames(index: StackIndex, gatewayNamespace: string, listener: Listener, missing: (ref: number, name: string) => void): string[] | undefined {
  const names: string[] = [];
  let known = true;
  list(record(listener.spec.tls).certificateRefs).forEach((raw, j) => {
    const ref = record(raw);
    if ((text(ref.kind) ?? "Secret") !== "Secret" || (text(ref.group) ?? "") !== "") return;
    const ns = text(ref.namespace) ?? gatewayNamespace;
    const name = text(ref.name) ?? "";
    const certificates = index.inNamespace("Certificate", ns).filter((c) => record(c.spec).secretName === name);
    if (certificates.length) names.push(...certificates.flatMap((c) => list(record(c.spec).dnsNames).filter((n): n is string => typeof n === "string")));
    else if (index.find("Secret", ns, name)) known = false;
    else if (judges(index, ns)) missing(j, `${ns}/${name}`);
    else known = false;
  });
  return known ? names : undefined;
}

export const routeCertificates = stackCheck(
  {
    id: "L3",
    title: "Every host served on an HTTPS listener is covered by a certificate of that listener (X.509: a wildcard covers one label)",
    tools: [],
    cluster: true,
  },
  (stack, report) => {
    const index = indexOf(stack);
    for (const gateway of index.byKind("Gateway")) {
      // A listener whose certificate Secret nothing creates serves no host at all.
      for (const l of listenersOf(gateway).filter(isTerminatingHttps)) {
        listenerCertificateNames(index, namespaceOf(gateway), l, (j, secret) =>
          report(gateway, `spec.listeners[${l.index}].tls.certificateRefs[${j}]`, `names Secret ${secret}, which no Certificate or Secret of the cluster creates`, "issue a Certificate writing that Secret"),
        );
      }
    }
    for (const route of stack.manifests.filter(isRoute)) {
      const hosts = routeHostnames(route);
      for (const a of attachmentsOf(index, route)) {
        for (const l of a.admitting.filter(isTerminatingHttps)) {
          const dnsNames = listenerCertificateNames(index, a.gatewayNamespace, l, () => undefined);
          if (dnsNames === undefined) continue; // certificate from outside the cluster's renders
          const served = hosts.length ? hosts.map((h, i) => [h, `spec.hostnames[${i}]`] as const).filter(([h]) => hostnamesIntersect(l.hostname, h)) : l.hostname ? [[l.hostname, a.field] as const] : [];
          for (const [host, field] of served) {
            if (!dnsNames.some((n) => certificateCovers(n, host))) {
              report(route, field, `(${host}) is served on listener ${a.gatewayNamespace}/${a.gatewayName}/${l.name} whose certificate covers only ${dnsNames.join(", ") || "nothing"}`, "add the host's wildcard (one label per `*`) to the listener's Certificate, e.g. `*.<tenant>.<domain>`");
            }
          }
        }
      }
    }
  },
);

function isTerminatingHttps(l: Listener): boolean {
  return l.protocol === "HTTPS" && (text(record(l.spec.tls).mode) ?? "Terminate") === "Terminate";
}
