import { spawnSync } from "child_process";
import * as path from "path";
import { Sample, SAMPLE_MARKER } from "./sample";
import { Variant } from "./variants";

/** A naive render at N=1000 takes well under a minute; anything near this is stuck. */
const TIMEOUT_MS = 20 * 60 * 1000;

/** Runs one measurement in a fresh Node process and returns its sample. */
export function measureInFreshProcess(variant: Variant, n: number): Sample {
  const script = path.join(__dirname, "measure.js");
  const child = spawnSync(process.execPath, [script, variant.id, String(n)], {
    env: { ...process.env, ...variant.env },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    timeout: TIMEOUT_MS,
  });
  const line = child.stdout?.split("\n").find((l) => l.startsWith(SAMPLE_MARKER));
  if (child.status !== 0 || !line) {
    const why = child.error ? child.error.message : `exit ${child.status ?? child.signal}`;
    throw new Error(`measuring ${variant.id} at N=${n} failed (${why}):\n${(child.stderr ?? "").slice(-4000)}`);
  }
  return JSON.parse(line.slice(SAMPLE_MARKER.length)) as Sample;
}
