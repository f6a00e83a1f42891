import * as pulumi from "@pulumi/pulumi";
import { ChartOverrides, ClusterHandle, ResourcesSpec } from "@slipway/core";
import { MonitoringHandle } from "../monitoring/handle";

/** Where logs go: an Elasticsearch or OpenSearch cluster. */
export interface LogBackendArgs {
  /** Which output plugin speaks to it. */
  kind: "elasticsearch" | "opensearch";
  /** Host name or IP, without scheme or port, e.g. "logs.example.com" or "opensearch.logging.svc". */
  host: string;
  /** HTTP(S) port. @default 9200 */
  port?: number;
  /** TLS to the backend; `false` sends logs in clear text (explicit). @default { verify: true } */
  tls?: false | { verify?: boolean; caCertificate?: pulumi.Input<string> };
  /** Basic-auth credentials; the password must be a Pulumi secret. @default none */
  credentials?: { username: string; password: pulumi.Input<string> };
  /** Index naming. @default one index family per namespace (tenant), "logs" for records without one */
  index?: { perTenant?: boolean; prefix?: string };
  /** The backend runs outside this stack (a managed service, another cluster, or a later component); the link checks (L8) then do not look for it in the render. @default false */
  external?: boolean;
}

/** Buffering limits: a slow backend must neither lose logs nor fill the node's memory or disk. */
export interface LogBufferArgs {
  /** In-memory buffer of the tail input (`Mem_Buf_Limit`), Fluent Bit size e.g. "50MB". @default "50MB" */
  memory?: string;
  /** On-disk queue cap of the output (`storage.total_limit_size`); oldest chunks drop beyond it. @default "5GB" */
  filesystem?: string;
  /** Chunks kept in memory at once (`storage.max_chunks_up`, about 2MB each). @default 64 */
  maxChunksUp?: number;
  /** Memory for replaying the on-disk backlog after a restart (`storage.backlog.mem_limit`). @default "5MB" */
  backlogMemory?: string;
}

export interface LoggingArgs {
  /** The cluster whose container logs are shipped. */
  cluster: ClusterHandle;
  /** The Elasticsearch/OpenSearch backend. */
  backend: LogBackendArgs;
  /** Buffering limits. @default see LogBufferArgs */
  buffer?: LogBufferArgs;
  /** Retries per chunk before it is dropped (`Retry_Limit`); "no_limits" retries until the disk cap drops it. @default "no_limits" */
  retryLimit?: number | "no_limits";
  /** Fluent Bit's own log level. @default "info" */
  logLevel?: "error" | "warn" | "info" | "debug";
  /** System namespace of the DaemonSet (labelled privileged: it reads host log files). @default "logging" */
  namespace?: string;
  /** Requests and limits of each fluent-bit pod. @default requests 100m/256Mi, limits 1 CPU/512Mi */
  resources?: ResourcesSpec;
  /** A MonitoringStack to scrape Fluent Bit's metrics and alert on failing outputs. @default not monitored */
  monitoring?: MonitoringHandle;
  /** Chart mirror, version and image registry for air-gapped sites. @default upstream, image registry from cluster.imageMirror */
  chart?: ChartOverrides;
}
