import { existsSync, readdirSync, readFileSync, statSync } from "fs";
import { join, resolve } from "path";
import { parseAllDocuments } from "yaml";
import type { StackView } from "@slipway/checks";
import type { Manifest } from "@slipway/core";
import { SECRET_OUTPUT, StackReferenceOutputs } from "@slipway/testing";

/** The file `slipway render` writes a stack's outputs to, secret ones masked. */
export const OUTPUTS_FILE = "outputs.json";

/**
 * The platform a team stack renders against (`--platform`): its stack outputs, served to every
 * StackReference of the team's program, and, from a render directory, its objects for the link checks.
 */
export interface Platform {
  /** Where the outputs came from, for messages. */
  source: string;
  /** The render directory, when `--platform` named one. */
  dir?: string;
  outputs: StackReferenceOutputs;
  /** The platform's rendered objects; empty when `--platform` named an outputs file. */
  view: StackView;
}

function readJsonObject(file: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new Error(`--platform ${file} is not JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error(`--platform ${file} must hold an object of stack outputs (as \`pulumi stack output --json\` prints)`);
  return parsed as Record<string, unknown>;
}

/** Outputs as `pulumi stack output --json` prints them; masked values are secrets whose value is unknown offline. */
function toReferenceOutputs(outputs: Record<string, unknown>): StackReferenceOutputs {
  return { outputs, secretOutputNames: Object.keys(outputs).filter((key) => outputs[key] === SECRET_OUTPUT) };
}

function readYaml(file: string): unknown[] {
  return parseAllDocuments(readFileSync(file, "utf8")).map((d) => d.toJSON() as unknown).filter((doc) => doc !== null);
}

/** The objects of a render directory: every YAML file in its per-namespace folders. */
function renderedManifests(dir: string): Manifest[] {
  const folders = readdirSync(dir).filter((entry) => statSync(join(dir, entry)).isDirectory()).sort();
  return folders.flatMap((folder) =>
    readdirSync(join(dir, folder))
      .filter((file) => file.endsWith(".yaml"))
      .sort()
      .flatMap((file) => readYaml(join(dir, folder, file)) as Manifest[]),
  );
}

/** The cloud resources of a render directory (cloud.yaml), for checks that look at them. */
function renderedCloud(dir: string): StackView["cloud"] {
  const file = join(dir, "cloud.yaml");
  return existsSync(file) ? ((readYaml(file)[0] ?? []) as StackView["cloud"]) : [];
}

/** Reads `--platform`: a `slipway render` output directory, or a JSON file of stack outputs. */
export function loadPlatform(path: string): Platform {
  const target = resolve(path);
  if (!existsSync(target)) throw new Error(`--platform ${path} does not exist: render the platform first (slipway render <platform-dir> --stack <stack> --out ${path}) or pass its outputs as JSON`);
  if (!statSync(target).isDirectory()) return { source: target, outputs: toReferenceOutputs(readJsonObject(target)), view: { manifests: [], cloud: [] } };
  const file = join(target, OUTPUTS_FILE);
  if (!existsSync(file)) throw new Error(`--platform ${path} has no ${OUTPUTS_FILE}: it is not a slipway render of the platform (re-render it with slipway render)`);
  return { source: file, dir: target, outputs: toReferenceOutputs(readJsonObject(file)), view: { manifests: renderedManifests(target), cloud: renderedCloud(target) } };
}
