export * from "./tenant-ref";
export * from "./tenant";
export * from "./stateful-app";
export * from "./external-service";
export * from "./connectable";
export * from "./app-ref";
export * from "./platform-stack";
export * from "./app-service/args";
export * from "./app-service/plan";
export * from "./app-service/app-service";
export * from "./workload/args";
export { runAsProfile } from "./workload/plan";
export * from "./worker";
export * from "./job";
/** kubernetesx-compatible builders: `import { kx } from "@slipway/apps"`. */
export * as kx from "./kx";
export * from "./fleet-export";
