import { readdirSync, readFileSync, statSync } from "fs";
import { join, relative } from "path";
import { parseAllDocuments } from "yaml";

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string>; [key: string]: unknown };
  [key: string]: unknown;
}

/** Files `slipway render` writes beside the manifests that are not Kubernetes objects. */
const NOT_KUBERNETES = new Set(["charts.yaml", "cloud.yaml"]);

/**
 * What rendered output shows instead of a secret. The e2e tier cannot know the real value, so it
 * applies a dummy of the right shape: base64 under a Secret's `data`, plain text elsewhere.
 */
export const REDACTED = "<redacted>";
export const DUMMY_SECRET = "e2e-dummy-not-a-secret";

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((entry) => {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) return yamlFiles(path);
      return entry.endsWith(".yaml") ? [path] : [];
    })
    .sort();
}

/** Keys whose value the API server parses: the dummy must have their shape (an empty registry config). */
const SHAPED_DUMMIES: Record<string, string> = {
  ".dockerconfigjson": JSON.stringify({ auths: {} }),
  ".dockercfg": "{}",
};

function dummyFor(key: string, underData: boolean): string {
  const plain = SHAPED_DUMMIES[key] ?? DUMMY_SECRET;
  return underData ? Buffer.from(plain).toString("base64") : plain;
}

function replaceRedacted(value: unknown, underData: boolean, key = ""): unknown {
  if (value === REDACTED) return dummyFor(key, underData);
  if (Array.isArray(value)) return value.map((v) => replaceRedacted(v, underData, key));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceRedacted(v, underData, k)]));
  }
  return value;
}

/** A rendered object made appliable: redacted secret values become dummies. Counts the replacements. */
export function withDummySecrets(object: K8sObject): { object: K8sObject; replaced: number } {
  const before = JSON.stringify(object).split(JSON.stringify(REDACTED)).length - 1;
  const copy = { ...object };
  for (const [key, value] of Object.entries(object)) {
    if (key === "apiVersion" || key === "kind" || key === "metadata") continue;
    const underData = (object.kind === "Secret" && key === "data") || key === "binaryData";
    // A Secret whose whole data map was one secret input is redacted as a whole: apply a map of one dummy key.
    copy[key] = value === REDACTED && object.kind === "Secret" ? { "e2e-dummy": dummyFor("", underData) } : replaceRedacted(value, underData);
  }
  return { object: copy, replaced: before };
}

/** Every Kubernetes object of one rendered stack, in file order. */
export function loadRendered(dir: string): { objects: K8sObject[]; files: string[] } {
  const files = yamlFiles(dir).filter((f) => !NOT_KUBERNETES.has(relative(dir, f)));
  const objects = files.flatMap((file) =>
    parseAllDocuments(readFileSync(file, "utf8"))
      .map((doc) => doc.toJS() as K8sObject | null)
      .filter((o): o is K8sObject => o !== null && typeof o === "object" && typeof o.kind === "string"),
  );
  return { objects, files: files.map((f) => relative(dir, f)) };
}

export interface ChartEntry {
  name: string;
  chart?: string;
  version?: string;
  namespace?: string;
}

/** The charts a stack installs (charts.yaml): they cannot be fetched offline, so they are listed, not applied. */
export function loadCharts(dir: string): ChartEntry[] {
  try {
    const docs = parseAllDocuments(readFileSync(join(dir, "charts.yaml"), "utf8")).map((d) => d.toJS() as unknown);
    return docs.flatMap((d) => (Array.isArray(d) ? (d as ChartEntry[]) : []));
  } catch {
    return [];
  }
}

/**
 * Apply order: what others depend on first. Namespaces, then cluster-wide objects, then what pods
 * need at admission (service accounts, config, quotas and LimitRanges, claims), then workloads,
 * then everything that only refers to them (policies, budgets, custom resources).
 */
const RANK: Record<string, number> = {
  Namespace: 0,
  CustomResourceDefinition: 1,
  PriorityClass: 2,
  StorageClass: 2,
  ClusterRole: 2,
  ClusterRoleBinding: 3,
  ServiceAccount: 4,
  ConfigMap: 4,
  Secret: 4,
  ResourceQuota: 4,
  LimitRange: 4,
  Role: 4,
  RoleBinding: 5,
  PersistentVolumeClaim: 5,
  Service: 6,
  Deployment: 7,
  StatefulSet: 7,
  DaemonSet: 7,
  Job: 7,
  CronJob: 7,
  Pod: 7,
};
const OTHER_RANK = 8;

export function applyRank(object: K8sObject): number {
  return RANK[object.kind] ?? OTHER_RANK;
}

export function inApplyOrder<T extends { object: K8sObject }>(items: T[]): T[] {
  return items.map((item, index) => ({ item, index })).sort((a, b) => applyRank(a.item.object) - applyRank(b.item.object) || a.index - b.index).map((x) => x.item);
}

/** Kinds that make the API server call a pod (webhooks, aggregated APIs); kwok's fake pods answer nothing. */
const LIVE_BACKEND_KINDS = new Set(["ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "APIService"]);

/** True for objects the e2e cluster cannot serve: applying them would make the API server refuse what they intercept. */
export function needsLiveBackend(object: K8sObject): boolean {
  return LIVE_BACKEND_KINDS.has(object.kind);
}
