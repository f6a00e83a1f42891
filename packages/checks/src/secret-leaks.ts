import { fail } from "@slipway/core";

/** A resource as a render records it. */
export interface RenderedResource {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  /** Input paths whose values were Pulumi secrets (encrypted in state). */
  secretPaths?: string[];
}

/** Where a secret value showed up outside a Secret. */
export interface SecretLeak {
  /** "inputs" of a resource, stack "outputs", or the rendered "yaml". */
  where: "inputs" | "outputs" | "yaml";
  /** `type name` of the resource, for inputs. */
  resource?: string;
  /** Path of the value (`spec.containers[0].env[1].value`), or `line N` in YAML. */
  path: string;
  /** Whether the value appeared as is or base64-encoded. */
  encoding: "plain" | "base64";
}

/** The only Kubernetes type allowed to hold secret values in its inputs. */
export const SECRET_TYPE = "kubernetes:core/v1:Secret";

/**
 * Whether an input of `r` at `path` may hold a secret: inside a Secret, or encrypted (a Pulumi secret)
 * in a resource that never becomes a cluster object (a provider's kubeconfig, a generated password).
 * Encryption does not help a Kubernetes object: its spec lands in the cluster in clear text.
 */
function mayHold(r: RenderedResource, path: string): boolean {
  if (r.type === SECRET_TYPE) return true;
  const clusterObject = r.type.startsWith("kubernetes:") && !r.type.startsWith("kubernetes:helm.sh");
  return !clusterObject && (r.secretPaths ?? []).some((p) => path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[`));
}
const MIN_PROBE_LENGTH = 8;

function walk(value: unknown, path: string, visit: (text: string, path: string) => void): void {
  if (typeof value === "string") visit(value, path);
  else if (Array.isArray(value)) value.forEach((item, i) => walk(item, `${path}[${i}]`, visit));
  else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) walk(item, path ? `${path}.${key}` : key, visit);
  }
}

/**
 * Where `secretValue` (or its base64 form) appears outside `kubernetes:core/v1:Secret` inputs:
 * in other resources' inputs (encrypted inputs of non-cluster resources excepted), in plain stack
 * outputs, or anywhere in rendered YAML (CHECKS X2).
 * Use a unique, obviously fake value of at least 8 characters so a hit is never a coincidence.
 */
export function findSecretLeaks(resources: readonly RenderedResource[], secretValue: string, extra: { outputs?: Record<string, unknown>; yaml?: string } = {}): SecretLeak[] {
  if (typeof secretValue !== "string" || secretValue.length < MIN_PROBE_LENGTH) {
    fail({ component: "findSecretLeaks", name: "secretValue" }, "secretValue", secretValue, `is shorter than ${MIN_PROBE_LENGTH} characters`, "use a unique fake value such as \"fake-secret-3f9a2c\"");
  }
  const forms: Array<[SecretLeak["encoding"], string]> = [
    ["plain", secretValue],
    ["base64", Buffer.from(secretValue, "utf8").toString("base64")],
  ];
  const leaks: SecretLeak[] = [];
  const scan = (text: string, leak: Omit<SecretLeak, "encoding">) => {
    for (const [encoding, form] of forms) if (text.includes(form)) leaks.push({ ...leak, encoding });
  };
  for (const r of resources) {
    if (r.type === SECRET_TYPE) continue;
    walk(r.inputs, "", (text, path) => {
      if (!mayHold(r, path)) scan(text, { where: "inputs", resource: `${r.type} ${r.name}`, path });
    });
  }
  walk(extra.outputs ?? {}, "", (text, path) => scan(text, { where: "outputs", path }));
  (extra.yaml ?? "").split("\n").forEach((line, i) => scan(line, { where: "yaml", path: `line ${i + 1}` }));
  return leaks;
}
