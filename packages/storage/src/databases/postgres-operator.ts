import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { installOperator, siteOf, SlipwayComponent } from "@slipway/core";
import { PostgresOperatorArgs } from "./args";
import { planPostgresOperator } from "./plan";

/**
 * The CloudNativePG operator from its pinned chart: it runs every `StatefulApp` with the postgresql
 * preset (a `Cluster`) in any namespace: replication, failover, PDBs, backups.
 */
export class PostgresOperator extends SlipwayComponent {
  /** The operator's namespace: give it to StatefulApp's `postgres.operatorNamespace` when it is not the default. */
  readonly namespace: string;
  /** The chart; anything that needs CloudNativePG's CRDs can depend on it. */
  readonly chart: k8s.helm.v4.Chart;

  constructor(name: string, args: PostgresOperatorArgs, opts?: pulumi.ComponentResourceOptions) {
    const plan = planPostgresOperator(siteOf("PostgresOperator", name), args, `${name}-operator`);
    super("storage", "PostgresOperator", name, opts);
    const installed = installOperator(name, plan, { parent: this, provider: args.cluster.provider });
    this.namespace = plan.namespaceName;
    this.chart = installed.chart;
    this.done({ namespace: this.namespace });
  }
}
