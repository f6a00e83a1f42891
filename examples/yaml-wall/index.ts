import * as pulumi from "@pulumi/pulumi";
import { yamlWall } from "./yaml-wall";

const config = new pulumi.Config("yaml-wall");
export = yamlWall(config.requireSecret("dbPassword"), { appPassword: config.getSecret("appPassword"), image: config.get("image") });
