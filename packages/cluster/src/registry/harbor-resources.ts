import * as pulumi from "@pulumi/pulumi";
import { harborProjectProvider, harborRobotProvider, HarborRobotPermission } from "./harbor-provider";

interface ConnectionArgs {
  url: pulumi.Input<string>;
  username: pulumi.Input<string>;
  password: pulumi.Input<string>;
}

/** A Harbor project, managed through Harbor's API. */
export class HarborProject extends pulumi.dynamic.Resource {
  declare readonly projectId: pulumi.Output<number>;
  declare readonly name: pulumi.Output<string>;

  constructor(name: string, args: ConnectionArgs & { name: pulumi.Input<string>; public: pulumi.Input<boolean> }, opts?: pulumi.CustomResourceOptions) {
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
