import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { installOperator, PlatformMetrics, siteOf, SlipwayComponent } from "@slipway/core";
import { CalicoArgs, CalicoMetrics, PlannedIpPool } from "./args";
import { calicoPlatformMetrics } from "./metrics";
import { planCalico } from "./plan";

/**
 * Calico from the tigera-operator: Calico CNI with IP pools planned and checked against the
 * cluster's networks (or policy-only on EKS's AWS VPC CNI), the Calico API server, a default deny
 * for tenant namespaces with DNS allowed, GlobalNetworkSets for external ranges, and Felix metrics.
 */
export class Calico extends SlipwayComponent {
  /** "calico" (Calico CNI and IPAM) or "policy-only" (EKS with the AWS VPC CNI). */
  readonly mode: "calico" | "policy-only";
  /** The operator's namespace. */
  readonly operatorNamespace: string;
  /** The tigera-operator chart; anything that needs Calico's CRDs can depend on it. */
  readonly chart: k8s.helm.v4.Chart;
  /** The IP pools the Installation declares (none in policy-only mode). */
  readonly ipPools: PlannedIpPool[];
  /** Name of the tenants' default-deny GlobalNetworkPolicy, when rendered. */
  readonly tenantDefaultDenyPolicy?: string;
  /** Labels selecting each GlobalNetworkSet, by the name it was given in `networkSets`. */
  readonly networkSets: Record<string, Record<string, string>>;
  /** Where Prometheus scrapes Felix and Typha, when metrics are on. */
  readonly metrics?: CalicoMetrics;
  /** Felix and Typha targets, alerts and dashboard for a MonitoringStack's `platformMetrics`, when metrics are on. */
  readonly platformMetrics?: PlatformMetrics;

  constructor(name: string, args: CalicoArgs, opts?: pulumi.ComponentResourceOptions) {
    const plan = planCalico(siteOf("Calico", name), args);
    super("network", "Calico", name, opts);
    this.chart = installOperator(name, plan.operator, { parent: this, provider: args.cluster.provider }).chart;
    const operatorNamespace = plan.operator.namespaceName;
    this.mode = plan.mode;
    this.operatorNamespace = operatorNamespace;
    this.ipPools = plan.pools;
    this.tenantDefaultDenyPolicy = plan.tenantDefaultDenyPolicy;
    this.networkSets = plan.networkSets;
    this.metrics = plan.metrics;
    this.platformMetrics = plan.metrics && calicoPlatformMetrics(name, plan.metrics);
    this.done({ mode: this.mode, operatorNamespace, ipPools: this.ipPools, tenantDefaultDenyPolicy: this.tenantDefaultDenyPolicy, networkSets: this.networkSets });
  }
}
