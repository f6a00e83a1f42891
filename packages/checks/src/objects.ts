import type { Manifest } from "@slipway/core";
import type { CloudResource } from "./types";

/** Plain-object view of an unknown value; `{}` for anything else, so lookups never throw. */
export function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Array view of an unknown value; `[]` for anything else. */
export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The value when it is a string, otherwise undefined. */
export function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** String values of a label (or annotation) map; non-string values (unresolved Outputs) are left out. */
export function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, val] of Object.entries(record(value))) if (typeof val === "string") out[key] = val;
  return out;
}

export function nameOf(m: Manifest): string {
  return text(m.metadata?.name) ?? "";
}

/** The namespace an object lives in; namespaced objects without one land in "default". */
export function namespaceOf(m: Manifest): string {
  return text(m.metadata?.namespace) ?? "default";
}

export function labelsOf(m: Manifest): Record<string, string> {
  return stringMap(m.metadata?.labels);
}

export function annotationsOf(m: Manifest): Record<string, string> {
  return stringMap(m.metadata?.annotations);
}

/** The API group of an apiVersion: "" for the core group (`v1`). */
export function groupOf(m: Pick<Manifest, "apiVersion">): string {
  const slash = m.apiVersion.indexOf("/");
  return slash < 0 ? "" : m.apiVersion.slice(0, slash);
}

/** True when `m` is the given kind, optionally only in the given API groups. */
export function isKind(m: Manifest, kind: string, groups?: string[]): boolean {
  return m.kind === kind && (groups === undefined || groups.includes(groupOf(m)));
}

/** `apps/v1/Deployment shop/cart`, or `v1/Namespace shop` for objects without a namespace. */
export function objectRef(m: Manifest): string {
  const ns = text(m.metadata?.namespace);
  return `${m.apiVersion}/${m.kind} ${ns ? `${ns}/` : ""}${nameOf(m)}`;
}

/** `aws:eks/cluster:Cluster main`. */
export function cloudRef(r: CloudResource): string {
  return `${r.type} ${r.name}`;
}

/** The parts of an `objectRef` string; undefined for cloud references. */
export function parseObjectRef(ref: string): { kind: string; namespace?: string; name: string } | undefined {
  const match = /^(\S+)\/([A-Za-z0-9]+) (?:([^/\s]+)\/)?(\S+)$/.exec(ref);
  if (!match || match[1].includes(":")) return undefined;
  return { kind: match[2], namespace: match[3], name: match[4] };
}

/** Deterministic JSON (sorted keys), for comparing two values structurally. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
