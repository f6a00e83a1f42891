import { BackupPolicyArgs, BackupsHandle, ClusterDns, ClusterHandle, GatewayHandle, PlatformNamespaces, ProfileOverride, RegistryHandle } from "@slipway/core";

/** Hard limits of the tenant's namespace (a ResourceQuota). */
export interface QuotaArgs {
  /** Total CPU requests. @default "8" */
  cpu?: string;
  /** Total memory requests and limits. @default "16Gi" */
  memory?: string;
  /** Total storage requested by claims. @default "100Gi" */
  storage?: string;
  /** Most pods. @default 100 */
  pods?: number;
  /** Most PersistentVolumeClaims. @default 20 */
  persistentVolumeClaims?: number;
  /** LoadBalancer Services allowed (exposure goes through the gateway). @default 0 */
  loadBalancers?: number;
  /** Node ports allowed (a LoadBalancer Service takes one too, so the API server counts it here). @default loadBalancers */
  nodePorts?: number;
}

/** Per-container defaults and maximum (a LimitRange) for pods that do not set their own. */
export interface ContainerLimitsArgs {
  /** Default requests. @default { cpu: "100m", memory: "128Mi" } */
  defaultRequest?: { cpu?: string; memory?: string };
  /** Default memory limit (no default CPU limit, so an app's `cpuLimit: null` stays honoured). @default "256Mi" */
  defaultMemoryLimit?: string;
  /** Largest container allowed. @default { cpu: "4", memory: "8Gi" } */
  max?: { cpu?: string; memory?: string };
}

/** Team groups (from the cluster's identity provider) per role. */
export interface TenantGroups {
  /** Manage everything in the namespace, including RBAC bindings. */
  admin?: string[];
  /** Deploy and operate workloads; write Secrets but never read them (pods read them through references). */
  developer?: string[];
  /** Read workloads and logs; no secrets. */
  viewer?: string[];
}

export interface TenantArgs {
  /** The cluster the tenant lives in (its provider creates the objects). @default the default provider */
  cluster?: ClusterHandle;
  /** The cluster's DNS resolver the default deny lets pods reach, e.g. a platform stack's `clusterDns` output when the tenant has no `cluster`. @default cluster.dns, else kube-dns pods in kube-system */
  dns?: ClusterDns;
  /** Namespace name. @default the tenant's name */
  namespace?: string;
  /** Resource quota. @default see QuotaArgs */
  quota?: QuotaArgs;
  /** Container defaults and maximum. @default see ContainerLimitsArgs */
  limits?: ContainerLimitsArgs;
  /** Groups bound to the admin, developer and viewer roles. @default none */
  groups?: TenantGroups;
  /** Roles granted pods/exec and pods/attach (CHECKS A1 forbids it unless granted here). @default [] */
  execFor?: ("admin" | "developer")[];
  /** A registry whose pull secret the tenant's pods use. @default none */
  registry?: RegistryHandle;
  /** The platform gateway whose namespace may send traffic in. @default namespace "gateway-system" */
  gateway?: GatewayHandle;
  /** Platform namespaces allowed in (monitoring scrapes, ingress traffic). @default { monitoring: "monitoring", ingress: the gateway's } */
  platform?: PlatformNamespaces;
  /** Pod Security Standards version the namespace pins. @default POD_SECURITY_VERSION (core) */
  podSecurityVersion?: string;
  /** Defaults every app of the tenant inherits. @default none */
  defaults?: ProfileOverride;
  /** Tenants whose apps may connect to this tenant's apps (the platform's grant; the apps' owners still write the ingress). @default none */
  accepts?: string[];
  /** The platform's Backups (Velero): with it the tenant's namespace is backed up on a schedule. @default none (no backups) */
  backups?: BackupsHandle;
  /** When the namespace is backed up and how long backups are kept, or false for no backups. @default the platform's (backups.defaults) */
  backup?: BackupPolicyArgs | false;
}
