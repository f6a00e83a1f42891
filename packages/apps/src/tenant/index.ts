export * from "./args";
export * from "./namespace";
export * from "./rbac";
export * from "./network-policies";
export * from "./tenant";
