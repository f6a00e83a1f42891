import {
  checkDnsLabel,
  checkImage,
  checkNumber,
  checkOneOf,
  checkPort,
  childName,
  fail,
  formatImage,
  InputSite,
  Manifest,
  OperatorPlan,
  parseImage,
  planOperator,
  withChartValues,
  standardLabels,
  StorageClassHandle,
} from "@slipway/core";
import { rookImageValues } from "./chart";
import { CephStorageArgs } from "./args";
import { planCephCluster } from "./ceph-cluster";
import { planStorageNodes } from "./nodes";
import { FILESYSTEM_DATA_POOL, planBlockPool, planFilesystem, planObjectStore } from "./pools";
import { planResources } from "./resources";
import { ClassPlan, planBlockClass, planFilesystemClass } from "./storage-classes";
import { CEPH_IMAGE, DATA_DIR_HOST_PATH, ROOK_CEPH_CHART } from "./versions";
import { rookOperatorValues } from "./chart";

/** Everything a CephStorage renders, and the facts its outputs are made of. */
export interface CephStoragePlan {
  /**
   * The operator's and cluster's namespace, labelled `privileged` (OSDs need the host's disks), the
   * rook-ceph chart, and Ceph's custom resources, each waiting for the chart's CRDs.
   */
  operator: OperatorPlan;
  storageClasses: Manifest[];
  blockClass: StorageClassHandle;
  filesystemClass?: StorageClassHandle;
  /** In-cluster S3 endpoint of the object store, when there is one. */
  objectStoreEndpoint?: string;
  /** Keep Ceph objects (and so the data) when the component is deleted. */
  retainData: boolean;
}

function checkFlag(site: InputSite, path: string, value: unknown, fallback: boolean): boolean {
  const flag = value ?? fallback;
  if (typeof flag !== "boolean") return fail(site, path, value, "must be true or false");
  return flag;
}

/** Monitors keep quorum by majority: an odd count, each on its own node. */
function checkMons(site: InputSite, value: unknown, nodes: number): number {
  const mons = checkNumber(site, "mons", value, { min: 1, max: 9 });
  if (mons % 2 === 0) fail(site, "mons", mons, "is even; an even count adds no fault tolerance and risks split votes", `use ${mons - 1} or ${mons + 1}`);
  if (mons > nodes) fail(site, "mons", mons, `is more than the ${nodes} storage node(s); monitors need a node each`, "add nodes or lower mons");
  return mons;
}

/** Copies go to distinct hosts (failure domain host), so there cannot be more copies than nodes. */
function checkReplicas(site: InputSite, path: string, value: unknown, nodes: number): number {
  const replicas = checkNumber(site, path, value ?? 3, { min: 2, max: 7 });
  if (replicas > nodes) fail(site, path, replicas, `is more than the ${nodes} storage node(s); each copy needs its own host`, "add nodes or lower replicas");
  return replicas;
}

function checkDataDir(site: InputSite, value: unknown): string {
  const ok = typeof value === "string" && /^\/\S+$/.test(value) && !value.split("/").includes("..") && !value.endsWith("/");
  if (!ok) return fail(site, "dataDirHostPath", value, "is not an absolute host path", `e.g. "${DATA_DIR_HOST_PATH}"`);
  return value as string;
}

function cephImage(site: InputSite, args: CephStorageArgs, mirror: string | undefined): string {
  if (args.cephImage !== undefined) return formatImage(checkImage(site, "cephImage", args.cephImage));
  if (!mirror) return CEPH_IMAGE;
  const pinned = parseImage(CEPH_IMAGE)!;
  return formatImage({ ...pinned, registry: undefined, repository: `${mirror}/${pinned.repository}` });
}

