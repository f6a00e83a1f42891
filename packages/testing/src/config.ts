import * as pulumi from "@pulumi/pulumi";

/** Config as Pulumi's runtime stores it: every value a string, keys `namespace:key`. */
export interface RuntimeConfig {
  values: Record<string, string>;
  secretKeys: string[];
}

/** `replicas` -> `<project>:replicas`; keys that already have a namespace stay. */
export function qualifyKey(key: string, project: string): string {
  return key.includes(":") ? key : `${project}:${key}`;
}

interface OutputInternals {
  promise(): Promise<unknown>;
  isSecret: Promise<boolean>;
}

/**
 * Turns test config (plain values, JSON-able objects, or `pulumi.secret(...)`) into runtime config.
 * Non-strings are JSON so `config.getObject`/`getNumber` read them back as Pulumi does.
 */
export async function toRuntimeConfig(config: Record<string, unknown>, secretKeys: readonly string[], project: string): Promise<RuntimeConfig> {
  const values: Record<string, string> = {};
  const secrets = new Set(secretKeys.map((key) => qualifyKey(key, project)));
  for (const [rawKey, raw] of Object.entries(config)) {
    const key = qualifyKey(rawKey, project);
    let value = raw;
    if (pulumi.Output.isInstance(raw)) {
      const output = raw as unknown as OutputInternals;
      value = await output.promise();
      if (await output.isSecret) secrets.add(key);
    }
    values[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return { values, secretKeys: [...secrets] };
}
