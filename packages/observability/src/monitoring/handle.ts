import * as pulumi from "@pulumi/pulumi";

/**
 * What other components need from a MonitoringStack: where it runs, and the operator chart whose
 * CRDs (ServiceMonitor, PrometheusRule) their own monitoring objects wait for.
 */
export interface MonitoringHandle {
  /** The namespace Prometheus runs in (tenants allow scrapes from it). */
  readonly monitoringNamespace: string;
  /** The kube-prometheus-stack chart; custom resources of other components depend on it. */
  readonly operatorChart: pulumi.Resource;
}
