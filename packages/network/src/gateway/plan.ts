import * as pulumi from "@pulumi/pulumi";
import {
  checkDnsLabel,
  checkDnsSubdomain,
  checkHostname,
  checkInput,
  checkIp,
  checkNumber,
  checkPort,
  childName,
  ClusterHandle,
  fail,
  GATEWAY_ROUTES_LABEL,
  InputSite,
  Manifest,
  OperatorPlan,
  planOperator,
  standardLabels,
} from "@slipway/core";
import { GatewayArgs, IngressClassArgs } from "./args";
import { envoyGatewayBudget, envoyGatewayImageValues, envoyGatewayValues } from "./values";
import { ENVOY_GATEWAY_CHART, ENVOY_GATEWAY_CONTROLLER } from "./versions";

export const HTTP_LISTENER = "http";
export const HTTPS_LISTENER = "https";

const GATEWAY_API = "gateway.networking.k8s.io";
const HTTP_ROUTE_KIND = [{ group: GATEWAY_API, kind: "HTTPRoute" }];
// A domain-prefixed path, the format IngressClass and GatewayClass controllers use.
const CONTROLLER = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?\/[A-Za-z0-9._~/-]+$/;

/** Everything a Gateway renders, plus the names its outputs are made of. */
export interface GatewayPlan {
  cluster: ClusterHandle;
  namespace: string;
  gatewayName: string;
  className: string;
  tlsSecretName: string;
  addresses: string[];
  httpPort: number;
  httpsPort: number;
  ingressClassName?: string;
  replicas: number;
  /**
   * The restricted namespace, the IngressClass when asked for (a core kind, created before the
   * chart), the Envoy Gateway chart, then GatewayClass, Gateway and the redirect route.
   */
  operator: OperatorPlan;
}

function planIngressClass(site: InputSite, args: IngressClassArgs, labels: Record<string, string>): Manifest {
  if (!args || typeof args !== "object") return fail(site, "ingressClass", args, "must be { name, controller }");
  const name = checkDnsLabel(site, "ingressClass.name", args.name);
  if (typeof args.controller !== "string" || !CONTROLLER.test(args.controller) || args.controller.length > 250) {
    fail(site, "ingressClass.controller", args.controller, "is not a controller name", 'use the domain-prefixed name of the Ingress controller that serves the class, e.g. "k8s.io/ingress-nginx"');
  }
  const annotations = args.default ? { "ingressclass.kubernetes.io/is-default-class": "true" } : {};
  return { apiVersion: "networking.k8s.io/v1", kind: "IngressClass", metadata: { name, labels, annotations }, spec: { controller: args.controller } };
}

/** `*.<domain>` when a zone is given: its domain is checked now, or when it resolves. */
function listenerHostname(site: InputSite, args: GatewayArgs): pulumi.Input<string> | undefined {
  if (!args.zone) return undefined;
  const domain = checkInput(args.zone.domain, (d) => checkHostname(site, "zone.domain", d));
  return pulumi.interpolate`*.${domain}`;
}

