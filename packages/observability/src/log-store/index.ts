export * from "./args";
export * from "./plan";
export * from "./log-store";
export { OPENSEARCH_OPERATOR_CHART, OPENSEARCH_VERSION } from "./versions";
