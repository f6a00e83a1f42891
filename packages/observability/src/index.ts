export * from "./monitoring";
export * from "./logging";
export * from "./cost";
export { KUBE_PROMETHEUS_STACK_CHART, FLUENT_BIT_CHART, OPENCOST_CHART } from "./versions";
