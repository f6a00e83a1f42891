import { spawnSync } from "child_process";
import { mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { criticalPath, longestPath } from "../bench/graph";
import { parseOptions, repeatsFor } from "../bench/options";
import { spreadOf } from "../bench/stats";

const ROOT = path.resolve(__dirname, "..");

describe("bench: critical-path depth", () => {
  const node = (urn: string, dependencies: string[] = [], parent?: string) => ({ urn, dependencies, ...(parent ? { parent } : {}) });

  it("counts the resources on the longest dependency chain", () => {
    const nodes = [node("a"), node("b", ["a"]), node("c", ["b"]), node("d", ["a"])];
    expect(longestPath(nodes, false)).toBe(3);
  });

  it("counts parent links only when asked, and ignores edges to resources outside the graph", () => {
    const nodes = [node("app"), node("conn", [], "app"), node("policy", ["stack-urn"], "conn")];
    expect(criticalPath(nodes)).toEqual({ dependencies: 1, withParents: 3 });
  });

  it("handles a chain far longer than the call stack would allow", () => {
    const chain = Array.from({ length: 20_000 }, (_, i) => node(`r${i}`, i ? [`r${i - 1}`] : []));
    expect(longestPath(chain.reverse(), false)).toBe(20_000);
  });

  it("refuses a cycle", () => {
    expect(() => longestPath([node("a", ["b"]), node("b", ["a"])], false)).toThrow(/cycle/);
  });
});

describe("bench: statistics and options", () => {
  it("summarises runs by median, extremes and relative spread", () => {
    expect(spreadOf([30, 10, 20])).toEqual({ median: 20, min: 10, max: 30, spread: 1 });
    expect(spreadOf([4, 1, 2, 3]).median).toBe(2.5);
  });

  it("defaults to N = 10, 100, 1000 with 5 repeats below 1000 and 3 at 1000", () => {
    const options = parseOptions([], {}, "/out");
    expect(options.ns).toEqual([10, 100, 1000]);
    expect([10, 100, 1000].map((n) => repeatsFor(options, n))).toEqual([5, 5, 3]);
    expect(options.variants).toEqual(["slipway", "slipway-fast", "baseline", "baseline-naive", "slipway-naive", "cdk8s-plus"]);
  });

  it("takes flags over environment variables", () => {
    const options = parseOptions(["--ns", "20,40", "--variants", "slipway,cdk8s-plus"], { SLIPWAY_BENCH_NS: "10", SLIPWAY_BENCH_REPEATS: "2" }, "/out");
    expect(options).toEqual({ ns: [20, 40], repeats: 2, variants: ["slipway", "cdk8s-plus"], outDir: "/out" });
  });

  it("rejects unknown variants, sizes below 2 and unknown flags", () => {
    expect(() => parseOptions(["--variants", "pulumi-yaml"], {}, "/out")).toThrow(/unknown variant "pulumi-yaml"/);
    expect(() => parseOptions(["--ns", "1"], {}, "/out")).toThrow(/at least 2/);
    expect(() => parseOptions(["--fast"], {}, "/out")).toThrow(/unknown argument "--fast"/);
  });
});

/** The results file as far as this test reads it. */
interface Results {
  settings: { ns: number[]; repeats: Record<string, number> };
  samples: { variant: string }[];
  summary: {
    rows: { variant: string; n: number; runs: number; objects: number; resources: number | null; kinds: Record<string, number>; depth: { dependencies: number; withParents: number } | null }[];
    ratios: { name: string; n: number; value: number; cpuValue: number }[];
    mismatches: string[];
  };
  targets: { name: string }[];
}

describe("bench: smoke run at N=10 (no timing asserted)", () => {
  const out = mkdtempSync(path.join(tmpdir(), "slipway-bench-"));
  let results: Results;
  let chart: string;

  beforeAll(() => {
    const tsc = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-b", "bench"], { cwd: ROOT, encoding: "utf8" });
    if (tsc.status !== 0) throw new Error(`compiling the bench failed:\n${tsc.stdout}${tsc.stderr}`);
    const run = spawnSync(process.execPath, [path.join(ROOT, "bench/dist/run.js"), "--quick", "--out", out], { cwd: ROOT, encoding: "utf8" });
    if (run.status !== 0) throw new Error(`the bench failed:\n${run.stdout}${run.stderr}`);
    results = JSON.parse(readFileSync(path.join(out, "latest.json"), "utf8")) as Results;
    chart = readFileSync(path.join(out, "latest.svg"), "utf8");
  }, 180_000);

  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("measures every variant once at N=10", () => {
    expect(results.settings).toMatchObject({ ns: [10], repeats: { 10: 1 } });
    expect(results.samples.map((s) => s.variant).sort()).toEqual(["baseline", "baseline-naive", "cdk8s-plus", "slipway", "slipway-fast", "slipway-naive"]);
    expect(results.summary.rows.every((r) => r.n === 10 && r.runs === 1)).toBe(true);
  });

  it("renders the same catalog with every tool: 13 objects per service and 5 per team store", () => {
    const counts = results.summary.rows.map((r) => r.objects);
    expect(new Set(counts)).toEqual(new Set([10 * 13 + 5]));
    expect(results.summary.mismatches).toEqual([]);
    const slipway = results.summary.rows.find((r) => r.variant === "slipway")!;
    expect(slipway.kinds).toMatchObject({ Deployment: 10, HorizontalPodAutoscaler: 10, PodDisruptionBudget: 10, HTTPRoute: 10, NetworkPolicy: 50, StatefulSet: 1 });
  });

  it("registers components on top of the objects for Slipway only", () => {
    const resources = (variant: string) => results.summary.rows.find((r) => r.variant === variant)!.resources;
    // 10 AppServices, 1 StatefulApp and its RandomPassword beside 135 objects (connections add no component).
    expect(resources("slipway")).toBe(135 + 10 + 1 + 1);
    // The fast render reports the same resources without registering the objects.
    expect(resources("slipway-fast")).toBe(135 + 10 + 1 + 1);
    expect(resources("baseline")).toBe(135 + 1);
    expect(resources("cdk8s-plus")).toBeNull();
  });

  it("reports critical-path depths for the Pulumi variants only", () => {
    for (const row of results.summary.rows) {
      if (row.variant === "cdk8s-plus") expect(row.depth).toBeNull();
      else {
        expect(row.depth!.dependencies).toBeGreaterThanOrEqual(1);
        expect(row.depth!.withParents).toBeGreaterThanOrEqual(row.depth!.dependencies);
      }
    }
  });

  it("reports the ratios and targets the issue asks for", () => {
    expect(results.summary.ratios.map((r) => r.name)).toEqual([
      "Slipway/baseline (same settings)",
      "Slipway/baseline-naive (slipway render vs a plain mocks test)",
      "Slipway-naive/baseline-naive",
      "Slipway/cdk8s-plus",
      "Slipway fast/cdk8s-plus",
      "Slipway fast/Slipway (fast render vs Pulumi path)",
    ]);
    expect(results.summary.ratios.every((r) => r.value > 0 && r.cpuValue > 0)).toBe(true);
    expect(results.targets.map((t) => t.name)).toEqual([
      "Slipway fast/cdk8s-plus, N=100",
      "Slipway fast/cdk8s-plus, N=1000",
      "Slipway fast peak memory at N=1000",
      "Slipway fast t(1000)/t(100)",
      "Slipway (Pulumi path)/baseline, same settings, N=10",
      "Slipway (Pulumi path)/naive baseline, N=10",
      "Slipway fast critical-path depth equal at every N",
    ]);
  });

  it("draws the chart as an SVG with one line per variant", () => {
    expect(chart.startsWith("<svg")).toBe(true);
    for (const label of ["Slipway components", "Slipway fast render", "raw @pulumi/kubernetes, same settings", "cdk8s-plus synth"]) expect(chart).toContain(label);
  });
});
