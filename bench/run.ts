/**
 * `npm run bench`: renders the app catalog at each N with every variant, each measurement in a fresh
 * process, repeated; prints the tables and writes JSON plus a chart under bench/results/.
 */
import * as path from "path";
import { renderChart } from "./chart";
import { parseOptions, repeatsFor } from "./options";
import { BenchResults, machineFacts, readResults, writeChart, writeResults } from "./results";
import { Sample } from "./sample";
import { measureInFreshProcess } from "./spawn";
import { summariseAll } from "./summary";
import { formatSummary } from "./table";
import { judgeTargets } from "./targets";
import { variantById } from "./variants";

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2), process.env, path.resolve(__dirname, "..", "results"));
  if (options.redraw) {
    const results = readResults(options.redraw);
    console.log(`wrote ${writeChart(path.dirname(options.redraw), results, await renderChart(results.summary)).join(", ")}`);
    return;
  }
  const startedAt = new Date().toISOString();
  const samples: Sample[] = [];
  for (const n of options.ns) {
    // Runs of different variants alternate, so drift in the machine's load spreads over all of them.
    for (let run = 1; run <= repeatsFor(options, n); run++) {
      for (const id of options.variants) {
        const sample = measureInFreshProcess(variantById(id), n);
        samples.push(sample);
        console.log(`N=${n} run ${run} ${id}: ${sample.ms.toFixed(0)} ms, ${sample.objects} objects, ${sample.peakRssMb.toFixed(0)} MB peak`);
      }
    }
  }
  const summary = summariseAll(samples);
  const targets = judgeTargets(summary);
  const results: BenchResults = {
    startedAt,
    machine: machineFacts(),
    settings: { ns: options.ns, repeats: Object.fromEntries(options.ns.map((n) => [n, repeatsFor(options, n)])), variants: options.variants },
    summary,
    targets,
    samples,
  };
  const written = writeResults(options, results, await renderChart(summary));
  console.log(`\n${formatSummary(summary, targets)}\n\nwrote ${written.join(", ")}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
