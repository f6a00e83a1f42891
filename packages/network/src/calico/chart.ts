import * as pulumi from "@pulumi/pulumi";

/** The tigera-operator chart's image values, pointed at a mirror that keeps upstream paths. */
export function tigeraImageValues(registry: string): pulumi.Inputs {
  return { tigeraOperator: { registry }, calicoctl: { image: `${registry}/calico/ctl` } };
}
