export * from "./env";
export * from "./ports";
export * from "./volumes";
export * from "./resources";
export * from "./probes";
export * from "./container";
export * from "./pod";
