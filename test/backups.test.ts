import * as k8s from "@pulumi/kubernetes";
import { StatefulApp, Tenant } from "@slipway/apps";
import { claimsOf, uncoveredClaims } from "@slipway/checks";
import { BackupPolicyArgs, ClusterHandle } from "@slipway/core";
import { Backups, cephSnapshotSources, CephStorage } from "@slipway/storage";
import { CHART_ANNOTATION, render, Rendered, renderCharts } from "@slipway/testing";
import { EXAMPLES, renderExampleOn } from "./examples.support";
import { CHARTS_DIR, helmForTests } from "./helm.support";
import { CRD_DIR, renderStack } from "./stacks.support";

const helm = helmForTests();
const withHelm = helm ? describe : describe.skip;

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

describe("the platform stacks back up every tenant", () => {
  let local: Rendered;
  beforeAll(async () => {
    local = await renderStack("local");
  });

  it("local: Velero on a Ceph RGW bucket, a Schedule per tenant, the shop's own", () => {
    expect(local.find("BackupStorageLocation", "default", "velero").spec).toMatchObject({ config: { s3Url: "http://rook-ceph-rgw-ceph-objects.rook-ceph.svc:80" } });
    const schedules = Object.fromEntries(local.filter("Schedule").map((s) => [s.metadata.name, s.spec as { schedule: string; template: { ttl: string } }]));
    expect(Object.keys(schedules).sort()).toEqual(["billing", "payments", "security", "shop"]);
    expect(schedules.shop).toMatchObject({ schedule: "0 */6 * * *", template: { ttl: "168h0m0s", includedNamespaces: ["shop"] } });
    expect(schedules.billing).toMatchObject({ schedule: "0 2 * * *", template: { ttl: "720h0m0s", includedNamespaces: ["billing"] } });
  });

  it("local: every claim of the shop example, rendered on the platform, is covered by a schedule", async () => {
    const shop = EXAMPLES.find((e) => e.name === "shop")!;
    const team = await renderExampleOn(shop, "local", local);
    const claims = claimsOf(team.manifests());
    expect(claims.length).toBeGreaterThan(0);
    expect(uncoveredClaims([...local.manifests(), ...team.manifests()])).toEqual([]);
  });

  it("prod: an S3 bucket Velero reaches through its own role, snapshots of gp3 through EBS CSI", async () => {
    const prod = await renderStack("prod");
    expect(prod.cloud().filter((c) => c.type === "aws:s3/bucket:Bucket").map((b) => b.inputs.bucket)).toEqual([expect.stringMatching(/^slipway-prod-backups-[0-9a-f]{6}$/)]);
    expect(prod.find("VolumeSnapshotClass", "gp3-snapshots").driver).toBe("ebs.csi.aws.com");
    expect(prod.filter("Schedule")).toHaveLength(4);
    expect(prod.check()).toEqual([]);
  });
});

withHelm("Velero's chart objects, rendered by helm template", () => {
  it("pass every check, in a restricted namespace, with no exemption", async () => {
    const program = await renderStack("local");
    const { rendered } = renderCharts(program, { chartsDir: CHARTS_DIR, helm: helm! });
    const velero = rendered.manifests().filter((m) => m.metadata.namespace === "velero" && m.metadata.annotations?.[CHART_ANNOTATION] === "velero@12.1.0");
    expect(velero.map((m) => `${m.kind}/${m.metadata.name}`)).toEqual(expect.arrayContaining(["Deployment/velero", "ServiceAccount/velero-server"]));
    expect(rendered.check({ exemptions: [] }).filter((v) => v.object.includes(" velero/"))).toEqual([]);
    // CSI snapshots only: no node agent, so nothing touches the host.
    expect(rendered.manifests().filter((m) => m.kind === "DaemonSet" && m.metadata.namespace === "velero")).toEqual([]);
  }, 300_000);
});
