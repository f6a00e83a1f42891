import { Backups, BackupsArgs, cephSnapshotSources, CephStorage } from "@slipway/storage";
import { inputErrorMismatches, renderError } from "@slipway/testing";
import { NODES, testCluster } from "./support";

const GP3 = { storageClassName: "gp3", accessModes: ["ReadWriteOnce" as const] };

/** Bad inputs: [case, component name, args over a valid Ceph setup, field, value shown in the message]. */
const cases: [string, string, (ceph: CephStorage | undefined) => Record<string, unknown>, string, string][] = [
  ["uppercase component name", "Backups", () => ({}), "name", '"Backups"'],
  ["cron with four fields", "backups", () => ({ defaults: { schedule: "0 2 * *" } }), "defaults.schedule", '"0 2 * *"'],
  ["cron hour out of range", "backups", () => ({ defaults: { schedule: "0 24 * * *" } }), "defaults.schedule", '"0 24 * * *"'],
  ["cron minute that is not a number", "backups", () => ({ defaults: { schedule: "x 2 * * *" } }), "defaults.schedule", '"x 2 * * *"'],
  ["cron backwards range", "backups", () => ({ defaults: { schedule: "0 2 * * 5-1" } }), "defaults.schedule", '"0 2 * * 5-1"'],
  ["cron zero step", "backups", () => ({ defaults: { schedule: "*/0 * * * *" } }), "defaults.schedule", '"*/0 * * * *"'],
  ["unknown descriptor", "backups", () => ({ defaults: { schedule: "@nightly" } }), "defaults.schedule", '"@nightly"'],
  ["@every in days", "backups", () => ({ defaults: { schedule: "@every 1d" } }), "defaults.schedule", '"@every 1d"'],
  ["retention without a unit", "backups", () => ({ defaults: { retention: "720" } }), "defaults.retention", '"720"'],
  ["retention shorter than an hour", "backups", () => ({ defaults: { retention: "30m" } }), "defaults.retention", '"30m"'],
  ["retention over ten years", "backups", () => ({ defaults: { retention: "11y" } }), "defaults.retention", '"11y"'],
  ["defaults that are a string", "backups", () => ({ defaults: "daily" }), "defaults", '"daily"'],
  ["namespace that is not a name", "backups", () => ({ namespace: "Velero" }), "namespace", '"Velero"'],
  ["Ceph without an object store", "backups", () => ({ store: { kind: "ceph", ceph: { objectStoreEndpoint: undefined } } }), "store.ceph", "undefined"],
  ["bucket name with capitals", "backups", (ceph) => ({ store: { kind: "ceph", ceph, bucketName: "Velero_Backups" } }), "store.bucketName", '"Velero_Backups"'],
  ["unknown store kind", "backups", () => ({ store: { kind: "gcs" } }), "store.kind", '"gcs"'],
  ["S3 on an existing cluster", "backups", () => ({ store: { kind: "s3" } }), "store.kind", '"s3"'],
  ["no snapshot classes", "backups", () => ({ snapshotClasses: [] }), "snapshotClasses", "[]"],
  ["two classes of one driver", "backups", (ceph) => ({ snapshotClasses: [...cephSnapshotSources(ceph!), { storageClass: GP3, driver: "rook-ceph.rbd.csi.ceph.com" }] }), "snapshotClasses[2].driver", '"rook-ceph.rbd.csi.ceph.com"'],
  ["snapshot class without a storage class", "backups", () => ({ snapshotClasses: [{ driver: "ebs.csi.aws.com" }] }), "snapshotClasses[0].storageClass", "undefined"],
  ["chart version that is not a version", "backups", () => ({ chart: { version: "latest" } }), "chart.version", '"latest"'],
];

describe("Backups rejects bad input before anything deploys", () => {
  it.each(cases)("%s", async (_case, name, override, field, shown) => {
    const error = await renderError(() => {
      const cluster = testCluster();
      const ceph = new CephStorage("ceph", { cluster, nodes: NODES, deviceFilter: "^sd[b-z]", objectStore: {} });
      new Backups(name, { cluster, store: { kind: "ceph", ceph }, snapshotClasses: cephSnapshotSources(ceph), ...override(ceph) } as BackupsArgs);
    });
    expect(inputErrorMismatches(error, { component: "Backups", name, field, shown })).toEqual([]);
  });

  it("refuses S3 on an EKS cluster without an OIDC provider", async () => {
    const error = await renderError(() => new Backups("backups", { cluster: testCluster({ kind: "eks", region: "eu-west-1" }), store: { kind: "s3" }, snapshotClasses: [{ storageClass: GP3, driver: "ebs.csi.aws.com" }] }));
    expect(inputErrorMismatches(error, { component: "Backups", name: "backups", field: "cluster.oidc", shown: "undefined" })).toEqual([]);
  });

  it("tries at least 15 bad inputs", () => expect(cases.length).toBeGreaterThanOrEqual(15));
});
