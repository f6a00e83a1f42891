import { dirname } from "path";
import { chartName, CHART_ANNOTATION, Rendered } from "@slipway/testing";
import { manifestFile } from "../write";

/** A rendered folder (`monitoring`, `_cluster`) and where it sits in the apply order. */
export interface FolderOrder {
  folder: string;
  /** 0 for folders that wait for nothing; one more than the latest folder it waits for otherwise. */
  wave: number;
  /** Folders in earlier waves it waits for directly. */
  dependsOn: string[];
}

/** Strongly connected components (Tarjan), each a set of folders that wait for one another. */
function components(nodes: string[], edges: Map<string, Set<string>>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      out.push(group.sort());
    }
  };
  for (const v of nodes) if (!index.has(v)) visit(v);
  return out;
}

/**
 * The rendered folders in dependency order, from the render's dependency graph: a folder waits for
 * another when one of its objects (or the chart that rendered it) waits for one of the other's.
 * Folders that wait for each other share a wave and do not list each other (a sync tool would deadlock).
 */
export function folderOrder(rendered: Rendered): FolderOrder[] {
  const graph = rendered.graph();
  const foldersOfUrn = new Map<string, Set<string>>();
  const chartUrns = new Map<string, string[]>();
  for (const c of rendered.charts()) {
    const id = `${chartName(c.chart ?? c.name)}@${c.version ?? "unpinned"}`;
    chartUrns.set(id, [...(chartUrns.get(id) ?? []), c.urn]);
  }
  const sources = rendered.sources().map(({ manifest, urn }) => {
    const folder = dirname(manifestFile(manifest));
    const chartId = (manifest.metadata.annotations as Record<string, string> | undefined)?.[CHART_ANNOTATION];
    const urns = urn ? [urn] : (chartUrns.get(chartId ?? "") ?? []);
    for (const u of urns) foldersOfUrn.set(u, (foldersOfUrn.get(u) ?? new Set()).add(folder));
    return { folder, urns };
  });
  const edges = new Map<string, Set<string>>();
  for (const { folder, urns } of sources) {
    if (!edges.has(folder)) edges.set(folder, new Set());
    for (const urn of urns) {
      for (const dep of graph.waitsFor(urn)) for (const f of foldersOfUrn.get(dep) ?? []) if (f !== folder) edges.get(folder)!.add(f);
    }
  }
  const folders = [...edges.keys()].sort();
  const groups = components(folders, edges); // Tarjan emits a component after everything it reaches.
  const wave = new Map<string, number>();
  const order: FolderOrder[] = [];
  for (const group of groups) {
    const outside = [...new Set(group.flatMap((f) => [...edges.get(f)!]))].filter((f) => !group.includes(f)).sort();
    const w = outside.length ? Math.max(...outside.map((f) => wave.get(f)!)) + 1 : 0;
    for (const f of group) {
      wave.set(f, w);
      order.push({ folder: f, wave: w, dependsOn: [...edges.get(f)!].filter((d) => !group.includes(d)).sort() });
    }
  }
  return order.sort((a, b) => a.wave - b.wave || a.folder.localeCompare(b.folder));
}
