/** What a secret value reads as in every dump. */
export const REDACTED = "<redacted>";

/** Splits `spec.env[0].value` or `metadata.annotations["a.b/c"]` into keys and indexes. */
export function parsePath(path: string): (string | number)[] {
  const segments: (string | number)[] = [];
  const pattern = /([^.[\]]+)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g;
  for (const match of path.matchAll(pattern)) {
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else segments.push(JSON.parse(match[3]) as string);
  }
  return segments;
}

/** Formats one path segment the way `parsePath` reads it back. */
export function pathSegment(parent: string, key: string | number): string {
  if (typeof key === "number") return `${parent}[${key}]`;
  if (/^[A-Za-z0-9_-]+$/.test(key)) return parent ? `${parent}.${key}` : key;
  return `${parent}[${JSON.stringify(key)}]`;
}

/**
 * Replaces every leaf under `value` with REDACTED, keeping map keys so reviewers still see the shape.
 * An empty value (a Secret whose `data:` a chart rendered with no keys) stays empty: it hides
 * nothing, and a marker in its place would turn an empty map into one string.
 */
export function redactLeaves(value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (Array.isArray(value)) return value.map(redactLeaves);
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactLeaves(v)]));
  return REDACTED;
}

function redactAt(target: unknown, segments: (string | number)[]): unknown {
  if (segments.length === 0) return redactLeaves(target);
  if (target === null || typeof target !== "object") return target;
  const [head, ...rest] = segments;
  const copy = (Array.isArray(target) ? [...target] : { ...target }) as Record<string | number, unknown>;
  if (!(head in copy)) return target;
  copy[head] = redactAt(copy[head], rest);
  return copy;
}

/** A copy of `value` with every listed path redacted; paths that do not exist are ignored. */
export function redactPaths<T>(value: T, paths: readonly string[]): T {
  return paths.reduce<unknown>((acc, path) => redactAt(acc, parsePath(path)), value) as T;
}
