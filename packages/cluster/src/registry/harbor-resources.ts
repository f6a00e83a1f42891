import * as pulumi from "@pulumi/pulumi";
import { harborEndpointProvider, harborProjectProvider, harborReplicationProvider, harborRobotProvider, HarborRobotPermission } from "./harbor-provider";

interface ConnectionArgs {
  url: pulumi.Input<string>;
  username: pulumi.Input<string>;
  password: pulumi.Input<string>;
}

/** A Harbor project, managed through Harbor's API. */
export class HarborProject extends pulumi.dynamic.Resource {
  declare readonly projectId: pulumi.Output<number>;
  declare readonly name: pulumi.Output<string>;

  constructor(name: string, args: ConnectionArgs & { name: pulumi.Input<string>; public: pulumi.Input<boolean>; registryId?: pulumi.Input<number> }, opts?: pulumi.CustomResourceOptions) {
    super(harborProjectProvider, name, { projectId: undefined, ...args }, opts, "harbor", "Project");
  }
}

/** A Harbor robot account; its secret is a Pulumi secret. */
export class HarborRobot extends pulumi.dynamic.Resource {
  declare readonly robotId: pulumi.Output<number>;
  declare readonly fullName: pulumi.Output<string>;
  declare readonly secret: pulumi.Output<string>;

  constructor(
    name: string,
    args: ConnectionArgs & { name: pulumi.Input<string>; description: pulumi.Input<string>; level: "system" | "project"; permissions: HarborRobotPermission[] },
    opts?: pulumi.CustomResourceOptions,
  ) {
    super(harborRobotProvider, name, { robotId: undefined, fullName: undefined, secret: undefined, ...args }, { ...opts, additionalSecretOutputs: ["secret"] }, "harbor", "Robot");
  }
}

/** A registry endpoint in Harbor: a remote Harbor to replicate to, or an upstream a proxy-cache project pulls from. */
export class HarborEndpoint extends pulumi.dynamic.Resource {
  declare readonly registryId: pulumi.Output<number>;

  constructor(
    name: string,
    args: ConnectionArgs & { name: pulumi.Input<string>; type: pulumi.Input<string>; endpointUrl: pulumi.Input<string>; accessKey?: pulumi.Input<string>; accessSecret?: pulumi.Input<string> },
    opts?: pulumi.CustomResourceOptions,
  ) {
    super(harborEndpointProvider, name, { registryId: undefined, ...args }, { ...opts, additionalSecretOutputs: ["accessSecret"] }, "harbor", "Endpoint");
  }
}

/** A Harbor replication policy pushing a project's repositories to an endpoint. */
export class HarborReplication extends pulumi.dynamic.Resource {
  declare readonly policyId: pulumi.Output<number>;

  constructor(
    name: string,
    args: ConnectionArgs & { name: pulumi.Input<string>; destRegistryId: pulumi.Input<number>; filter: pulumi.Input<string>; cron?: pulumi.Input<string>; deletion: pulumi.Input<boolean> },
    opts?: pulumi.CustomResourceOptions,
  ) {
    super(harborReplicationProvider, name, { policyId: undefined, ...args }, opts, "harbor", "Replication");
  }
}
