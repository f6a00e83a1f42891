import { objectCheck } from "../define";
import { isKind, labelsOf } from "../objects";
import { PSS_LABEL, TENANT_LABEL } from "../stack-index";

const PINNED_VERSION = /^v\d+\.\d+$/;

export const tenantPodSecurity = objectCheck(
  { id: "S12", title: "Tenant namespaces enforce, warn and audit Pod Security restricted at a pinned version", tools: ["PSS:restricted"] },
  (m, report) => {
    if (!isKind(m, "Namespace", [""])) return;
    const labels = labelsOf(m);
    if (!(TENANT_LABEL in labels)) return;
    for (const mode of ["enforce", "warn", "audit"]) {
      const key = `${PSS_LABEL}/${mode}`;
      if (labels[key] !== "restricted") {
        report(m, `metadata.labels["${key}"]`, `is ${labels[key] ?? "unset"}, not restricted`, `label the namespace ${key}: restricted`);
      }
    }
    const versionKey = `${PSS_LABEL}/enforce-version`;
    const version = labels[versionKey];
    if (version === undefined || !PINNED_VERSION.test(version)) {
      report(m, `metadata.labels["${versionKey}"]`, `is ${version ?? "unset"}, not a pinned version`, `pin it to the cluster's minor version, e.g. ${versionKey}: v1.31`);
    }
  },
);
