import { readFileSync } from "fs";
import { join } from "path";
import type { FleetEngine, FleetStack, FleetUpResult, LastUpdate } from "@slipway/cli";

/** Outputs and last updates recorded from real stacks (`pulumi stack output --json`, `pulumi stack history`), by stack id. */
export interface Recorded {
  outputs: Record<string, Record<string, unknown>>;
  history: Record<string, LastUpdate>;
}

export const RECORDED = JSON.parse(readFileSync(join(__dirname, "fixtures/fleet/recorded.json"), "utf8")) as Recorded;

/**
 * A stand-in for the Automation API that serves recorded outputs; `up` resolves after `delay` ms,
 * failing the stacks named in `failing`. `log` tells the order stacks started and finished.
 */
export function standInEngine(recorded: Recorded = RECORDED, options: { failing?: string[]; delay?: (id: string) => number } = {}) {
  const log: string[] = [];
  let running = 0;
  let mostAtOnce = 0;
  const engine: FleetEngine = {
    outputs: async (s: FleetStack) => {
      const outputs = recorded.outputs[s.id];
      if (!outputs) throw new Error(`no stack named '${s.stack}' found`);
      return outputs;
    },
    lastUpdate: async (s: FleetStack) => recorded.history[s.id],
    up: async (s: FleetStack): Promise<FleetUpResult> => {
      log.push(`start ${s.id}`);
      mostAtOnce = Math.max(mostAtOnce, ++running);
      await new Promise((r) => setTimeout(r, options.delay?.(s.id) ?? 5));
      running--;
      const ok = !options.failing?.includes(s.id);
      log.push(`${ok ? "done" : "fail"} ${s.id}`);
      return ok ? { ok, summary: "up succeeded in 1.0s: 3 updated", errors: [] } : { ok, summary: "up failed in 1.0s", errors: ["the Deployment did not become ready"] };
    },
  };
  return { engine, log, mostAtOnce: () => mostAtOnce };
}
