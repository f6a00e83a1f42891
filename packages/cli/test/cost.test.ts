import * as k8s from "@pulumi/kubernetes";
import { AppService, StatefulApp, Tenant } from "@slipway/apps";
import { costChartSvg, estimateCost, formatCostTable, resolvePrices } from "@slipway/cli";
import { inputErrorMismatches, render, Rendered } from "@slipway/testing";

/**
 * A small stack priced by hand. Two tenants:
 * - shop: AppService "web" (250m / 512Mi, HPA 2..6) and StatefulApp "db" (3 x 500m / 1Gi, a 20Gi ceph-block claim each);
 * - billing: AppService "api" (2 x 1 core / 2Gi) behind a LoadBalancer Service, and a 50Gi claim "exports" naming no class.
 */
function smallStack(): void {
  const shop = new Tenant("shop", {});
  const billing = new Tenant("billing", {});
  new AppService("web", { tenant: shop, image: "ghcr.io/acme/web:1.0.0", port: 8080, scale: { min: 2, max: 6 }, resources: { requests: { cpu: "250m", memory: "512Mi" } } });
  new StatefulApp("db", { tenant: shop, image: "ghcr.io/acme/db:1.0.0", ports: { db: 5432 }, replicas: 3, resources: { requests: { cpu: "500m", memory: "1Gi" } }, storage: { size: "20Gi", class: "ceph-block" } });
  new AppService("api", { tenant: billing, image: "ghcr.io/acme/api:1.0.0", port: 8080, replicas: 2, resources: { requests: { cpu: "1", memory: "2Gi" } } });
  const labels = { "app.kubernetes.io/name": "api", "app.kubernetes.io/instance": "api" };
  new k8s.core.v1.Service("api-public", { metadata: { name: "api-public", namespace: "billing", labels }, spec: { type: "LoadBalancer", selector: labels, ports: [{ port: 443, targetPort: 8080 }] } });
  new k8s.core.v1.PersistentVolumeClaim("exports", {
    metadata: { name: "exports", namespace: "billing", labels: { "app.kubernetes.io/name": "exports", "app.kubernetes.io/instance": "exports" } },
    spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "50Gi" } } },
  });
}

// On-prem prices from stack config: per core-month 20, per GiB-month 2.5, disk 0.1 on ceph-block and 0.05 elsewhere, 15 per load balancer.
const PRICES = { "slipway:prices": { cpu: 20, memory: 2.5, storage: { "ceph-block": 0.1, default: 0.05 }, loadBalancer: 15 } };

// shop/web: 0.25 cores x 2..6 = 0.5..1.5 cores, 0.5 GiB x 2..6 = 1..3 GiB -> 0.5*20 + 1*2.5 = 12.5 .. 1.5*20 + 3*2.5 = 37.5
const WEB = { min: 12.5, max: 37.5 };
// shop/db: 3 x 0.5 cores = 1.5 -> 30; 3 x 1 GiB = 3 -> 7.5; 3 x 20 GiB ceph-block = 60 GiB x 0.1 = 6 -> 43.5
const DB = 43.5;
// billing/api: 2 x 1 core = 2 -> 40; 2 x 2 GiB = 4 -> 10; one LoadBalancer -> 15: 65
const API = 65;
// billing/exports: 50 GiB on no class (the default price) x 0.05 = 2.5
const EXPORTS = 2.5;
const SHOP = { min: WEB.min + DB, max: WEB.max + DB }; // 56 .. 81
const BILLING = API + EXPORTS; // 67.5

