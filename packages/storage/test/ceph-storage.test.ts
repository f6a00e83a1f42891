import * as pulumi from "@pulumi/pulumi";
import { CephStorage, CephStorageArgs, planCephStorage } from "@slipway/storage";
import { render, Rendered } from "@slipway/testing";
import { siteOf } from "@slipway/core";
import { CRD_DIR, NODES, testCluster } from "./support";

const CEPH_TYPES = ["CephCluster", "CephBlockPool", "CephFilesystem", "CephObjectStore"];

function renderCeph(args: Omit<CephStorageArgs, "cluster"> = { nodes: NODES, deviceFilter: "^sd[b-z]" }): Promise<Rendered> {
  return render(() => new CephStorage("ceph", { cluster: testCluster(), ...args }));
}

const RBD_SECRETS = {
  "csi.storage.k8s.io/provisioner-secret-name": "rook-csi-rbd-provisioner",
  "csi.storage.k8s.io/provisioner-secret-namespace": "rook-ceph",
  "csi.storage.k8s.io/controller-expand-secret-name": "rook-csi-rbd-provisioner",
  "csi.storage.k8s.io/controller-expand-secret-namespace": "rook-ceph",
  "csi.storage.k8s.io/node-stage-secret-name": "rook-csi-rbd-node",
  "csi.storage.k8s.io/node-stage-secret-namespace": "rook-ceph",
};

