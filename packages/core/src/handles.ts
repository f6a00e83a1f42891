import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";

/**
 * The handles components pass to each other. They live in core so that every domain package can
 * take another's output without importing it (imports only ever point at core).
 */

/** The cluster's DNS resolver: what every pod's resolv.conf points at, and what DNS egress must reach. */
export interface ClusterDns {
  /** Namespace of the CoreDNS (kube-dns) pods. */
  readonly namespace: string;
  /** Labels of the CoreDNS pods. */
  readonly podLabels: Record<string, string>;
  /** NodeLocal DNSCache's link-local address when pods resolve through it (KubeKey's default is 169.254.25.10). */
  readonly nodeLocal?: string;
}

/** kube-dns pods in kube-system: the resolver of EKS and of kubeadm-built clusters without NodeLocal DNSCache. */
export const KUBE_DNS: ClusterDns = { namespace: "kube-system", podLabels: { "k8s-app": "kube-dns" } };

/** A Kubernetes cluster: EKS built by Slipway, or an existing (on-prem) cluster. */
export interface ClusterHandle {
  /** The Cluster component's name. */
  readonly clusterName: string;
  readonly kind: "eks" | "existing";
  /** The provider every Kubernetes object of the platform is created with. */
  readonly provider: k8s.Provider;
  /** The pod network the platform plans with (Calico IP pools, NetworkPolicies). */
  readonly podCidr?: string;
  /** The Service network; pod CIDRs must not overlap it. */
  readonly serviceCidr?: string;
  /** The node network(s); pod CIDRs must not overlap them. */
  readonly nodeCidrs?: string[];
  /** OIDC issuer for workload identity (EKS). */
  readonly oidc?: { providerArn: pulumi.Input<string>; issuerUrl: pulumi.Input<string> };
  /** AWS region (EKS). */
  readonly region?: string;
  /** A registry that mirrors every image the platform deploys (air-gapped sites). */
  readonly imageMirror?: string;
  /** The cluster's DNS resolver. @default KUBE_DNS */
  readonly dns?: ClusterDns;
}

/** A StorageClass that StatefulApp, MonitoringStack and Registry claim volumes from. */
export interface StorageClassHandle {
  readonly storageClassName: string;
  /** Access modes the class supports. */
  readonly accessModes: ("ReadWriteOnce" | "ReadWriteMany" | "ReadOnlyMany" | "ReadWriteOncePod")[];
}

/** Where pods of a node pool run: give it to an app's `placement`. */
export interface NodePoolHandle {
  readonly placement: { nodeSelector: Record<string, string>; tolerations?: k8s.types.input.core.v1.Toleration[] };
}

/** A container registry: image references, and the pull secret tenants need. */
export interface RegistryHandle {
  /** `registry.image("shop/cart", "1.4.2")` -> a full image reference. */
  image(repository: string, tag: string): pulumi.Input<string>;
  /** Docker config JSON for an image pull secret (a Pulumi secret), when pulls need credentials. */
  readonly pullSecretDockerConfig?: pulumi.Output<string>;
}

/** The platform Gateway (Gateway API) that app routes attach to. */
export interface GatewayHandle {
  readonly gatewayName: string;
  readonly gatewayNamespace: string;
  /** The HTTPS listener's name. @default "https" */
  readonly httpsListener?: string;
  /** What routes wait for: the Gateway API CRDs and the Gateway (the platform Gateway component). @default nothing (a Gateway in another stack) */
  readonly ready?: pulumi.Resource;
}

/** Per-object options for a plan: routes wait for their gateway when it lives in the same program. */
export function routeOptions(gateway: GatewayHandle | undefined): (m: { kind: string }) => pulumi.CustomResourceOptions | undefined {
  return (m) => (gateway?.ready && (m.kind === "HTTPRoute" || m.kind === "GRPCRoute") ? { dependsOn: [gateway.ready] } : undefined);
}

/** The naming rule for hosts: `zone.hostFor("cart", shop)` -> `cart.shop.<domain>`. */
export interface DnsZoneHandle {
  readonly domain: pulumi.Input<string>;
  hostFor(app: string, tenant: string | { tenantName?: string; namespace: string }): pulumi.Input<string>;
}

/** What tenants need to know about the platform's monitoring and ingress namespaces. */
export interface PlatformNamespaces {
  /** The namespace Prometheus scrapes from. */
  readonly monitoring?: string;
  /** The namespace of the gateway or ingress controller. */
  readonly ingress?: string;
}
