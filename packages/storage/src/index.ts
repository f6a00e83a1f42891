export * from "./ceph";
export * from "./databases";
