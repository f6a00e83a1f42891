export * from "./ceph";
export * from "./backups";
