export * from "./pod-builder";
export * from "./resources";
export * from "./workloads";
