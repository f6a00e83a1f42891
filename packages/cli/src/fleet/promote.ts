import { existsSync, readFileSync, writeFileSync } from "fs";
import { relative } from "path";
import { parseDocument } from "yaml";
import { parseImage } from "@slipway/core";
import { loadProject } from "../project";
import { stackConfigFile } from "../stack-config";
import { Fleet, FleetStack, imageKeyOf } from "./file";
import { FleetEngine } from "./engine";
import { appsOf } from "./status";
import { environmentStacks } from "./up";

/** One config file a promotion writes. */
export interface ConfigChange {
  stack: string;
  file: string;
  /** The config key, `shop:images.orders` (a key, then a path inside its value). */
  key: string;
  before?: string;
  after: string;
  /** The reviewable diff of the file. */
  diff: string;
}

export type PromoteResult =
  | { ok: true; app: string; source: string; image: string; changes: ConfigChange[] }
  | { ok: false; app: string; refused: string };

/** What a promotion needs besides the fleet. */
export interface PromoteDeps {
  engine: Pick<FleetEngine, "outputs" | "lastUpdate">;
  /** Renders and checks the source stack; its findings (empty when clean). */
  check: (stack: FleetStack, platformOutputs: Record<string, unknown> | undefined) => Promise<string[]>;
}

export interface PromoteOptions {
  app: string;
  from: string;
  to: string;
  /** Only print the diff, write nothing. @default false */
  dryRun?: boolean;
}

class Refusal extends Error {}
const refuse = (why: string): never => {
  throw new Refusal(why);
};

/** The stack of `from` that runs `app`, and the image it runs. */
async function source(fleet: Fleet, options: PromoteOptions, engine: PromoteDeps["engine"]): Promise<{ stack: FleetStack; image: string }> {
  const teams = environmentStacks(fleet, options.from).filter((s) => s.kind === "team");
  const running: { stack: FleetStack; image: string }[] = [];
  for (const stack of teams) {
    const app = appsOf(await engine.outputs(stack).catch(() => ({}))).find((a) => a.name === options.app);
    if (app) running.push({ stack, image: app.image });
  }
  if (!running.length) refuse(`no team stack of ${options.from} runs an app "${options.app}" (read the "apps" output of ${teams.map((t) => t.id).join(", ") || "no team stack"})`);
  const images = [...new Set(running.map((r) => r.image))];
  if (images.length > 1) refuse(`the stacks of ${options.from} run different images of "${options.app}": ${running.map((r) => `${r.stack.id} ${r.image}`).join(", ")}; make them agree first`);
  return running[0];
}

/** Refuses unless the source's last update succeeded and its render passes the checks. */
async function gate(stack: FleetStack, fleet: Fleet, deps: PromoteDeps): Promise<void> {
  const last = await deps.engine.lastUpdate(stack);
  if (!last) refuse(`${stack.id} has never been updated, so nothing tested runs there`);
  else if (last.result !== "succeeded") refuse(`the last update of ${stack.id} (${last.kind} at ${last.time}) ${last.result === "failed" ? "failed" : `is ${last.result}`}; what runs there is not what was tested`);
  const platform = fleet.stacks.find((s) => s.id === stack.platform);
  const platformOutputs = platform ? await deps.engine.outputs(platform) : undefined;
  const findings = await deps.check(stack, platformOutputs);
  if (findings.length) refuse(`the checks of ${stack.id} fail (${findings.length}): ${findings.slice(0, 3).join("; ")}${findings.length > 3 ? "; ..." : ""}`);
}

/** A unified diff of one changed region (config edits touch one place). */
export function lineDiff(file: string, before: string, after: string): string {
  const a = before.split("\n");
  const b = after.split("\n");
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const from = Math.max(0, start - 2);
  const leading = a.slice(from, start);
  const trailing = a.slice(endA, endA + 2);
  const context = (lines: string[]) => lines.map((l) => ` ${l}`);
  const oldCount = leading.length + (endA - start) + trailing.length;
  const newCount = leading.length + (endB - start) + trailing.length;
  return [
    `--- ${file}`,
    `+++ ${file}`,
    `@@ -${from + 1},${oldCount} +${from + 1},${newCount} @@`,
    ...context(leading),
    ...a.slice(start, endA).map((l) => `-${l}`),
    ...b.slice(start, endB).map((l) => `+${l}`),
    ...context(trailing),
  ].join("\n");
}

/** Sets `key` (`ns:name` or `ns:name.sub.path`) in a stack file's text, keeping its comments and layout. */
function setConfig(text: string, key: string, value: string): { text: string; before?: string } {
  const doc = parseDocument(text);
  const colon = key.indexOf(":");
  const dot = key.indexOf(".", colon);
  const path = ["config", ...(dot < 0 ? [key] : [key.slice(0, dot), ...key.slice(dot + 1).split(".")])];
  const before = doc.getIn(path);
  if (before !== undefined && typeof before !== "string") refuse(`${key} holds ${JSON.stringify(before)}, not an image`);
  doc.setIn(path, value);
  return { text: doc.toString(), ...(before !== undefined ? { before: before as string } : {}) };
}

/**
 * `slipway promote <app> --from dev --to staging`: the image `app` runs in the source environment,
 * by digest, written into the config of the same program's stacks in the target environment (no
 * deploy). Refuses, saying why, when the source runs it by tag only (a registry lookup is not
 * offline-testable, so none is made), when its last update did not succeed, or when its checks fail.
 */
export async function promote(fleet: Fleet, options: PromoteOptions, deps: PromoteDeps): Promise<PromoteResult> {
  const { app } = options;
  try {
    if (options.from === options.to) refuse(`--from and --to are both ${options.from}`);
    const { stack, image } = await source(fleet, options, deps.engine);
    if (!parseImage(image)?.digest) refuse(`${stack.id} runs ${app} as ${image}, a tag without a digest; slipway promotes digests only (it does not ask a registry): deploy ${app} by digest in ${options.from} first (image "<repository>:<tag>@sha256:...")`);
    const targets = environmentStacks(fleet, options.to).filter((s) => s.kind === "team" && s.dir === stack.dir);
    if (!targets.length) refuse(`${options.to} has no stack of ${stack.project} (the program of ${stack.id}) to promote into`);
    await gate(stack, fleet, deps);
    const changes: (ConfigChange & { text: string })[] = [];
    for (const target of targets) {
      const file = stackConfigFile(loadProject(target.dir), target.stack);
      if (!existsSync(file)) refuse(`${target.id} has no stack file ${file} to write ${app}'s image into`);
      const key = imageKeyOf(target, app);
      const before = readFileSync(file, "utf8");
      const edit = setConfig(before, key, image);
      if (edit.text === before || edit.before === image) continue;
      const shown = relative(process.cwd(), file) || file;
      changes.push({ stack: target.id, file, key, ...(edit.before !== undefined ? { before: edit.before } : {}), after: image, diff: lineDiff(shown, before, edit.text), text: edit.text });
    }
    // Written only once every target could be edited: a refusal leaves no file half-promoted.
    if (!options.dryRun) changes.forEach((c) => writeFileSync(c.file, c.text));
    return { ok: true, app, source: stack.id, image, changes: changes.map(({ text: _text, ...change }) => change) };
  } catch (err) {
    if (err instanceof Refusal) return { ok: false, app, refused: err.message };
    throw err;
  }
}
