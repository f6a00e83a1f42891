export * from "./args";
export * from "./versions";
export { planCephStorage } from "./plan";
export type { CephStoragePlan } from "./plan";
export { checkDeviceFilter } from "./nodes";
export { DEFAULT_RESOURCES } from "./resources";
export { cephPlatformMetrics, rookPods, CEPH_MGR_METRICS_PORT, CEPH_EXPORTER_METRICS_PORT } from "./metrics";
export { CephStorage } from "./ceph-storage";
