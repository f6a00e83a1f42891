export * from "./args";
export * from "./schedule";
export * from "./plan";
export * from "./job";
