import * as path from "path";
import * as k8s from "@pulumi/kubernetes";
import { ClusterHandle, Manifest, StorageClassHandle } from "@slipway/core";
import { SchemaProblem, validateManifests } from "@slipway/testing";

/** The upstream CRDs beside the project (never copied in). */
export const CRD_DIR = path.resolve(__dirname, "../../../../shared/crds");

/** A gateway handle as the platform's Gateway component will give it. */
export const GATEWAY = { gatewayName: "platform", gatewayNamespace: "gateway-system" } as const;

/** A block StorageClass handle as CephStorage gives it. */
export const BLOCK: StorageClassHandle = { storageClassName: "ceph-block", accessModes: ["ReadWriteOnce"] };

/** A cluster handle as the Cluster component gives it; call inside a render (it creates a provider). */
export function cluster(overrides: Partial<ClusterHandle> = {}): ClusterHandle {
  return { clusterName: "main", kind: "existing", provider: new k8s.Provider("test", { kubeconfig: "{}" }), ...overrides };
}

/** Reads a nested field for assertions: at(obj, "spec.groups", 0, "rules"); only the first path is split on dots. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function at(value: unknown, path: string, ...keys: (string | number)[]): any {
  return [...path.split("."), ...keys].reduce<unknown>((acc, key) => (acc as Record<string | number, unknown> | undefined)?.[key], value);
}

/** A Kubernetes label selector (matchLabels and matchExpressions). */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: "In" | "NotIn" | "Exists" | "DoesNotExist"; values?: string[] }[];
}

/** Kubernetes label-selector semantics: an empty selector matches everything. */
export function selectorMatches(selector: LabelSelector, labels: Record<string, string>): boolean {
  const byLabels = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const byExpressions = (selector.matchExpressions ?? []).every((e) => {
    const has = e.key in labels;
    switch (e.operator) {
      case "In":
        return has && (e.values ?? []).includes(labels[e.key]);
      case "NotIn":
        return !has || !(e.values ?? []).includes(labels[e.key]);
      case "Exists":
        return has;
      case "DoesNotExist":
        return !has;
    }
  });
  return byLabels && byExpressions;
}

/**
 * Whether the Prometheus that kube-prometheus-stack renders from `prometheusSpec` selects a
 * ServiceMonitor. The chart turns an empty monitor selector into `release: <release>` unless
 * `serviceMonitorSelectorNilUsesHelmValues` is false; then `{}` matches every monitor. A missing
 * namespace selector means Prometheus' own namespace only (the operator's rule); `{}` means all.
 */
export function prometheusSelects(
  prometheusSpec: Record<string, unknown>,
  prometheusNamespace: string,
  monitor: { labels: Record<string, string>; namespace: string; namespaceLabels?: Record<string, string> },
  release = "monitoring",
): boolean {
  const nilUsesHelm = prometheusSpec.serviceMonitorSelectorNilUsesHelmValues !== false;
  const selector = prometheusSpec.serviceMonitorSelector as LabelSelector | undefined;
  const rendered = selector && Object.keys(selector).length > 0 ? selector : nilUsesHelm ? { matchLabels: { release } } : {};
  if (!selectorMatches(rendered, monitor.labels)) return false;
  const nsSelector = prometheusSpec.serviceMonitorNamespaceSelector as LabelSelector | undefined;
  if (nsSelector === undefined) return monitor.namespace === prometheusNamespace;
  return selectorMatches(nsSelector, { "kubernetes.io/metadata.name": monitor.namespace, ...monitor.namespaceLabels });
}

/** Schema problems of every rendered object: core kinds and custom resources against the upstream CRDs. */
export function validateAgainstCrds(manifests: readonly Manifest[]): SchemaProblem[] {
  return validateManifests(manifests, { crdDirs: [CRD_DIR] });
}
