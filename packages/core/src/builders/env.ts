import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { fail, InputSite, SlipwayInputError } from "../errors";

type EnvVar = k8s.types.input.core.v1.EnvVar;
type EnvVarSource = k8s.types.input.core.v1.EnvVarSource;

/** A reference that makes Kubernetes fill the variable: from a Secret or ConfigMap key, or a pod field. */
export interface EnvReference {
  valueFrom: EnvVarSource;
}

/** One environment value: plain text, an Output of plain text, or a reference. Secrets must be references. */
export type EnvValue = pulumi.Input<string> | number | boolean | EnvReference;

/** Environment variables by name. */
export type EnvMap = Record<string, EnvValue>;

/** A name, or anything with Kubernetes metadata (a Secret or ConfigMap resource). */
export type NamedObject = pulumi.Input<string> | { metadata: pulumi.Output<{ name?: string }> | pulumi.Input<{ name?: pulumi.Input<string> }> };

/** The `metadata.name` of a named object, or the name itself. */
export function objectName(object: NamedObject): pulumi.Input<string> {
  if (typeof object === "string" || pulumi.Output.isInstance(object) || object instanceof Promise) return object as pulumi.Input<string>;
  return pulumi.output((object as { metadata: pulumi.Input<{ name?: pulumi.Input<string> }> }).metadata).apply((m) => m.name ?? "");
}

/** `valueFrom.secretKeyRef`: how a secret reaches a pod without its value appearing in the pod spec (X1). */
export function secretRef(secret: NamedObject, key: string): EnvReference {
  return { valueFrom: { secretKeyRef: { name: objectName(secret), key } } };
}

/** `valueFrom.configMapKeyRef`. */
export function configRef(configMap: NamedObject, key: string): EnvReference {
  return { valueFrom: { configMapKeyRef: { name: objectName(configMap), key } } };
}

/** `valueFrom.fieldRef`, e.g. `fieldRef("status.podIP")`. */
export function fieldRef(fieldPath: string): EnvReference {
  return { valueFrom: { fieldRef: { fieldPath } } };
}

/** kubernetesx's name for a reference value; the same as `secretRef` / `configRef`. */
export const asEnvValue = (source: { kind: "secret" | "configMap"; object: NamedObject }, key: string): EnvReference =>
  source.kind === "secret" ? secretRef(source.object, key) : configRef(source.object, key);

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

function isReference(value: EnvValue): value is EnvReference {
  return typeof value === "object" && value !== null && !pulumi.Output.isInstance(value) && !(value instanceof Promise) && "valueFrom" in value;
}

/**
 * Rejects, at deploy time, a secret Output where the value would be written in clear text (a pod
 * spec, a ConfigMap). `problem` and `hint` say where it was and where secrets go instead (CHECKS X1/X2).
 */
export function refuseSecret<T>(site: InputSite, path: string, value: pulumi.Input<T>, problem: string, hint: string): pulumi.Input<T> {
  if (!pulumi.Output.isInstance(value)) return value;
  const output = value as pulumi.Output<T>;
  return pulumi.output(pulumi.isSecret(output)).apply((secret) => {
    if (secret) throw new SlipwayInputError(site, path, "[secret]", problem, hint);
    return output;
  });
}

/**
 * Builds a container's `env` from one or more maps. A name set twice is an error (CHECKS R14);
 * a secret Output given as a plain value is an error (CHECKS X1).
 */
export function buildEnv(site: InputSite, path: string, ...maps: (EnvMap | undefined)[]): EnvVar[] {
  const seen = new Set<string>();
  const env: EnvVar[] = [];
  for (const map of maps) {
    for (const [name, value] of Object.entries(map ?? {})) {
      const field = `${path}.${name}`;
      if (!ENV_NAME.test(name)) fail(site, field, name, "is not a valid environment variable name", "use letters, digits and '_', not starting with a digit");
      if (seen.has(name)) fail(site, field, name, "is set twice", "give each environment variable one value");
      seen.add(name);
      if (value === undefined || value === null) fail(site, field, value, "has no value");
      if (isReference(value)) env.push({ name, valueFrom: value.valueFrom });
      else if (typeof value === "number" || typeof value === "boolean") env.push({ name, value: String(value) });
      else if (pulumi.Output.isInstance(value)) {
        env.push({ name, value: refuseSecret(site, field, value as pulumi.Output<string>, "is a secret given as a plain env value", "pass it as a secret (e.g. `secrets:`) so it reaches the pod through a Secret and secretKeyRef") });
      }
      else env.push({ name, value });
    }
  }
  return env;
}
