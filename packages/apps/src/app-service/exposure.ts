import * as pulumi from "@pulumi/pulumi";
import { checkHostname, checkInput, fail, InputSite, Manifest, NamedPort, resolvePort } from "@slipway/core";
import { ExposeArgs } from "./args";

/** A backend Service of a route, with its share of traffic. */
export interface RouteBackend {
  service: string;
  weight: number;
}

function checkPaths(site: InputSite, paths: string[] | undefined): string[] {
  const list = paths ?? ["/"];
  if (!Array.isArray(list) || list.length === 0) fail(site, "expose.paths", paths, "must list at least one path");
  list.forEach((p, i) => {
    if (typeof p !== "string" || !p.startsWith("/")) fail(site, `expose.paths[${i}]`, p, "must start with '/'", 'e.g. "/api"');
  });
  return list;
}

/**
 * Plans the way in: an HTTPRoute on the given Gateway (weighted backends for a canary), or an Ingress
 * (with nginx-style canary annotations). Public hosts must use TLS (CHECKS R13).
 */
export function planExposure(
  site: InputSite,
  base: { name: string; namespace: string; labels: Record<string, string> },
  expose: ExposeArgs,
  ports: NamedPort[],
  backends: RouteBackend[],
): { objects: Manifest[]; host: pulumi.Input<string>; url: pulumi.Output<string> } {
  if (!expose || typeof expose !== "object") return fail(site, "expose", expose, "must be an object with a host");
  const host = checkInput(expose.host, (h) => checkHostname(site, "expose.host", h));
  const paths = checkPaths(site, expose.paths);
  const port = resolvePort(site, "expose.port", ports, expose.port ?? ports[0]?.name ?? "http");
  const isPublic = expose.public ?? true;
  if (expose.gateway && expose.ingress) fail(site, "expose", "gateway and ingress", "sets both a gateway and an ingress", "route through one of them");
  if (!expose.gateway && !expose.ingress) fail(site, "expose.gateway", undefined, "is required", "pass the platform gateway (or `ingress` for clusters that keep Ingress)");
  const metadata = { name: base.name, namespace: base.namespace, labels: base.labels };
  const url = pulumi.interpolate`${isPublic ? "https" : "http"}://${host}`;
  if (expose.gateway) {
    const gw = expose.gateway;
    const route: Manifest = {
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "HTTPRoute",
      metadata,
      spec: {
        parentRefs: [
          {
            group: "gateway.networking.k8s.io",
            kind: "Gateway",
            name: gw.gatewayName,
            namespace: gw.gatewayNamespace,
            // Public hosts attach to the HTTPS listener only, so they are never served in clear text.
            ...(isPublic ? { sectionName: gw.httpsListener ?? "https" } : {}),
          },
        ],
        hostnames: [host],
        rules: [
          {
            matches: paths.map((value) => ({ path: { type: "PathPrefix", value } })),
            backendRefs: backends.map((b) => ({ group: "", kind: "Service", name: b.service, port: port.port, weight: b.weight })),
          },
        ],
      },
    };
    return { objects: [route], host, url };
  }
  const ingress = expose.ingress!;
  if (typeof ingress.className !== "string" || !ingress.className) fail(site, "expose.ingress.className", ingress.className, "is required");
  if (isPublic && !ingress.tlsSecret && !ingress.clusterIssuer) {
    fail(site, "expose.ingress", ingress, "has no TLS for a public host", "set tlsSecret or clusterIssuer, or public: false");
  }
  const tlsSecret = ingress.tlsSecret ?? `${base.name}-tls`;
  const ingressFor = (backend: RouteBackend, canary: boolean): Manifest => ({
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: {
      ...metadata,
      name: canary ? `${base.name}-canary` : base.name,
      annotations: {
        ...(ingress.clusterIssuer ? { "cert-manager.io/cluster-issuer": ingress.clusterIssuer } : {}),
        ...(canary ? { "nginx.ingress.kubernetes.io/canary": "true", "nginx.ingress.kubernetes.io/canary-weight": String(backend.weight) } : {}),
      },
    },
    spec: {
      ingressClassName: ingress.className,
      ...(isPublic ? { tls: [{ hosts: [host], secretName: tlsSecret }] } : {}),
      rules: [
        {
          host,
          http: { paths: paths.map((path) => ({ path, pathType: "Prefix", backend: { service: { name: backend.service, port: { name: port.name } } } })) },
        },
      ],
    },
  });
  const [stable, canary] = backends;
  return { objects: [ingressFor(stable, false), ...(canary ? [ingressFor(canary, true)] : [])], host, url };
}
