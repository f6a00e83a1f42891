import * as pulumi from "@pulumi/pulumi";
import { disruptionBudget, Manifest, spreadOverHosts } from "@slipway/core";

/** The labels of the controller's pods, as the chart writes them. */
const CONTROLLER_PODS = { "control-plane": "envoy-gateway" };

/**
 * Envoy Gateway chart values. The chart installs in the gateway's namespace, so the controller, the
 * Envoy proxies it deploys and the Gateway object share one namespace, the one tenants admit traffic from.
 */
export function envoyGatewayValues(plan: { replicas: number }): pulumi.Inputs {
  return {
    deployment: {
      replicas: plan.replicas,
      envoyGateway: {
        resources: {
          requests: { cpu: "100m", memory: "256Mi", "ephemeral-storage": "64Mi" },
          limits: { cpu: "1", memory: "1024Mi", "ephemeral-storage": "1Gi" },
        },
        // The controller writes nothing but its mounted certificates: a read-only root (S7); the chart's other settings stay.
        securityContext: { readOnlyRootFilesystem: true },
      },
      // The chart's ports plus the health port its probes use, so the probes target a declared port (R4).
      ports: [
        { name: "grpc", port: 18000, targetPort: 18000 },
        { name: "ratelimit", port: 18001, targetPort: 18001 },
        { name: "wasm", port: 18002, targetPort: 18002 },
        { name: "metrics", port: 19001, targetPort: 19001 },
        { name: "health", port: 8081, targetPort: 8081 },
      ],
      pod: { topologySpreadConstraints: spreadOverHosts(CONTROLLER_PODS) },
    },
    // The chart's budget cannot say unhealthyPodEvictionPolicy: envoyGatewayBudget replaces it.
    podDisruptionBudget: { minAvailable: 0 },
  };
}

/** Image values that point the controller and rate limiter at a registry mirror. */
export function envoyGatewayImageValues(registry: string): pulumi.Inputs {
  return { global: { imageRegistry: registry } };
}


/** The controller's PodDisruptionBudget (R6, R7), in place of the chart's. */
export function envoyGatewayBudget(namespace: string, labels: Record<string, string>): Manifest {
  return disruptionBudget("gateway-helm", "envoy-gateway", namespace, CONTROLLER_PODS, labels);
}
