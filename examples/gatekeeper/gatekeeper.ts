import { ExternalService, PlatformStack, StatefulApp } from "@slipway/apps";

export interface GatekeeperConfig {
  platformStack: string;
  /** The on-prem Redis outside the cluster that holds sessions. */
  redisAddress: string;
}

/**
 * Gatekeeper: three replicas that keep state on their own claims, never two on one host, serving a
 * public port and an admin port under nip.io hosts, with sessions in an external Redis.
 */
export async function gatekeeper(config: GatekeeperConfig) {
  // Read the platform's outputs first: the tenant's namespace, pull secrets and storage classes come from them.
  const platform = await PlatformStack.load("platform", { stack: config.platformStack });
  const tenant = platform.tenant("security");
  const redis = new ExternalService("sessions-redis", { tenant, ports: { redis: 6379 }, addresses: [config.redisAddress] });
  const gate = new StatefulApp("gatekeeper", {
    tenant,
    image: platform.registry.image("security/gatekeeper", "2.3.0"),
    ports: { http: 8080, admin: 8081 },
    replicas: 3,
    antiAffinity: "required",
    runAs: { user: 10001, group: 10001 },
    storage: { size: "2Gi", class: platform.storageClass("block"), mountPath: "/var/lib/gatekeeper" },
    env: { REDIS_ADDR: `${redis.fqdn}:6379` },
    probes: { readiness: { http: { path: "/ready", port: "admin" } }, liveness: { http: { path: "/healthz", port: "admin" }, periodSeconds: 20 } },
    expose: { host: platform.hostFor("gatekeeper", tenant), port: "http", gateway: platform.gateway },
  });
  gate.connectTo(redis);
  return { url: gate.externalUrl, redis: redis.fqdn };
}
