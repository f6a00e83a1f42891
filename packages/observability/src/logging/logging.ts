import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { installOperator, registerManifests, siteOf, SlipwayComponent } from "@slipway/core";
import { LoggingArgs } from "./args";
import { planLogging } from "./plan";
import { FLUENT_BIT_NAME } from "./values";

/**
 * Fluent Bit from the pinned chart as a DaemonSet in a privileged system namespace: tails every
 * container log (CRI), adds Kubernetes metadata, and ships to Elasticsearch or OpenSearch with an
 * index per tenant, credentials from a Secret, and memory and disk buffers bounded so a slow backend
 * neither loses logs nor floods the node.
 */
export class Logging extends SlipwayComponent {
  /** The namespace fluent-bit runs in. */
  readonly namespace: string;
  /** The DaemonSet's name. */
  readonly daemonSetName: string;
  /** The fluent-bit chart. */
  readonly chart: k8s.helm.v4.Chart;

  constructor(name: string, args: LoggingArgs, opts?: pulumi.ComponentResourceOptions) {
    const plan = planLogging(siteOf("Logging", name), args);
    super("observability", "Logging", name, opts);
    const provider = args.cluster.provider;
    const installed = installOperator(name, plan.operator, { parent: this, provider });
    this.chart = installed.chart;
    if (args.monitoring) {
      // The ServiceMonitor and rules wait for the MonitoringStack's CRDs, not for fluent-bit's chart.
      const operator = args.monitoring.operatorChart;
      registerManifests(name, plan.monitoringResources.map((manifest) => ({ manifest, options: { dependsOn: [operator, ...installed.namespaces] } })), this.childOptions({ provider }));
    }
    this.namespace = plan.operator.namespaceName;
    this.daemonSetName = FLUENT_BIT_NAME;
    this.done({ namespace: this.namespace, daemonSetName: this.daemonSetName });
  }
}
