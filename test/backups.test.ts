import * as path from "path";
import * as k8s from "@pulumi/kubernetes";
import { StatefulApp, Tenant } from "@slipway/apps";
import { uncoveredClaims } from "@slipway/checks";
import { ClusterHandle } from "@slipway/core";
import { Backups, BackupPolicyArgs, cephSnapshotSources, CephStorage } from "@slipway/storage";
import { render, Rendered } from "@slipway/testing";

const CRD_DIR = path.resolve(__dirname, "../../shared/crds");

function cluster(): ClusterHandle {
  return { clusterName: "main", kind: "existing", provider: new k8s.Provider("test", { kubeconfig: "{}" }) };
}

/** A platform with Ceph (and its object store) and Velero, one tenant and a StatefulApp on Ceph's block class. */
function renderPlatform(backup?: BackupPolicyArgs | false): Promise<Rendered> {
  return render(() => {
    const c = cluster();
    const ceph = new CephStorage("ceph", { cluster: c, nodes: ["n1", "n2", "n3"], deviceFilter: "^sd[b-z]", objectStore: {} });
    const backups = new Backups("backups", { cluster: c, store: { kind: "ceph", ceph }, snapshotClasses: cephSnapshotSources(ceph) });
    const shop = new Tenant("shop", { cluster: c, backups, ...(backup === undefined ? {} : { backup }) });
    new StatefulApp("orders-db", { tenant: shop, preset: "postgresql", storage: { size: "20Gi", class: ceph.blockClass } });
  });
}

describe("a StatefulApp's claims are covered by its tenant's backup schedule", () => {
  let r: Rendered;
  beforeAll(async () => {
    r = await renderPlatform();
  });

  it("finds a Schedule including the claim's namespace and labels, on a class whose driver has a Velero snapshot class", () => {
    const sts = r.find("StatefulSet", "orders-db", "shop");
    expect((sts.spec as { volumeClaimTemplates: unknown[] }).volumeClaimTemplates).toHaveLength(1);
    const schedule = r.find("Schedule", "shop", "velero");
    expect(schedule.spec).toMatchObject({ schedule: "0 2 * * *", template: { includedNamespaces: ["shop"], snapshotVolumes: true, ttl: "720h0m0s", storageLocation: "default" } });
    const snapshotClass = r.find("VolumeSnapshotClass", "ceph-block-snapshots");
    expect(snapshotClass).toMatchObject({ driver: "rook-ceph.rbd.csi.ceph.com", deletionPolicy: "Retain", metadata: { labels: { "velero.io/csi-volumesnapshot-class": "true" } } });
    expect(r.find("StorageClass", "ceph-block").provisioner).toBe(snapshotClass.driver);
    expect(uncoveredClaims(r.manifests())).toEqual([]);
  });

  it("validates every custom resource against the upstream CRDs", () => {
    expect(r.validate({ crdDirs: [CRD_DIR] })).toEqual([]);
  });

  it("reports the claim when the tenant turns backups off", async () => {
    const off = await renderPlatform(false);
    expect(off.filter("Schedule")).toEqual([]);
    expect(uncoveredClaims(off.manifests()).map((u) => u.claim.ref)).toEqual(["apps/v1/StatefulSet shop/orders-db volumeClaimTemplates[0]"]);
  });

  it("reports the claim when the schedule's label selector leaves it out", () => {
    const manifests = r.manifests().map((m) => (m.kind === "Schedule" ? { ...m, spec: { ...(m.spec as object), template: { ...(m.spec as { template: object }).template, labelSelector: { matchLabels: { backup: "yes" } } } } } : m));
    expect(uncoveredClaims(manifests).map((u) => u.reason)).toEqual([expect.stringContaining("no Velero Schedule includes namespace shop")]);
  });

  it("reports the claim when its class's driver has no snapshot class labelled for Velero", () => {
    const manifests = r.manifests().filter((m) => !(m.kind === "VolumeSnapshotClass" && (m as { driver?: string }).driver === "rook-ceph.rbd.csi.ceph.com"));
    expect(uncoveredClaims(manifests).map((u) => u.reason)).toEqual([expect.stringContaining("driver rook-ceph.rbd.csi.ceph.com has no VolumeSnapshotClass")]);
  });

  it("takes the tenant's own schedule and retention", async () => {
    const own = await renderPlatform({ schedule: "30 */6 * * *", retention: "14d" });
    expect(own.find("Schedule", "shop", "velero").spec).toMatchObject({ schedule: "30 */6 * * *", template: { ttl: "336h0m0s" } });
  });
});