describe("CephStorage, defaults on three nodes", () => {
  const rendered = () => renderCeph({ nodes: ["n1", { name: "n2", devices: ["sdb", "/dev/disk/by-id/wwn-0x5000c500a1b2c3d4"] }, "n3"], deviceFilter: "^sd[b-z]", monitoring: true });

  it("installs the pinned rook-ceph chart with CRDs, in a privileged namespace", async () => {
    const r = await rendered();
    expect(r.charts()).toHaveLength(1);
    const [chart] = r.charts();
    expect(chart).toMatchObject({ chart: "rook-ceph", version: "v1.18.7", repo: "https://charts.rook.io/release", namespace: "rook-ceph" });
    expect(chart.values).toEqual({
      crds: { enabled: true },
      monitoring: { enabled: true },
      enableDiscoveryDaemon: false,
      csi: { enableRbdDriver: true, enableCephfsDriver: true },
      // Requests and limits (R1-R3) and the chart's own standard labels on the operator's pods (R15).
      resources: { requests: { cpu: "100m", memory: "256Mi", "ephemeral-storage": "64Mi" }, limits: { cpu: "500m", memory: "256Mi", "ephemeral-storage": "1Gi" } },
      operatorPodLabels: { "app.kubernetes.io/name": "rook-ceph", "app.kubernetes.io/instance": "ceph-operator", "app.kubernetes.io/part-of": "rook-ceph-operator" },
      // The operators run restricted (Pod Security) on a read-only root; only the pods they start touch the host.
      containerSecurityContext: {
        runAsNonRoot: true,
        runAsUser: 2016,
        runAsGroup: 2016,
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        privileged: false,
        capabilities: { drop: ["ALL"] },
        seccompProfile: { type: "RuntimeDefault" },
      },
      "ceph-csi-operator": {
        controllerManager: {
          manager: { resources: { requests: { cpu: "50m", memory: "128Mi", "ephemeral-storage": "64Mi" }, limits: { cpu: "250m", memory: "128Mi", "ephemeral-storage": "512Mi" } } },
          podSecurityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
        },
      },
    });
    expect(r.find("Namespace", "rook-ceph").metadata.labels).toMatchObject({
      "pod-security.kubernetes.io/enforce": "privileged",
      "pod-security.kubernetes.io/warn": "privileged",
      "pod-security.kubernetes.io/audit": "privileged",
    });
  });

  it("renders the CephCluster field by field", async () => {
    const cluster = (await rendered()).find("CephCluster", "ceph", "rook-ceph");
    expect(cluster.apiVersion).toBe("ceph.rook.io/v1");
    expect(cluster.spec).toEqual({
      cephVersion: { image: "quay.io/ceph/ceph:v19.2.3", allowUnsupported: false },
      dataDirHostPath: "/var/lib/rook",
      skipUpgradeChecks: false,
      continueUpgradeAfterChecksEvenIfNotHealthy: false,
      mon: { count: 3, allowMultiplePerNode: false },
      mgr: { count: 2, allowMultiplePerNode: false },
      dashboard: { enabled: true, ssl: true },
      monitoring: { enabled: true },
      crashCollector: { disable: false },
      disruptionManagement: { managePodBudgets: true },
      priorityClassNames: { mon: "system-node-critical", osd: "system-node-critical", mgr: "system-cluster-critical" },
      resources: {
        mon: { requests: { cpu: "500m", memory: "1Gi" }, limits: { memory: "2Gi" } },
        mgr: { requests: { cpu: "500m", memory: "512Mi" }, limits: { memory: "1Gi" } },
        osd: { requests: { cpu: "1", memory: "4Gi" }, limits: { memory: "4Gi" } },
      },
      storage: {
        useAllNodes: false,
        useAllDevices: false,
        nodes: [
          { name: "n1", deviceFilter: "^sd[b-z]" },
          { name: "n2", devices: [{ name: "sdb" }, { name: "/dev/disk/by-id/wwn-0x5000c500a1b2c3d4" }] },
          { name: "n3", deviceFilter: "^sd[b-z]" },
        ],
      },
    });
    // No cleanup policy: deleting the cluster never wipes hosts or disks.
    expect((cluster.spec as Record<string, unknown>).cleanupPolicy).toBeUndefined();
  });

  it("renders a replicated block pool with an ext4 RBD class that retains volumes", async () => {
    const r = await rendered();
    expect(r.find("CephBlockPool", "ceph-blockpool", "rook-ceph").spec).toEqual({ failureDomain: "host", replicated: { size: 3, requireSafeReplicaSize: true }, enableRBDStats: true });
    const sc = r.find("StorageClass", "ceph-block");
    expect(sc.metadata.annotations).toBeUndefined();
    expect(sc).toMatchObject({ provisioner: "rook-ceph.rbd.csi.ceph.com", reclaimPolicy: "Retain", allowVolumeExpansion: true, volumeBindingMode: "Immediate" });
    expect(sc.parameters).toEqual({ clusterID: "rook-ceph", pool: "ceph-blockpool", imageFormat: "2", imageFeatures: "layering", "csi.storage.k8s.io/fstype": "ext4", ...RBD_SECRETS });
  });

  it("renders a preserved CephFS with a ReadWriteMany class on its data pool", async () => {
    const r = await rendered();
    const replicated = { failureDomain: "host", replicated: { size: 3, requireSafeReplicaSize: true } };
    expect(r.find("CephFilesystem", "ceph-fs", "rook-ceph").spec).toEqual({
      metadataPool: replicated,
      dataPools: [{ name: "replicated", ...replicated }],
      preserveFilesystemOnDelete: true,
      preservePoolsOnDelete: true,
      metadataServer: { activeCount: 1, activeStandby: true, resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { memory: "4Gi" } }, priorityClassName: "system-cluster-critical" },
    });
    const sc = r.find("StorageClass", "ceph-filesystem");
    expect(sc).toMatchObject({ provisioner: "rook-ceph.cephfs.csi.ceph.com", reclaimPolicy: "Retain", allowVolumeExpansion: true });
    expect(sc.parameters).toEqual({
      clusterID: "rook-ceph",
      fsName: "ceph-fs",
      pool: "ceph-fs-replicated",
      "csi.storage.k8s.io/provisioner-secret-name": "rook-csi-cephfs-provisioner",
      "csi.storage.k8s.io/provisioner-secret-namespace": "rook-ceph",
      "csi.storage.k8s.io/controller-expand-secret-name": "rook-csi-cephfs-provisioner",
      "csi.storage.k8s.io/controller-expand-secret-namespace": "rook-ceph",
      "csi.storage.k8s.io/node-stage-secret-name": "rook-csi-cephfs-node",
      "csi.storage.k8s.io/node-stage-secret-namespace": "rook-ceph",
    });
  });

  it("renders no object store unless asked", async () => {
    expect((await rendered()).filter("CephObjectStore")).toHaveLength(0);
  });

  it("makes every Ceph custom resource wait for the operator chart and nothing else", async () => {
    const r = await rendered();
    const chartUrn = r.byType("kubernetes:helm.sh/v4:Chart")[0].urn;
    const custom = r.resources.filter((res) => CEPH_TYPES.some((kind) => res.type === `kubernetes:ceph.rook.io/v1:${kind}`));
    expect(custom).toHaveLength(3);
    for (const res of custom) expect(res.dependencies).toEqual([chartUrn]);
    for (const sc of r.byType("kubernetes:storage.k8s.io/v1:StorageClass")) expect(sc.dependencies).toEqual([]);
  });

  it("hands out StorageClass handles", async () => {
    let ceph!: CephStorage;
    await render(() => {
      ceph = new CephStorage("ceph", { cluster: testCluster(), nodes: NODES, deviceFilter: "^sd[b-z]" });
    });
    expect(ceph.blockClass).toEqual({ storageClassName: "ceph-block", accessModes: ["ReadWriteOnce", "ReadWriteOncePod"] });
    expect(ceph.filesystemClass).toEqual({ storageClassName: "ceph-filesystem", accessModes: ["ReadWriteMany", "ReadWriteOnce", "ReadOnlyMany"] });
    expect(ceph.objectStoreEndpoint).toBeUndefined();
    expect(ceph.namespace).toBe("rook-ceph");
  });

  it("hands monitoring the mgr and exporter of its own cluster, in the namespace it runs in", async () => {
    let ceph!: CephStorage;
    await render(() => {
      ceph = new CephStorage("ceph", { cluster: testCluster(), nodes: NODES, deviceFilter: "^sd[b-z]", namespace: "storage" });
    });
    expect(ceph.platformMetrics.targets.map((t) => [t.name, t.namespace, t.podSelector])).toEqual([
      ["ceph-mgr", "storage", { app: "rook-ceph-mgr", rook_cluster: "storage" }],
      ["ceph-exporter", "storage", { app: "rook-ceph-exporter", rook_cluster: "storage" }],
    ]);
    const exprs = ceph.platformMetrics.ruleGroups.flatMap((g) => g.rules.map((r) => r.expr));
    for (const expr of exprs) expect(expr).toContain('namespace="storage"');
  });

  it("validates every object against the upstream schemas and Rook's CRDs", async () => {
    expect((await rendered()).validate({ crdDirs: [CRD_DIR] })).toEqual([]);
  });

  it("passes the CHECKS.md checks, data safety included", async () => {
    expect((await renderCeph({ nodes: NODES, deviceFilter: "^sd[b-z]", objectStore: {} })).check()).toEqual([]);
  });
});

