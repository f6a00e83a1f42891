import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { installOperator, siteOf, SlipwayComponent } from "@slipway/core";
import { LogBackendArgs } from "../logging/args";
import { LogStoreArgs } from "./args";
import { planLogStore } from "./plan";

/**
 * Where the platform's logs are kept: OpenSearch through its operator (cluster-manager/data nodes
 * with PDB and host spreading, Dashboards), the writer fluent-bit logs in as, and retention per
 * tenant through index state management. Give `backend` to Logging.
 */
export class LogStore extends SlipwayComponent {
  /** Logging's backend for this store: `new Logging("logging", { backend: store.backend, ... })`. */
  readonly backend: LogBackendArgs;
  /** The namespace of the operator and the cluster. */
  readonly namespace: string;
  /** The in-cluster Service of OpenSearch's HTTP API (port 9200). */
  readonly serviceName: string;
  /** OpenSearch Dashboards' Service (port 5601), when Dashboards run. */
  readonly dashboardsService?: string;
  /** The operator chart. */
  readonly chart: k8s.helm.v4.Chart;

  constructor(name: string, args: LogStoreArgs, opts?: pulumi.ComponentResourceOptions) {
    const plan = planLogStore(siteOf("LogStore", name), args);
    super("observability", "LogStore", name, opts);
    this.chart = installOperator(name, plan.operator, { parent: this, provider: args.cluster.provider }).chart;
    this.backend = plan.backend;
    this.namespace = plan.operator.namespaceName;
    this.serviceName = plan.serviceName;
    this.dashboardsService = plan.dashboardsService;
    this.done({ namespace: this.namespace, serviceName: this.serviceName, host: plan.backend.host, dashboardsService: this.dashboardsService });
  }
}
