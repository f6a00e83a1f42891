import { ChartOverrides, ResourcesSpec } from "@slipway/core";

/** Monthly prices OpenCost allocates an on-prem cluster's resources by (its custom pricing model). */
export interface OpenCostPricesArgs {
  /** Price of one CPU core for a month. */
  cpu: number;
  /** Price of one GiB of memory for a month. */
  memory: number;
  /** Price of one GiB of disk for a month. */
  storage: number;
}

/** OpenCost: cost allocation per namespace, workload and label, computed from Prometheus' metrics. */
export interface OpenCostArgs {
  /** Exporter replicas; above one they spread over nodes and get a PodDisruptionBudget. @default 2 */
  replicas?: number;
  /** Run OpenCost's web UI beside the API (nginx, with writable emptyDirs under a read-only root). @default false */
  ui?: boolean;
  /** Requests and limits. @default exporter "small", ui "micro" */
  resources?: { exporter?: ResourcesSpec; ui?: ResourcesSpec };
  /** On-prem prices OpenCost allocates by; on EKS OpenCost reads AWS's public prices itself. @default AWS list prices (OpenCost's own default) */
  customPricing?: OpenCostPricesArgs;
  /** Chart mirror, version and image registry for air-gapped sites. @default upstream, image registry from cluster.imageMirror */
  chart?: ChartOverrides;
}
