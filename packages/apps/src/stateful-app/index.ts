export * from "./args";
export * from "./presets";
export * from "./plan";
export * from "./stateful-app";
export * from "./postgres-args";
export { POSTGRES_IMAGES, CNPG_CLUSTER_LABEL, CNPG_OPERATOR_NAMESPACE, CNPG_OPERATOR_POD_LABELS } from "./postgres-plan";
