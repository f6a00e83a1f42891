import { MANAGED_BY } from "@slipway/core";
import { objectCheck, Report } from "../define";
import { isKind, labelsOf } from "../objects";
import { PSS_LABEL, TENANT_LABEL } from "../stack-index";

const PINNED_VERSION = /^v\d+\.\d+$/;
const LEVELS = ["privileged", "baseline", "restricted"];

/** The pinned `enforce-version` every judged namespace carries (`latest` moves under the cluster's feet). */
function checkPinnedVersion(m: Parameters<Report>[0], labels: Record<string, string>, report: Report): void {
  const versionKey = `${PSS_LABEL}/enforce-version`;
  const version = labels[versionKey];
  if (version === undefined || !PINNED_VERSION.test(version)) {
    report(m, `metadata.labels["${versionKey}"]`, `is ${version ?? "unset"}, not a pinned version`, `pin it to the cluster's minor version, e.g. ${versionKey}: v1.31`);
  }
}

/**
 * Tenant namespaces enforce, warn and audit `restricted`; every other namespace the platform creates
 * (`app.kubernetes.io/managed-by: slipway`, e.g. Harbor's or the host agents') states its level for all
 * three modes. Both pin the version.
 */
export const tenantPodSecurity = objectCheck(
  { id: "S12", title: "Namespaces the platform creates enforce, warn and audit Pod Security at a pinned version (restricted for tenants)", tools: ["PSS:restricted"] },
  (m, report) => {
    if (!isKind(m, "Namespace", [""])) return;
    const labels = labelsOf(m);
    const tenant = TENANT_LABEL in labels;
    if (!tenant && labels["app.kubernetes.io/managed-by"] !== MANAGED_BY) return;
    for (const mode of ["enforce", "warn", "audit"]) {
      const key = `${PSS_LABEL}/${mode}`;
      if (tenant && labels[key] !== "restricted") {
        report(m, `metadata.labels["${key}"]`, `is ${labels[key] ?? "unset"}, not restricted`, `label the namespace ${key}: restricted`);
      } else if (!tenant && !LEVELS.includes(labels[key])) {
        report(m, `metadata.labels["${key}"]`, `is ${labels[key] ?? "unset"}, not a Pod Security level`, `label the namespace ${key}: restricted (or privileged for a named host-agent exemption)`);
      }
    }
    checkPinnedVersion(m, labels, report);
  },
);