describe("CephStorage options", () => {
  it("adds an object store with preserved pools and reports its endpoint", async () => {
    let ceph!: CephStorage;
    const r = await render(() => {
      ceph = new CephStorage("ceph", { cluster: testCluster(), nodes: NODES, deviceFilter: "^sd[b-z]", objectStore: { gateways: 3, port: 8080 } });
    });
    const replicated = { failureDomain: "host", replicated: { size: 3, requireSafeReplicaSize: true } };
    expect(r.find("CephObjectStore", "ceph-objects", "rook-ceph").spec).toEqual({
      metadataPool: replicated,
      dataPool: replicated,
      preservePoolsOnDelete: true,
      gateway: { port: 8080, instances: 3, resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { memory: "2Gi" } }, priorityClassName: "system-cluster-critical" },
    });
    expect(ceph.objectStoreEndpoint).toBe("http://rook-ceph-rgw-ceph-objects.rook-ceph.svc:8080");
    expect(r.validate({ crdDirs: [CRD_DIR] })).toEqual([]);
  });

  it("makes the block class the default and deletes volumes when asked", async () => {
    const r = await renderCeph({ nodes: NODES, deviceFilter: "^sd[b-z]", blockPool: { defaultClass: true, className: "fast", replicas: 2 }, reclaimPolicy: "Delete", filesystem: false });
    const sc = r.find("StorageClass", "fast");
    expect(sc.metadata.annotations).toEqual({ "storageclass.kubernetes.io/is-default-class": "true" });
    expect(sc.reclaimPolicy).toBe("Delete");
    expect((r.find("CephBlockPool", "ceph-blockpool").spec as { replicated: { size: number } }).replicated.size).toBe(2);
    expect(r.filter("CephFilesystem")).toHaveLength(0);
    expect(r.filter("StorageClass")).toHaveLength(1);
    expect((r.charts()[0].values.csi as { enableCephfsDriver: boolean }).enableCephfsDriver).toBe(false);
  });

  it("preserves data on delete unless deleteData is set", () => {
    const site = siteOf("CephStorage", "ceph");
    const base = { cluster: { clusterName: "main", kind: "existing" }, nodes: NODES, deviceFilter: "^sd[b-z]", objectStore: {} } as unknown as CephStorageArgs;
    const kept = planCephStorage(site, base);
    expect(kept.retainData).toBe(true);
    const dropped = planCephStorage(site, { ...base, deleteData: true });
    expect(dropped.retainData).toBe(false);
    const fs = (plan: typeof kept) => plan.operator.customResources.find((m) => m.kind === "CephFilesystem")!.spec as { preserveFilesystemOnDelete: boolean; preservePoolsOnDelete: boolean };
    const store = (plan: typeof kept) => plan.operator.customResources.find((m) => m.kind === "CephObjectStore")!.spec as { preservePoolsOnDelete: boolean };
    expect([fs(kept).preserveFilesystemOnDelete, fs(kept).preservePoolsOnDelete, store(kept).preservePoolsOnDelete]).toEqual([true, true, true]);
    expect([fs(dropped).preserveFilesystemOnDelete, fs(dropped).preservePoolsOnDelete, store(dropped).preservePoolsOnDelete]).toEqual([false, false, false]);
    // Even then no cleanup policy: wiping disks stays a manual, explicit act.
    expect(dropped.operator.customResources.find((m) => m.kind === "CephCluster")!.spec).not.toHaveProperty("cleanupPolicy");
  });

  it("refuses a single node: replicas need a host each, and at least two", async () => {
    const error = (await renderCeph({ nodes: [{ name: "n1", devices: ["nvme1n1"] }], filesystem: false }).catch((e: Error) => e)) as Error;
    expect(error.message).toContain("blockPool.replicas (3) is more than the 1 storage node(s)");
  });

  it("registers Ceph's objects with retainOnDelete, so pulumi destroy leaves the data", async () => {
    const retained: Record<string, boolean | undefined> = {};
    const watch = () =>
      pulumi.runtime.registerStackTransformation((args) => {
        if (args.type.startsWith("kubernetes:")) retained[args.type.split(":")[2]] = args.opts.retainOnDelete;
        return undefined;
      });
    await render(() => {
      watch();
      new CephStorage("ceph", { cluster: testCluster(), nodes: NODES, deviceFilter: "^sd[b-z]", objectStore: {} });
    });
    expect(retained).toMatchObject({ CephCluster: true, CephBlockPool: true, CephFilesystem: true, CephObjectStore: true });
    // Claims already retain volumes through the class's reclaim policy.
    expect(retained.StorageClass).toBeUndefined();
    await render(() => {
      watch();
      new CephStorage("ceph", { cluster: testCluster(), nodes: NODES, deviceFilter: "^sd[b-z]", deleteData: true });
    });
    expect(retained).toMatchObject({ CephCluster: false, CephBlockPool: false, CephFilesystem: false });
  });

  it("points the chart, Rook's images and Ceph at mirrors for air-gapped sites", async () => {
    const r = await render(() => new CephStorage("ceph", { cluster: testCluster({ imageMirror: "harbor.internal/mirror" }), nodes: NODES, deviceFilter: "^sd[b-z]", chart: { repository: "https://charts.internal/rook", version: "v1.18.2" } }));
    const [chart] = r.charts();
    expect(chart).toMatchObject({ chart: "rook-ceph", version: "v1.18.2", repo: "https://charts.internal/rook" });
    expect(chart.values).toMatchObject({
      image: { repository: "harbor.internal/mirror/rook/ceph" },
      csi: {
        cephcsi: { repository: "harbor.internal/mirror/cephcsi/cephcsi" },
        registrar: { repository: "harbor.internal/mirror/sig-storage/csi-node-driver-registrar" },
        provisioner: { repository: "harbor.internal/mirror/sig-storage/csi-provisioner" },
      },
    });
    expect((r.find("CephCluster", "ceph").spec as { cephVersion: { image: string } }).cephVersion.image).toBe("harbor.internal/mirror/ceph/ceph:v19.2.3");
  });

  it("takes an explicit Ceph image and custom sizes", async () => {
    const r = await renderCeph({ nodes: NODES, deviceFilter: "^sd[b-z]", cephImage: "harbor.internal/ceph/ceph:v19.2.2", resources: { osd: { cpu: "2", memory: "8Gi" } }, dashboard: false, mons: 1, mgrs: 1 });
    const spec = r.find("CephCluster", "ceph").spec as Record<string, Record<string, unknown>>;
    expect(spec.cephVersion.image).toBe("harbor.internal/ceph/ceph:v19.2.2");
    expect(spec.resources.osd).toEqual({ requests: { cpu: "2", memory: "8Gi" }, limits: { memory: "8Gi" } });
    expect(spec.dashboard).toEqual({ enabled: false, ssl: true });
    expect(spec.mon).toEqual({ count: 1, allowMultiplePerNode: false });
    expect(spec.mgr).toEqual({ count: 1, allowMultiplePerNode: false });
  });
});
