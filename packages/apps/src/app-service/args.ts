import * as pulumi from "@pulumi/pulumi";
import { ContainerSpec, GatewayHandle, EnvMap, Placement, PortMap, ProbesSpec, ProfileOverride, ResourcesSpec } from "@slipway/core";
import { TenantRef } from "../tenant-ref";

/** A Gateway API Gateway that routes attach to (the platform Gateway's handle). */
export type GatewayRef = GatewayHandle;

/** Horizontal scaling with an HPA (autoscaling/v2), which then owns `replicas`. */
export interface ScaleArgs {
  /** Fewest replicas; at least 2 so one pod can always be disrupted (CHECKS R9). */
  min: number;
  /** Most replicas; greater than `min`. */
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
  /** The hostname, e.g. `zone.hostFor("cart", shop)`. */
  host: pulumi.Input<string>;
  /** Path prefixes routed to the app. @default ["/"] */
  paths?: string[];
  /** Port name that receives the traffic. @default the first port */
  port?: string;
  /** Publicly reachable hosts must use TLS. @default true */
  public?: boolean;
  /** Route through this Gateway with an HTTPRoute (preferred). */
  gateway?: GatewayRef;
  /** Or through an Ingress of this class, for clusters that keep Ingress. */
  ingress?: {
    className: string;
    /** An existing TLS Secret for the host. */
    tlsSecret?: string;
    /** A cert-manager ClusterIssuer that issues the host's certificate. */
    clusterIssuer?: string;
    /** The Ingress controller's pods, the only ones allowed in. @default ingress-nginx's controller pods in the tenant's ingress namespace (else "ingress-nginx") */
    controller?: { namespace?: string; podLabels?: Record<string, string> };
  };
}

/** A canary (gray) release: a second Deployment with a new image taking a share of the traffic. */
export interface CanaryArgs {
  /** The canary's image. */
  image: pulumi.Input<string>;
  /** Percent of requests through the gateway sent to the canary (1-99); in-cluster calls follow `inCluster`. */
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

export interface AppServiceArgs {
  /** The tenant the app runs in (preferred over `namespace`). */
  tenant?: TenantRef;
  /** A namespace name, when the app is not deployed into a Tenant. */
  namespace?: string;
  /** Image with a pinned tag or digest; a string or a registry handle's `image(...)`. */
  image: pulumi.Input<string>;
  /** Shorthand for `ports: { http: port }`. */
  port?: number;
  /** Ports by name. @default { http: port } */
  ports?: PortMap;
  /** Entrypoint override. @default the image's */
  command?: pulumi.Input<string>[];
  /** Arguments, in clear text in the pod spec: a secret here is an error (use `secrets` and `$(VAR)`). @default the image's */
  args?: pulumi.Input<string>[];
  /** Plain environment variables (Outputs allowed; a secret Output here is an error: use `secrets`). */
  env?: EnvMap;
  /** Non-secret settings, stored in a ConfigMap and passed as environment variables (a secret here is an error: use `secrets`). @default none */
  config?: Record<string, pulumi.Input<string>>;
  /** Files by absolute path, stored in a ConfigMap and mounted read-only (a secret here is an error: use `secretFiles`). @default none */
  files?: Record<string, pulumi.Input<string>>;
  /** Files with secrets by absolute path (each a Pulumi secret), stored in a Secret and mounted read-only. @default none */
  secretFiles?: Record<string, pulumi.Input<string>>;
  /** Secret values (each a Pulumi secret), stored in a Secret and passed as environment variables. @default none */
  secrets?: Record<string, pulumi.Input<string>>;
  /** Probes. @default TCP checks of the first port */
  probes?: ProbesSpec;
  /** A size preset or explicit requests/limits. @default the profile's size ("small") */
  resources?: ResourcesSpec;
  /** `null` removes the CPU limit. @default the preset's */
  cpuLimit?: string | null;
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
  /** Containers run to completion before the app starts. @default none */
  initContainers?: ContainerSpec[];
  /** Extra containers beside the app, with the same defaults. @default none */
  sidecars?: ContainerSpec[];
  /** Paths that stay writable (emptyDirs) under the read-only root filesystem. @default ["/tmp"] */
  writablePaths?: string[];
  /** Where pods run: a node-pool handle's placement or plain selector/tolerations. @default anywhere */
  placement?: Placement;
  /** Mount a ServiceAccount token (the app calls the Kubernetes API). @default false */
  apiAccess?: boolean;
  /** Annotations of the ServiceAccount (e.g. workload identity). @default none */
  serviceAccountAnnotations?: Record<string, pulumi.Input<string>>;
  /** `app.kubernetes.io/component`. @default "server" */
  component?: string;
  /** Overrides of the defaults profile for this app. @default the tenant's */
  defaults?: ProfileOverride;
}