describe("slipway cost's estimate of a small stack", () => {
  let rendered: Rendered;
  beforeAll(async () => {
    rendered = await render(smallStack);
  });
  const estimate = (config: Record<string, unknown>) => estimateCost(rendered.manifests(), resolvePrices(config, "test"));

  it("prices each tenant at the HPA minimum and maximum, as computed by hand", () => {
    const report = estimate(PRICES);
    const tenant = (name: string) => report.tenants.find((t) => t.tenant === name)!;
    expect(report.tenants.map((t) => t.tenant)).toEqual(["billing", "shop"]);
    expect(tenant("shop").monthly.min).toBeCloseTo(SHOP.min, 6);
    expect(tenant("shop").monthly.max).toBeCloseTo(SHOP.max, 6);
    expect(tenant("billing").monthly.min).toBeCloseTo(BILLING, 6);
    expect(tenant("billing").monthly.max).toBeCloseTo(BILLING, 6);
    expect(report.monthly.min).toBeCloseTo(SHOP.min + BILLING, 6);
    expect(report.monthly.max).toBeCloseTo(SHOP.max + BILLING, 6);
  });

  it("lines up each app with its requests, claims by class and load balancers", () => {
    const apps = Object.fromEntries(estimate(PRICES).tenants.flatMap((t) => t.apps.map((a) => [`${t.tenant}/${a.app}`, a])));
    expect(Object.keys(apps).sort()).toEqual(["billing/api", "billing/exports", "shop/db", "shop/web"]);
    expect(apps["shop/web"].cpu).toEqual({ min: 0.5, max: 1.5 });
    expect(apps["shop/web"].memory).toEqual({ min: 1, max: 3 });
    expect(apps["shop/web"].monthly).toEqual(WEB);
    expect(apps["shop/db"].storage).toEqual({ "ceph-block": { min: 60, max: 60 } });
    expect(apps["shop/db"].monthly.max).toBeCloseTo(DB, 6);
    expect(apps["billing/api"].loadBalancers).toBe(1);
    expect(apps["billing/api"].monthly.min).toBeCloseTo(API, 6);
    expect(apps["billing/exports"].storage).toEqual({ default: { min: 50, max: 50 } });
    expect(apps["billing/exports"].monthly.min).toBeCloseTo(EXPORTS, 6);
  });

  it("prints per-tenant totals with their apps below, and draws a bar per tenant", () => {
    const report = estimate(PRICES);
    const table = formatCostTable(report);
    expect(table).toMatch(/^shop\s+2\.00-3\.00\s+4\.00-6\.00\s+60\s+0\s+56\.00\s+81\.00$/m);
    expect(table).toMatch(/^ {2}web\s+shop\s+0\.50-1\.50\s+1\.00-3\.00\s+0\s+0\s+12\.50\s+37\.50$/m);
    expect(table).toMatch(/^billing\s+2\.00\s+4\.00\s+50\s+1\s+67\.50\s+67\.50$/m);
    expect(table).toMatch(/^TOTAL\s.*123\.50\s+148\.50$/m);
    expect(table).toContain("Source: slipway:prices");
    const svg = costChartSvg(report, "test/stack");
    expect(svg.match(/<rect x="140" y="\d+" width="[\d.]+" height="22"/g)).toHaveLength(4); // min and max bars of two tenants
    expect(svg).toContain(">56.00 - 81.00<");
    expect(svg).toContain(">67.50<");
  });

  it("uses the region's EKS list prices: a full m6i.xlarge of requests costs the instance's month", () => {
    const prices = resolvePrices({ "aws:region": "eu-west-1" }, "prod");
    // m6i.xlarge in eu-west-1: $0.214/h x 730 h = $156.22 for 4 vCPU and 16 GiB.
    expect(4 * prices.cpu + 16 * prices.memory).toBeCloseTo(0.214 * 730, 6);
    // An NLB: $0.0252/h x 730 h = $18.396; gp3 $0.088 per GB-month.
    expect(prices.loadBalancer).toBeCloseTo(18.396, 6);
    expect(prices.storage.default).toBe(0.088);
    const report = estimateCost(rendered.manifests(), { ...prices, cpu: 20, memory: 2.5, storage: { default: 0.05, "ceph-block": 0.1 } });
    // Only the load balancer's price differs from PRICES: 18.396 instead of 15.
    expect(report.tenants.find((t) => t.tenant === "billing")!.monthly.min).toBeCloseTo(BILLING - 15 + 18.396, 6);
  });

  it("keeps the defaults for what stack config leaves out, and on-prem load balancers are free", () => {
    const prices = resolvePrices({ "slipway:prices": { cpu: 30 } }, "local");
    expect(prices.cpu).toBe(30);
    expect(prices.loadBalancer).toBe(0);
    expect(prices.source).toMatch(/with cpu from slipway:prices/);
  });
});

describe("bad price config names the key", () => {
  const cases: [string, Record<string, unknown>, string, string][] = [
    ["prices not a map", { "slipway:prices": "cheap" }, "slipway:prices", '"cheap"'],
    ["a price that is text", { "slipway:prices": { cpu: "20" } }, "slipway:prices.cpu", '"20"'],
    ["a negative price", { "slipway:prices": { memory: -1 } }, "slipway:prices.memory", "-1"],
    ["a storage class price that is not a number", { "slipway:prices": { storage: { "ceph-block": "x" } } }, "slipway:prices.storage.ceph-block", '"x"'],
    ["storage prices as a list", { "slipway:prices": { storage: [0.1] } }, "slipway:prices.storage", "[0.1]"],
    ["a misspelt key", { "slipway:prices": { cpus: 20 } }, "slipway:prices.cpus", "20"],
    ["a region without a table", { "slipway:prices": { region: "mars-1" } }, "slipway:prices.region", '"mars-1"'],
    ["the stack's AWS region without a table", { "aws:region": "ap-south-1" }, "aws:region", '"ap-south-1"'],
    ["no DaemonSet nodes", { "slipway:prices": { nodes: 0 } }, "slipway:prices.nodes", "0"],
    ["an empty currency", { "slipway:prices": { currency: " " } }, "slipway:prices.currency", '" "'],
    ["a load balancer price of NaN", { "slipway:prices": { loadBalancer: NaN } }, "slipway:prices.loadBalancer", "NaN"],
  ];
  it.each(cases)("%s", (_case, config, field, shown) => {
    let error: unknown;
    try {
      resolvePrices(config, "prod");
    } catch (err) {
      error = err;
    }
    expect(inputErrorMismatches(error, { component: "Stack config", name: "prod", field, shown })).toEqual([]);
  });

  it("accepts a region without a table when every price is given", () => {
    const prices = resolvePrices({ "aws:region": "ap-south-1", "slipway:prices": { cpu: 21, memory: 2.8, storage: 0.09, loadBalancer: 17 } }, "prod");
    expect(prices).toMatchObject({ cpu: 21, memory: 2.8, storage: { default: 0.09 }, loadBalancer: 17, source: "slipway:prices" });
  });
});
