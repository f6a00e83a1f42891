import { fail, InputSite } from "@slipway/core";

/** Hours in the month every price is quoted for (365 × 24 / 12), as AWS and OpenCost count them. */
export const HOURS_PER_MONTH = 730;

/** What a month of each resource costs; `slipway cost` multiplies the rendered requests by it. */
export interface PriceTable {
  /** Where the prices come from, printed under the table. */
  source: string;
  /** Currency label (prices are plain numbers). */
  currency: string;
  /** One CPU core requested for a month. */
  cpu: number;
  /** One GiB of memory requested for a month. */
  memory: number;
  /** One GiB of claimed storage for a month, by StorageClass name; `default` prices every other class and claims that name none. */
  storage: { default: number; [storageClass: string]: number };
  /** One LoadBalancer Service for a month. */
  loadBalancer: number;
  /** Nodes a DaemonSet's pods run on (its pods count once per node). */
  nodes: number;
}

/** The stack config key that overrides the price table. */
export const PRICES_KEY = "slipway:prices";

// OpenCost's built-in default prices per hour (its default.json, the prices it allocates by on a
// cluster with no cloud provider and no custom pricing): CPU per core, RAM per GiB, disk per GiB.
const OPENCOST_CPU_HOUR = 0.031611;
const OPENCOST_RAM_HOUR = 0.004237;
const OPENCOST_STORAGE_HOUR = 0.00005479452;

/**
 * Per-core and per-GiB prices from an instance's hourly price: split across its vCPUs and GiB in
 * OpenCost's CPU:RAM price ratio (how OpenCost itself splits a node's cost), then made monthly.
 */
function splitInstance(hourly: number, vcpus: number, memoryGiB: number): { cpu: number; memory: number } {
  const scale = hourly / (vcpus * OPENCOST_CPU_HOUR + memoryGiB * OPENCOST_RAM_HOUR);
  return { cpu: scale * OPENCOST_CPU_HOUR * HOURS_PER_MONTH, memory: scale * OPENCOST_RAM_HOUR * HOURS_PER_MONTH };
}

/** An EKS region's table from its list prices: m6i.xlarge and NLB per hour, EBS per GB-month. */
function eksTable(region: string, list: { m6iXlarge: number; gp3: number; gp2: number; nlb: number }): PriceTable {
  return {
    source: `EKS ${region} on-demand list prices (2025): m6i.xlarge, gp3, NLB`,
    currency: "USD",
    ...splitInstance(list.m6iXlarge, 4, 16),
    storage: { default: list.gp3, gp3: list.gp3, gp2: list.gp2 },
    loadBalancer: list.nlb * HOURS_PER_MONTH,
    nodes: 3,
  };
}

/**
 * Default EKS prices for the regions our stacks use (stacks/Pulumi.{dev,staging,prod}.yaml: eu-west-1)
 * and the AWS default region, in USD from AWS's public on-demand price list as of 2025 (Linux,
 * no Savings Plans; recheck against the current list before quoting them):
 * - compute: m6i.xlarge (4 vCPU, 16 GiB; the prod node pool's first type), eu-west-1 $0.214/h,
 *   us-east-1 $0.192/h, split by `splitInstance`;
 * - storage: EBS gp3 per GB-month, eu-west-1 $0.088, us-east-1 $0.08 (gp2 $0.11 and $0.10);
 * - load balancers: a Network Load Balancer's hourly charge, eu-west-1 $0.0252/h, us-east-1
 *   $0.0225/h (capacity units and data transfer not included).
 * The EKS control plane ($0.10/h) is the cluster's, not a tenant's, and is left out.
 */
export const EKS_PRICES: Record<string, PriceTable> = {
  "eu-west-1": eksTable("eu-west-1", { m6iXlarge: 0.214, gp3: 0.088, gp2: 0.11, nlb: 0.0252 }),
  "us-east-1": eksTable("us-east-1", { m6iXlarge: 0.192, gp3: 0.08, gp2: 0.1, nlb: 0.0225 }),
};

/**
 * On-prem (an existing cluster): OpenCost's built-in default prices, so `slipway cost` and the
 * OpenCost the MonitoringStack installs agree until the site enters its own amortised hardware
 * cost in `slipway:prices`. Load balancers are the cluster's own addresses: free.
 */
export const ON_PREM_PRICES: PriceTable = {
  source: "on-prem defaults (OpenCost's built-in prices)",
  currency: "USD",
  cpu: OPENCOST_CPU_HOUR * HOURS_PER_MONTH,
  memory: OPENCOST_RAM_HOUR * HOURS_PER_MONTH,
  storage: { default: OPENCOST_STORAGE_HOUR * HOURS_PER_MONTH },
  loadBalancer: 0,
  nodes: 3,
};

