import { kindKey } from "@slipway/core";
import { Rendered } from "@slipway/testing";

function table(rows: [string, string][]): string {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`).join("\n");
}

function countBy(items: string[]): [string, string][] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([item, n]) => [item, String(n)]);
}

/** A table of objects per kind, then the charts and cloud resources a render produced. */
export function summarize(rendered: Rendered): string {
  const manifests = rendered.manifests();
  const charts = rendered.charts();
  const cloud = rendered.cloud();
  const lines = [`Kubernetes objects: ${manifests.length}`];
  if (manifests.length) lines.push(table([["KIND", "OBJECTS"], ...countBy(manifests.map(kindKey))]));
  lines.push(`Helm charts: ${charts.length}`);
  if (charts.length) lines.push(table(charts.map((c) => [c.name, `${c.chart ?? "?"}@${c.version ?? "unpinned"}`])));
  lines.push(`Cloud resources: ${cloud.length}`);
  if (cloud.length) lines.push(table([["TYPE", "RESOURCES"], ...countBy(cloud.map((r) => r.type))]));
  return lines.join("\n");
}
