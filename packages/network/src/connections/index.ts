export * from "./endpoint";
export * from "./plan";
export * from "./connection";
export * from "./consent";
