import { spawnSync } from "child_process";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { FleetStack, loadFleet } from "../fleet/file";
import { automationFleetEngine, FleetEngine } from "../fleet/engine";
import { fleetStatus, formatFleetStatus, StackStatus } from "../fleet/status";
import { fleetUp, FleetUpReport, formatFleetUp } from "../fleet/up";
import { promote, PromoteDeps, PromoteResult } from "../fleet/promote";

/** Flags the fleet commands share. */
export interface FleetFlags {
  /** The fleet file. @default fleet.yaml here, else this program's stack files */
  fleet?: string;
  json?: boolean;
}

/** What the fleet commands need from their surroundings; tests give stand-ins. */
export interface FleetCommandDeps {
  engine: FleetEngine;
  check: PromoteDeps["check"];
  print: (text: string) => void;
}

const OK_LINES = ["Schemas: every object is valid", "Checks: no violations"];

/** The gate's check: `slipway check` of the stack in a child process (the render's mocks stay out of this one), against its platform's outputs. */
async function checkInChild(stack: FleetStack, platformOutputs: Record<string, unknown> | undefined): Promise<string[]> {
  const tmp = mkdtempSync(join(tmpdir(), "slipway-promote-"));
  try {
    const platformArgs: string[] = [];
    if (platformOutputs) {
      writeFileSync(join(tmp, "platform.json"), JSON.stringify(platformOutputs));
      platformArgs.push("--platform", join(tmp, "platform.json"));
    }
    const child = spawnSync(process.execPath, [join(__dirname, "..", "bin.js"), "check", stack.dir, "--stack", stack.stack, ...platformArgs], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    if (child.status === 0) return [];
    const findings = (child.stdout ?? "").split("\n").map((l) => l.trim()).filter((l) => l && !OK_LINES.includes(l));
    return findings.length ? findings : [((child.stderr ?? "").trim().split("\n").pop() ?? "") || `slipway check exited ${child.status}`];
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function defaultDeps(): FleetCommandDeps {
  const print = (t: string) => process.stdout.write(`${t}\n`);
  return { engine: automationFleetEngine(), check: checkInChild, print };
}

/** `slipway fleet status`: every stack's outputs, last update and drift, as one table (or JSON). */
export async function fleetStatusCommand(options: FleetFlags, deps: FleetCommandDeps = defaultDeps()): Promise<StackStatus[]> {
  const rows = await fleetStatus(loadFleet(options.fleet), deps.engine);
  deps.print(options.json ? JSON.stringify(rows, null, 2) : formatFleetStatus(rows));
  if (rows.some((r) => r.error)) process.exitCode = 1;
  return rows;
}

/** `slipway fleet up --env <env>`: one environment's stacks in dependency order; stops at the first failure. */
export async function fleetUpCommand(options: FleetFlags & { env: string; parallel?: string }, deps: FleetCommandDeps = defaultDeps()): Promise<FleetUpReport> {
  const report = await fleetUp(loadFleet(options.fleet), options.env, deps.engine, Number(options.parallel ?? 2));
  deps.print(options.json ? JSON.stringify(report, null, 2) : formatFleetUp(report));
  if (!report.ok) process.exitCode = 1;
  return report;
}

/** `slipway promote <app> --from <env> --to <env>`: writes the source's digest into the target's config and prints the diff; no deploy. */
export async function promoteCommand(app: string, options: FleetFlags & { from: string; to: string; dryRun?: boolean }, deps: FleetCommandDeps = defaultDeps()): Promise<PromoteResult> {
  const result = await promote(loadFleet(options.fleet), { app, from: options.from, to: options.to, dryRun: options.dryRun }, deps);
  if (options.json) deps.print(JSON.stringify(result, null, 2));
  else if (!result.ok) deps.print(`promote ${app} refused: ${result.refused}`);
  else if (!result.changes.length) deps.print(`${app}: ${options.to} already runs ${result.image}; nothing to change`);
  else {
    result.changes.forEach((c) => deps.print(c.diff));
    deps.print(`promote ${app} ${options.from} -> ${options.to}: ${result.image} from ${result.source} ${options.dryRun ? "would be written to" : "written to"} ${result.changes.map((c) => `${c.stack} (${c.key})`).join(", ")}; review, commit, then slipway fleet up --env ${options.to}`);
  }
  if (!result.ok) process.exitCode = 1;
  return result;
}
