import * as pulumi from "@pulumi/pulumi";
import { checkHostname, checkInput, fail, InputSite, Manifest } from "@slipway/core";
import { CHART_BACKEND_ANNOTATION } from "@slipway/core";
import { GrafanaArgs } from "./args";

/** Keys of the Grafana admin Secret, as the grafana chart's `admin.existingSecret` reads them. */
export const GRAFANA_ADMIN_KEYS = { user: "admin-user", password: "admin-password" } as const;
/** The grafana chart's Service port. */
export const GRAFANA_SERVICE_PORT = 80;

type Meta = { name: string; namespace: string; labels: Record<string, string> };

/** The admin credentials Secret; the password comes from a RandomPassword and never enters chart values. */
export function grafanaAdminSecret(meta: Meta, adminUser: string, password: pulumi.Input<string>): Manifest {
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: meta,
    type: "Opaque",
    stringData: { [GRAFANA_ADMIN_KEYS.user]: adminUser, [GRAFANA_ADMIN_KEYS.password]: pulumi.secret(password) },
  };
}

/** Validated Grafana exposure: the host (checked now or at deploy time) and the gateway it attaches to. */
export interface GrafanaExposure {
  host: pulumi.Input<string>;
  gateway: NonNullable<GrafanaArgs["gateway"]>;
}

export function checkGrafana(site: InputSite, grafana: GrafanaArgs | undefined): { adminUser: string; exposure?: GrafanaExposure } {
  if (grafana !== undefined && (typeof grafana !== "object" || grafana === null)) return fail(site, "grafana", grafana, "must be an object", "e.g. { host, gateway }");
  const adminUser = grafana?.adminUser ?? "admin";
  if (typeof adminUser !== "string" || !/^[A-Za-z0-9._@-]{1,64}$/.test(adminUser)) fail(site, "grafana.adminUser", adminUser, "is not a user name", "use letters, digits, '.', '_', '@' and '-'");
  if (grafana?.host === undefined) {
    if (grafana?.gateway !== undefined) fail(site, "grafana.host", undefined, "is required with a gateway", 'e.g. "grafana.example.com"');
    return { adminUser };
  }
  const gateway = grafana.gateway;
  if (!gateway || typeof gateway.gatewayName !== "string" || typeof gateway.gatewayNamespace !== "string") {
    return fail(site, "grafana.gateway", gateway, "is required with a host", "pass the platform Gateway handle");
  }
  const host = checkInput(grafana.host, (h) => checkHostname(site, "grafana.host", h));
  return { adminUser, exposure: { host, gateway } };
}

/** An HTTPRoute from the gateway's HTTPS listener to Grafana's Service (public hosts use TLS, CHECKS R13). */
export function grafanaRoute(meta: Meta, exposure: GrafanaExposure, serviceName: string): Manifest {
  const { gateway } = exposure;
  return {
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "HTTPRoute",
    // Grafana's Service comes from the kube-prometheus-stack chart, which renders nothing offline.
    metadata: { ...meta, annotations: { [CHART_BACKEND_ANNOTATION]: "kube-prometheus-stack" } },
    spec: {
      parentRefs: [
        { group: "gateway.networking.k8s.io", kind: "Gateway", name: gateway.gatewayName, namespace: gateway.gatewayNamespace, sectionName: gateway.httpsListener ?? "https" },
      ],
      hostnames: [exposure.host],
      rules: [{ matches: [{ path: { type: "PathPrefix", value: "/" } }], backendRefs: [{ group: "", kind: "Service", name: serviceName, port: GRAFANA_SERVICE_PORT }] }],
    },
  };
}
