import type { TenantArgs } from "@slipway/apps";
import type { ClusterArgs, KarpenterArgs, NodePoolArgs, RegistryArgs } from "@slipway/cluster";
import type { CertificatesArgs, DnsZoneArgs } from "@slipway/dns";
import type { CalicoArgs, GatewayArgs } from "@slipway/network";
import type { LoggingArgs, MonitoringStackArgs } from "@slipway/observability";
import type { CephStorageArgs } from "@slipway/storage";
import type { BackupsSection } from "./backups";

/**
 * What each `platform:<section>` of a stack file is: its component's args (plus the few settings the
 * program reads itself). The valid config keys (config-keys.ts) are generated from these types.
 */
export interface PlatformSections {
  cluster: ClusterArgs;
  /** A pool's `autoscaler: karpenter` hands its nodes to the Karpenter of `autoscaling` (EKS only; on-prem node counts are manual). */
  nodePools: Record<string, Omit<NodePoolArgs, "autoscaler"> & { autoscaler?: "karpenter" }>;
  /** Karpenter's settings; it is installed when this is set or a pool names it. */
  autoscaling: KarpenterArgs;
  network: CalicoArgs;
  storage: CephStorageArgs;
  registry: RegistryArgs;
  dns: DnsZoneArgs;
  gateway: GatewayArgs;
  /** The ACME solver is named in config (`http01` or `dns01`); the program passes the gateway or zone it needs. */
  certificates: Omit<CertificatesArgs, "issuer"> & { issuer: CertificatesArgs["issuer"] & { solver?: "http01" | "dns01" } };
  /** `grafanaHost` is read by the program. */
  monitoring: MonitoringStackArgs & { grafanaHost?: boolean };
  logging: LoggingArgs;
  /** Velero; the store (Ceph or S3) and snapshot classes follow from the cluster. */
  backups: BackupsSection;
  tenants: Record<string, TenantArgs>;
}
