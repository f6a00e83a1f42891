export * from "./ceph";
export * from "./backups";
export * from "./databases";
