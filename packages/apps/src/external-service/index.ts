export * from "./external-service";
