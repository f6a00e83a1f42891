export * from "./args";
export * from "./plan";
export * from "./postgres-operator";
export * from "./versions";
