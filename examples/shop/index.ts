import * as pulumi from "@pulumi/pulumi";
import { shop } from "./shop";

const config = new pulumi.Config("shop");
const canaryVersion = config.get("canaryVersion");

export = shop({
  platformStack: config.require("platformStack"),
  version: config.require("version"),
  images: config.getObject<Record<string, string>>("images"),
  canary: canaryVersion ? { version: canaryVersion, weight: config.requireNumber("canaryWeight") } : undefined,
  passwords: { mysql: config.getSecret("mysqlPassword"), redis: config.getSecret("redisPassword") },
});
