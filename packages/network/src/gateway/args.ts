import { ChartOverrides, ClusterHandle, DnsZoneHandle } from "@slipway/core";

/** An IngressClass for clusters that must keep Ingress objects next to the Gateway API. */
export interface IngressClassArgs {
  /** The class name Ingresses set in `ingressClassName`. */
  name: string;
  /** The controller serving the class, e.g. "k8s.io/ingress-nginx" (Envoy Gateway serves only the Gateway API). */
  controller: string;
  /** Make it the cluster's default class. @default false */
  default?: boolean;
}

export interface GatewayArgs {
  /** The cluster the gateway runs in. */
  cluster: ClusterHandle;
  /** The namespace of the controller, its proxies and the Gateway (tenants admit traffic from it). @default "gateway-system" */
  namespace?: string;
  /** The GatewayClass's name. @default the component's name */
  className?: string;
  /** The zone whose wildcard (`*.<domain>`) the listeners serve. @default any host */
  zone?: DnsZoneHandle;
  /** The plain-HTTP listener's port (redirects to HTTPS, ACME HTTP-01). @default 80 */
  httpPort?: number;
  /** The HTTPS listener's port. @default 443 */
  httpsPort?: number;
  /** Secrets (in the gateway's namespace) holding the HTTPS listener's certificates. @default ["<name>-tls"] */
  certificateSecrets?: string[];
  /** Static IP addresses to ask the load balancer for (on-prem, MetalLB); also the `address` output. @default assigned by the load balancer */
  addresses?: string[];
  /** Answer plain HTTP with a redirect to HTTPS. @default true */
  redirectHttp?: boolean;
  /** Controller replicas. @default 2 */
  replicas?: number;
  /** An IngressClass for clusters that keep Ingress. @default none */
  ingressClass?: IngressClassArgs;
  /** Chart mirror, version and image registry for air-gapped sites. @default upstream (the cluster's imageMirror for images) */
  chart?: ChartOverrides;
}
