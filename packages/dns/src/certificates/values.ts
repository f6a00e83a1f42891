import * as pulumi from "@pulumi/pulumi";
import { certManagerPods } from "./budgets";
import { CERT_MANAGER_SERVICE_ACCOUNT, SolverPlan } from "./plan";

/** The cert-manager chart values: CRDs on (and kept on uninstall), two replicas with PDBs, Gateway API when solving through a gateway. */
export function certManagerValues(solver: SolverPlan, roleArn?: pulumi.Input<string>): pulumi.Inputs {
  // Each of the three Deployments: two replicas on different hosts, a budget, requests and limits (CHECKS R1-R3, R5-R8, R10).
  const ha = (name: string, component: string) => ({
    replicaCount: 2,
    // The chart's budgets cannot say unhealthyPodEvictionPolicy: certManagerBudgets replace them.
    podDisruptionBudget: { enabled: false },
    strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
    topologySpreadConstraints: [{ maxSkew: 1, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "DoNotSchedule", labelSelector: { matchLabels: certManagerPods(name, component) } }],
    resources: {
      requests: { cpu: "20m", memory: "64Mi", "ephemeral-storage": "64Mi" },
      limits: { cpu: "500m", memory: "256Mi", "ephemeral-storage": "256Mi" },
    },
  });
  return {
    crds: { enabled: true, keep: true },
    ...ha("cert-manager", "controller"),
    webhook: ha("webhook", "webhook"),
    cainjector: ha("cainjector", "cainjector"),
    serviceAccount: { create: true, name: CERT_MANAGER_SERVICE_ACCOUNT, ...(roleArn !== undefined ? { annotations: { "eks.amazonaws.com/role-arn": roleArn } } : {}) },
    ...(solver.kind === "http01"
      ? { config: { apiVersion: "controller.config.cert-manager.io/v1alpha1", kind: "ControllerConfiguration", enableGatewayAPI: true } }
      : {}),
  };
}

/** Image values that point every cert-manager image at a registry mirror. */
export function certManagerImageValues(registry: string): pulumi.Inputs {
  const image = (name: string) => ({ image: { repository: `${registry}/jetstack/cert-manager-${name}` } });
  return {
    ...image("controller"),
    webhook: image("webhook"),
    cainjector: image("cainjector"),
    acmesolver: image("acmesolver"),
    startupapicheck: image("startupapicheck"),
  };
}
