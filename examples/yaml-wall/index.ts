import * as pulumi from "@pulumi/pulumi";
import { PlatformStack } from "@slipway/apps";
import { yamlWall } from "./yaml-wall";

const config = new pulumi.Config("yaml-wall");
const platformStack = config.get("platformStack");

/** The platform stack is optional: it tells the tenant the cluster's DNS resolver (NodeLocal DNSCache on KubeKey). */
export = (async () => {
  const platform = platformStack ? await PlatformStack.load("platform", { stack: platformStack }) : undefined;
  return yamlWall(config.requireSecret("dbPassword"), { appPassword: config.getSecret("appPassword"), image: config.get("image"), dns: platform?.clusterDns });
})();
