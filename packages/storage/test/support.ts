import * as path from "path";
import * as k8s from "@pulumi/kubernetes";
import { ClusterHandle } from "@slipway/core";

/** The upstream CRDs beside the project (never copied in). */
export const CRD_DIR = path.resolve(__dirname, "../../../../shared/crds");

/** A cluster handle as the Cluster component gives it; call inside a render (it creates a provider). */
export function testCluster(overrides: Partial<ClusterHandle> = {}): ClusterHandle {
  return { clusterName: "main", kind: "existing", provider: new k8s.Provider("test", { kubeconfig: "{}" }), ...overrides };
}

export const NODES = ["n1", "n2", "n3"];
