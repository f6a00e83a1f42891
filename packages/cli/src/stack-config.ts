import { existsSync, readFileSync } from "fs";
import { join } from "path";
import { parse } from "yaml";
import { qualifyKey } from "@slipway/testing";
import { PulumiProject } from "./project";

/** What stands in for a `secure:` value, which cannot be decrypted offline. Marked secret. */
export const SECURE_PLACEHOLDER = "slipway-offline-placeholder";

/** A stack's config, ready for `render`. */
export interface StackConfig {
  /** Qualified keys (`project:key`, `aws:region`) to values. */
  config: Record<string, unknown>;
  /** Keys whose values are secret (the `secure:` ones, placeholders offline). */
  secretKeys: string[];
  /** Things the user should know, e.g. which secure keys got a placeholder. */
  warnings: string[];
}

function isSecure(value: unknown): value is { secure: string } {
  return value !== null && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 1 && typeof (value as { secure?: unknown }).secure === "string";
}

/** Replaces every `{ secure: ... }` inside `value` with the placeholder; reports whether it found one. */
function replaceSecure(value: unknown): { value: unknown; secure: boolean } {
  if (isSecure(value)) return { value: SECURE_PLACEHOLDER, secure: true };
  if (Array.isArray(value)) {
    const items = value.map(replaceSecure);
    return { value: items.map((i) => i.value), secure: items.some((i) => i.secure) };
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).map(([k, v]) => [k, replaceSecure(v)] as const);
    return { value: Object.fromEntries(entries.map(([k, r]) => [k, r.value])), secure: entries.some(([, r]) => r.secure) };
  }
  return { value, secure: false };
}

/** The file Pulumi reads for `stack` (`org/project/dev` uses `Pulumi.dev.yaml`). */
export function stackConfigFile(project: PulumiProject, stack: string): string {
  return join(project.stackConfigDir, `Pulumi.${stack.split("/").pop()}.yaml`);
}

/**
 * Loads `Pulumi.<stack>.yaml` over the project's defaults. Keys without a namespace get the project
 * name; `secure:` values become a placeholder marked secret, with a warning naming the key.
 */
export function loadStackConfig(project: PulumiProject, stack: string): StackConfig {
  const file = stackConfigFile(project, stack);
  const warnings: string[] = [];
  let stackValues: Record<string, unknown> = {};
  if (existsSync(file)) {
    const yaml = (parse(readFileSync(file, "utf8")) ?? {}) as { config?: Record<string, unknown> };
    stackValues = yaml.config ?? {};
  } else {
    warnings.push(`${file} not found; rendering with the project's config defaults only`);
  }
  const config: Record<string, unknown> = {};
  const secretKeys: string[] = [];
  const merged = [...Object.entries(project.configDefaults), ...Object.entries(stackValues)];
  for (const [rawKey, raw] of merged) {
    const key = qualifyKey(rawKey, project.name);
    const { value, secure } = replaceSecure(raw);
    config[key] = value;
    if (secure && !secretKeys.includes(key)) {
      secretKeys.push(key);
      warnings.push(`${key} is a secure value that cannot be decrypted offline; rendering with a placeholder`);
    }
  }
  return { config, secretKeys, warnings };
}
