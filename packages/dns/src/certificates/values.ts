import * as pulumi from "@pulumi/pulumi";
import { CERT_MANAGER_SERVICE_ACCOUNT, SolverPlan } from "./plan";

/** The cert-manager chart values: CRDs on (and kept on uninstall), two replicas with PDBs, Gateway API when solving through a gateway. */
export function certManagerValues(solver: SolverPlan, roleArn?: pulumi.Input<string>): pulumi.Inputs {
  const ha = { replicaCount: 2, podDisruptionBudget: { enabled: true, minAvailable: 1 } };
  return {
    crds: { enabled: true, keep: true },
    ...ha,
    webhook: { ...ha },
    cainjector: { ...ha },
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
