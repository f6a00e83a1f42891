import { mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import { checkCommand, renderStack } from "@slipway/cli";

const ROOT = resolve(__dirname, "../../..");

describe("slipway render --graph of the platform's local stack", () => {
  it("writes the manifests and a Graphviz drawing of the graph", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "slipway-graph-")), "local");
    try {
      const result = await renderStack(ROOT, { stack: "local", out, graph: true, charts: false }); // charts: test/charts.test.ts
      expect(result.files).toEqual(expect.arrayContaining(["graph.dot", "graph.svg", "_cluster/namespace.yaml"]));
      const dot = readFileSync(join(out, "graph.dot"), "utf8");
      expect(dot).toMatch(/^digraph "platform\/local" \{/);
      expect(dot).toContain("subgraph cluster_");
      const svg = readFileSync(join(out, "graph.svg"), "utf8");
      expect(svg).toContain("<svg");
      expect(svg).toContain("Namespace");
      expect(result.summary).toMatch(/cycles: 0/);
    } finally {
      rmSync(resolve(out, ".."), { recursive: true, force: true });
    }
  });
});

describe("slipway check", () => {
  const capture = async (run: () => Promise<void>) => {
    const lines: string[] = [];
    const log = jest.spyOn(console, "log").mockImplementation((line: string) => void lines.push(line));
    const err = jest.spyOn(console, "error").mockImplementation(() => undefined);
    const before = process.exitCode;
    try {
      await run();
      return { output: lines.join("\n"), exitCode: process.exitCode };
    } finally {
      process.exitCode = before;
      log.mockRestore();
      err.mockRestore();
    }
  };

  it("fails a stack with a schema problem and check violations, naming both", async () => {
    const { output, exitCode } = await capture(() => checkCommand(resolve(__dirname, "fixtures/broken"), { stack: "dev", crds: [resolve(ROOT, "../shared/crds")] }));
    expect(exitCode).toBe(1);
    expect(output).toContain("readOnlyRootFileSystem");
    expect(output).toMatch(/S1 .*apps\/v1\/Deployment default\/root/);
    expect(output).toMatch(/S14 .*nginx:latest|S14 .*latest/);
  });
});