/** `slipway:prices` as a user writes it: every field optional, over the region's or on-prem defaults. */
export interface PricesConfig {
  /** The EKS price table to start from. @default aws:region when the stack sets it, else on-prem */
  region?: string;
  /** @default the table's */
  currency?: string;
  /** Per core-month. @default the table's */
  cpu?: number;
  /** Per GiB-month of memory. @default the table's */
  memory?: number;
  /** Per GiB-month of disk: one price, or prices by StorageClass with an optional `default`. @default the table's */
  storage?: number | Record<string, number>;
  /** Per LoadBalancer-month. @default the table's */
  loadBalancer?: number;
  /** Nodes a DaemonSet runs on. @default 3 */
  nodes?: number;
}

const FIELDS: (keyof PricesConfig)[] = ["region", "currency", "cpu", "memory", "storage", "loadBalancer", "nodes"];
const PRICE_FIELDS = ["cpu", "memory", "loadBalancer"] as const;

function price(site: InputSite, path: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value)) return fail(site, path, value, "must be a number", "a price per month in the table's currency, e.g. 20.5");
  if (value < 0) return fail(site, path, value, "must not be negative");
  return value;
}

function storagePrices(site: InputSite, value: unknown, base: PriceTable["storage"]): PriceTable["storage"] {
  const path = `${PRICES_KEY}.storage`;
  if (typeof value === "number") return { default: price(site, path, value) };
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return fail(site, path, value, "must be a price or prices by StorageClass", "e.g. 0.1, or { ceph-block: 0.05, default: 0.1 }");
  }
  const out: PriceTable["storage"] = { ...base };
  for (const [storageClass, p] of Object.entries(value)) out[storageClass] = price(site, `${path}.${storageClass}`, p);
  return out;
}

/**
 * The stack's price table: `slipway:prices` over the defaults of its region (`slipway:prices.region`,
 * else `aws:region`) or, without a region, the on-prem defaults. Bad values fail naming the key.
 */
export function resolvePrices(config: Record<string, unknown>, stack: string): PriceTable {
  const site: InputSite = { component: "Stack config", name: stack };
  const raw = config[PRICES_KEY] ?? {};
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return fail(site, PRICES_KEY, raw, "must be a map of prices", "e.g. { cpu: 20, memory: 2.5, storage: 0.1 }");
  const given = raw as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    if (!FIELDS.includes(key as keyof PricesConfig)) fail(site, `${PRICES_KEY}.${key}`, given[key], "is not a setting", `use one of ${FIELDS.join(", ")}`);
  }
  const regionPath = given.region !== undefined ? `${PRICES_KEY}.region` : "aws:region";
  const region = given.region ?? config["aws:region"];
  // A region without a default table is fine when every price is given.
  const complete = (["cpu", "memory", "storage", "loadBalancer"] as const).every((f) => given[f] !== undefined);
  const known = typeof region === "string" && Object.prototype.hasOwnProperty.call(EKS_PRICES, region);
  if (region !== undefined && !known && !complete) {
    fail(site, regionPath, region, "has no default price table", `use one of ${Object.keys(EKS_PRICES).join(", ")}, or set ${PRICES_KEY}.cpu, memory, storage and loadBalancer`);
  }
  const base = known ? EKS_PRICES[region as string] : complete ? { ...ON_PREM_PRICES, source: PRICES_KEY } : ON_PREM_PRICES;
  const table: PriceTable = { ...base, storage: { ...base.storage } };
  for (const field of PRICE_FIELDS) if (given[field] !== undefined) table[field] = price(site, `${PRICES_KEY}.${field}`, given[field]);
  if (given.storage !== undefined) table.storage = storagePrices(site, given.storage, base.storage);
  if (given.currency !== undefined) {
    if (typeof given.currency !== "string" || given.currency.trim() === "") fail(site, `${PRICES_KEY}.currency`, given.currency, "must be a currency label", 'e.g. "EUR"');
    table.currency = given.currency as string;
  }
  if (given.nodes !== undefined && (typeof given.nodes !== "number" || !Number.isInteger(given.nodes) || given.nodes < 1)) {
    fail(site, `${PRICES_KEY}.nodes`, given.nodes, "must be a whole number of nodes, at least 1");
  }
  if (given.nodes !== undefined) table.nodes = given.nodes as number;
  const overridden = FIELDS.filter((f) => f !== "region" && given[f] !== undefined);
  if (complete) table.source = PRICES_KEY;
  else if (overridden.length) table.source = `${base.source}, with ${overridden.join(", ")} from ${PRICES_KEY}`;
  return table;
}
