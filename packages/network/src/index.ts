export * from "./calico";
export * from "./gateway";
export * from "./connections";
