import * as pulumi from "@pulumi/pulumi";

interface OutputInternals {
  promise(): Promise<unknown>;
}

/** What a stack output may hold: resources become their URN, functions are not outputs. */
function exportable(value: unknown): unknown {
  if (pulumi.Resource.isInstance(value)) return value.urn;
  return value;
}

/** The program's return value as plain stack outputs; rejects if any output failed. */
export async function resolveStackOutputs(result: unknown): Promise<Record<string, unknown>> {
  if (result === null || result === undefined || typeof result !== "object") return {};
  const entries = Object.entries(result as Record<string, unknown>).filter(([key, value]) => key !== "__esModule" && typeof value !== "function");
  const output = pulumi.output(Object.fromEntries(entries.map(([key, value]) => [key, exportable(value)]))) as unknown as OutputInternals;
  return (await output.promise()) as Record<string, unknown>;
}
