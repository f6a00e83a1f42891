export * from "./args";
export type { MonitoringHandle } from "./handle";
export { MonitoringStack } from "./monitoring-stack";
export { planMonitoringStack } from "./plan";
export type { MonitoringPlan } from "./plan";
export { checkPromQL } from "./promql";
