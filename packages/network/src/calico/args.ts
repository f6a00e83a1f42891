import { ChartOverrides, ClusterHandle } from "@slipway/core";

/** How pod traffic between nodes is carried. */
export type Encapsulation = "VXLAN" | "VXLANCrossSubnet" | "IPIP" | "IPIPCrossSubnet" | "None";

/** One Calico IP pool, planned up front: pod CIDRs are painful to change once pods have addresses. */
export interface IpPoolArgs {
  /** The pool's CIDR; inside the cluster's pod CIDR when one is known. */
  cidr: string;
  /** The pool's name. @default `<component>-ipv4-<index>` (or `ipv6`) */
  name?: string;
  /** Prefix length of the per-node blocks: 20-32 for IPv4, 116-128 for IPv6. @default 26 (IPv4), 122 (IPv6) */
  blockSize?: number;
  /** Encapsulation between nodes (IPv6 pools take VXLAN or None). @default "VXLANCrossSubnet" */
  encapsulation?: Encapsulation;
  /** SNAT traffic leaving the pod network. @default true */
  natOutgoing?: boolean;
  /** Calico selector of the nodes that allocate from this pool. @default "all()" */
  nodeSelector?: string;
}

/** External address ranges that policies can select by label (a GlobalNetworkSet each). */
export interface NetworkSetArgs {
  /** CIDRs in the set; single addresses as /32 or /128. */
  nets: string[];
  /** Extra labels that policies select the set by. @default {} */
  labels?: Record<string, string>;
}

export interface CalicoArgs {
  /** The cluster Calico runs on: its kind decides the mode (EKS: policy-only on the AWS VPC CNI). */
  cluster: ClusterHandle;
  /** The pod network, when the cluster handle has none; every pool lies inside it. @default cluster.podCidr */
  podCidr?: string;
  /** IP pools (Calico CNI only). @default one pool covering the pod CIDR, block size 26, VXLANCrossSubnet, NAT outgoing */
  ipPools?: IpPoolArgs[];
  /** Run BGP (Calico CNI only). @default true when a pool uses IPIP or no encapsulation, else false */
  bgp?: boolean;
  /** Pod network MTU (Calico CNI only). @default auto-detected by Calico */
  mtu?: number;
  /** Default-deny every pod in tenant namespaces (label `slipway.dev/tenant`), DNS allowed. @default true */
  tenantDefaultDeny?: boolean;
  /** External address ranges by name, e.g. `{ "corporate-vpn": { nets: ["10.86.0.0/16"] } }`. @default {} */
  networkSets?: Record<string, NetworkSetArgs>;
  /** Install the Calico API server (kubectl for projectcalico.org/v3 resources). @default true */
  apiServer?: boolean;
  /** Serve Felix and Typha Prometheus metrics. @default true */
  metrics?: boolean;
  /** Namespace of the tigera-operator. @default "tigera-operator" */
  namespace?: string;
  /** Chart mirror, version and image registry for air-gapped sites. @default upstream, image registry from cluster.imageMirror */
  chart?: ChartOverrides;
}

/** A planned pool as the Installation renders it. */
export interface PlannedIpPool {
  name: string;
  cidr: string;
  family: 4 | 6;
  blockSize: number;
  encapsulation: Encapsulation;
  natOutgoing: boolean;
  nodeSelector: string;
}

/** Where Prometheus finds Calico's metrics. */
export interface CalicoMetrics {
  namespace: string;
  /** Pods serving Felix metrics. */
  felixSelector: Record<string, string>;
  felixPort: number;
  typhaSelector: Record<string, string>;
  typhaPort: number;
}
