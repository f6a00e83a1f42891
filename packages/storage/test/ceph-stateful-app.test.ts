import { StatefulApp } from "@slipway/apps";
import { Manifest, SlipwayInputError } from "@slipway/core";
import { CephStorage } from "@slipway/storage";
import { render } from "@slipway/testing";
import { NODES, testCluster } from "./support";

/** The claim templates of a rendered StatefulSet. */
function claimTemplates(set: Manifest): { spec: { storageClassName: string; accessModes: string[] } }[] {
  return (set.spec as { volumeClaimTemplates: { spec: { storageClassName: string; accessModes: string[] } }[] }).volumeClaimTemplates;
}

describe("a StatefulApp on Ceph's classes", () => {
  it("claims volumes of the Ceph block class", async () => {
    let ceph!: CephStorage;
    const r = await render(() => {
      ceph = new CephStorage("ceph", { cluster: testCluster(), nodes: NODES, deviceFilter: "^sd[b-z]" });
      new StatefulApp("db", { namespace: "shop", preset: "mysql", storage: { size: "10Gi", class: ceph.blockClass } });
      new StatefulApp("pg", { namespace: "shop", preset: "postgresql", storage: { size: "10Gi", class: ceph.blockClass } });
    });
    // CloudNativePG claims each instance's volume from the same class.
    expect((r.find("Cluster", "pg", "shop").spec as { storage: unknown }).storage).toEqual({ size: "10Gi", storageClass: "ceph-block" });
    const templates = claimTemplates(r.find("StatefulSet", "db", "shop"));
    expect(templates).toHaveLength(1);
    expect(templates[0].spec.storageClassName).toBe(ceph.blockClass.storageClassName);
    expect(templates[0].spec.storageClassName).toBe("ceph-block");
    expect(templates[0].spec.accessModes).toEqual(["ReadWriteOnce"]);
    // The class it claims from is rendered by the same program.
    expect(r.find("StorageClass", "ceph-block").provisioner).toBe("rook-ceph.rbd.csi.ceph.com");
  });

  it("refuses ReadWriteMany on the block class, which only the filesystem class offers", async () => {
    const error = await render(() => {
      const ceph = new CephStorage("ceph", { cluster: testCluster(), nodes: NODES, deviceFilter: "^sd[b-z]" });
      new StatefulApp("db", { namespace: "shop", preset: "postgresql", storage: { size: "10Gi", class: ceph.blockClass, accessModes: ["ReadWriteMany"] } });
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SlipwayInputError);
    expect((error as SlipwayInputError).path).toBe("storage.accessModes");
  });

  it("claims ReadWriteMany volumes of the CephFS class", async () => {
    let ceph!: CephStorage;
    const r = await render(() => {
      ceph = new CephStorage("ceph", { cluster: testCluster(), nodes: NODES, deviceFilter: "^sd[b-z]" });
      new StatefulApp("files", { namespace: "shop", image: "ghcr.io/acme/files:1.0.0", ports: { http: 8080 }, storage: { size: "10Gi", class: ceph.filesystemClass!, accessModes: ["ReadWriteMany"] } });
    });
    const [claim] = claimTemplates(r.find("StatefulSet", "files", "shop"));
    expect(claim.spec).toMatchObject({ storageClassName: "ceph-filesystem", accessModes: ["ReadWriteMany"] });
  });
});
