import { isLabelValue, Manifest } from "@slipway/core";
import { objectCheck } from "../define";
import { groupOf, labelsOf, list, record, text } from "../objects";
import { containersOf, isPodBearing, podTemplateOf } from "../pods";

/** Kubernetes' own API groups (CRD groups such as externaldns.k8s.io may only have alpha versions). */
const BUILT_IN_GROUPS = [
  "",
  "apps",
  "batch",
  "policy",
  "autoscaling",
  "networking.k8s.io",
  "rbac.authorization.k8s.io",
  "storage.k8s.io",
  "scheduling.k8s.io",
  "node.k8s.io",
  "discovery.k8s.io",
  "coordination.k8s.io",
  "certificates.k8s.io",
  "admissionregistration.k8s.io",
  "apiextensions.k8s.io",
  "apiregistration.k8s.io",
  "flowcontrol.apiserver.k8s.io",
  "events.k8s.io",
];
const GATEWAY_GROUP = "gateway.networking.k8s.io";
/** Gateway API kinds that have reached v1; the others exist only as alpha or beta. */
const GATEWAY_GA_KINDS = ["Gateway", "GatewayClass", "HTTPRoute", "GRPCRoute"];
const STABLE_VERSION = /^v\d+$/;
const LABEL_KEY_PREFIX = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** True when the object's kind has a GA version that this apiVersion is not. */
function usesUnstableVersion(m: Manifest): boolean {
  const group = groupOf(m);
  const version = m.apiVersion.slice(m.apiVersion.indexOf("/") + 1);
  if (STABLE_VERSION.test(version)) return false;
  if (group === GATEWAY_GROUP) return GATEWAY_GA_KINDS.includes(m.kind);
  return BUILT_IN_GROUPS.includes(group);
}

function isLabelKey(key: string): boolean {
  const slash = key.indexOf("/");
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  const name = slash < 0 ? key : key.slice(slash + 1);
  const prefixOk = prefix === undefined || (prefix.length <= 253 && LABEL_KEY_PREFIX.test(prefix));
  return prefixOk && name.length > 0 && isLabelValue(name);
}

export const apiHygiene = objectCheck(
  {
    id: "R14",
    title: "Stable apiVersions, no duplicate env keys, valid labels",
    tools: ["KS:stable-version", "KS:label-values", "KS:environment-variable-key-duplication", "KL:duplicate-env-var", "KL:no-extensions-v1beta"],
  },
  (m, report) => {
    if (usesUnstableVersion(m)) report(m, "apiVersion", `${m.apiVersion} is not a stable version of ${m.kind}`, "use the GA apiVersion (e.g. autoscaling/v2, policy/v1, networking.k8s.io/v1)");
    const pod = podTemplateOf(m);
    const labelSets: Array<[string, Record<string, string>]> = [["metadata.labels", labelsOf(m)]];
    if (pod && pod.metadataPath !== "metadata") labelSets.push([`${pod.metadataPath}.labels`, pod.labels]);
    for (const [path, labels] of labelSets) {
      for (const [key, value] of Object.entries(labels)) {
        if (!isLabelKey(key)) report(m, `${path}["${key}"]`, "is not a valid label key", "use an optional DNS prefix and a name of at most 63 alphanumerics, '-', '_' or '.'");
        else if (!isLabelValue(value)) report(m, `${path}["${key}"]`, `"${value}" is not a valid label value`, "use at most 63 alphanumerics, '-', '_' or '.', alphanumeric at both ends");
      }
    }
    for (const ref of pod ? containersOf(pod) : []) {
      const seen = new Set<string>();
      list(ref.container.env).forEach((raw, i) => {
        const name = text(record(raw).name);
        if (name === undefined) return;
        if (seen.has(name)) report(m, `${ref.path}.env[${i}].name`, `repeats ${name}`, "set each environment variable once (the last one silently wins)");
        seen.add(name);
      });
    }
  },
);

/** The labels every workload and Service carries and its pods repeat. */
export const REQUIRED_APP_LABELS = ["app.kubernetes.io/name", "app.kubernetes.io/instance"];
const APP_LABEL_PREFIX = "app.kubernetes.io/";

export const standardLabels = objectCheck(
  { id: "R15", title: "app.kubernetes.io/* labels present and consistent", tools: [] },
  (m, report) => {
    const isService = m.kind === "Service" && groupOf(m) === "";
    if (!isService && !isPodBearing(m)) return;
    const labels = labelsOf(m);
    for (const key of REQUIRED_APP_LABELS) {
      if (labels[key] === undefined) report(m, `metadata.labels["${key}"]`, "is missing", "use the standard labels from @slipway/core standardLabels()");
    }
    const pod = podTemplateOf(m);
    if (!pod || pod.metadataPath === "metadata") return;
    const podLabels = pod.labels;
    for (const key of REQUIRED_APP_LABELS) {
      if (podLabels[key] === undefined) report(m, `${pod.metadataPath}.labels["${key}"]`, "is missing", "give the pods the workload's standard labels");
    }
    for (const [key, value] of Object.entries(labels)) {
      if (key.startsWith(APP_LABEL_PREFIX) && podLabels[key] !== undefined && podLabels[key] !== value) {
        report(m, `${pod.metadataPath}.labels["${key}"]`, `is "${podLabels[key]}" but the workload says "${value}"`, "derive both from the same identity");
      }
    }
  },
);
