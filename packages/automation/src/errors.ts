/**
 * What a failed `pulumi` call said: the stderr inside the Automation API's CommandError
 * (`code: 255\n stdout: ...\n stderr: ...\n err?: ...`), else the message; its last `lines` lines.
 */
export function commandErrorText(err: unknown, lines = 12): string {
  const message = err instanceof Error ? err.message : String(err);
  const stderr = /stderr: ([\s\S]*?)(\n\s*err\?:|$)/.exec(message)?.[1]?.trim();
  return (stderr || message).split("\n").slice(-lines).join("\n");
}
