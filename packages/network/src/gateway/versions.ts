import { ChartSource } from "@slipway/core";

/**
 * Envoy Gateway, pinned. Chosen because it is a CNCF Envoy project built for the Gateway API alone
 * (conformant, released every few months, security fixes backported), runs its proxies non-root
 * under Pod Security "restricted", and ships the Gateway API CRDs in its chart. ingress-nginx is
 * retired (no fixes after March 2026), so it is not an option.
 */
export const ENVOY_GATEWAY_CHART: ChartSource = {
  chart: "gateway-helm",
  version: "v1.5.0",
  repository: "oci://docker.io/envoyproxy",
};

/** The controller name Envoy Gateway claims GatewayClasses with. */
export const ENVOY_GATEWAY_CONTROLLER = "gateway.envoyproxy.io/gatewayclass-controller";
