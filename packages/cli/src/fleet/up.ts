import { Fleet, FleetStack } from "./file";
import { FleetEngine, FleetUpResult } from "./engine";

/** What `slipway fleet up` did to one environment. */
export interface FleetUpReport {
  environment: string;
  ok: boolean;
  /** Stacks that ran, in the order they finished. */
  ran: ({ id: string } & FleetUpResult)[];
  /** The first stack that failed. */
  failed?: string;
  /** Stacks that never started because a stack failed first. */
  notRun: string[];
}

/** The stacks of `environment`, refusing one the fleet does not have. */
export function environmentStacks(fleet: Fleet, environment: string): FleetStack[] {
  const stacks = fleet.stacks.filter((s) => s.environment === environment);
  if (!stacks.length) {
    const known = [...new Set(fleet.stacks.map((s) => s.environment))].join(", ");
    throw new Error(`the fleet (${fleet.source}) has no environment "${environment}"; it has ${known}`);
  }
  return stacks;
}

/**
 * Updates every stack of one environment in dependency order: a team stack starts once its platform
 * stack succeeded, and up to `parallel` stacks run at once (the clusters of an environment side by
 * side). At the first failure nothing new starts; running stacks finish, and the rest are reported
 * as not run.
 */
export async function fleetUp(fleet: Fleet, environment: string, engine: Pick<FleetEngine, "up">, parallel = 2): Promise<FleetUpReport> {
  if (!Number.isInteger(parallel) || parallel < 1) throw new Error(`--parallel must be a whole number of at least 1, not ${parallel}`);
  const pending = environmentStacks(fleet, environment);
  const done = new Set<string>();
  const running = new Map<string, Promise<void>>();
  const report: FleetUpReport = { environment, ok: true, ran: [], notRun: [] };
  const ready = (s: FleetStack) => !s.platform || done.has(s.platform);
  while (pending.length || running.size) {
    while (report.ok && running.size < parallel) {
      const next = pending.findIndex(ready);
      if (next < 0) break;
      const [stack] = pending.splice(next, 1);
      const run = engine
        .up(stack)
        .catch((err: unknown): FleetUpResult => ({ ok: false, summary: "up failed", errors: [err instanceof Error ? err.message : String(err)] }))
        .then((result) => {
          running.delete(stack.id);
          report.ran.push({ id: stack.id, ...result });
          if (result.ok) done.add(stack.id);
          else if (report.ok) Object.assign(report, { ok: false, failed: stack.id });
        });
      running.set(stack.id, run);
    }
    if (!running.size) break;
    await Promise.race(running.values());
  }
  report.notRun = pending.map((s) => s.id);
  return report;
}

/** The report a person reads after `slipway fleet up`. */
export function formatFleetUp(report: FleetUpReport): string {
  const lines = report.ran.map((r) => `${r.ok ? "ok    " : "FAILED"} ${r.id}: ${r.summary}${r.ok ? "" : r.errors.map((e) => `\n         ${e.split("\n")[0]}`).join("")}`);
  if (report.ok) lines.push(`fleet up ${report.environment}: ${report.ran.length} stack(s) updated`);
  else lines.push(`fleet up ${report.environment} stopped: ${report.failed} failed; not run: ${report.notRun.join(", ") || "none"}`);
  return lines.join("\n");
}
