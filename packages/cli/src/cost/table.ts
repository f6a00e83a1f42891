import { CostReport, Range } from "./estimate";

type Figures = { cpu: Range; memory: Range; storage: Record<string, Range>; loadBalancers: number; monthly: Range };

const num = (n: number, digits: number) => n.toFixed(digits);
const range = (r: Range, digits: number) => (num(r.min, digits) === num(r.max, digits) ? num(r.min, digits) : `${num(r.min, digits)}-${num(r.max, digits)}`);
const sum = (ranges: Range[]): Range => ranges.reduce((s, r) => ({ min: s.min + r.min, max: s.max + r.max }), { min: 0, max: 0 });
const disk = (f: Pick<Figures, "storage">) => sum(Object.values(f.storage));

/** Totals of several apps' figures (storage as one "all classes" entry). */
function totals(apps: Figures[], monthly: Range): Figures {
  return {
    cpu: sum(apps.map((a) => a.cpu)),
    memory: sum(apps.map((a) => a.memory)),
    storage: { all: sum(apps.map(disk)) },
    loadBalancers: apps.reduce((n, a) => n + a.loadBalancers, 0),
    monthly,
  };
}

/** Left-aligned text columns, right-aligned figures, two spaces apart. */
function columns(rows: string[][], rightFrom: number): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => (i >= rightFrom ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join("  ").trimEnd()).join("\n");
}

/**
 * The report as a table: a line per tenant with its totals, its apps indented below, then the
 * cluster total and the price table used. Ranges read "min-max" (an HPA's bounds).
 */
export function formatCostTable(report: CostReport): string {
  const { prices } = report;
  const rows: string[][] = [["TENANT / APP", "NAMESPACE", "CPU", "MEM GiB", "DISK GiB", "LB", `${prices.currency}/MONTH min`, `${prices.currency}/MONTH max`]];
  const line = (label: string, namespace: string, f: Figures) =>
    rows.push([label, namespace, range(f.cpu, 2), range(f.memory, 2), range(disk(f), 0), String(f.loadBalancers), num(f.monthly.min, 2), num(f.monthly.max, 2)]);
  for (const tenant of report.tenants) {
    line(tenant.tenant, "", totals(tenant.apps, tenant.monthly));
    for (const app of tenant.apps) line(`  ${app.app}`, app.namespace, app);
  }
  line("TOTAL", "", totals(report.tenants.flatMap((t) => t.apps), report.monthly));
  const storage = Object.entries(prices.storage).map(([cls, p]) => `${cls} ${num(p, 4)}`).join(", ");
  return [
    columns(rows, 2),
    "",
    `Prices per month (${prices.currency}): CPU core ${num(prices.cpu, 2)}, memory GiB ${num(prices.memory, 2)}, disk GiB ${storage}, load balancer ${num(prices.loadBalancer, 2)}; DaemonSets on ${prices.nodes} nodes`,
    `Source: ${prices.source}. Requests, not usage; min-max are HPA bounds; Jobs are left out.`,
  ].join("\n");
}
