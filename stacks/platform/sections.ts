import type { TenantArgs } from "@slipway/apps";
import type { ClusterArgs, NodePoolArgs, RegistryArgs } from "@slipway/cluster";
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
  nodePools: Record<string, NodePoolArgs>;
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
