import { disruptionBudget, Manifest } from "@slipway/core";

/** The labels the chart puts on the pods of one of its three Deployments. */
export const certManagerPods = (name: string, component: string) => ({ "app.kubernetes.io/name": name, "app.kubernetes.io/component": component });
const DEPLOYMENTS = [
  ["cert-manager", "controller"],
  ["webhook", "webhook"],
  ["cainjector", "cainjector"],
] as const;

/** A PodDisruptionBudget for each of cert-manager's Deployments (R6, R7), in place of the chart's. */
export function certManagerBudgets(namespace: string, labels: Record<string, string>): Manifest[] {
  return DEPLOYMENTS.map(([name, component]) => disruptionBudget("cert-manager", `cert-manager-${component}`, namespace, certManagerPods(name, component), labels));
}
