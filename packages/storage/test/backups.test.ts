import * as pulumi from "@pulumi/pulumi";
import { ClusterHandle } from "@slipway/core";
import { Backups, BackupsArgs, cephSnapshotSources, CephStorage, ebsSnapshotSources } from "@slipway/storage";
import { render, Rendered } from "@slipway/testing";
import { CRD_DIR, NODES, testCluster } from "./support";

const OIDC = { providerArn: "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC", issuerUrl: "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC" };
const GP3 = { storageClassName: "gp3", accessModes: ["ReadWriteOnce" as const] };

function eksCluster(): ClusterHandle & { storageClass: typeof GP3 } {
  return { ...testCluster({ kind: "eks", region: "eu-west-1", oidc: OIDC }), storageClass: GP3 };
}

/** Velero on Ceph's object store, with snapshot classes for Ceph's RBD and CephFS classes. */
function renderOnCeph(extra: Partial<BackupsArgs> = {}): Promise<Rendered> {
  return render(() => {
    const cluster = testCluster();
    const ceph = new CephStorage("ceph", { cluster, nodes: NODES, deviceFilter: "^sd[b-z]", objectStore: {} });
    new Backups("backups", { cluster, store: { kind: "ceph", ceph }, snapshotClasses: cephSnapshotSources(ceph), ...extra });
  });
}

