import type { Manifest } from "@slipway/core";
import { objectCheck, Report } from "../define";
import { isKind, list, record, text } from "../objects";
import { containersOf, podTemplateOf } from "../pods";

/** Names that hold secret material. */
const SENSITIVE_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL)/i;
/** Names that only point at a secret (a file, a path, a Secret's name). */
const REFERENCE_SUFFIX = /(_FILE|_PATH|_NAME|_REF)$/i;
/** Values that are secret material whatever their name. */
const SECRET_VALUES = [
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /\bAKIA[0-9A-Z]{16}\b/,
  /\b(ghp_|github_pat_|glpat-|xox[abprs]-)[A-Za-z0-9_-]{10,}/,
  /[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i,
];

/** True when a name says it holds a secret. */
export function isSensitiveName(name: string): boolean {
  return SENSITIVE_NAME.test(name) && !REFERENCE_SUFFIX.test(name);
}

/** True when a value is recognisably secret material (a private key, a cloud key, credentials in a URL). */
export function looksLikeSecret(value: string): boolean {
  return SECRET_VALUES.some((pattern) => pattern.test(value));
}

function checkValue(m: Manifest, report: Report, field: string, name: string, value: string): void {
  if (value === "") return;
  if (isSensitiveName(name)) report(m, field, `${name} holds a literal value`, "pass it from a Secret (secretKeyRef or a mounted Secret) with the value as a Pulumi secret");
  else if (looksLikeSecret(value)) report(m, field, `${name} holds what looks like secret material`, "move it into a Secret and reference it");
}

export const noPlainSecrets = objectCheck(
  {
    id: "X1",
    title: "No secret values in env values or ConfigMaps",
    tools: ["KL:env-var-secret", "PO:sensitiveContainerEnvVar", "PO:sensitiveConfigmapContent"],
  },
  (m, report) => {
    if (isKind(m, "ConfigMap", [""])) {
      for (const section of ["data", "binaryData"]) {
        for (const [key, value] of Object.entries(record(m[section]))) {
          if (typeof value === "string") checkValue(m, report, `${section}["${key}"]`, key, value);
        }
      }
      return;
    }
    const pod = podTemplateOf(m);
    for (const ref of pod ? containersOf(pod) : []) {
      list(ref.container.env).forEach((raw, i) => {
        const env = record(raw);
        const value = text(env.value);
        if (value !== undefined) checkValue(m, report, `${ref.path}.env[${i}].value`, text(env.name) ?? "", value);
      });
    }
  },
);