/** The pure plan of a Gateway: validated arguments in, Namespace, GatewayClass, Gateway and routes out. */
export function planGateway(site: InputSite, args: GatewayArgs): GatewayPlan {
  if (!args || typeof args !== "object") return fail(site, "args", args, "must be an object");
  const gatewayName = checkDnsLabel(site, "name", site.name, 50);
  const cluster = args.cluster;
  if (!cluster || typeof cluster !== "object" || !cluster.provider) fail(site, "cluster", cluster, "is required", "pass the Cluster the gateway runs in");
  const namespace = checkDnsLabel(site, "namespace", args.namespace ?? "gateway-system");
  const className = checkDnsLabel(site, "className", args.className ?? gatewayName);
  const httpPort = checkPort(site, "httpPort", args.httpPort ?? 80);
  const httpsPort = checkPort(site, "httpsPort", args.httpsPort ?? 443);
  if (httpPort === httpsPort) fail(site, "httpsPort", httpsPort, "is the same port as httpPort", "give the HTTP and HTTPS listeners different ports");
  const replicas = checkNumber(site, "replicas", args.replicas ?? 2, { min: 1, max: 10 });
  const secrets = args.certificateSecrets ?? [childName(gatewayName, "tls")];
  if (!Array.isArray(secrets) || secrets.length === 0) fail(site, "certificateSecrets", secrets, "must name at least one Secret", `e.g. ["${gatewayName}-tls"]`);
  secrets.forEach((s, i) => checkDnsSubdomain(site, `certificateSecrets[${i}]`, s));
  const addresses = args.addresses ?? [];
  if (!Array.isArray(addresses)) fail(site, "addresses", addresses, "must be a list of IP addresses");
  addresses.forEach((a, i) => checkIp(site, `addresses[${i}]`, a));
  const hostname = listenerHostname(site, args);

  const labels = standardLabels({ name: gatewayName, component: "gateway", partOf: "slipway" });
  const metadata = { name: gatewayName, namespace, labels };
  const listener = (name: string, port: number, protocol: "HTTP" | "HTTPS", extra: Record<string, unknown>) => ({ name, port, protocol, ...(hostname ? { hostname } : {}), ...extra });
  const gateway: Manifest = {
    apiVersion: `${GATEWAY_API}/v1`,
    kind: "Gateway",
    metadata,
    spec: {
      gatewayClassName: className,
      listeners: [
        // Plain HTTP only for the gateway's own routes: the HTTPS redirect and ACME HTTP-01 challenges.
        listener(HTTP_LISTENER, httpPort, "HTTP", { allowedRoutes: { namespaces: { from: "Same" }, kinds: HTTP_ROUTE_KIND } }),
        listener(HTTPS_LISTENER, httpsPort, "HTTPS", {
          tls: { mode: "Terminate", certificateRefs: secrets.map((name) => ({ group: "", kind: "Secret", name })) },
          // Routes attach only from namespaces labelled for it: tenants, and platform namespaces that expose a host.
          allowedRoutes: { namespaces: { from: "Selector", selector: { matchLabels: { [GATEWAY_ROUTES_LABEL]: "true" } } }, kinds: HTTP_ROUTE_KIND },
        }),
      ],
      ...(addresses.length ? { addresses: addresses.map((value) => ({ type: "IPAddress", value })) } : {}),
    },
  };
  const resources: Manifest[] = [
    { apiVersion: `${GATEWAY_API}/v1`, kind: "GatewayClass", metadata: { name: className, labels }, spec: { controllerName: ENVOY_GATEWAY_CONTROLLER, description: "Slipway platform gateway (Envoy Gateway)" } },
    gateway,
  ];
  if (args.redirectHttp ?? true) {
    resources.push({
      apiVersion: `${GATEWAY_API}/v1`,
      kind: "HTTPRoute",
      metadata: { name: childName(gatewayName, "https-redirect"), namespace, labels },
      spec: {
        parentRefs: [{ group: GATEWAY_API, kind: "Gateway", name: gatewayName, namespace, sectionName: HTTP_LISTENER }],
        // ACME challenge routes name their host, so they take precedence over this catch-all.
        rules: [{ filters: [{ type: "RequestRedirect", requestRedirect: { scheme: "https", statusCode: 301, ...(httpsPort !== 443 ? { port: httpsPort } : {}) } }] }],
      },
    });
  }
  const ingressClass = args.ingressClass !== undefined ? planIngressClass(site, args.ingressClass, labels) : undefined;
  const operator = planOperator(site, {
    namespace: { name: namespace, level: "restricted", labels },
    chart: { source: ENVOY_GATEWAY_CHART, release: "envoy-gateway", values: envoyGatewayValues({ replicas }), imageValues: envoyGatewayImageValues },
    overrides: args.chart,
    clusterMirror: cluster.imageMirror,
    // Our budget replaces the chart's (it cannot say unhealthyPodEvictionPolicy).
    chartInputs: [envoyGatewayBudget(namespace, labels), ...(ingressClass ? [ingressClass] : [])],
    customResources: resources,
  });
  return {
    cluster,
    namespace,
    gatewayName,
    className,
    tlsSecretName: secrets[0],
    addresses,
    httpPort,
    httpsPort,
    ingressClassName: ingressClass?.metadata.name as string | undefined,
    replicas,
    operator,
  };
}
