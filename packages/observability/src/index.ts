export * from "./monitoring";
export * from "./logging";
export * from "./log-store";
export { KUBE_PROMETHEUS_STACK_CHART, FLUENT_BIT_CHART } from "./versions";
