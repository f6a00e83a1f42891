export * from "./types";
export * from "./checks";
export { objectRef, cloudRef, parseObjectRef } from "./objects";
export { TENANT_LABEL, PSS_LABEL } from "./stack-index";
export * from "./exemptions";
export * from "./runner";
export * from "./format";
export * from "./secret-leaks";
export * from "./policy";
