import type { EngineEvent, OpType, StepEventMetadata } from "@pulumi/pulumi/automation";

/** The operations `slipway` drives through the engine. */
export type Operation = "preview" | "up" | "destroy" | "refresh";

/** How each step reads in a progress line: a symbol, the verb while planning, the verb once done. */
const STEPS: Partial<Record<OpType, [symbol: string, planned: string, done: string]>> = {
  create: ["+", "create", "created"],
  update: ["~", "update", "updated"],
  delete: ["-", "delete", "deleted"],
  replace: ["+-", "replace", "replaced"],
  "create-replacement": ["++", "create replacement", "created replacement"],
  "delete-replaced": ["--", "delete replaced", "deleted replaced"],
  read: [">", "read", "read"],
  refresh: ["~", "refresh", "refreshed"],
  import: ["=", "import", "imported"],
  discard: ["-", "discard", "discarded"],
};

/** The last part of a resource URN (`urn:pulumi:stack::project::type::name`): its name. */
export function urnName(urn: string): string {
  return urn.slice(urn.lastIndexOf("::") + 2);
}

/** `3.4s` below a minute, `2m05s` above. */
export function formatElapsed(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const whole = Math.floor(seconds);
  return `${Math.floor(whole / 60)}m${String(whole % 60).padStart(2, "0")}s`;
}

function stepLine(step: StepEventMetadata, verb: 1 | 2): string | undefined {
  const how = STEPS[step.op];
  if (!how) return undefined;
  const changed = step.op === "update" && step.diffs?.length ? ` (${step.diffs.join(", ")})` : "";
  return `${how[0].padEnd(2)} ${how[verb].padEnd(9)} ${step.type} ${urnName(step.urn)}${changed}`;
}

/**
 * Follows the engine's events for a person: one line per resource step that changes something
 * (unchanged resources are counted, not printed), each with how many steps are done and the time
 * since the start; failures, errors, warnings and policy findings as they come.
 */
export class Progress {
  private done = 0;
  private unchanged = 0;

  constructor(
    private readonly operation: Operation,
    private readonly write: (line: string) => void,
    private readonly startedAt: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Resource steps finished so far (changed or not). */
  get steps(): number {
    return this.done + this.unchanged;
  }

  private stamp(line: string): void {
    this.write(`[${formatElapsed(this.now() - this.startedAt).padStart(6)}] ${line}`);
  }

  /** Feeds one engine event; writes the lines a person should see for it. */
  onEvent(event: EngineEvent): void {
    const planning = this.operation === "preview";
    if (event.resourcePreEvent && !planning) {
      const line = stepLine(event.resourcePreEvent.metadata, 1);
      if (line) this.stamp(`${line} ...`);
    } else if (event.resOutputsEvent) {
      const step = event.resOutputsEvent.metadata;
      if (step.op === "same") {
        this.unchanged++;
        return;
      }
      const line = stepLine(step, planning ? 1 : 2);
      if (!line) return;
      this.done++;
      this.stamp(`${line}  [${this.done}]`);
    } else if (event.resOpFailedEvent) {
      const step = event.resOpFailedEvent.metadata;
      this.stamp(`!  failed    ${step.type} ${urnName(step.urn)}`);
    } else if (event.diagnosticEvent) {
      const d = event.diagnosticEvent;
      if (d.severity !== "error" && d.severity !== "warning") return;
      const where = d.urn ? ` ${urnName(d.urn)}` : "";
      this.stamp(`${d.severity}${where}: ${d.message.trim()}`);
    } else if (event.policyEvent) {
      const p = event.policyEvent;
      const where = p.resourceUrn ? ` ${urnName(p.resourceUrn)}` : "";
      this.stamp(`policy ${p.enforcementLevel} ${p.policyName}${where}: ${p.message.trim().split("\n")[0]}`);
    }
  }
}
