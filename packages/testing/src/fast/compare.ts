import { isDeepStrictEqual } from "util";
import { Rendered } from "../rendered";
import { RenderedResource } from "../resource";

/** Equal, and with keys in the same order (dumps print them in order). */
const same = (a: unknown, b: unknown) => isDeepStrictEqual(a, b) && JSON.stringify(a) === JSON.stringify(b);
const sorted = (list: readonly string[]) => [...list].sort();
const sortedDeps = (deps: Record<string, string[]>) => Object.fromEntries(Object.keys(deps).sort().map((key) => [key, sorted(deps[key])]));

/** What must agree between two renders of one resource: everything recorded, lists as sets. */
function comparable(r: RenderedResource): unknown {
  return { ...r, secretPaths: sorted(r.secretPaths), dependencies: sorted(r.dependencies), propertyDependencies: sortedDeps(r.propertyDependencies) };
}

/**
 * How two renders of one program differ, one line per difference (empty when identical): resources by
 * URN (type, parent, inputs, secret paths, dependencies, id), manifests and their redacted dumps, charts
 * and stack outputs. Proves the fast path against the engine path.
 */
export function renderDifferences(actual: Rendered, expected: Rendered): string[] {
  const out: string[] = [];
  const byUrn = (r: Rendered) => new Map(r.resources.map((x) => [x.urn, x]));
  const [a, e] = [byUrn(actual), byUrn(expected)];
  for (const urn of e.keys()) if (!a.has(urn)) out.push(`missing ${urn}`);
  for (const urn of a.keys()) if (!e.has(urn)) out.push(`unexpected ${urn}`);
  for (const [urn, x] of a) {
    const y = e.get(urn);
    if (!y) continue;
    const [cx, cy] = [comparable(x) as Record<string, unknown>, comparable(y) as Record<string, unknown>];
    for (const field of new Set([...Object.keys(cx), ...Object.keys(cy)])) {
      if (!same(cx[field], cy[field])) out.push(`${urn}: ${field} differs: ${JSON.stringify(cx[field])} vs ${JSON.stringify(cy[field])}`.slice(0, 2000));
    }
  }
  if (actual.resources.length !== expected.resources.length) out.push(`${actual.resources.length} resources vs ${expected.resources.length}`);
  const pairs: [string, unknown, unknown][] = [
    ["manifests", actual.manifests(), expected.manifests()],
    ["redacted manifests", actual.redactedManifests(), expected.redactedManifests()],
    ["charts", sortByUrn(actual.charts()), sortByUrn(expected.charts())],
    ["outputs", actual.outputs, expected.outputs],
    ["secret outputs", sorted(actual.secretOutputs), sorted(expected.secretOutputs)],
  ];
  for (const [what, x, y] of pairs) if (!same(x, y)) out.push(`${what} differ`);
  return out;
}

function sortByUrn<T extends { urn: string }>(list: T[]): T[] {
  return [...list].sort((x, y) => x.urn.localeCompare(y.urn));
}
