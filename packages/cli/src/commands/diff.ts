import { mkdtempSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { ChartsOptions } from "../charts";
import { diffRenders, formatDiff } from "../render-diff";
import { renderStack } from "./render";

/** Prints the changes between two render folders; exit code 1 when anything changes (as diff(1)). */
function report(oldDir: string, newDir: string): void {
  const changes = diffRenders(oldDir, newDir);
  console.log(formatDiff(changes));
  if (changes.length > 0) process.exitCode = 1;
}

/** `slipway diff <old> <new>`: what applying the new render would change, per object and field, secrets masked. */
export function diffCommand(oldDir: string, newDir: string): void {
  report(oldDir, newDir);
}

/** `slipway diff --against <old> [program-dir] --stack s`: renders the stack now and compares it with an earlier render. */
export async function diffAgainstCommand(programDir: string, against: string, options: { stack: string } & ChartsOptions): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), "slipway-diff-"));
  try {
    const out = join(work, "render");
    await renderStack(programDir, { ...options, out, warn: (w) => console.warn(`warning: ${w}`), progress: (p) => console.error(p) });
    report(against, out);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
