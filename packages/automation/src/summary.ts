import type { OpMap } from "@pulumi/pulumi/automation";
import { formatElapsed, Operation } from "./progress";

/** How each kind of step is counted in the summary, in the order it is told. */
const COUNTED: [keyof OpMap, string][] = [
  ["create", "created"],
  ["update", "updated"],
  ["replace", "replaced"],
  ["delete", "deleted"],
  ["read", "read"],
  ["refresh", "refreshed"],
  ["import", "imported"],
  ["same", "unchanged"],
];

/** Counts of each kind of change, zeros left out. */
export type ChangeCounts = Record<string, number>;

/** The engine's change map in the words of the summary (`{ created: 3, unchanged: 2 }`). */
export function changeCounts(changes: OpMap): ChangeCounts {
  const counts: ChangeCounts = {};
  for (const [op, word] of COUNTED) {
    const n = changes[op] ?? 0;
    if (n > 0) counts[word] = n;
  }
  return counts;
}

/** Whether a run changed (or, for a preview, would change) anything. */
export function hasChanges(changes: OpMap): boolean {
  return Object.entries(changes).some(([op, n]) => op !== "same" && (n ?? 0) > 0);
}

/** The closing lines: `up succeeded in 12.3s: 14 created, 2 unchanged` (preview: "would"). */
export function formatSummary(operation: Operation, ok: boolean, changes: OpMap, elapsedMs: number): string {
  const counts = Object.entries(changeCounts(changes)).map(([word, n]) => `${n} ${word}`);
  if (!ok) return `${operation} failed in ${formatElapsed(elapsedMs)}${counts.length ? `: ${counts.join(", ")}` : ""}`;
  const told = counts.length ? counts.join(", ") : "no resources";
  const what = operation === "preview" ? (hasChanges(changes) ? `would change: ${told}` : `no changes (${told})`) : told;
  return `${operation} succeeded in ${formatElapsed(elapsedMs)}: ${what}`;
}
