import * as pulumi from "@pulumi/pulumi";
import { InputSite, installOperator, InstalledOperator } from "@slipway/core";
import { OpenCostArgs } from "./args";
import { planOpenCost } from "./plan";

/**
 * Plans and installs OpenCost into a MonitoringStack's namespace, reading its Prometheus
 * (kube-prometheus-stack names the Service `<release>-prometheus`, port 9090).
 */
export function installOpenCost(
  site: InputSite,
  value: boolean | OpenCostArgs | undefined,
  stack: { namespace: string; clusterMirror: string | undefined; clusterName: string },
  opts: { parent: pulumi.Resource; provider?: pulumi.ProviderResource; dependsOn?: pulumi.Input<pulumi.Resource>[] },
): (InstalledOperator & { apiUrl: string }) | undefined {
  const plan = planOpenCost(site, value, { owner: site.name, namespace: stack.namespace, prometheus: { serviceName: `${site.name}-prometheus`, port: 9090 }, clusterMirror: stack.clusterMirror, clusterName: stack.clusterName });
  if (!plan) return undefined;
  return { ...installOperator(site.name, plan.operator, opts), apiUrl: plan.apiUrl };
}
