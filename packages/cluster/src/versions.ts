import { ChartSource } from "@slipway/core";

/** Every pinned version of the cluster package, in one place. */

/** EKS control-plane version for new clusters (in standard support). */
export const EKS_DEFAULT_VERSION = "1.33";
/** The oldest EKS version Slipway accepts (older ones are in extended support or retired). */
export const EKS_MIN_MINOR = 29;

/** Harbor from its official chart (Harbor 2.14). */
export const HARBOR_CHART: ChartSource = { chart: "harbor", version: "1.18.4", repository: "https://helm.goharbor.io" };

/** KubeKey's defaults for existing on-prem clusters. */
export const KUBEKEY_POD_CIDR = "10.233.64.0/18";
export const KUBEKEY_SERVICE_CIDR = "10.233.0.0/18";

/** EKS's default Service network when none is given (outside the usual VPC ranges). */
export const EKS_DEFAULT_SERVICE_CIDR = "172.20.0.0/16";
/** The VPC network when Slipway builds the VPC. */
export const EKS_DEFAULT_VPC_CIDR = "10.0.0.0/16";

/** Karpenter, the node autoscaler on EKS (its chart carries the NodePool and EC2NodeClass CRDs). */
export const KARPENTER_CHART: ChartSource = { chart: "karpenter", version: "1.14.1", repository: "oci://public.ecr.aws/karpenter" };
