import { RenderedResource } from "./resource";

/**
 * The dependency graph of a render: an edge `a -> b` means a waits for b. A dependency on a component
 * means waiting for everything under it, as the engine does; parents alone do not order creation.
 */
export class DependencyGraph {
  readonly nodes: RenderedResource[];
  /** Direct edges as recorded (dependsOn and input dependencies). */
  readonly edges: [from: string, to: string][];
  private readonly byUrn = new Map<string, RenderedResource>();
  private readonly children = new Map<string, string[]>();
  private readonly expanded = new Map<string, Set<string>>();
  private readonly outgoing = new Map<string, string[]>();

  constructor(resources: readonly RenderedResource[]) {
    this.nodes = resources.filter((r) => r.urn);
    for (const r of this.nodes) this.byUrn.set(r.urn, r);
    for (const r of this.nodes) {
      if (r.parent && this.byUrn.has(r.parent)) this.children.set(r.parent, [...(this.children.get(r.parent) ?? []), r.urn]);
    }
    this.edges = [];
    for (const r of this.nodes) {
      const deps = new Set([...r.dependencies, ...Object.values(r.propertyDependencies).flat()]);
      for (const d of deps) if (d !== r.urn && this.byUrn.has(d)) this.edges.push([r.urn, d]);
    }
    for (const [from, to] of this.edges) this.outgoing.set(from, [...(this.outgoing.get(from) ?? []), to]);
  }

  /** A resource's URN and, for a component, every resource under it. */
  private closure(urn: string): string[] {
    const kids = this.children.get(urn) ?? [];
    return [urn, ...kids.flatMap((k) => this.closure(k))];
  }

  /** What a resource waits for: its dependencies, components expanded to their members. */
  waitsFor(urn: string): Set<string> {
    const cached = this.expanded.get(urn);
    if (cached) return cached;
    const set = new Set<string>();
    for (const to of this.outgoing.get(urn) ?? []) for (const u of this.closure(to)) if (u !== urn) set.add(u);
    this.expanded.set(urn, set);
    return set;
  }

  /** True when `a` waits for `b`, directly or through others. */
  dependsOn(a: string, b: string): boolean {
    const seen = new Set<string>();
    const stack = [...this.waitsFor(a)];
    while (stack.length) {
      const next = stack.pop()!;
      if (next === b) return true;
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(...this.waitsFor(next));
    }
    return false;
  }

  /** Dependency cycles (each as a list of URNs); empty for a graph the engine can deploy. */
  cycles(): string[][] {
    const state = new Map<string, "open" | "done">();
    const found: string[][] = [];
    const path: string[] = [];
    const visit = (urn: string) => {
      state.set(urn, "open");
      path.push(urn);
      for (const next of this.waitsFor(urn)) {
        if (state.get(next) === "open") found.push(path.slice(path.indexOf(next)));
        else if (!state.has(next)) visit(next);
      }
      path.pop();
      state.set(urn, "done");
    };
    for (const r of this.nodes) if (!state.has(r.urn)) visit(r.urn);
    return found;
  }

  /** The longest chain of custom resources that must be created one after another (the deploy's critical path). */
  criticalPath(): { depth: number; path: string[] } {
    const memo = new Map<string, string[]>();
    const longest = (urn: string): string[] => {
      const known = memo.get(urn);
      if (known) return known;
      memo.set(urn, [urn]); // guards cycles
      let best: string[] = [];
      for (const next of this.waitsFor(urn)) {
        if (!this.byUrn.get(next)?.custom) continue;
        const chain = longest(next);
        if (chain.length > best.length) best = chain;
      }
      const result = [urn, ...best];
      memo.set(urn, result);
      return result;
    };
    let path: string[] = [];
    for (const r of this.nodes) if (r.custom) {
      const chain = longest(r.urn);
      if (chain.length > path.length) path = chain;
    }
    return { depth: path.length, path };
  }

  /** Graphviz DOT: components as nested clusters, dependencies as edges. */
  toDot(title = "stack"): string {
    const id = (urn: string) => `n${this.nodes.findIndex((n) => n.urn === urn)}`;
    const quote = (text: string) => JSON.stringify(text);
    const lines = [`digraph ${quote(title)} {`, "  rankdir=LR;", "  compound=true;", '  node [shape=box, style="rounded,filled", fillcolor="#eef3fb", fontname="Helvetica", fontsize=10];', '  edge [color="#7a869a"];'];
    const emit = (urn: string, indent: string) => {
      const r = this.byUrn.get(urn)!;
      const kids = this.children.get(urn) ?? [];
      const label = `${r.type.split(":").pop()}\n${r.name}`;
      if (!r.custom && kids.length) {
        lines.push(`${indent}subgraph cluster_${id(urn)} {`, `${indent}  label=${quote(`${r.type.split(":").pop()} ${r.name}`)}; style="rounded"; color="#4a6fa5";`);
        for (const k of kids) emit(k, `${indent}  `);
        lines.push(`${indent}}`);
      } else {
        lines.push(`${indent}${id(urn)} [label=${quote(label)}${r.custom ? "" : ', fillcolor="#fdf3e1"'}];`);
      }
    };
    for (const r of this.nodes) if (!r.parent || !this.byUrn.has(r.parent)) if (r.type !== "pulumi:pulumi:Stack") emit(r.urn, "  ");
    for (const r of this.nodes) if (r.type === "pulumi:pulumi:Stack") for (const k of this.children.get(r.urn) ?? []) emit(k, "  ");
    const isCluster = (urn: string) => !this.byUrn.get(urn)!.custom && (this.children.get(urn) ?? []).length > 0;
    for (const [from, to] of this.edges) {
      const target = this.byUrn.get(to)!;
      if (target.type === "pulumi:pulumi:Stack" || this.byUrn.get(from)!.type === "pulumi:pulumi:Stack" || isCluster(from)) continue;
      const head = !target.custom && (this.children.get(to) ?? []).length ? ` [lhead=cluster_${id(to)}]` : "";
      let tail = to;
      while (isCluster(tail)) tail = this.children.get(tail)![0];
      lines.push(`  ${id(from)} -> ${id(head ? tail : to)}${head};`);
    }
    lines.push("}");
    return lines.join("\n");
  }
}