describe("Backups on Ceph (on-prem)", () => {
  let r: Rendered;
  beforeAll(async () => {
    r = await renderOnCeph();
  });
  const velero = () => r.charts().find((c) => c.chart === "velero")!;

  it("installs the pinned velero chart in its own restricted namespace, with CSI snapshots and no node agent", () => {
    expect(velero()).toMatchObject({ chart: "velero", version: "12.1.0", repo: "https://vmware-tanzu.github.io/helm-charts", namespace: "velero" });
    expect(r.find("Namespace", "velero").metadata.labels).toMatchObject({ "pod-security.kubernetes.io/enforce": "restricted", "pod-security.kubernetes.io/audit": "restricted" });
    expect(velero().values).toMatchObject({
      deployNodeAgent: false,
      upgradeCRDs: false,
      configuration: { features: "EnableCSI", defaultSnapshotMoveData: false, backupStorageLocation: [], volumeSnapshotLocation: [] },
      // Rook writes the bucket user's keys into a Secret named like the claim; Velero reads them from its environment.
      credentials: { useSecret: false, extraSecretRef: "backups-bucket" },
      podSecurityContext: { runAsNonRoot: true, runAsUser: 65532 },
      containerSecurityContext: { readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
      initContainers: [{ name: "velero-plugin-for-aws", image: "velero/velero-plugin-for-aws:v1.14.4" }],
    });
  });

  it("renders one labelled, retained VolumeSnapshotClass per Ceph class, with Rook's snapshotter secret", () => {
    const classes = r.filter("VolumeSnapshotClass");
    expect(classes.map((c) => [c.metadata.name, c.driver, c.deletionPolicy, c.metadata.labels?.["velero.io/csi-volumesnapshot-class"]])).toEqual([
      ["ceph-block-snapshots", "rook-ceph.rbd.csi.ceph.com", "Retain", "true"],
      ["ceph-filesystem-snapshots", "rook-ceph.cephfs.csi.ceph.com", "Retain", "true"],
    ]);
    expect(classes[1].parameters).toEqual({
      clusterID: "rook-ceph",
      "csi.storage.k8s.io/snapshotter-secret-name": "rook-csi-cephfs-provisioner",
      "csi.storage.k8s.io/snapshotter-secret-namespace": "rook-ceph",
    });
    // Each class's driver is the provisioner of the StorageClass it snapshots.
    expect(r.find("StorageClass", "ceph-filesystem").provisioner).toBe(classes[1].driver);
  });

  it("claims a bucket in Ceph's object store and points the storage location at the gateway", () => {
    expect(r.find("StorageClass", "backups-buckets")).toMatchObject({
      provisioner: "rook-ceph.ceph.rook.io/bucket",
      reclaimPolicy: "Retain",
      parameters: { objectStoreName: "ceph-objects", objectStoreNamespace: "rook-ceph" },
    });
    expect(r.find("ObjectBucketClaim", "backups-bucket", "velero").spec).toEqual({ bucketName: "backups-velero", storageClassName: "backups-buckets" });
    expect(r.find("BackupStorageLocation", "default", "velero").spec).toEqual({
      provider: "aws",
      default: true,
      accessMode: "ReadWrite",
      objectStorage: { bucket: "backups-velero", prefix: "velero" },
      config: { region: "us-east-1", s3ForcePathStyle: "true", s3Url: "http://rook-ceph-rgw-ceph-objects.rook-ceph.svc:80" },
    });
  });

  it("validates against the upstream CRDs and passes every check", () => {
    expect(r.validate({ crdDirs: [CRD_DIR] })).toEqual([]);
    expect(r.check()).toEqual([]);
  });

  it("keeps the bucket, its claim and the snapshot classes on delete unless asked", async () => {
    const retained = async (extra: Partial<BackupsArgs>) => {
      const seen: Record<string, boolean | undefined> = {};
      await render(() => {
        pulumi.runtime.registerStackTransformation((args) => {
          if (["ObjectBucketClaim", "VolumeSnapshotClass", "StorageClass"].includes(args.type.split(":")[2]) && args.name.startsWith("backups")) seen[args.type.split(":")[2]] = args.opts.retainOnDelete;
          return undefined;
        });
        const cluster = testCluster();
        const ceph = new CephStorage("ceph", { cluster, nodes: NODES, deviceFilter: "^sd[b-z]", objectStore: {} });
        new Backups("backups", { cluster, store: { kind: "ceph", ceph }, snapshotClasses: cephSnapshotSources(ceph), ...extra });
      });
      return seen;
    };
    expect(await retained({})).toEqual({ ObjectBucketClaim: true, VolumeSnapshotClass: true, StorageClass: true });
    expect(await retained({ retainOnDelete: false })).toEqual({ ObjectBucketClaim: false, VolumeSnapshotClass: false, StorageClass: false });
  });

  it("pulls Velero and its plugin from the cluster's mirror", async () => {
    const mirrored = await render(() => {
      const cluster = testCluster({ imageMirror: "harbor.internal/mirror" });
      const ceph = new CephStorage("ceph", { cluster, nodes: NODES, deviceFilter: "^sd[b-z]", objectStore: {} });
      new Backups("backups", { cluster, store: { kind: "ceph", ceph }, snapshotClasses: cephSnapshotSources(ceph) });
    });
    const values = mirrored.charts().find((c) => c.chart === "velero")!.values as { image: { repository: string }; initContainers: { image: string }[] };
    expect(values.image.repository).toBe("harbor.internal/mirror/velero/velero");
    expect(values.initContainers[0].image).toBe("harbor.internal/mirror/velero/velero-plugin-for-aws:v1.14.4");
  });
});

describe("Backups on S3 (EKS)", () => {
  let r: Rendered;
  let bucketRetained: boolean | undefined;
  beforeAll(async () => {
    r = await render(() => {
      pulumi.runtime.registerStackTransformation((args) => {
        if (args.type === "aws:s3/bucket:Bucket") bucketRetained = args.opts.retainOnDelete;
        return undefined;
      });
      const cluster = eksCluster();
      new Backups("backups", { cluster, store: { kind: "s3", bucketName: "acme-prod-backups" }, snapshotClasses: ebsSnapshotSources(cluster), defaults: { retention: "14d" } });
    });
  });
  const cloud = (type: string) => r.cloud().filter((c) => c.type === type);

  it("snapshots gp3 volumes through the EBS CSI driver", () => {
    expect(r.filter("VolumeSnapshotClass").map((c) => [c.metadata.name, c.driver, c.deletionPolicy])).toEqual([["gp3-snapshots", "ebs.csi.aws.com", "Retain"]]);
  });

  it("creates a versioned, KMS-encrypted, private bucket that is kept on delete, with versions expiring after the retention", () => {
    expect(cloud("aws:s3/bucket:Bucket").map((b) => b.inputs)).toEqual([expect.objectContaining({ bucket: "acme-prod-backups", forceDestroy: false })]);
    expect(bucketRetained).toBe(true);
    expect(cloud("aws:s3/bucketVersioning:BucketVersioning")[0].inputs).toMatchObject({ versioningConfiguration: { status: "Enabled" } });
    expect(cloud("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration")[0].inputs).toMatchObject({ rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } }] });
    expect(cloud("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock")[0].inputs).toMatchObject({ blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
    const lifecycle = cloud("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration")[0].inputs as { rules: { noncurrentVersionExpiration?: { noncurrentDays: number } }[] };
    expect(lifecycle.rules[0].noncurrentVersionExpiration).toEqual({ noncurrentDays: 14 });
  });

  it("gives Velero's ServiceAccount a role allowed this bucket only", () => {
    const policy = JSON.parse(cloud("aws:iam/rolePolicy:RolePolicy")[0].inputs.policy as string) as { Statement: { Action: string[]; Resource: string[] }[] };
    expect(policy.Statement.flatMap((s) => s.Resource).sort()).toEqual(["arn:aws:s3:::acme-prod-backups", "arn:aws:s3:::acme-prod-backups/*"]);
    const trust = JSON.parse(cloud("aws:iam/role:Role")[0].inputs.assumeRolePolicy as string);
    expect(JSON.stringify(trust)).toContain("system:serviceaccount:velero:velero-server");
    const values = r.charts()[0].values as { serviceAccount: { server: { name: string; annotations: Record<string, string> } }; credentials: object };
    expect(values.serviceAccount.server.name).toBe("velero-server");
    expect(values.serviceAccount.server.annotations["eks.amazonaws.com/role-arn"]).toMatch(/^arn:aws:iam::123456789012:role\//);
    expect(values.credentials).toEqual({ useSecret: false });
  });

  it("writes to the bucket in the cluster's region, validates and passes every check", () => {
    expect(r.find("BackupStorageLocation", "default", "velero").spec).toMatchObject({ objectStorage: { bucket: "acme-prod-backups" }, config: { region: "eu-west-1" } });
    expect(r.validate({ crdDirs: [CRD_DIR] })).toEqual([]);
    expect(r.check()).toEqual([]);
  });

  it("grants use of a customer-managed key when one encrypts the bucket", async () => {
    const key = "arn:aws:kms:eu-west-1:123456789012:key/backups";
    const keyed = await render(() => {
      const cluster = eksCluster();
      new Backups("backups", { cluster, store: { kind: "s3", kmsKeyArn: key }, snapshotClasses: ebsSnapshotSources(cluster) });
    });
    const sse = keyed.cloud().find((c) => c.type.endsWith("BucketServerSideEncryptionConfiguration"))!.inputs;
    expect(sse).toMatchObject({ rules: [{ applyServerSideEncryptionByDefault: { kmsMasterKeyId: key } }] });
    const policy = keyed.cloud().find((c) => c.type === "aws:iam/rolePolicy:RolePolicy")!.inputs.policy as string;
    expect(JSON.parse(policy).Statement).toContainEqual({ Effect: "Allow", Action: ["kms:GenerateDataKey", "kms:Decrypt"], Resource: [key] });
    // Without a name the bucket gets a deterministic one from the stack, component and cluster.
    expect(keyed.cloud().find((c) => c.type === "aws:s3/bucket:Bucket")!.inputs.bucket).toMatch(/^slipway-test-backups-[0-9a-f]{6}$/);
  });
});
