export * from "./args";
export { planOpenCost } from "./plan";
export type { OpenCostContext, OpenCostPlan } from "./plan";
export { installOpenCost } from "./install";
