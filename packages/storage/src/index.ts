export * from "./ceph";
