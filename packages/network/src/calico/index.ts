export * from "./args";
export * from "./versions";
export { planCalico } from "./plan";
export type { CalicoPlan } from "./plan";
export { planIpPools } from "./ip-pools";
export { TENANT_NAMESPACE_LABEL, NETWORK_SET_LABEL, TENANT_DEFAULT_DENY_ORDER } from "./policies";
export { calicoPlatformMetrics, CALICO_NODE_POD, CALICO_TYPHA_POD } from "./metrics";
export { Calico } from "./calico";
