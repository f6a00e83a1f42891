import { admitGatewayRoutes, checkNumber, checkPodSecurityVersion, checkQuantity, fail, InputSite, Manifest, podSecurityLabels } from "@slipway/core";
import { ContainerLimitsArgs, QuotaArgs } from "./args";

/** Label that marks a namespace as a tenant's: cluster-wide policies (Calico, checks) select on it. */
export const TENANT_LABEL = "slipway.dev/tenant";

type Meta = { name: string; namespace: string; labels: Record<string, string> };

/** A Namespace enforcing Pod Security "restricted" at a pinned version, warned and audited the same (CHECKS S12). */
export function planNamespace(site: InputSite, meta: Meta, tenantName: string, version: string): Manifest {
  const pss = podSecurityLabels("restricted", checkPodSecurityVersion(site, "podSecurityVersion", version));
  return admitGatewayRoutes({ apiVersion: "v1", kind: "Namespace", metadata: { name: meta.namespace, labels: { ...meta.labels, ...pss, [TENANT_LABEL]: tenantName } } });
}

/** A ResourceQuota; LoadBalancer and NodePort Services default to none (exposure goes through the gateway). */
export function planQuota(site: InputSite, meta: Meta, quota: QuotaArgs = {}): Manifest {
  const cpu = quota.cpu ?? "8";
  const memory = quota.memory ?? "16Gi";
  const storage = quota.storage ?? "100Gi";
  checkQuantity(site, "quota.cpu", cpu, "cpu");
  checkQuantity(site, "quota.memory", memory, "memory");
  checkQuantity(site, "quota.storage", storage, "storage");
  const count = (field: keyof QuotaArgs, value: number, min: number) => String(checkNumber(site, `quota.${field}`, value, { min, max: 100000 }));
  return {
    apiVersion: "v1",
    kind: "ResourceQuota",
    metadata: meta,
    spec: {
      // No limits.cpu: a quota on it would force a CPU limit on every pod and defeat `cpuLimit: null`.
      hard: {
        "requests.cpu": cpu,
        "requests.memory": memory,
        "limits.memory": memory,
        "requests.storage": storage,
        pods: count("pods", quota.pods ?? 100, 1),
        persistentvolumeclaims: count("persistentVolumeClaims", quota.persistentVolumeClaims ?? 20, 0),
        "services.loadbalancers": count("loadBalancers", quota.loadBalancers ?? 0, 0),
        "services.nodeports": count("nodePorts", quota.nodePorts ?? quota.loadBalancers ?? 0, 0),
      },
    },
  };
}

/** A LimitRange giving containers that set nothing sane requests and a memory limit, and capping the largest. */
export function planLimitRange(site: InputSite, meta: Meta, limits: ContainerLimitsArgs = {}): Manifest {
  const requestCpu = limits.defaultRequest?.cpu ?? "100m";
  const requestMemory = limits.defaultRequest?.memory ?? "128Mi";
  const memoryLimit = limits.defaultMemoryLimit ?? "256Mi";
  const maxCpu = limits.max?.cpu ?? "4";
  const maxMemory = limits.max?.memory ?? "8Gi";
  const reqMem = checkQuantity(site, "limits.defaultRequest.memory", requestMemory, "memory");
  checkQuantity(site, "limits.defaultRequest.cpu", requestCpu, "cpu");
  const limMem = checkQuantity(site, "limits.defaultMemoryLimit", memoryLimit, "memory");
  if (limMem < reqMem) fail(site, "limits.defaultMemoryLimit", memoryLimit, `is below the default memory request ${requestMemory}`);
  checkQuantity(site, "limits.max.cpu", maxCpu, "cpu");
  if (checkQuantity(site, "limits.max.memory", maxMemory, "memory") < limMem) fail(site, "limits.max.memory", maxMemory, `is below the default memory limit ${memoryLimit}`);
  return {
    apiVersion: "v1",
    kind: "LimitRange",
    metadata: meta,
    spec: {
      limits: [
        {
          type: "Container",
          defaultRequest: { cpu: requestCpu, memory: requestMemory, "ephemeral-storage": "64Mi" },
          default: { memory: memoryLimit, "ephemeral-storage": "1Gi" },
          max: { cpu: maxCpu, memory: maxMemory },
        },
      ],
    },
  };
}
