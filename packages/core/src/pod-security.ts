import { fail, InputSite } from "./errors";

/** The one Pod Security Standards version every namespace the platform renders pins (CHECKS S12). */
export const POD_SECURITY_VERSION = "v1.33";

/** A Pod Security level: `privileged` only for host agents' own namespaces (the exemption CHECKS lists). */
export type PodSecurityLevel = "restricted" | "baseline" | "privileged";

const PINNED = /^v1\.[0-9]{1,2}$/;

/** A pinned PSS version such as "v1.33"; `latest` and anything else fail, naming the field. */
export function checkPodSecurityVersion(site: InputSite, path: string, version: unknown): string {
  if (typeof version !== "string" || !PINNED.test(version)) fail(site, path, version, "is not a pinned Kubernetes minor version", `e.g. "${POD_SECURITY_VERSION}" (not "latest")`);
  return version as string;
}

/** Namespace labels that enforce, warn and audit one level at a pinned version. */
export function podSecurityLabels(level: PodSecurityLevel, version: string = POD_SECURITY_VERSION): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const mode of ["enforce", "warn", "audit"]) {
    labels[`pod-security.kubernetes.io/${mode}`] = level;
    labels[`pod-security.kubernetes.io/${mode}-version`] = version;
  }
  return labels;
}
