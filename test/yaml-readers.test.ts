import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import { parseAllDocuments } from "yaml";
import { loadStack, writeManifests } from "@slipway/cli";
import { render, Rendered, toYamlDocuments } from "@slipway/testing";
import * as pulumi from "@pulumi/pulumi";
import { gatekeeper } from "../examples/gatekeeper/gatekeeper";
import { stackReferences as gatekeeperReferences } from "../examples/gatekeeper/test/fixture";
import { shop } from "../examples/shop/shop";
import { stackReferences as shopReferences } from "../examples/shop/test/fixture";
import { yamlWall } from "../examples/yaml-wall/yaml-wall";
import { renderStack, ROOT, STACKS } from "./stacks.support";

/**
 * CHECKS hardening note: rendered YAML reads the same in every YAML reader. kubectl's
 * sigs.k8s.io/yaml, PyYAML and kube-score read YAML 1.1, where a bare `yes`, `on`, `0755` or `12:30`
 * is not a string; the renders must give back exactly their objects under 1.1 and 1.2.
 */
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
const docs = (text: string, version: "1.1" | "1.2") => parseAllDocuments(text, { version }).map((d) => d.toJS());

const renders: [string, () => Promise<Rendered>][] = [
  ...STACKS.map((stack): [string, () => Promise<Rendered>] => [`stack ${stack}`, () => renderStack(stack)]),
  ["example shop", () => render(() => shop({ platformStack: "acme/platform/local", version: "1.4.2", canary: { version: "1.5.0-rc1", weight: 10 } }), { stackReferences: shopReferences })],
  ["example gatekeeper", () => render(() => gatekeeper({ platformStack: "acme/platform/local", redisAddress: "10.86.67.40" }), { stackReferences: gatekeeperReferences })],
  ["example yaml-wall", () => render(() => yamlWall(pulumi.secret("yaml-readers-db-1")))],
  ["example sample", async () => (await loadStack(resolve(ROOT, "examples/sample"), "dev")).rendered],
];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : name.endsWith(".yaml") ? [path] : [];
  });
}

describe.each(renders)("the YAML of %s", (_name, renderIt) => {
  let r: Rendered;
  let outDir: string;
  beforeAll(async () => {
    r = await renderIt();
    outDir = mkdtempSync(join(tmpdir(), "slipway-yaml-"));
    writeManifests(r, outDir);
  }, 120000);
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it("gives back exactly the rendered objects under a YAML 1.1 reader and a 1.2 reader", () => {
    const objects = plain(r.redactedManifests());
    const text = r.toYaml();
    expect(docs(text, "1.1")).toEqual(objects);
    expect(docs(text, "1.2")).toEqual(objects);
  });

  it("writes files (manifests, charts.yaml, cloud.yaml) that both readers read alike", () => {
    const files = filesUnder(outDir);
    expect(files.length).toBeGreaterThan(2);
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      expect({ file, data: docs(text, "1.1") }).toEqual({ file, data: docs(text, "1.2") });
    }
    const values = r.charts().map((c) => c.values);
    expect(docs(toYamlDocuments([values]), "1.1")).toEqual([plain(values)]);
  });
});
