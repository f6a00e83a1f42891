export * from "./args";
export { Logging } from "./logging";
export { planLogging } from "./plan";
export type { LoggingPlan } from "./plan";
export { checkIndexPrefix, parseFluentSize } from "./validate";
