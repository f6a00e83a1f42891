import { ProbesSpec } from "@slipway/core";
import { ScaleArgs } from "../app-service/args";
import { PodArgs } from "../workload/args";

/** Prometheus scraping of a worker: a port for metrics only (no Service, so a PodMonitor). */
export interface WorkerMetricsArgs {
  /** The container port serving metrics. @default required */
  port: number;
  /** @default "/metrics" */
  path?: string;
  /** Scrape interval. @default "30s" */
  interval?: string;
}

/** A long-running process that serves no port: a queue consumer, a poller, a scheduler loop. */
export interface WorkerArgs extends PodArgs {
  /** Fixed replicas; not allowed with `scale`. @default the profile's (2) */
  replicas?: number;
  /** Autoscaling on CPU/memory; the HPA then owns replicas. @default none */
  scale?: ScaleArgs;
  /** Liveness/readiness of a process with no port: an exec probe, or http/tcp on the metrics port. @default none (a worker serves nothing to probe) */
  probes?: ProbesSpec;
  /** A PodMonitor for a metrics port. @default none */
  metrics?: WorkerMetricsArgs;
}
