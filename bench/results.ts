import { mkdirSync, readFileSync, writeFileSync } from "fs";
import * as os from "os";
import * as path from "path";
import { BenchOptions } from "./options";
import { Sample } from "./sample";
import { Summary } from "./summary";
import { Target } from "./targets";

/** Everything one run of the bench measured, as written to `<timestamp>.json` and `latest.json`. */
export interface BenchResults {
  startedAt: string;
  machine: { node: string; platform: string; cpus: number; cpuModel: string; memoryGb: number };
  settings: { ns: number[]; repeats: Record<string, number>; variants: string[] };
  summary: Summary;
  targets: Target[];
  samples: Sample[];
}

export function machineFacts(): BenchResults["machine"] {
  const cpus = os.cpus();
  return { node: process.version, platform: `${process.platform}-${process.arch}`, cpus: cpus.length, cpuModel: cpus[0]?.model ?? "unknown", memoryGb: Math.round(os.totalmem() / 2 ** 30) };
}

const stampOf = (results: BenchResults) => results.startedAt.replace(/[:.]/g, "-");

function writeAll(dir: string, files: [string, string][]): string[] {
  mkdirSync(dir, { recursive: true });
  return files.map(([name, content]) => {
    const file = path.join(dir, name);
    writeFileSync(file, content);
    return file;
  });
}

/** Writes the run's chart as `<timestamp>.svg` and `latest.svg`; returns the paths written. */
export function writeChart(dir: string, results: BenchResults, chartSvg: string): string[] {
  return writeAll(dir, [
    [`${stampOf(results)}.svg`, chartSvg],
    ["latest.svg", chartSvg],
  ]);
}

/** Writes the JSON (timestamped and latest) and the chart; returns the paths written. */
export function writeResults(options: BenchOptions, results: BenchResults, chartSvg: string): string[] {
  const json = `${JSON.stringify(results, null, 2)}\n`;
  const stamp = stampOf(results);
  return [
    ...writeAll(options.outDir, [
      [`${stamp}.json`, json],
      ["latest.json", json],
    ]),
    ...writeChart(options.outDir, results, chartSvg),
  ];
}

export function readResults(file: string): BenchResults {
  return JSON.parse(readFileSync(file, "utf8")) as BenchResults;
}
