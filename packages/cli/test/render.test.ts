import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import { parseAllDocuments } from "yaml";
import { OUTPUT_MARKER, renderStack, RenderCommandResult, loadProject } from "@slipway/cli";

const SAMPLE = resolve(__dirname, "../../../examples/sample");

function readDocs(file: string): Record<string, unknown>[] {
  return parseAllDocuments(readFileSync(file, "utf8")).map((d) => d.toJSON() as Record<string, unknown>);
}

describe("slipway render examples/sample --stack dev", () => {
  let outDir: string;
  let result: RenderCommandResult;

  beforeAll(async () => {
    outDir = join(mkdtempSync(join(tmpdir(), "slipway-render-")), "dev");
    result = await renderStack(SAMPLE, { stack: "dev", out: outDir });
  });
  afterAll(() => rmSync(resolve(outDir, ".."), { recursive: true, force: true }));

  it("writes one file per namespace and kind, plus charts.yaml and cloud.yaml", () => {
    expect(result.files).toEqual([
      "_cluster/namespace.yaml",
      "charts.yaml",
      "cloud.yaml",
      "sample/configmap.yaml",
      "sample/deployment.yaml",
      "sample/networkpolicy.yaml",
      "sample/poddisruptionbudget.yaml",
      "sample/service.yaml",
      "sample/serviceaccount.yaml",
    ]);
    for (const file of result.files) expect(existsSync(join(outDir, file))).toBe(true);
    expect(existsSync(join(outDir, OUTPUT_MARKER))).toBe(true);
  });

  it("renders the objects with the stack's config", () => {
    const [configMap] = readDocs(join(outDir, "sample/configmap.yaml"));
    // greeting has no namespace in Pulumi.dev.yaml (so it becomes sample:greeting); logLevel is a Pulumi.yaml default.
    expect(configMap.data).toEqual({ GREETING: "hello from dev", LOG_LEVEL: "info" });
    const [deployment] = readDocs(join(outDir, "sample/deployment.yaml"));
    expect(deployment).toMatchObject({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "hello", namespace: "sample" }, spec: { replicas: 2 } });
    const [namespace] = readDocs(join(outDir, "_cluster/namespace.yaml"));
    expect(namespace.metadata).toMatchObject({ name: "sample" });
    expect(readDocs(join(outDir, "charts.yaml"))).toEqual([[]]);
    expect(readDocs(join(outDir, "cloud.yaml"))).toEqual([[]]);
  });

  it("renders schema-valid objects", () => {
    expect(result.rendered.validate()).toEqual([]);
  });

  it("returns the program's exports as stack outputs", () => {
    expect(result.rendered.outputs).toEqual({ namespaceName: "sample", deploymentName: "hello", url: "http://hello.sample.svc.cluster.local" });
  });

  it("summarizes objects per kind, charts and cloud resources", () => {
    const lines = result.summary.split("\n");
    expect(lines[0]).toMatch(/^Rendered stack dev of sample into .*dev \(9 files\)$/);
    expect(lines.slice(1)).toEqual([
      "Kubernetes objects: 8",
      "  KIND                                OBJECTS",
      "  apps/v1/Deployment                  1",
      "  networking.k8s.io/v1/NetworkPolicy  2",
      "  policy/v1/PodDisruptionBudget       1",
      "  v1/ConfigMap                        1",
      "  v1/Namespace                        1",
      "  v1/Service                          1",
      "  v1/ServiceAccount                   1",
      "Helm charts: 0",
      "Cloud resources: 0",
    ]);
    expect(result.warnings).toEqual([]);
  });

  it("refuses to write into a non-empty directory it did not write", async () => {
    const foreign = mkdtempSync(join(tmpdir(), "slipway-foreign-"));
    writeFileSync(join(foreign, "keep.txt"), "mine");
    try {
      await expect(renderStack(SAMPLE, { stack: "dev", out: foreign })).rejects.toThrow(`${foreign} is not empty and was not written by slipway render`);
      expect(readFileSync(join(foreign, "keep.txt"), "utf8")).toBe("mine");
    } finally {
      rmSync(foreign, { recursive: true, force: true });
    }
  });
});

describe("loadProject", () => {
  it("reads name, entry and stack config dir", () => {
    const project = loadProject(SAMPLE);
    expect(project).toEqual({ name: "sample", runtime: "nodejs", dir: SAMPLE, main: join(SAMPLE, "index.ts"), stackConfigDir: SAMPLE, configDefaults: { "sample:logLevel": "info" } });
  });

  it("names the missing file", () => {
    expect(() => loadProject("/nonexistent-slipway-dir")).toThrow("/nonexistent-slipway-dir/Pulumi.yaml not found");
  });
});
