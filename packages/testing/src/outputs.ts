import * as pulumi from "@pulumi/pulumi";

interface OutputInternals {
  promise(): Promise<unknown>;
  isSecret: Promise<boolean>;
}

/** What `pulumi stack output --json` shows in place of a secret output; `slipway render` writes the same. */
export const SECRET_OUTPUT = "[secret]";

/** A program's stack outputs: plain values, and the names of those that are secret. */
export interface StackOutputs {
  values: Record<string, unknown>;
  secretNames: string[];
}

/** What a stack output may hold: resources become their URN, functions are not outputs. */
function exportable(value: unknown): unknown {
  if (pulumi.Resource.isInstance(value)) return value.urn;
  return value;
}

/** The program's return value as plain stack outputs; rejects if any output failed. */
export async function resolveStackOutputs(result: unknown): Promise<StackOutputs> {
  if (result === null || result === undefined || typeof result !== "object") return { values: {}, secretNames: [] };
  const entries = Object.entries(result as Record<string, unknown>).filter(([key, value]) => key !== "__esModule" && typeof value !== "function");
  // Like the engine, a top-level output is secret when anything inside it is.
  const resolved = await Promise.all(
    entries.map(async ([key, value]) => {
      const output = pulumi.output(exportable(value)) as unknown as OutputInternals;
      const [plain, secret] = await Promise.all([output.promise(), output.isSecret]);
      return { key, plain, secret };
    }),
  );
  const values = Object.fromEntries(resolved.map((r) => [r.key, r.plain]));
  const secretNames = resolved.filter((r) => r.secret).map((r) => r.key);
  return { values, secretNames };
}

/** The outputs with every secret one replaced by SECRET_OUTPUT, safe to write or print. */
export function maskSecretOutputs(outputs: StackOutputs): Record<string, unknown> {
  return Object.fromEntries(Object.entries(outputs.values).map(([key, value]) => [key, outputs.secretNames.includes(key) ? SECRET_OUTPUT : value]));
}
