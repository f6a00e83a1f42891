export * from "./args";
export * from "./versions";
export { planCephStorage } from "./plan";
export type { CephStoragePlan } from "./plan";
export { checkDeviceFilter } from "./nodes";
export { DEFAULT_RESOURCES } from "./resources";
export { CephStorage } from "./ceph-storage";
