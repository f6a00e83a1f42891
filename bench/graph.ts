/** A registered resource as far as ordering goes: its URN, what it waits for, and its parent. */
export interface GraphNode {
  urn: string;
  dependencies: readonly string[];
  parent?: string;
}

/** Critical-path depths: the longest chain of resources the engine must create one after another. */
export interface Depths {
  /** Following `dependencies` only (explicit dependsOn and data flowing through inputs). */
  dependencies: number;
  /** Also counting each child after its parent component (the engine registers a parent first). */
  withParents: number;
}

/**
 * The number of resources on the longest path where an edge runs from a resource to each resource it
 * waits for. Edges to URNs outside `nodes` (the stack, default providers) are ignored. Iterative, so
 * a long chain cannot overflow the call stack; a cycle throws (the engine would refuse it too).
 */
export function longestPath(nodes: readonly GraphNode[], includeParents: boolean): number {
  const byUrn = new Map(nodes.map((n) => [n.urn, n]));
  const predecessors = (n: GraphNode) => [...n.dependencies, ...(includeParents && n.parent ? [n.parent] : [])].filter((urn) => byUrn.has(urn));
  const depth = new Map<string, number>();
  const onStack = new Set<string>();
  let longest = 0;
  for (const root of nodes) {
    const stack: { node: GraphNode; expanded: boolean }[] = [{ node: root, expanded: false }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (depth.has(top.node.urn)) {
        stack.pop();
        continue;
      }
      const preds = predecessors(top.node);
      if (!top.expanded) {
        top.expanded = true;
        onStack.add(top.node.urn);
        for (const urn of preds) {
          if (onStack.has(urn)) throw new Error(`dependency cycle through ${urn}`);
          if (!depth.has(urn)) stack.push({ node: byUrn.get(urn)!, expanded: false });
        }
        continue;
      }
      const value = 1 + Math.max(0, ...preds.map((urn) => depth.get(urn)!));
      depth.set(top.node.urn, value);
      onStack.delete(top.node.urn);
      longest = Math.max(longest, value);
      stack.pop();
    }
  }
  return longest;
}

export function criticalPath(nodes: readonly GraphNode[]): Depths {
  return { dependencies: longestPath(nodes, false), withParents: longestPath(nodes, true) };
}
