import { checkDnsLabel, InputSite, Manifest, NamedPort, resolvePort } from "@slipway/core";
import { namespaceNamed } from "../tenant/network-policies";
import { TenantRef } from "../tenant-ref";
import { ExposeArgs, MetricsArgs } from "./args";

/** Envoy Gateway labels every data-plane (proxy) pod with the Gateway it serves. */
export const ENVOY_OWNING_GATEWAY_NAME = "gateway.envoyproxy.io/owning-gateway-name";
export const ENVOY_OWNING_GATEWAY_NAMESPACE = "gateway.envoyproxy.io/owning-gateway-namespace";
/** The Prometheus pods of kube-prometheus-stack (the operator labels them so). */
export const PROMETHEUS_POD_LABELS = { "app.kubernetes.io/name": "prometheus" };
/** The ingress-nginx controller pods, the default Ingress controller. */
export const INGRESS_NGINX_POD_LABELS = { "app.kubernetes.io/name": "ingress-nginx", "app.kubernetes.io/component": "controller" };

type Meta = { name: string; namespace: string; labels: Record<string, string> };

function allow(meta: Meta, suffix: string, selector: Record<string, string>, from: Record<string, unknown>, port: NamedPort): Manifest {
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name: `${meta.name}-from-${suffix}`, namespace: meta.namespace, labels: meta.labels },
    spec: { podSelector: { matchLabels: selector }, policyTypes: ["Ingress"], ingress: [{ from: [from], ports: [{ protocol: port.protocol, port: port.containerPort }] }] },
  };
}

/**
 * The app's own ingress allows beside the tenant's default deny (CHECKS N1): the gateway's proxy
 * pods (or the Ingress controller's) to the exposed port only, and the Prometheus pods to the
 * metrics port only. Nothing else in those namespaces (Grafana, say) reaches the app.
 */
export function planIngressAllows(site: InputSite, meta: Meta, selector: Record<string, string>, ports: NamedPort[], args: { expose?: ExposeArgs; metrics?: MetricsArgs; tenant?: TenantRef }): Manifest[] {
  const objects: Manifest[] = [];
  const expose = args.expose;
  if (expose) {
    const port = resolvePort(site, "expose.port", ports, expose.port ?? ports[0]?.name ?? "http");
    if (expose.gateway) {
      const { gatewayName, gatewayNamespace } = expose.gateway;
      const proxies = { matchLabels: { [ENVOY_OWNING_GATEWAY_NAME]: gatewayName, [ENVOY_OWNING_GATEWAY_NAMESPACE]: gatewayNamespace } };
      objects.push(allow(meta, "gateway", selector, { namespaceSelector: namespaceNamed(gatewayNamespace), podSelector: proxies }, port));
    } else if (expose.ingress) {
      const controller = expose.ingress.controller ?? {};
      const namespace = checkDnsLabel(site, "expose.ingress.controller.namespace", controller.namespace ?? args.tenant?.platform?.ingress ?? "ingress-nginx");
      objects.push(allow(meta, "ingress", selector, { namespaceSelector: namespaceNamed(namespace), podSelector: { matchLabels: controller.podLabels ?? INGRESS_NGINX_POD_LABELS } }, port));
    }
  }
  if (args.metrics) {
    const port = resolvePort(site, "metrics.port", ports, args.metrics.port ?? ports[0].name);
    const monitoring = args.tenant?.platform?.monitoring ?? "monitoring";
    objects.push(allow(meta, "monitoring", selector, { namespaceSelector: namespaceNamed(monitoring), podSelector: { matchLabels: PROMETHEUS_POD_LABELS } }, port));
  }
  return objects;
}
