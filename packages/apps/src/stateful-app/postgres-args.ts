/**
 * Where a PostgreSQL cluster's backups go: an S3-compatible object store. This is the seam with the
 * platform's backup storage (Ceph RGW on-prem, S3 on EKS): the platform (or its Velero component)
 * owns the bucket and the credentials Secret; the database names them here.
 */
export interface PostgresObjectStore {
  /** The bucket and path the base backups and WAL go to, e.g. "s3://backups/shop". @default required */
  destinationPath: string;
  /** The store's endpoint when it is not AWS S3, e.g. "http://rook-ceph-rgw-objects.rook-ceph.svc:80". @default AWS S3 */
  endpointUrl?: string;
  /**
   * How the instances authenticate: a Secret in the app's namespace holding the access key pair
   * (keys `ACCESS_KEY_ID` and `ACCESS_SECRET_KEY` unless named), or an IAM role the instances assume (IRSA on EKS).
   * @default required
   */
  credentials: { secretName: string; accessKeyIdKey?: string; secretAccessKeyKey?: string } | { roleArn: string };
  /** Where the store is reached from the tenant's namespace under default-deny egress: an in-cluster namespace (e.g. "rook-ceph") or CIDRs. @default required */
  reach: { namespace: string; podLabels?: Record<string, string> } | { cidrs: string[] };
  /** The store's port. @default 443, or the endpoint URL's port */
  port?: number;
}

/** The Kubernetes API server as the instances reach it under the tenant's default-deny egress. */
export interface PostgresApiServer {
  /** Its addresses (post-DNAT: the control-plane nodes or EKS's endpoint ENIs). @default required */
  cidrs: string[];
  /** Its ports. @default [443, 6443] */
  ports?: number[];
}

/** Base backups and WAL archiving of a PostgreSQL cluster. */
export interface PostgresBackup {
  /** Where they go. @default required */
  objectStore: PostgresObjectStore;
  /** How long they are kept: a count of days, weeks or months. @default "30d" */
  retention?: string;
  /** When base backups run: six cron fields, seconds first. @default "0 0 2 * * *" (02:00 daily) */
  schedule?: string;
}

/** Settings only the postgresql preset (a CloudNativePG Cluster) reads. */
export interface PostgresArgs {
  /** PostgreSQL major version of the pinned CloudNativePG image. @default 17 */
  version?: 16 | 17;
  /** Namespace of the CloudNativePG operator, whose pods call each instance's status port. @default "cnpg-system" */
  operatorNamespace?: string;
  /**
   * The Kubernetes API server's addresses: every instance manager watches its Cluster through the API.
   * @default the private ranges (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16) on 443 and 6443
   */
  apiServer?: PostgresApiServer;
  /** Base backups and WAL archiving to an object store. @default no backups */
  backup?: PostgresBackup;
  /** Metrics on port 9187 scraped by a PodMonitor from the platform's Prometheus. @default true */
  monitoring?: boolean;
}
