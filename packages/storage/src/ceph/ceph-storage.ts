import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { installOperator, PlatformMetrics, registerManifests, siteOf, SlipwayComponent, StorageClassHandle } from "@slipway/core";
import { CephStorageArgs } from "./args";
import { cephPlatformMetrics } from "./metrics";
import { planCephStorage } from "./plan";

/**
 * Ceph on Rook: the operator from its pinned chart, a CephCluster, a replicated block pool with an
 * RBD StorageClass, CephFS with a ReadWriteMany class, and optionally an S3 object store. Ceph's
 * objects outlive the component (and volumes their claims) unless `deleteData` / `reclaimPolicy` say so.
 */
export class CephStorage extends SlipwayComponent {
  /** The RBD block class (ReadWriteOnce): give it to StatefulApp, MonitoringStack or Registry. */
  readonly blockClass: StorageClassHandle;
  /** The CephFS class (ReadWriteMany), unless the filesystem was turned off. */
  readonly filesystemClass?: StorageClassHandle;
  /** In-cluster S3 endpoint, when an object store was asked for. */
  readonly objectStoreEndpoint?: string;
  /** Namespace of the Rook operator and the Ceph cluster. */
  readonly namespace: string;
  /** The rook-ceph chart; anything that needs Rook's CRDs can depend on it. */
  readonly chart: k8s.helm.v4.Chart;
  /** The mgr and ceph-exporter targets, alerts and dashboard for a MonitoringStack's `platformMetrics`. */
  readonly platformMetrics: PlatformMetrics;

  constructor(name: string, args: CephStorageArgs, opts?: pulumi.ComponentResourceOptions) {
    const plan = planCephStorage(siteOf("CephStorage", name), args);
    super("storage", "CephStorage", name, opts);
    const provider = args.cluster.provider;
    this.namespace = plan.operator.namespaceName;
    // `pulumi destroy` leaves Ceph's objects (and so pools and filesystems) in place unless deleteData.
    this.chart = installOperator(name, plan.operator, { parent: this, provider }, { retainOnDelete: plan.retainData }).chart;
    registerManifests(name, plan.storageClasses, this.childOptions({ provider }));
    this.blockClass = plan.blockClass;
    this.filesystemClass = plan.filesystemClass;
    this.objectStoreEndpoint = plan.objectStoreEndpoint;
    this.platformMetrics = cephPlatformMetrics(name, this.namespace);
    this.done({ namespace: this.namespace, blockClass: this.blockClass, filesystemClass: this.filesystemClass, objectStoreEndpoint: this.objectStoreEndpoint });
  }
}
