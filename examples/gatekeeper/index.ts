import * as pulumi from "@pulumi/pulumi";
import { gatekeeper } from "./gatekeeper";

const config = new pulumi.Config("gatekeeper");
export = gatekeeper({ platformStack: config.require("platformStack"), redisAddress: config.require("redisAddress") });
