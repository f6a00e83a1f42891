import { Manifest } from "@slipway/core";
import { PlannedNode } from "./nodes";

export interface CephClusterPlan {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  image: string;
  dataDirHostPath: string;
  mons: number;
  mgrs: number;
  nodes: PlannedNode[];
  dashboard: boolean;
  monitoring: boolean;
  resources: { mon: unknown; mgr: unknown; osd: unknown };
}

/**
 * The CephCluster: one mon and one mgr per node at most, disks only from the listed nodes, and no
 * cleanup policy, so deleting it never wipes hosts or disks (that takes an explicit, manual step).
 */
export function planCephCluster(plan: CephClusterPlan): Manifest {
  return {
    apiVersion: "ceph.rook.io/v1",
    kind: "CephCluster",
    metadata: { name: plan.name, namespace: plan.namespace, labels: plan.labels },
    spec: {
      cephVersion: { image: plan.image, allowUnsupported: false },
      dataDirHostPath: plan.dataDirHostPath,
      skipUpgradeChecks: false,
      continueUpgradeAfterChecksEvenIfNotHealthy: false,
      mon: { count: plan.mons, allowMultiplePerNode: false },
      mgr: { count: plan.mgrs, allowMultiplePerNode: false },
      dashboard: { enabled: plan.dashboard, ssl: true },
      monitoring: { enabled: plan.monitoring },
      crashCollector: { disable: false },
      disruptionManagement: { managePodBudgets: true },
      priorityClassNames: { mon: "system-node-critical", osd: "system-node-critical", mgr: "system-cluster-critical" },
      resources: plan.resources,
      storage: { useAllNodes: false, useAllDevices: false, nodes: plan.nodes },
    },
  };
}
