import { join, resolve } from "path";
import { chartsDirFor, CHARTS_DIR_KEY, PulumiProject, withCharts } from "../src";
import { Rendered } from "@slipway/testing";

const project = { name: "p", dir: "/work/proj", runtime: "nodejs", main: "/work/proj", stackConfigDir: "/work/proj", configDefaults: {} } as PulumiProject;
const oneChart = { charts: () => [{ name: "x", chart: "demo", version: "1.0.0" }] } as unknown as Rendered;

describe("where charts come from", () => {
  it("takes --charts-dir, then the stack's slipway:chartsDir (relative to the project), and --no-charts turns them off", () => {
    expect(chartsDirFor(project, {}, "/somewhere/charts")).toEqual({ dir: "/somewhere/charts", named: true });
    expect(chartsDirFor(project, { [CHARTS_DIR_KEY]: "vendor/charts" }, undefined)).toEqual({ dir: "/work/proj/vendor/charts", named: true });
    expect(chartsDirFor(project, { [CHARTS_DIR_KEY]: "vendor/charts" }, false)).toBeUndefined();
  });

  it("finds ../shared/charts beside the project without being asked", () => {
    const here = { ...project, dir: resolve(__dirname, "../../..") };
    expect(chartsDirFor(here, {}, undefined)).toEqual({ dir: resolve(here.dir, "../shared/charts"), named: false });
  });
});

describe("rendering a program's charts", () => {
  const saved = { path: process.env.PATH, helm: process.env.SLIPWAY_HELM };
  beforeEach(() => {
    process.env.PATH = "/nonexistent";
    delete process.env.SLIPWAY_HELM;
  });
  afterEach(() => {
    process.env.PATH = saved.path;
    if (saved.helm === undefined) delete process.env.SLIPWAY_HELM;
    else process.env.SLIPWAY_HELM = saved.helm;
  });

  it("warns and leaves charts out when it found the folder itself but no helm", () => {
    const warnings: string[] = [];
    expect(withCharts(oneChart, { dir: "/x", named: false }, {}, undefined, (w) => warnings.push(w))).toBe(oneChart);
    expect(warnings).toEqual([expect.stringContaining("1 chart(s) not rendered: no helm")]);
  });

  it("warns when there is no charts folder at all", () => {
    const warnings: string[] = [];
    withCharts(oneChart, undefined, {}, undefined, (w) => warnings.push(w));
    expect(warnings).toEqual([expect.stringContaining("no charts folder (pass --charts-dir")]);
  });

  it("fails, saying how to get helm, when the user named the folder", () => {
    expect(() => withCharts(oneChart, { dir: join(__dirname), named: true }, {})).toThrow(/rendering charts needs helm: put helm on PATH or set SLIPWAY_HELM/);
  });
});
