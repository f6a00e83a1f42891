import { ChartOverrides, ResourceOverrides } from "@slipway/core";
import { NodePoolCluster } from "../node-pool/args";

/** Karpenter on an EKS cluster: the controller, its scoped IAM, the node role and the interruption queue. */
export interface KarpenterArgs {
  /** The EKS cluster whose nodes Karpenter launches (an existing cluster's node counts are manual). */
  cluster: NodePoolCluster;
  /** The controller's namespace (Pod Security restricted). @default "karpenter" */
  namespace?: string;
  /** Controller replicas (one leads, the others stand by), spread over nodes and zones. @default 2 */
  replicas?: number;
  /** The controller's requests and limits, over the "medium" preset. @default 250m CPU, 512Mi memory, 64Mi ephemeral storage requested; 1 CPU, 512Mi, 1Gi limited */
  resources?: ResourceOverrides;
  /** How the controller gets its AWS role: IRSA or an EKS Pod Identity association. @default "irsa" */
  identity?: "irsa" | "pod-identity";
  /** Chart mirror, version and image registry overrides. @default the pinned chart upstream */
  chart?: ChartOverrides;
}
