import type { Manifest } from "@slipway/core";
import { groupOf, labelsOf, list, namespaceOf, nameOf, objectRef, record, stringMap, text } from "./objects";
import { selectorMatches } from "./selectors";

/** Velero snapshots a CSI volume with the VolumeSnapshotClass of its driver carrying this label. */
const SNAPSHOT_CLASS_LABEL = "velero.io/csi-volumesnapshot-class";
const DEFAULT_CLASS = "storageclass.kubernetes.io/is-default-class";

/** A volume claim as the cluster will have it: a claim, or one a StatefulSet's volumeClaimTemplate makes per pod. */
export interface Claim {
  /** `StatefulSet ns/name volumeClaimTemplates[i]` or the claim's own reference. */
  ref: string;
  namespace: string;
  /** The claim's labels: a template's own plus the StatefulSet's selector labels (the controller adds them). */
  labels: Record<string, string>;
  storageClassName?: string;
}

/** Why a claim is not backed up, or undefined when a Velero Schedule snapshots it. */
export interface Uncovered {
  claim: Claim;
  reason: string;
}

/** Every claim the rendered objects make. */
export function claimsOf(manifests: readonly Manifest[]): Claim[] {
  return manifests.flatMap((m): Claim[] => {
    if (m.kind === "PersistentVolumeClaim" && groupOf(m) === "") {
      return [{ ref: objectRef(m), namespace: namespaceOf(m), labels: labelsOf(m), storageClassName: text(record(m.spec).storageClassName) }];
    }
    if (m.kind !== "StatefulSet" || groupOf(m) !== "apps") return [];
    const spec = record(m.spec);
    const selectorLabels = stringMap(record(spec.selector).matchLabels);
    return list(spec.volumeClaimTemplates).map((raw, i) => {
      const template = record(raw);
      return {
        ref: `${objectRef(m)} volumeClaimTemplates[${i}]`,
        namespace: namespaceOf(m),
        labels: { ...stringMap(record(template.metadata).labels), ...selectorLabels },
        storageClassName: text(record(template.spec).storageClassName),
      };
    });
  });
}

/** Whether a Schedule's backups include this claim: its namespaces, its label selectors, and volume snapshots on. */
function scheduleIncludes(schedule: Manifest, claim: Claim): boolean {
  const template = record(record(schedule.spec).template);
  if (template.snapshotVolumes === false) return false;
  const included = list(template.includedNamespaces).map(String);
  const excluded = list(template.excludedNamespaces).map(String);
  const inNamespace = (included.length === 0 || included.includes("*") || included.includes(claim.namespace)) && !excluded.includes(claim.namespace);
  if (!inNamespace) return false;
  const resources = list(template.excludedResources).map(String);
  if (resources.some((r) => r === "persistentvolumeclaims" || r === "pvc")) return false;
  const orSelectors = list(template.orLabelSelectors);
  if (orSelectors.length > 0) return orSelectors.some((s) => selectorMatches(s, claim.labels));
  return template.labelSelector === undefined || selectorMatches(template.labelSelector, claim.labels);
}

/**
 * The claims no Velero Schedule snapshots: not in a scheduled namespace or selector, or on a storage
 * class whose CSI driver has no VolumeSnapshotClass labelled for Velero.
 */
export function uncoveredClaims(manifests: readonly Manifest[]): Uncovered[] {
  const schedules = manifests.filter((m) => m.kind === "Schedule" && groupOf(m) === "velero.io");
  const classes = manifests.filter((m) => m.kind === "StorageClass" && groupOf(m) === "storage.k8s.io");
  const defaultClass = classes.find(isDefaultClass);
  const snapshotDrivers = new Set(
    manifests.filter((m) => m.kind === "VolumeSnapshotClass" && groupOf(m) === "snapshot.storage.k8s.io" && labelsOf(m)[SNAPSHOT_CLASS_LABEL] === "true").map((m) => text(m.driver)),
  );
  return claimsOf(manifests).flatMap((claim): Uncovered[] => {
    if (!schedules.some((s) => scheduleIncludes(s, claim))) return [{ claim, reason: `no Velero Schedule includes namespace ${claim.namespace} and the claim's labels` }];
    const storageClass = claim.storageClassName === undefined ? defaultClass : classes.find((c) => nameOf(c) === claim.storageClassName);
    if (!storageClass) return [{ claim, reason: `its StorageClass ${claim.storageClassName ?? "(the default)"} is not rendered, so its snapshot driver is unknown` }];
    const driver = text(storageClass.provisioner);
    if (!snapshotDrivers.has(driver)) return [{ claim, reason: `StorageClass ${nameOf(storageClass)}'s driver ${driver ?? "(none)"} has no VolumeSnapshotClass labelled ${SNAPSHOT_CLASS_LABEL}: "true"` }];
    return [];
  });
}

function isDefaultClass(storageClass: Manifest): boolean {
  return stringMap(storageClass.metadata.annotations)[DEFAULT_CLASS] === "true";
}
