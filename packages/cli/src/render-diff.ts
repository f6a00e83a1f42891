import { diff } from "just-diff";
import { pathSegment } from "@slipway/testing";
import { readRenderDir, RenderedEntry } from "./render-dir";

/** A changed field: its path in the object and the values before and after (absent when added or removed). */
export interface FieldChange {
  path: string;
  before?: unknown;
  after?: unknown;
}

export interface EntryChange {
  key: string;
  change: "added" | "removed" | "changed";
  fields: FieldChange[];
}

/** Fields of a Secret whose values are never shown, even masked ones. */
const SECRET_FIELDS = new Set(["data", "stringData"]);
export const MASKED = "(secret value)";

function at(value: unknown, path: (string | number)[]): unknown {
  return path.reduce<unknown>((v, key) => (v !== null && typeof v === "object" ? (v as Record<string | number, unknown>)[key] : undefined), value);
}

function fieldChanges(before: RenderedEntry, after: RenderedEntry): FieldChange[] {
  const secret = before.secret || after.secret;
  return diff(before.value as object, after.value as object).map((op) => {
    const path = op.path.reduce<string>((p, key) => pathSegment(p, key), "");
    const masked = secret && SECRET_FIELDS.has(String(op.path[0]));
    const show = (v: unknown) => (masked ? MASKED : v);
    const change: FieldChange = { path };
    if (op.op !== "add") change.before = show(at(before.value, op.path));
    if (op.op !== "remove") change.after = show(op.value);
    return change;
  });
}

/** What changes between two render folders, per object (or chart, or cloud resource) and field, sorted by key. */
export function diffRenders(oldDir: string, newDir: string): EntryChange[] {
  const before = readRenderDir(oldDir);
  const after = readRenderDir(newDir);
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort();
  return keys.flatMap((key): EntryChange[] => {
    const a = before.get(key);
    const b = after.get(key);
    if (!a) return [{ key, change: "added", fields: [] }];
    if (!b) return [{ key, change: "removed", fields: [] }];
    const fields = fieldChanges(a, b);
    return fields.length ? [{ key, change: "changed", fields }] : [];
  });
}

function show(value: unknown): string {
  return value === undefined ? "(absent)" : JSON.stringify(value);
}

/** `~ apps/v1 Deployment shop/cart` with one `spec.replicas: 2 -> 3` line per field; `+`/`-` for whole entries. */
export function formatDiff(changes: readonly EntryChange[]): string {
  if (changes.length === 0) return "No changes";
  const mark = { added: "+", removed: "-", changed: "~" } as const;
  const lines = changes.flatMap((c) => [`${mark[c.change]} ${c.key}`, ...c.fields.map((f) => `    ${f.path}: ${show(f.before)} -> ${show(f.after)}`)]);
  const count = (kind: EntryChange["change"]) => changes.filter((c) => c.change === kind).length;
  lines.push(`${count("added")} added, ${count("changed")} changed, ${count("removed")} removed`);
  return lines.join("\n");
}
