import { K8sObject } from "./manifests";

interface ClaimSpec {
  accessModes?: string[];
  storageClassName?: string;
  volumeMode?: string;
  resources?: { requests?: { storage?: string } };
}

interface Claim {
  namespace: string;
  name: string;
  spec: ClaimSpec;
}

/** The claims that will exist: standalone PersistentVolumeClaims and one per StatefulSet replica and template. */
export function expectedClaims(objects: K8sObject[]): Claim[] {
  const claims: Claim[] = [];
  for (const o of objects) {
    const namespace = o.metadata.namespace ?? "default";
    if (o.kind === "PersistentVolumeClaim") claims.push({ namespace, name: o.metadata.name, spec: (o.spec ?? {}) as ClaimSpec });
    if (o.kind !== "StatefulSet") continue;
    const spec = o.spec as { replicas?: number; volumeClaimTemplates?: { metadata: { name: string }; spec: ClaimSpec }[] };
    for (const template of spec.volumeClaimTemplates ?? []) {
      for (let i = 0; i < (spec.replicas ?? 1); i++) {
        claims.push({ namespace, name: `${template.metadata.name}-${o.metadata.name}-${i}`, spec: template.spec });
      }
    }
  }
  return claims;
}

/**
 * No storage driver runs on fake nodes, so each claim gets a PersistentVolume made for it and
 * pre-bound through claimRef, with the claim's class, size, modes and volume mode.
 */
export function volumesFor(claims: Claim[]): K8sObject[] {
  return claims.map((claim, i) => ({
    apiVersion: "v1",
    kind: "PersistentVolume",
    metadata: { name: `e2e-pv-${i}`, labels: { "slipway.dev/e2e": "volume" } },
    spec: {
      capacity: { storage: claim.spec.resources?.requests?.storage ?? "1Gi" },
      accessModes: claim.spec.accessModes ?? ["ReadWriteOnce"],
      ...(claim.spec.storageClassName ? { storageClassName: claim.spec.storageClassName } : {}),
      ...(claim.spec.volumeMode ? { volumeMode: claim.spec.volumeMode } : {}),
      persistentVolumeReclaimPolicy: "Retain",
      claimRef: { namespace: claim.namespace, name: claim.name },
      hostPath: { path: `/tmp/slipway-e2e-volumes/${i}` },
    },
  }));
}
