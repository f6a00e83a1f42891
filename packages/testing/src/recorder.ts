import * as pulumi from "@pulumi/pulumi";
import { plainInputs } from "./plain";
import { RenderedResource } from "./resource";

type Callback = (err: unknown, response: unknown) => void;
interface MonitorLike {
  registerResource(req: RegisterRequest, cb: Callback): Promise<void>;
  readResource(req: ReadRequest, cb: Callback): Promise<void>;
}
interface Struct {
  toJavaScript(): Record<string, unknown>;
}
interface RegisterRequest {
  getAdditionalsecretoutputsList(): string[];
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getObject(): Struct | undefined;
  getDependenciesList(): string[];
  getPropertydependenciesMap(): { forEach(fn: (deps: { getUrnsList(): string[] }, key: string) => void): void };
}
interface ReadRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getProperties(): Struct | undefined;
  getDependenciesList(): string[];
}
interface RegisterResponse {
  getUrn(): string;
  getId?(): string;
  getObject(): Struct | undefined;
  setObject(struct: Struct): void;
}

const { specialSigKey, specialSecretSig } = pulumi.runtime;

/**
 * Marks `additionalSecretOutputs` (RandomPassword.result, Secret.data, ...) secret in a response,
 * as the engine does; the mock monitor ignores them.
 */
function markSecretOutputs(response: RegisterResponse, names: string[]): void {
  const struct = response.getObject();
  const state = struct?.toJavaScript();
  if (!struct || !state || names.length === 0) return;
  for (const name of names) {
    const value = state[name];
    const alreadySecret = value !== null && typeof value === "object" && (value as Record<string, unknown>)[specialSigKey] === specialSecretSig;
    if (value !== undefined && !alreadySecret) state[name] = { [specialSigKey]: specialSecretSig, value };
  }
  // The Struct class comes from the runtime's own protobuf copy: build the new one with it.
  response.setObject((struct.constructor as unknown as { fromJavaScript(o: unknown): Struct }).fromJavaScript(state));
}

/** The engine's refusal of a second resource with the same URN, saying which and how to fix it. */
function duplicateUrnError(entry: RenderedResource): Error {
  const underStack = !entry.parent || /::pulumi:pulumi:Stack::[^:]*$/.test(entry.parent);
  const under = underStack ? "in the stack" : `under ${entry.parent}`;
  return new Error(`Duplicate resource URN '${entry.urn}': two ${entry.type} resources are both named "${entry.name}" ${under}; give each a unique name`);
}

/** The engine's refusals for `planned` resources (a fast render's) whose URN another resource already has; children of a duplicate repeat it. */
export function duplicateUrns(registered: readonly RenderedResource[], planned: readonly RenderedResource[]): Error[] {
  const urns = new Set(registered.filter((r) => !r.read).map((r) => r.urn));
  const duplicated = new Set<string>();
  const errors: Error[] = [];
  for (const entry of planned) {
    if (urns.has(entry.urn)) {
      if (!entry.parent || !duplicated.has(entry.parent)) errors.push(duplicateUrnError(entry));
      duplicated.add(entry.urn);
    }
    urns.add(entry.urn);
  }
  return errors;
}

/** Registrations seen by the mock monitor, in request order, plus the failures it reported. */
export class Recorder {
  readonly resources: RenderedResource[] = [];
  readonly failures: Error[] = [];
  private pending = 0;
  private readonly urns = new Set<string>();
  private readonly duplicated = new Set<string>();

  /** Registrations whose response has not arrived yet. */
  get inFlight(): number {
    return this.pending;
  }

  /** Wraps the mock monitor so every registration is recorded with its parent and dependencies. */
  attach(): void {
    const monitor = pulumi.runtime.getMonitor() as unknown as MonitorLike | undefined;
    if (!monitor || typeof monitor.registerResource !== "function") throw new Error("@slipway/testing: no mock monitor after setMocks");
    const register = monitor.registerResource.bind(monitor);
    const read = monitor.readResource.bind(monitor);
    monitor.registerResource = (req, cb) => {
      const propertyDependencies: Record<string, string[]> = {};
      req.getPropertydependenciesMap().forEach((deps, key) => (propertyDependencies[key] = deps.getUrnsList()));
      const entry = this.start(req.getType(), req.getName(), req.getParent(), req.getCustom(), req.getObject(), req.getDependenciesList(), propertyDependencies, false);
      const secretOutputs = req.getAdditionalsecretoutputsList();
      return register(req, this.finish(entry, (err, response) => {
        if (!err && response) markSecretOutputs(response as RegisterResponse, secretOutputs);
        cb(err, response);
      }));
    };
    monitor.readResource = (req, cb) => {
      const entry = this.start(req.getType(), req.getName(), req.getParent(), true, req.getProperties(), req.getDependenciesList(), {}, true);
      return read(req, this.finish(entry, cb));
    };
  }

  private start(
    type: string,
    name: string,
    parent: string,
    custom: boolean,
    object: Struct | undefined,
    dependencies: string[],
    propertyDependencies: Record<string, string[]>,
    read: boolean,
  ): RenderedResource {
    const { value, secretPaths } = plainInputs(object?.toJavaScript() ?? {});
    const entry: RenderedResource = { type, name, urn: "", custom, inputs: value, secretPaths, dependencies: [...new Set(dependencies)], propertyDependencies, read };
    if (parent) entry.parent = parent;
    this.resources.push(entry);
    this.pending++;
    return entry;
  }

  private finish(entry: RenderedResource, cb: Callback): Callback {
    return (err, response) => {
      this.pending--;
      if (err) {
        this.failures.push(err instanceof Error ? err : new Error(String(err)));
      } else {
        const resp = response as RegisterResponse;
        entry.urn = resp.getUrn();
        // The engine refuses two resources with one URN; the mock monitor does not, so refuse here. The
        // registration still succeeds: failing it would reject promises nobody awaits (one report per
        // output of the component), so the render reports it once instead. Children of a duplicate repeat it.
        if (this.urns.has(entry.urn) && !entry.read) {
          if (!entry.parent || !this.duplicated.has(entry.parent)) this.failures.push(duplicateUrnError(entry));
          this.duplicated.add(entry.urn);
        }
        this.urns.add(entry.urn);
        const id = resp.getId?.();
        if (id) entry.id = id;
      }
      cb(err, response);
    };
  }
}
