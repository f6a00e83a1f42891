import * as pulumi from "@pulumi/pulumi";
import { GatewayHandle, PortMap, ProbesSpec } from "@slipway/core";
import { Consent } from "@slipway/network";
import { PodArgs } from "../workload/args";

/** A Gateway API Gateway that routes attach to (the platform Gateway's handle). */
export type GatewayRef = GatewayHandle;

/** Horizontal scaling with an HPA (autoscaling/v2), which then owns `replicas`. */
export interface ScaleArgs {
  /** Fewest replicas; at least 2 so one pod can always be disrupted (CHECKS R9). @default required */
  min: number;
  /** Most replicas; greater than `min`. @default required */
  max: number;
  /** Target average CPU utilisation, percent of requests. @default 70 unless memoryPercent is set */
  cpuPercent?: number;
  /** Target average memory utilisation, percent of requests. @default none */
  memoryPercent?: number;
  /** Seconds to wait before scaling down after load drops. @default 300 */
  scaleDownStabilizationSeconds?: number;
}

/** How the app is reached from outside the cluster. */
export interface ExposeArgs {
  /** The hostname, e.g. `zone.hostFor("cart", shop)`. @default required */
  host: pulumi.Input<string>;
  /** Path prefixes routed to the app. @default ["/"] */
  paths?: string[];
  /** Port name that receives the traffic. @default the first port */
  port?: string;
  /** Publicly reachable hosts must use TLS. @default true */
  public?: boolean;
  /** Route through this Gateway with an HTTPRoute (preferred). @default none: set this or `ingress` */
  gateway?: GatewayRef;
  /** Or through an Ingress of this class, for clusters that keep Ingress. @default none: set this or `gateway` */
  ingress?: {
    /** The IngressClass. @default required */
    className: string;
    /** An existing TLS Secret for the host. @default "<app>-tls" when clusterIssuer issues it */
    tlsSecret?: string;
    /** A cert-manager ClusterIssuer that issues the host's certificate. @default none (then tlsSecret must exist) */
    clusterIssuer?: string;
    /** The Ingress controller's pods, the only ones allowed in. @default { namespace: the tenant's ingress namespace (else "ingress-nginx"), podLabels: ingress-nginx's controller labels } */
    controller?: { namespace?: string; podLabels?: Record<string, string> };
  };
}

/** A canary (gray) release: a second Deployment with a new image taking a share of the traffic. */
export interface CanaryArgs {
  /** The canary's image. @default required */
  image: pulumi.Input<string>;
  /** Percent of requests through the gateway sent to the canary (1-99); in-cluster calls follow `inCluster`. @default required */
  weight: number;
  /** Canary replicas. @default 2 */
  replicas?: number;
  /**
   * How in-cluster calls through the app's Service reach the canary, a path no weight can split
   * without a mesh: "replica-share" spreads them over every pod (the canary takes its share of
   * replicas), "stable" keeps them on the stable track. Declared on the Service for the link checks (L9).
   * @default "replica-share"
   */
  inCluster?: "replica-share" | "stable";
}

/** A Prometheus ServiceMonitor for the app's metrics endpoint. */
export interface MetricsArgs {
  /** Port name serving metrics. @default the first port */
  port?: string;
  /** @default "/metrics" */
  path?: string;
  /** Scrape interval. @default "30s" */
  interval?: string;
}

/** The port choice of a service: one port (`port: 8080`) or named ports (`ports: { http: 8080, admin: 9000 }`), exactly one. */
export type ServicePortArgs =
  | {
      /** The port the app listens on: shorthand for `ports: { http: port }`. @default required unless ports is set */
      port: number;
      /** Not with `port`. @default none */
      ports?: undefined;
    }
  | {
      /** Not with `ports`. @default none */
      port?: undefined;
      /** Ports by name. @default required unless port is set */
      ports: PortMap;
    };

/** What makes an AppService a service: a Service in front, replicas or autoscaling, exposure, canary and metrics. */
export interface AppServiceOptions extends PodArgs {
  /** Probes. @default TCP checks of the first port */
  probes?: ProbesSpec;
  /** Fixed replicas; not allowed with `scale`. @default 2 */
  replicas?: number;
  /** Autoscaling; the HPA then owns replicas. @default none */
  scale?: ScaleArgs;
  /** Service type; a LoadBalancer or NodePort exposes the app directly, a named exception with `exposureReason` (CHECKS N3). @default "ClusterIP" */
  serviceType?: "ClusterIP" | "LoadBalancer" | "NodePort";
  /** Why the app is exposed directly instead of through the gateway; required with a LoadBalancer or NodePort. @default none */
  exposureReason?: string;
  /** Client networks a LoadBalancer admits (the Service's source ranges and the pods' ingress allow); required with a LoadBalancer. @default none */
  loadBalancerSourceRanges?: string[];
  /** Exposure outside the cluster through a gateway or ingress. @default none (ClusterIP only) */
  expose?: ExposeArgs;
  /** A canary release. @default none */
  canary?: CanaryArgs;
  /** A ServiceMonitor for the metrics endpoint. @default none */
  metrics?: MetricsArgs;
  /** Callers from other tenants this app consents to: tenant names, tenants, or apps (`appRef(...)` for another stack's). @default none */
  accepts?: Consent[];
}

/** A stateless service's arguments: the pod (PodArgs), one port choice, and the service options. */
export type AppServiceArgs = AppServiceOptions & ServicePortArgs;
