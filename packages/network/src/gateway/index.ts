export { ENVOY_GATEWAY_CHART, ENVOY_GATEWAY_CONTROLLER } from "./versions";
export type { GatewayArgs, IngressClassArgs } from "./args";
export { planGateway, HTTP_LISTENER, HTTPS_LISTENER } from "./plan";
export type { GatewayPlan } from "./plan";
export { envoyGatewayValues, envoyGatewayImageValues } from "./values";
export { Gateway } from "./gateway";
