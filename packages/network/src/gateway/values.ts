import * as pulumi from "@pulumi/pulumi";

/**
 * Envoy Gateway chart values. The chart installs in the gateway's namespace, so the controller, the
 * Envoy proxies it deploys and the Gateway object share one namespace, the one tenants admit traffic from.
 */
export function envoyGatewayValues(plan: { replicas: number }): pulumi.Inputs {
  return {
    deployment: {
      replicas: plan.replicas,
      envoyGateway: { resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "1024Mi" } } },
    },
    podDisruptionBudget: { minAvailable: 1 },
  };
}

/** Image values that point the controller and rate limiter at a registry mirror. */
export function envoyGatewayImageValues(registry: string): pulumi.Inputs {
  return { global: { imageRegistry: registry } };
}
