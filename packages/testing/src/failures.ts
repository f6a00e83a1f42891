/**
 * Errors a render collects instead of letting them escape as unhandled rejections: Pulumi turns a
 * failed input into rejections nobody awaits, which test runners report against the wrong test.
 */
let active: unknown[] | undefined;

/** Starts collecting for one render; returns the list the render rethrows from. */
export function startCollecting(): unknown[] {
  active = [];
  return active;
}

export function stopCollecting(): void {
  active = undefined;
}

/** True while a render is collecting failures. */
export function isCollecting(): boolean {
  return active !== undefined;
}

/** Records `err` (once per error object) for the render in progress; false when no render is running. */
export function reportFailure(err: unknown): boolean {
  if (!active) return false;
  if (!active.includes(err)) active.push(err);
  return true;
}
