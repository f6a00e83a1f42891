import type { EngineEvent, OpType } from "@pulumi/pulumi/automation";
import type { EngineStack, RunDeps } from "@slipway/automation";

const URN = "urn:pulumi:dev::shop::slipway:apps:AppService$kubernetes:apps/v1:Deployment::";

/** A resource step event as the engine sends it. */
export function step(kind: "resourcePreEvent" | "resOutputsEvent" | "resOpFailedEvent", op: OpType, name: string, type = "kubernetes:apps/v1:Deployment", diffs?: string[]): EngineEvent {
  const metadata = { op, urn: `${URN}${name}`, type, provider: "", ...(diffs ? { diffs } : {}) };
  const body = kind === "resOpFailedEvent" ? { metadata, status: 1, steps: 1 } : { metadata };
  return { sequence: 0, timestamp: 0, [kind]: body } as EngineEvent;
}

export function diagnostic(severity: "error" | "warning" | "info", message: string, name?: string): EngineEvent {
  return { sequence: 0, timestamp: 0, diagnosticEvent: { severity, message, color: "never", ...(name ? { urn: `${URN}${name}` } : {}) } };
}

export function summaryEvent(resourceChanges: Record<string, number>): EngineEvent {
  return { sequence: 0, timestamp: 0, summaryEvent: { maybeCorrupt: false, durationSeconds: 1, resourceChanges, policyPacks: {} } };
}

/** A stand-in for the Automation API's stack: replays `events`, then resolves with `changes` or throws `error`. */
export function fakeStack(events: EngineEvent[], changes: Record<string, number>, error?: Error) {
  const calls: { operation: string; options: Record<string, unknown> }[] = [];
  const play = async (operation: string, options: { onEvent?: (e: EngineEvent) => void } = {}) => {
    calls.push({ operation, options });
    for (const e of events) options.onEvent?.(e);
    if (error) throw error;
  };
  const summary = { resourceChanges: changes };
  const stack = {
    name: "dev",
    preview: async (o: never) => (await play("preview", o), { changeSummary: changes }),
    up: async (o: never) => (await play("up", o), { summary, outputs: {} }),
    destroy: async (o: never) => (await play("destroy", o), { summary }),
    refresh: async (o: never) => (await play("refresh", o), { summary }),
    outputs: async () => ({ url: { value: "http://cart.shop", secret: false }, password: { value: "hunter2", secret: true } }),
  } as unknown as EngineStack;
  return { stack, calls };
}

/** Run deps with a clock that moves 1.5 s per reading (start, each progress line, end) and every written line kept. */
export function fakeDeps(stack: EngineStack): RunDeps & { lines: string[] } {
  const lines: string[] = [];
  let t = 0;
  return { lines, openStack: async () => stack, write: (l) => lines.push(l), now: () => (t += 1500) };
}
