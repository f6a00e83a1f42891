import type { Manifest } from "@slipway/core";
import { objectCheck, Report } from "../define";
import { annotationsOf, isKind, list, record, text } from "../objects";
import { containersOf, podTemplateOf } from "../pods";
import { holdsSecret } from "../secret-names";

export { isSensitiveName } from "../secret-names";

/** Values that are secret material whatever their name: private keys, AWS and Git host keys, URL credentials, JWTs, live payment keys. */
const SECRET_VALUES = [
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /\bAKIA[0-9A-Z]{16}\b/,
  /\b(ghp_|github_pat_|glpat-|xox[abprs]-)[A-Za-z0-9_-]{10,}/,
  /[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i,
  /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/,
  /\b(sk|rk)_live_[A-Za-z0-9]{10,}/,
];
/** `name: value`, `name = value`, `"name": "value"` and `export NAME=value` lines of a config file. */
const ASSIGNMENT = /^\s*(?:export\s+|-\s+)?["']?([A-Za-z][A-Za-z0-9_.-]*)["']?\s*[:=]\s*["']?(.*?)["']?\s*,?\s*$/;
/** `--name=value` or `-name=value` inside an argument (or a shell line). */
const FLAG_WITH_VALUE = /(?:^|\s)--?([A-Za-z][A-Za-z0-9_.-]*)=("[^"]*"|'[^']*'|\S+)/g;
/** `--name value` inside one argument (a shell line). */
const FLAG_THEN_VALUE = /(?:^|\s)--?([A-Za-z][A-Za-z0-9_.-]*)\s+("[^"]*"|'[^']*'|[^-\s]\S*)/g;
/** Annotations that hold a digest of a secret, never the secret (`checksum/secret`, `slipway.dev/config-hash`), or kubectl's own records. */
const DIGEST_ANNOTATION = /checksum|hash|^kubectl\.kubernetes\.io\//i;

/** True when a value is recognisably secret material (a private key, a cloud key, credentials in a URL). */
export function looksLikeSecret(value: string): boolean {
  return SECRET_VALUES.some((pattern) => pattern.test(value));
}

const unquote = (value: string) => value.replace(/^(["'])(.*)\1$/, "$2");

function checkValue(m: Manifest, report: Report, field: string, name: string, value: string): void {
  if (value === "") return;
  if (holdsSecret(name, value)) report(m, field, `${name} holds a literal value`, "pass it from a Secret (secretKeyRef or a mounted Secret) with the value as a Pulumi secret");
  else if (looksLikeSecret(value)) report(m, field, `${name} holds what looks like secret material`, "move it into a Secret and reference it");
}

/** A config file's lines that assign a literal to a secret-looking key. */
function checkFile(m: Manifest, report: Report, field: string, content: string): void {
  content.split("\n").forEach((line, i) => {
    const match = ASSIGNMENT.exec(line);
    if (match && holdsSecret(match[1], match[2])) report(m, field, `line ${i + 1} sets ${match[1]} to a literal value`, "load it from a mounted Secret or an env var fed by secretKeyRef");
  });
}

/** Flags such as `--password=xyz` or `--token xyz` in a container's command and args. */
function checkArguments(m: Manifest, report: Report, field: string, args: string[]): void {
  args.forEach((arg, i) => {
    const at = `${field}[${i}]`;
    const flags = [...arg.matchAll(FLAG_WITH_VALUE), ...arg.matchAll(FLAG_THEN_VALUE)].map((match) => [match[1], unquote(match[2])]);
    const bare = /^--?([A-Za-z][A-Za-z0-9_.-]*)$/.exec(arg);
    if (bare && i + 1 < args.length) flags.push([bare[1], args[i + 1]]);
    const found = flags.find(([name, value]) => holdsSecret(name, value));
    if (found) report(m, at, `passes --${found[0]} a literal value on the command line`, "pass it through an env var fed by secretKeyRef and reference it as $(VAR), or a mounted file");
    else if (looksLikeSecret(arg)) report(m, at, "holds what looks like secret material", "move it into a Secret and reference it");
  });
}

function checkAnnotations(m: Manifest, report: Report, field: string, annotations: Record<string, string>): void {
  for (const [key, value] of Object.entries(annotations)) {
    if (DIGEST_ANNOTATION.test(key)) continue;
    checkValue(m, report, `${field}["${key}"]`, key.split("/").pop() ?? key, value);
  }
}

export const noPlainSecrets = objectCheck(
  {
    id: "X1",
    title: "No secret values in env values, arguments, ConfigMaps or annotations",
    tools: ["KL:env-var-secret", "PO:sensitiveContainerEnvVar", "PO:sensitiveConfigmapContent"],
  },
  (m, report) => {
    // Secrets are where secret values belong.
    if (isKind(m, "Secret", [""])) return;
    checkAnnotations(m, report, "metadata.annotations", annotationsOf(m));
    if (isKind(m, "ConfigMap", [""])) {
      for (const section of ["data", "binaryData"]) {
        for (const [key, value] of Object.entries(record(m[section]))) {
          if (typeof value !== "string") continue;
          const field = `${section}["${key}"]`;
          // binaryData is base64: judge the bytes as text (a key file or a config written in binary form).
          const content = section === "binaryData" ? Buffer.from(value, "base64").toString("utf8") : value;
          // A value may be a whole file (`app.properties`): its lines are judged as well as the key.
          checkValue(m, report, field, key, content);
          checkFile(m, report, field, content);
        }
      }
      return;
    }
    const pod = podTemplateOf(m);
    if (!pod) return;
    if (pod.metadataPath !== "metadata") checkAnnotations(m, report, `${pod.metadataPath}.annotations`, pod.annotations);
    for (const ref of containersOf(pod)) {
      list(ref.container.env).forEach((raw, i) => {
        const env = record(raw);
        const value = text(env.value);
        if (value !== undefined) checkValue(m, report, `${ref.path}.env[${i}].value`, text(env.name) ?? "", value);
      });
      for (const key of ["command", "args"]) {
        checkArguments(m, report, `${ref.path}.${key}`, list(ref.container[key]).filter((a): a is string => typeof a === "string"));
      }
    }
  },
);
