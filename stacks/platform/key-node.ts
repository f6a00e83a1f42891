/**
 * The valid keys of a config value: `keys` for an object's known fields, `each` for a map's values
 * (any key), `items` for an array's elements. A node without any of them is not looked into.
 */
export interface KeyNode {
  keys?: Record<string, KeyNode>;
  each?: KeyNode;
  items?: KeyNode;
}

/** A key of a config value that its args do not have, with the keys that are valid there. */
export interface UnknownKey {
  /** `network.podCird`, `tenants.shop.quota.cpus`, `network.ipPools[0].blok`. */
  path: string;
  key: string;
  valid: string[];
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);

/** Every key under `value` (at `path`) that `node` does not know, depth first. */
export function unknownKeys(value: unknown, node: KeyNode, path: string): UnknownKey[] {
  if (Array.isArray(value)) return node.items ? value.flatMap((item, i) => unknownKeys(item, node.items!, `${path}[${i}]`)) : [];
  if (!isObject(value)) return [];
  if (node.keys) {
    const known = node.keys;
    return Object.entries(value).flatMap(([key, child]) =>
      key in known ? unknownKeys(child, known[key], `${path}.${key}`) : [{ path: `${path}.${key}`, key, valid: Object.keys(known).sort() }],
    );
  }
  return node.each ? Object.entries(value).flatMap(([key, child]) => unknownKeys(child, node.each!, `${path}.${key}`)) : [];
}

/** Edits (insert, delete, replace) that turn `a` into `b`, case-insensitively. */
function distance(a: string, b: string): number {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[y.length];
}

/** The valid key closest to a typo, if one is close enough to be what was meant. */
export function closestKey(key: string, valid: readonly string[]): string | undefined {
  const ranked = valid.map((candidate) => ({ candidate, d: distance(key, candidate) })).sort((a, b) => a.d - b.d);
  const best = ranked[0];
  return best && best.d <= Math.max(2, Math.floor(key.length / 3)) ? best.candidate : undefined;
}
