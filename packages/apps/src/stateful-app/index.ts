export * from "./args";
export * from "./presets";
export * from "./plan";
export * from "./stateful-app";
