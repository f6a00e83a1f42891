import { createHash } from "crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, utimesSync, writeFileSync } from "fs";
import { dirname, join } from "path";

/**
 * A disk cache of data derived from content (parsed CRD files, helm's parsed output, compiled
 * validators), shared by every process on the machine: each test file runs in a fresh module
 * registry, and re-deriving megabytes of YAML per file was most of a unit test's cost.
 * Keyed by a hash of the content and of everything else the derivation depends on, so an entry
 * can never be stale; `SLIPWAY_CACHE=0` turns it off, `SLIPWAY_CACHE_DIR` moves it.
 */
export interface DerivedCache {
  /**
   * `decode` of the text cached for `parts` in `kind`, else of `derive()`'s text, stored for next time.
   * An entry `decode` throws on (damaged on disk) is derived and stored again.
   */
  get<T>(kind: string, parts: readonly string[], derive: () => string, decode: (text: string) => T): T;
  /** `get()` for JSON data; values JSON cannot hold (dates, binary) come back as JSON reads them, the first time too. */
  json<T>(kind: string, parts: readonly string[], derive: () => T): T;
}

/** Entries kept per kind; the least recently used go first (helm output differs per values). */
const KEEP_PER_KIND = 400;

/** Where the cache lives: `$SLIPWAY_CACHE_DIR`, else `node_modules/.cache/slipway` of the tree we are installed in. */
function cacheRoot(): string | undefined {
  if (process.env.SLIPWAY_CACHE === "0") return undefined;
  if (process.env.SLIPWAY_CACHE_DIR) return process.env.SLIPWAY_CACHE_DIR;
  try {
    // ajv is our dependency: its node_modules folder is the installed tree's.
    return join(dirname(dirname(require.resolve("ajv/package.json"))), ".cache", "slipway");
  } catch {
    return undefined;
  }
}

/** A short hash of `parts` (length-prefixed, so ["ab", "c"] and ["a", "bc"] differ). */
export function hashOf(parts: readonly string[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(String(part.length)).update(":").update(part);
  return hash.digest("hex").slice(0, 40);
}

class DiskCache implements DerivedCache {
  private readonly pruned = new Set<string>();

  constructor(
    private readonly root: string | undefined,
    private readonly keep = KEEP_PER_KIND,
  ) {}

  get<T>(kind: string, parts: readonly string[], derive: () => string, decode: (text: string) => T): T {
    const dir = this.root && join(this.root, kind);
    const file = dir && join(dir, hashOf(parts));
    const cached = file && readOrUndefined(file);
    if (cached !== undefined) {
      try {
        return decode(cached);
      } catch {
        // damaged on disk: derive and store it again
      }
    }
    const text = derive();
    if (dir && file) this.store(dir, file, text);
    return decode(text);
  }

  json<T>(kind: string, parts: readonly string[], derive: () => T): T {
    return this.get(kind, parts, () => JSON.stringify(derive()) ?? "null", (text) => JSON.parse(text) as T);
  }

  /** Writes atomically (another process may read the same entry meanwhile); a cache that cannot be written is no cache. */
  private store(dir: string, file: string, value: string): void {
    try {
      mkdirSync(dir, { recursive: true });
      const temp = `${file}.${process.pid}.tmp`;
      writeFileSync(temp, value);
      renameSync(temp, file);
      this.prune(dir);
    } catch {
      // read-only tree or full disk: carry on uncached
    }
  }

  /** Once per process and kind: drop the least recently used entries beyond `keep`. */
  private prune(dir: string): void {
    if (this.pruned.has(dir)) return;
    this.pruned.add(dir);
    const entries = readdirSync(dir).map((name) => ({ path: join(dir, name), used: statSync(join(dir, name)).mtimeMs }));
    if (entries.length <= this.keep) return;
    entries.sort((a, b) => b.used - a.used);
    for (const entry of entries.slice(this.keep)) unlinkSync(entry.path);
  }
}

/** The entry's text, its use recorded (for pruning); undefined when absent. */
function readOrUndefined(file: string): string | undefined {
  try {
    const text = readFileSync(file, "utf8");
    const now = new Date();
    utimesSync(file, now, now);
    return text;
  } catch {
    return undefined;
  }
}

let shared: DerivedCache | undefined;

/** The process's cache (the environment is read once). */
export function derivedCache(): DerivedCache {
  return (shared ??= new DiskCache(cacheRoot()));
}

/** A cache in `root` (undefined: none) keeping `keep` entries per kind, for tests of the cache itself. */
export function diskCacheAt(root: string | undefined, keep = KEEP_PER_KIND): DerivedCache {
  return new DiskCache(root, keep);
}
