import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { Manifest } from "@slipway/core";
import { CrdIndex } from "@slipway/testing";
import { yamlDocuments } from "../src/cached-yaml";
import { DerivedCache, diskCacheAt, hashOf } from "../src/derived-cache";

/** The cache's text as is. */
const text = (cache: DerivedCache, kind: string, parts: string[], derive: () => string) => cache.get(kind, parts, derive, (t) => t);

const CRDS = join(__dirname, "../../../../shared/crds/prometheus-operator");

/** A ServiceMonitor with two schema problems: a wrong type and an unknown field. */
const badMonitor: Manifest = {
  apiVersion: "monitoring.coreos.com/v1",
  kind: "ServiceMonitor",
  metadata: { name: "web", namespace: "shop" },
  spec: { selector: { matchLabels: { app: "web" } }, endpoints: [{ port: "http", interval: 30 }], jobLabel: "app", unknownField: true },
};

describe("the derived-data cache", () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "slipway-cache-test-"));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("derives once per content, in any process that shares the folder", () => {
    let derivations = 0;
    const derive = () => `parsed-${++derivations}`;
    expect(text(diskCacheAt(root), "kind", ["a", "b"], derive)).toBe("parsed-1");
    expect(text(diskCacheAt(root), "kind", ["a", "b"], derive)).toBe("parsed-1"); // a new cache object: another test file
    expect(text(diskCacheAt(root), "kind", ["ab", ""], derive)).toBe("parsed-2"); // other content, other entry
    expect(text(diskCacheAt(root), "other", ["a", "b"], derive)).toBe("parsed-3"); // other kind of derivation
    expect(derivations).toBe(3);
  });

  it("hands back JSON data as a later run reads it, the first time too", () => {
    const first = diskCacheAt(root).json("kind", ["x"], () => ({ when: new Date(0), list: [1, "two"] }));
    expect(first).toEqual({ when: "1970-01-01T00:00:00.000Z", list: [1, "two"] });
    expect(diskCacheAt(root).json("kind", ["x"], () => ({ other: true }))).toEqual(first);
  });

  it("derives anew when an entry is damaged, and replaces it", () => {
    diskCacheAt(root).json("kind", ["x"], () => ({ ok: 1 }));
    writeFileSync(join(root, "kind", hashOf(["x"])), '{"ok":');
    expect(diskCacheAt(root).json("kind", ["x"], () => ({ ok: 2 }))).toEqual({ ok: 2 });
    expect(diskCacheAt(root).json("kind", ["x"], () => ({ ok: 3 }))).toEqual({ ok: 2 });
  });

  it("parses the same YAML text apart under different parser options (1.1 reads `on` as true, 1.2 as a string)", () => {
    const cache = diskCacheAt(root);
    expect(yamlDocuments("a: on\n---\nb: 1\n", { version: "1.1" }, cache)).toEqual([{ a: true }, { b: 1 }]);
    expect(yamlDocuments("a: on\n---\nb: 1\n", {}, cache)).toEqual([{ a: "on" }, { b: 1 }]);
    expect(yamlDocuments("a: on\n---\nb: 1\n", { version: "1.1" }, diskCacheAt(root))).toEqual([{ a: true }, { b: 1 }]);
  });

  it("derives every time without a folder, or when the folder cannot be made", () => {
    let derivations = 0;
    const derive = () => String(++derivations);
    text(diskCacheAt(undefined), "kind", ["x"], derive);
    text(diskCacheAt(undefined), "kind", ["x"], derive);
    const aFile = join(root, "a-file");
    writeFileSync(aFile, ""); // a folder under a file cannot be made, even by root
    expect(text(diskCacheAt(join(aFile, "cache")), "kind", ["x"], derive)).toBe("3");
    expect(text(diskCacheAt(join(aFile, "cache")), "kind", ["x"], derive)).toBe("4");
  });

  it("keeps at most its limit of entries per kind", () => {
    const cache = diskCacheAt(root, 3);
    for (const n of [1, 2, 3, 4, 5]) text(cache, "kind", [String(n)], () => String(n));
    text(diskCacheAt(root, 3), "kind", ["6"], () => "6"); // a new process prunes once
    expect(readdirSync(join(root, "kind")).length).toBe(3);
  });

  it("validates a custom resource the same with a fresh, a cached and no cache", () => {
    const fresh = new CrdIndex(diskCacheAt(root)).addDirectory(CRDS).validate(badMonitor);
    expect(readdirSync(join(root, "crd-validators"))).toHaveLength(1);
    const cached = new CrdIndex(diskCacheAt(root)).addDirectory(CRDS).validate(badMonitor);
    const uncached = new CrdIndex(diskCacheAt(undefined)).addDirectory(CRDS).validate(badMonitor);
    expect(fresh.map((p) => p.path).sort()).toEqual(["spec.endpoints[0].interval", "spec.unknownField"]);
    expect(cached).toEqual(fresh);
    expect(uncached).toEqual(fresh);
    expect(new CrdIndex(diskCacheAt(root)).addDirectory(CRDS).validate({ ...badMonitor, spec: { selector: {}, endpoints: [{ port: "http" }] } })).toEqual([]);
  });

  it("compiles a validator again when its cached code is damaged, and replaces the entry", () => {
    const fresh = new CrdIndex(diskCacheAt(root)).addDirectory(CRDS).validate(badMonitor);
    const [entry] = readdirSync(join(root, "crd-validators"));
    for (const damage of ["module.exports = {", "module.exports = 42;"]) {
      writeFileSync(join(root, "crd-validators", entry), damage);
      expect(new CrdIndex(diskCacheAt(root)).addDirectory(CRDS).validate(badMonitor)).toEqual(fresh);
      expect(readFileSync(join(root, "crd-validators", entry), "utf8")).not.toBe(damage);
    }
  });
});
