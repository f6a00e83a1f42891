import { openStack, outputValues, runStack } from "@slipway/automation";
import { engineRunOptions } from "../commands/engine";
import { FleetStack } from "./file";

/** A stack's last update, from its history. */
export interface LastUpdate {
  /** `update`, `refresh`, `destroy`... */
  kind: string;
  result: "succeeded" | "failed" | "in-progress" | string;
  /** When it ended (or started, while in progress), ISO 8601. */
  time: string;
}

/** What one `up` of a fleet stack did. */
export interface FleetUpResult {
  ok: boolean;
  summary: string;
  errors: string[];
}

/**
 * What the fleet commands need from the engine, one stack at a time. The real one drives the stacks
 * through the Automation API; tests give a stand-in serving recorded outputs.
 */
export interface FleetEngine {
  /** The stack's outputs, secrets hidden (`[secret]`); throws when the stack does not exist. */
  outputs(stack: FleetStack): Promise<Record<string, unknown>>;
  /** The stack's last update; undefined when it never ran one. */
  lastUpdate(stack: FleetStack): Promise<LastUpdate | undefined>;
  up(stack: FleetStack): Promise<FleetUpResult>;
}

/** The fleet engine over `@slipway/automation`: each stack's program directory and `Pulumi.<stack>.yaml`, as `slipway up` runs them. */
export function automationFleetEngine(write: (line: string) => void = () => undefined): FleetEngine {
  const options = (s: FleetStack) => engineRunOptions(s.dir, { stack: s.stack, json: true });
  // Reading a stack's outputs and history selects it once (each selection runs the pulumi CLI).
  const selected = new Map<string, ReturnType<typeof openStack>>();
  const select = (s: FleetStack) => {
    if (!selected.has(s.id)) selected.set(s.id, openStack({ ...options(s), selectOnly: true }));
    return selected.get(s.id)!;
  };
  return {
    outputs: async (s) => outputValues(await (await select(s)).outputs()),
    lastUpdate: async (s) => {
      // Page 1 of size 1 is the newest update; secrets stay hidden (the history holds the config).
      const [last] = await (await select(s)).history(1, 1, false);
      if (!last) return undefined;
      return { kind: last.kind, result: last.result, time: new Date(last.endTime ?? last.startTime).toISOString() };
    },
    up: async (s) => {
      const result = await runStack("up", options(s));
      write(`${s.id}: ${result.summary}`);
      return { ok: result.ok, summary: result.summary, errors: result.errors };
    },
  };
}
