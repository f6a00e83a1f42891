import { podTemplateOf, TENANT_LABEL } from "@slipway/checks";
import { Manifest, parseQuantity } from "@slipway/core";
import { PriceTable } from "./prices";

/** A quantity at the HPA's minimum and maximum (equal without an HPA). */
export interface Range {
  min: number;
  max: number;
}

/** What one app (a release, by its `app.kubernetes.io/instance` label) requests in one namespace, and its monthly price. */
export interface AppCost {
  tenant: string;
  namespace: string;
  app: string;
  /** CPU cores requested. */
  cpu: Range;
  /** GiB of memory requested. */
  memory: Range;
  /** GiB of claimed storage by StorageClass. */
  storage: Record<string, Range>;
  loadBalancers: number;
  /** Workloads (Deployments, StatefulSets, DaemonSets, ...) counted. */
  workloads: number;
  monthly: Range;
}

export interface TenantCost {
  /** The tenant, or "platform" for the platform's own namespaces. */
  tenant: string;
  apps: AppCost[];
  monthly: Range;
}

export interface CostReport {
  prices: PriceTable;
  tenants: TenantCost[];
  monthly: Range;
}

/** The group every namespace the platform renders without a tenant label falls into. */
export const PLATFORM_GROUP = "platform";

const GIB = 2 ** 30;
const INSTANCE_LABEL = "app.kubernetes.io/instance";
const NAME_LABEL = "app.kubernetes.io/name";
const DEFAULT_CLASS_ANNOTATION = "storageclass.kubernetes.io/is-default-class";

type Obj = Record<string, unknown>;
const rec = (v: unknown): Obj => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const quantity = (v: unknown): number => (typeof v === "string" ? (parseQuantity(v) ?? 0) : typeof v === "number" ? v : 0);
const labelsOf = (m: { metadata?: unknown }): Record<string, string> => rec(rec(m.metadata).labels) as Record<string, string>;
const add = (a: Range, b: Range): Range => ({ min: a.min + b.min, max: a.max + b.max });
const times = (r: Range, n: Range): Range => ({ min: r.min * n.min, max: r.max * n.max });
const fixed = (n: number): Range => ({ min: n, max: n });

/** A pod's requests as the scheduler counts them: containers plus sidecars, or the largest init container if that is more. */
function podRequests(spec: Obj): { cpu: number; memory: number } {
  const requests = (c: unknown) => rec(rec(rec(c).resources).requests);
  const sidecars = arr(spec.initContainers).filter((c) => rec(c).restartPolicy === "Always");
  const running = [...arr(spec.containers), ...sidecars];
  const sum = (key: string) => running.reduce<number>((n, c) => n + quantity(requests(c)[key]), 0);
  const init = (key: string) => Math.max(0, ...arr(spec.initContainers).filter((c) => rec(c).restartPolicy !== "Always").map((c) => quantity(requests(c)[key])));
  return { cpu: Math.max(sum("cpu"), init("cpu")), memory: Math.max(sum("memory"), init("memory")) / GIB };
}

/** The tenant each namespace belongs to: the rendered Namespace's tenant label, the platform's `tenants` output, else the platform's own (rendered without a label) or, for a team stack, the namespace itself. */
function tenantResolver(manifests: Manifest[], tenantNamespaces: Record<string, string>): (namespace: string) => string {
  const rendered = new Map(manifests.filter((m) => m.kind === "Namespace").map((m) => [String(m.metadata.name), labelsOf(m)[TENANT_LABEL]]));
  const byNamespace = new Map(Object.entries(tenantNamespaces).map(([tenant, ns]) => [ns, tenant]));
  return (namespace) => {
    if (rendered.has(namespace)) return rendered.get(namespace) ?? byNamespace.get(namespace) ?? PLATFORM_GROUP;
    return byNamespace.get(namespace) ?? namespace;
  };
}

/** Replicas at the minimum and maximum: an HPA's bounds when one targets the workload, a DaemonSet's nodes, else `spec.replicas` (default 1). */
function replicasOf(m: Manifest, hpas: Manifest[], nodes: number): Range {
  if (m.kind === "DaemonSet") return fixed(nodes);
  if (m.kind === "Pod") return fixed(1);
  const hpa = hpas.find((h) => {
    const target = rec(rec(h.spec).scaleTargetRef);
    return h.metadata.namespace === m.metadata.namespace && target.kind === m.kind && target.name === m.metadata.name;
  });
  if (hpa) {
    const spec = rec(hpa.spec);
    return { min: typeof spec.minReplicas === "number" ? spec.minReplicas : 1, max: typeof spec.maxReplicas === "number" ? spec.maxReplicas : 1 };
  }
  const replicas = rec(m.spec).replicas;
  return fixed(typeof replicas === "number" ? replicas : 1);
}

/** Jobs run to completion: a month of their requests would overstate them, so they are left out. */
const TRANSIENT = new Set(["Job", "CronJob"]);

/** prometheus-operator's Prometheus and Alertmanager: the operator makes their StatefulSets, so they are priced from the resource. */
const OPERATOR_MANAGED = new Set(["Prometheus", "Alertmanager"]);

/**
 * Estimates a month of every tenant's and app's rendered requests: CPU and memory requests x
 * replicas (an HPA's minimum and maximum), claimed storage by StorageClass (claims and StatefulSet
 * claim templates x replicas), and load balancers (LoadBalancer Services and Gateways). Pure: rendered objects and prices in.
 */