/** The pure plan of a Ceph storage cluster: validated arguments in, manifests and chart values out. */
export function planCephStorage(site: InputSite, args: CephStorageArgs): CephStoragePlan {
  if (!args || typeof args !== "object") return fail(site, "args", args, "must be an object");
  const name = checkDnsLabel(site, "name", site.name, 40);
  if (!args.cluster || typeof args.cluster !== "object") return fail(site, "cluster", args.cluster, "is required", "pass the Cluster Ceph runs on");
  const namespace = checkDnsLabel(site, "namespace", args.namespace ?? "rook-ceph");
  const labels = standardLabels({ name: "ceph", instance: name, component: "storage" });
  const meta = { namespace, labels };
  const operator = planOperator(site, {
    namespace: { name: namespace, level: "privileged", labels },
    // The chart values need the plan's later facts; they are set below.
    chart: { source: ROOK_CEPH_CHART, values: {}, imageValues: rookImageValues },
    overrides: args.chart,
    clusterMirror: args.cluster.imageMirror,
  });
  const chartOverrides = operator.chart.overrides;

  const nodes = planStorageNodes(site, args.nodes, args.deviceFilter);
  const nodeCount = nodes.length;
  const mons = checkMons(site, args.mons ?? (nodeCount >= 3 ? 3 : 1), nodeCount);
  const mgrs = checkNumber(site, "mgrs", args.mgrs ?? Math.min(2, nodeCount), { min: 1, max: 2 });
  if (mgrs > nodeCount) fail(site, "mgrs", mgrs, `is more than the ${nodeCount} storage node(s); managers need a node each`, "lower mgrs");
  const monitoring = checkFlag(site, "monitoring", args.monitoring, false);
  const retainData = !checkFlag(site, "deleteData", args.deleteData, false);
  const reclaimPolicy = checkOneOf(site, "reclaimPolicy", args.reclaimPolicy ?? "Retain", ["Retain", "Delete"] as const);

  const customResources: Manifest[] = [
    planCephCluster({
      name,
      ...meta,
      image: cephImage(site, args, chartOverrides.imageRegistry),
      dataDirHostPath: checkDataDir(site, args.dataDirHostPath ?? DATA_DIR_HOST_PATH),
      mons,
      mgrs,
      nodes,
      dashboard: checkFlag(site, "dashboard", args.dashboard, true),
      monitoring,
      resources: { mon: planResources(site, "mon", args.resources?.mon), mgr: planResources(site, "mgr", args.resources?.mgr), osd: planResources(site, "osd", args.resources?.osd) },
    }),
  ];
  const classPlan = (className: string, path: string): ClassPlan => ({
    className: checkDnsLabel(site, path, className),
    operatorNamespace: namespace,
    clusterNamespace: namespace,
    reclaimPolicy,
    labels,
  });

  const block = args.blockPool ?? {};
  const blockPool = childName(name, "blockpool");
  customResources.push(planBlockPool(blockPool, meta, checkReplicas(site, "blockPool.replicas", block.replicas, nodeCount)));
  const blockClassName = classPlan(block.className ?? childName(name, "block"), "blockPool.className");
  const storageClasses = [planBlockClass(blockClassName, blockPool, checkFlag(site, "blockPool.defaultClass", block.defaultClass, false))];
  const blockClass: StorageClassHandle = { storageClassName: blockClassName.className, accessModes: ["ReadWriteOnce", "ReadWriteOncePod"] };

  let filesystemClass: StorageClassHandle | undefined;
  if (args.filesystem !== false) {
    const fs = args.filesystem ?? {};
    const fsName = childName(name, "fs");
    customResources.push(
      planFilesystem(fsName, meta, {
        replicas: checkReplicas(site, "filesystem.replicas", fs.replicas, nodeCount),
        activeMds: checkNumber(site, "filesystem.activeMds", fs.activeMds ?? 1, { min: 1, max: 8 }),
        preserve: retainData,
        resources: planResources(site, "mds", args.resources?.mds),
      }),
    );
    const fsClass = classPlan(fs.className ?? childName(name, "filesystem"), "filesystem.className");
    if (fsClass.className === blockClass.storageClassName) fail(site, "filesystem.className", fsClass.className, "is the block class's name too", "give each class its own name");
    storageClasses.push(planFilesystemClass(fsClass, fsName, `${fsName}-${FILESYSTEM_DATA_POOL}`));
    filesystemClass = { storageClassName: fsClass.className, accessModes: ["ReadWriteMany", "ReadWriteOnce", "ReadOnlyMany"] };
  }

  let objectStoreEndpoint: string | undefined;
  if (args.objectStore !== undefined) {
    const store = args.objectStore;
    if (typeof store !== "object" || store === null) fail(site, "objectStore", store, "must be an object (or left out)");
    const storeName = childName(name, "objects");
    const port = checkPort(site, "objectStore.port", store.port ?? 80);
    customResources.push(
      planObjectStore(storeName, meta, {
        replicas: checkReplicas(site, "objectStore.replicas", store.replicas, nodeCount),
        gateways: checkNumber(site, "objectStore.gateways", store.gateways ?? 2, { min: 1, max: 20 }),
        port,
        preserve: retainData,
        resources: planResources(site, "rgw", args.resources?.rgw),
      }),
    );
    // Rook serves each store through the Service `rook-ceph-rgw-<store>`.
    objectStoreEndpoint = `http://rook-ceph-rgw-${storeName}.${namespace}.svc:${port}`;
  }

  const chartValues = {
    crds: { enabled: true },
    monitoring: { enabled: monitoring },
    enableDiscoveryDaemon: false,
    csi: { enableRbdDriver: true, enableCephfsDriver: filesystemClass !== undefined },
    // The operators run restricted; only the OSDs and CSI node plugins they start touch the host.
    ...rookOperatorValues(`${name}-operator`),
  };
  return {
    operator: { ...withChartValues(operator, chartValues), customResources },
    storageClasses,
    blockClass,
    filesystemClass,
    objectStoreEndpoint,
    retainData,
  };
}
