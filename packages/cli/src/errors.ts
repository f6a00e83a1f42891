/**
 * What the CLI prints for a failed command: one line with the message, never the error object
 * (Pulumi's errors carry circular promises that would be dumped whole); the stack with SLIPWAY_DEBUG=1.
 */
export function formatCliError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const line = `error: ${message}`;
  return process.env.SLIPWAY_DEBUG === "1" && err instanceof Error && err.stack ? `${line}\n${err.stack}` : line;
}
