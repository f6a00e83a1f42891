import { ChartOverrides, ClusterHandle, ResourcesSpec } from "@slipway/core";

export interface PostgresOperatorArgs {
  /** The cluster the operator runs in. */
  cluster: ClusterHandle;
  /** Its namespace (restricted Pod Security). StatefulApp's postgres.operatorNamespace must name the same. @default "cnpg-system" */
  namespace?: string;
  /** Operator replicas (leader election: one acts, the others stand by); more than one gets a PDB and host spreading. @default 2 */
  replicas?: number;
  /** Requests and limits of each operator pod. @default requests 100m/256Mi, limits 1 CPU/512Mi */
  resources?: ResourcesSpec;
  /** Chart mirror, version and image registry for air-gapped sites. @default upstream, image registry from cluster.imageMirror */
  chart?: ChartOverrides;
}
