import * as pulumi from "@pulumi/pulumi";
import { chartResources } from "@slipway/core";

/** The tigera-operator chart's image values, pointed at a mirror that keeps upstream paths. */
export function tigeraImageValues(registry: string): pulumi.Inputs {
  return { tigeraOperator: { registry }, calicoctl: { image: `${registry}/calico/ctl` } };
}

/**
 * The operator's requests and limits (R1-R3) and standard labels on the Deployment and its pods
 * (R15). Its rollout strategy and root filesystem are not chart values: a named exemption says so.
 */
export const TIGERA_OPERATOR_VALUES: pulumi.Inputs = {
  resources: chartResources("small"),
  additionalLabels: { "app.kubernetes.io/name": "tigera-operator", "app.kubernetes.io/instance": "tigera-operator", "app.kubernetes.io/part-of": "slipway" },
  podLabels: { "app.kubernetes.io/name": "tigera-operator", "app.kubernetes.io/instance": "tigera-operator" },
};
