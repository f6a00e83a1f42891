import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { Manifest } from "@slipway/core";
import { CrdIndex } from "@slipway/testing";
import { diskCacheAt, hashOf } from "../src/derived-cache";

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
    expect(diskCacheAt(root).text("kind", ["a", "b"], derive)).toBe("parsed-1");
    expect(diskCacheAt(root).text("kind", ["a", "b"], derive)).toBe("parsed-1"); // a new cache object: another test file
    expect(diskCacheAt(root).text("kind", ["ab", ""], derive)).toBe("parsed-2"); // other content, other entry
    expect(diskCacheAt(root).text("other", ["a", "b"], derive)).toBe("parsed-3"); // other kind of derivation
    expect(derivations).toBe(3);
  });

  it("hands back JSON data as a later run reads it, the first time too", () => {
    const first = diskCacheAt(root).json("kind", ["x"], () => ({ when: new Date(0), list: [1, "two"] }));
    expect(first).toEqual({ when: "1970-01-01T00:00:00.000Z", list: [1, "two"] });
    expect(diskCacheAt(root).json("kind", ["x"], () => ({ other: true }))).toEqual(first);
  });

  it("derives anew when an entry is damaged", () => {
    diskCacheAt(root).json("kind", ["x"], () => ({ ok: 1 }));
    writeFileSync(join(root, "kind", hashOf(["x"])), '{"ok":');
    expect(diskCacheAt(root).json("kind", ["x"], () => ({ ok: 2 }))).toEqual({ ok: 2 });
  });

  it("derives every time without a folder, or when the folder cannot be made", () => {
    let derivations = 0;
    const derive = () => String(++derivations);
    diskCacheAt(undefined).text("kind", ["x"], derive);
    diskCacheAt(undefined).text("kind", ["x"], derive);
    const aFile = join(root, "a-file");
    writeFileSync(aFile, ""); // a folder under a file cannot be made, even by root
    expect(diskCacheAt(join(aFile, "cache")).text("kind", ["x"], derive)).toBe("3");
    expect(diskCacheAt(join(aFile, "cache")).text("kind", ["x"], derive)).toBe("4");
  });

  it("keeps at most its limit of entries per kind", () => {
    const cache = diskCacheAt(root, 3);
    for (const n of [1, 2, 3, 4, 5]) cache.text("kind", [String(n)], () => String(n));
    diskCacheAt(root, 3).text("kind", ["6"], () => "6"); // a new process prunes once
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
});
