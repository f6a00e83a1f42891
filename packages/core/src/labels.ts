import { fail, InputSite } from "./errors";

/** What identifies a workload in the standard `app.kubernetes.io/*` label set. */
export interface LabelIdentity {
  /** The application's name, e.g. "cart". */
  name: string;
  /** The instance, unique per release; defaults to the name. */
  instance?: string;
  /** The role within the architecture, e.g. "server", "database". */
  component?: string;
  /** The higher-level application this is part of, e.g. a tenant or product. */
  partOf?: string;
  /** The application version, e.g. an image tag. */
  version?: string;
}

export const MANAGED_BY = "slipway";
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** True for a valid label value: at most 63 characters, alphanumeric at both ends, '-', '_' and '.' inside. */
export function isLabelValue(value: string): boolean {
  return value.length <= 63 && LABEL_VALUE.test(value);
}

/** Fails unless `value` is a valid label value. */
export function checkLabelValue(site: InputSite, path: string, value: unknown): string {
  if (typeof value !== "string" || !isLabelValue(value)) {
    return fail(site, path, value, "is not a valid label value", "use at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit");
  }
  return value;
}

/** The labels that select a workload's pods: stable across versions, so selectors never change. */
export function selectorLabels(id: LabelIdentity): Record<string, string> {
  return {
    "app.kubernetes.io/name": id.name,
    "app.kubernetes.io/instance": id.instance ?? id.name,
  };
}

/** The full standard label set for every object a component renders. */
export function standardLabels(id: LabelIdentity): Record<string, string> {
  const labels: Record<string, string> = { ...selectorLabels(id) };
  if (id.component) labels["app.kubernetes.io/component"] = id.component;
  if (id.partOf) labels["app.kubernetes.io/part-of"] = id.partOf;
  if (id.version && isLabelValue(id.version)) labels["app.kubernetes.io/version"] = id.version;
  labels["app.kubernetes.io/managed-by"] = MANAGED_BY;
  return labels;
}

/**
 * Namespace label that lets routes in the namespace attach to the platform Gateway's HTTPS listener:
 * tenant namespaces carry it, and platform namespaces that expose a host (Harbor, Grafana).
 */
export const GATEWAY_ROUTES_LABEL = "slipway.dev/gateway-routes";

/** A Namespace manifest labelled so its routes may attach to the platform Gateway (when `admit`). */
export function admitGatewayRoutes<T extends { metadata: { labels?: Record<string, unknown> } }>(namespace: T, admit = true): T {
  return admit ? { ...namespace, metadata: { ...namespace.metadata, labels: { ...namespace.metadata.labels, [GATEWAY_ROUTES_LABEL]: "true" } } } : namespace;
}

/** Annotation naming a log or metric sink (`host:port`) an object's workload sends to; the link checks (L8) look for it in the cluster. */
export const SINK_ANNOTATION = "slipway.dev/sink";
/** Annotation declaring that sink external to the cluster's renders (the stack's config says so). */
export const SINK_EXTERNAL_ANNOTATION = "slipway.dev/sink-external";

/** Annotation on a canary workload: the percent of traffic it is meant to take (the link checks, L9, hold every path to it). */
export const CANARY_WEIGHT_ANNOTATION = "slipway.dev/canary-weight";
/**
 * Annotation on a Service reaching stable and canary pods alike, declaring the path the weight cannot
 * split: `replica-share` (in-cluster calls spread over every ready pod, so by replica count).
 */
export const CANARY_IN_CLUSTER_ANNOTATION = "slipway.dev/canary-in-cluster";