export function estimateCost(manifests: Manifest[], prices: PriceTable, options: { tenants?: Record<string, string> } = {}): CostReport {
  const tenantOf = tenantResolver(manifests, options.tenants ?? {});
  const hpas = manifests.filter((m) => m.kind === "HorizontalPodAutoscaler");
  const defaultClass = manifests.find((m) => m.kind === "StorageClass" && rec(m.metadata.annotations)[DEFAULT_CLASS_ANNOTATION] === "true")?.metadata.name;
  const className = (spec: Obj) => String(spec.storageClassName ?? defaultClass ?? "default");
  const apps = new Map<string, AppCost>();
  const appOf = (m: Manifest): AppCost | undefined => {
    const namespace = m.metadata.namespace;
    if (typeof namespace !== "string") return undefined;
    const labels = labelsOf(m);
    const app = labels[INSTANCE_LABEL] ?? labels[NAME_LABEL] ?? String(m.metadata.name);
    const key = `${namespace}/${app}`;
    if (!apps.has(key)) apps.set(key, { tenant: tenantOf(namespace), namespace, app, cpu: fixed(0), memory: fixed(0), storage: {}, loadBalancers: 0, workloads: 0, monthly: fixed(0) });
    return apps.get(key);
  };
  const claim = (entry: AppCost, spec: Obj, count: Range) => {
    const gib = quantity(rec(rec(spec.resources).requests).storage) / GIB;
    const storageClass = className(spec);
    entry.storage[storageClass] = add(entry.storage[storageClass] ?? fixed(0), times(fixed(gib), count));
  };

  for (const m of manifests) {
    if (TRANSIENT.has(m.kind)) continue;
    if (m.kind === "PersistentVolumeClaim") {
      const entry = appOf(m);
      if (entry) claim(entry, rec(m.spec), fixed(1));
      continue;
    }
    // A Gateway's controller (Envoy Gateway) provisions a LoadBalancer Service for it at run time.
    if ((m.kind === "Service" && rec(m.spec).type === "LoadBalancer") || (m.kind === "Gateway" && m.apiVersion.startsWith("gateway.networking.k8s.io/"))) {
      const entry = appOf(m);
      if (entry) entry.loadBalancers += 1;
      continue;
    }
    if (OPERATOR_MANAGED.has(m.kind) && m.apiVersion === "monitoring.coreos.com/v1") {
      const entry = appOf(m);
      if (!entry) continue;
      const spec = rec(m.spec);
      const replicas = fixed(typeof spec.replicas === "number" ? spec.replicas : 1);
      const requests = podRequests({ containers: [{ resources: spec.resources }] });
      entry.workloads += 1;
      entry.cpu = add(entry.cpu, times(fixed(requests.cpu), replicas));
      entry.memory = add(entry.memory, times(fixed(requests.memory), replicas));
      const template = rec(rec(rec(spec.storage).volumeClaimTemplate).spec);
      if (Object.keys(template).length) claim(entry, template, replicas);
      continue;
    }
    const pod = podTemplateOf(m);
    if (!pod || m.kind === "ReplicaSet") continue;
    const entry = appOf(m);
    if (!entry) continue;
    const replicas = replicasOf(m, hpas, prices.nodes);
    const requests = podRequests(pod.spec);
    entry.workloads += 1;
    entry.cpu = add(entry.cpu, times(fixed(requests.cpu), replicas));
    entry.memory = add(entry.memory, times(fixed(requests.memory), replicas));
    if (m.kind === "StatefulSet") for (const template of arr(rec(m.spec).volumeClaimTemplates)) claim(entry, rec(rec(template).spec), replicas);
  }

  const storagePrice = (storageClass: string) => prices.storage[storageClass] ?? prices.storage.default;
  const priced = [...apps.values()]
    .map((a) => {
      const storage = Object.entries(a.storage).reduce((sum, [cls, gib]) => add(sum, times(gib, fixed(storagePrice(cls)))), fixed(0));
      const monthly = add(add(times(a.cpu, fixed(prices.cpu)), times(a.memory, fixed(prices.memory))), add(storage, fixed(a.loadBalancers * prices.loadBalancer)));
      return { ...a, monthly };
    })
    .filter((a) => a.workloads > 0 || a.loadBalancers > 0 || Object.keys(a.storage).length > 0);
  // Every tenant the render knows is listed, a tenant without apps at zero.
  const known = [...manifests.filter((m) => m.kind === "Namespace").map((m) => labelsOf(m)[TENANT_LABEL]), ...Object.keys(options.tenants ?? {})].filter((t): t is string => typeof t === "string");
  const tenantNames = [...new Set([...known, ...priced.map((a) => a.tenant)])].sort((x, y) => Number(x === PLATFORM_GROUP) - Number(y === PLATFORM_GROUP) || x.localeCompare(y));
  const tenants = tenantNames.map((tenant) => {
    const own = priced.filter((a) => a.tenant === tenant).sort((x, y) => y.monthly.max - x.monthly.max || x.app.localeCompare(y.app));
    return { tenant, apps: own, monthly: own.reduce((sum, a) => add(sum, a.monthly), fixed(0)) };
  });
  return { prices, tenants, monthly: tenants.reduce((sum, t) => add(sum, t.monthly), fixed(0)) };
}
