/**
 * Child process entry: `node measure.js <variant> <n>` renders the catalog of n services once with
 * the variant's tool and prints one Sample. Each measurement runs in a fresh process (see run.ts).
 */
import { performance } from "perf_hooks";
import { render } from "@slipway/testing";
import { buildCatalog, Catalog } from "./catalog";
import { criticalPath } from "./graph";
import { baselineCatalog } from "./programs/baseline";
import { cdk8sPlusCatalog } from "./programs/cdk8s-plus";
import { slipwayCatalog } from "./programs/slipway";
import { countKinds, peakRssMb, Sample, SAMPLE_MARKER } from "./sample";
import { variantById } from "./variants";

type Measured = Omit<Sample, "variant" | "n" | "loadMs" | "peakRssMb" | "cpuMs">;

async function renderWithPulumi(catalog: Catalog, program: (c: Catalog) => void, fast: boolean): Promise<Measured> {
  const start = performance.now();
  const rendered = await render(() => program(catalog), { fast });
  const ms = performance.now() - start;
  const manifests = rendered.manifests();
  return { ms, objects: manifests.length, resources: rendered.resources.length, kinds: countKinds(manifests), depth: criticalPath(rendered.resources), extraMs: {} };
}

function synthWithCdk8s(catalog: Catalog): Measured {
  const start = performance.now();
  const app = cdk8sPlusCatalog(catalog);
  // Resolved manifests in memory: the same product as the test kit's Rendered.
  const manifests = app.charts.flatMap((chart) => chart.toJson() as { kind: string }[]);
  const ms = performance.now() - start;
  const yamlStart = performance.now();
  app.synthYaml();
  return { ms, objects: manifests.length, resources: null, kinds: countKinds(manifests), depth: null, extraMs: { synthYaml: performance.now() - yamlStart } };
}

async function main(): Promise<void> {
  const [variantId, nText] = process.argv.slice(2);
  const loadMs = performance.now();
  const variant = variantById(variantId);
  const n = Number(nText);
  const catalog = buildCatalog(n);
  const cpuStart = process.cpuUsage();
  const measured =
    variant.tool === "cdk8s-plus" ? synthWithCdk8s(catalog) : await renderWithPulumi(catalog, variant.tool === "slipway" ? slipwayCatalog : baselineCatalog, variant.fast === true);
  const cpu = process.cpuUsage(cpuStart);
  const sample: Sample = { variant: variant.id, n, loadMs, cpuMs: (cpu.user + cpu.system) / 1000, peakRssMb: peakRssMb(), ...measured };
  process.stdout.write(`${SAMPLE_MARKER}${JSON.stringify(sample)}\n`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
