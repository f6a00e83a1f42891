import { objectCheck } from "../define";
import { groupOf, isKind, record, text } from "../objects";

const CEPH_GROUP = "ceph.rook.io";
/** Ceph kinds whose pools go away with the custom resource unless preservePoolsOnDelete is set. */
const CEPH_POOL_OWNERS = ["CephFilesystem", "CephObjectStore", "CephObjectZone"];

export const dataSurvivesDestroy = objectCheck(
  { id: "D1", title: "Stateful data survives destroying the app unless asked otherwise", tools: [] },
  (m, report) => {
    const spec = record(m.spec);
    if (isKind(m, "StatefulSet", ["apps"])) {
      if (record(spec.persistentVolumeClaimRetentionPolicy).whenDeleted === "Delete") {
        report(m, "spec.persistentVolumeClaimRetentionPolicy.whenDeleted", "deletes the data volumes with the StatefulSet", "use whenDeleted: Retain unless deleting data is asked for");
      }
    } else if (groupOf(m) === CEPH_GROUP && CEPH_POOL_OWNERS.includes(m.kind)) {
      if (spec.preservePoolsOnDelete !== true) report(m, "spec.preservePoolsOnDelete", "is not true, so deleting the resource deletes its pools", "set preservePoolsOnDelete: true");
    } else if (groupOf(m) === CEPH_GROUP && m.kind === "CephCluster") {
      const confirmation = text(record(spec.cleanupPolicy).confirmation);
      if (confirmation) report(m, "spec.cleanupPolicy.confirmation", "wipes the disks when the cluster is deleted", "leave cleanupPolicy.confirmation empty unless destroying data is asked for");
    }
  },
);
