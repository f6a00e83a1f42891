import { mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import { parse } from "yaml";
import { costOutput, costStack, CostStackResult } from "@slipway/cli";
import { helmForTests } from "../../../test/helm.support";

const ROOT = resolve(__dirname, "../../..");
// Chart workloads (OpenCost among them) are priced when helm and the charts are here, as in CI
// (where their absence is an error); the command finds helm through SLIPWAY_HELM, as a user's would.
const helm = helmForTests();
if (helm) process.env.SLIPWAY_HELM = helm;
const withCharts = helm !== undefined;
const itWithCharts = withCharts ? it : it.skip;

const tenantsOf = (stack: string) => Object.keys(parse(readFileSync(join(ROOT, "stacks", `Pulumi.${stack}.yaml`), "utf8")).config["platform:tenants"]).sort();
/** A table line by its first column (apps are indented two spaces). */
const line = (table: string, label: string) => table.split("\n").find((l) => l.startsWith(`${label} `));
const monthly = (row: string | undefined) => (row ?? "").trim().split(/\s+/).slice(-2).map(Number);

/**
 * `slipway cost` on a platform stack (one render per test file: jest keeps the program's modules
 * per file), checked against hand-computed figures: OpenCost's month and the Gateway's load balancer.
 */
export function describeStackCost(stack: string, expected: { opencost: number; gatewayLoadBalancer: number }): void {
  describe(`slipway cost on the ${stack} stack`, () => {
    const out = mkdtempSync(join(tmpdir(), `slipway-cost-${stack}-`));
    let result: CostStackResult;
    beforeAll(async () => {
      result = await costStack(ROOT, { stack, out, charts: withCharts ? undefined : false });
    }, 180_000);
    afterAll(() => rmSync(out, { recursive: true, force: true }));

    it("prints a line per tenant of the stack file, then the platform's own namespaces and the total", () => {
      expect(result.report.tenants.map((t) => t.tenant)).toEqual([...tenantsOf(stack), "platform"]);
      for (const tenant of tenantsOf(stack)) expect(monthly(line(result.table, tenant))).toEqual([0, 0]); // the platform stack runs no apps in tenants
      const total = monthly(line(result.table, "TOTAL"));
      expect(total[0]).toBeCloseTo(result.report.monthly.min, 2);
      expect(monthly(line(result.table, "platform"))).toEqual(total);
    });

    it("prices the Gateway as a load balancer at the stack's price", () => {
      const platform = result.report.tenants.find((t) => t.tenant === "platform")!;
      const gateway = platform.apps.find((a) => a.namespace === "gateway-system" && a.loadBalancers === 1)!;
      expect(gateway.monthly.min).toBeCloseTo(expected.gatewayLoadBalancer, 2);
    });

    itWithCharts("prices the chart workloads, OpenCost's as computed by hand", () => {
      expect(monthly(line(result.table, "TOTAL"))[0]).toBeGreaterThan(0);
      expect(monthly(line(result.table, "  monitoring-opencost"))).toEqual([expected.opencost, expected.opencost]);
      const prometheus = result.report.tenants.flatMap((t) => t.apps).find((a) => a.app === "monitoring-kube-prometheus-stack" && a.namespace === "monitoring")!;
      expect(Object.values(prometheus.storage)[0].min).toBeGreaterThan(0);
    });

    it("draws cost.svg with a bar per tenant", () => {
      const svg = readFileSync(result.svg, "utf8");
      expect(result.svg).toBe(join(out, "cost.svg"));
      for (const tenant of [...tenantsOf(stack), "platform"]) expect(svg).toContain(`>${tenant}</text>`);
    });

    it("prints the table, or with --json one document with the report and the chart's path", () => {
      expect(costOutput(result, false)).toBe(`${result.table}\nChart: ${result.svg}`);
      const json = JSON.parse(costOutput(result, true));
      expect(json.tenants.map((t: { tenant: string }) => t.tenant)).toEqual([...tenantsOf(stack), "platform"]);
      expect(json.monthly).toEqual(result.report.monthly);
      expect(json.chart).toBe(result.svg);
    });
  });
}
