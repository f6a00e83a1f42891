import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { render } from "@slipway/testing";
import { Cluster, NODE_POLICIES, NodePool, NodePoolArgs, POOL_LABEL } from "@slipway/cluster";
import { ADMIN_ROLE, AWS_CONFIG, one, policy, ZONES } from "./support";

const eksCluster = () => new Cluster("main", { kind: "eks", network: { availabilityZones: ZONES }, access: { admins: [ADMIN_ROLE] } });

describe("NodePool on EKS", () => {
  const pool = (args: Partial<NodePoolArgs> = {}, opts?: pulumi.ComponentResourceOptions) => new NodePool("batch", { cluster: eksCluster(), ...args }, opts);
  const spot: Partial<NodePoolArgs> = {
    instanceTypes: ["m6i.xlarge", "m6a.xlarge"],
    capacity: "spot",
    scaling: { min: 1, max: 10, desired: 3 },
    labels: { "example.com/workload": "batch" },
    taints: [{ key: "example.com/batch", value: "true", effect: "NoSchedule" }],
  };

  it("makes a managed node group with the pool's size, capacity, labels and taints", async () => {
    const r = await render(() => pool(spot), { config: AWS_CONFIG });
    const group = one(r, "aws:eks/nodeGroup:NodeGroup", "batch").inputs;
    expect(group).toMatchObject({
      clusterName: "main-test",
      version: "1.33",
      instanceTypes: ["m6i.xlarge", "m6a.xlarge"],
      amiType: "AL2023_x86_64_STANDARD",
      capacityType: "SPOT",
      scalingConfig: { minSize: 1, maxSize: 10, desiredSize: 3 },
      labels: { "example.com/workload": "batch", [POOL_LABEL]: "batch" },
      taints: [{ key: "example.com/batch", value: "true", effect: "NO_SCHEDULE" }],
    });
    const privateSubnets = r.byType("aws:ec2/subnet:Subnet").filter((s) => s.name.startsWith("main-private")).map((s) => s.id);
    expect(group.subnetIds).toEqual(privateSubnets);
    expect(group.diskSize).toBeUndefined();
  });

  it("requires IMDSv2 with hop limit 1 and encrypted gp3 volumes through its launch template", async () => {
    const r = await render(() => pool({ diskSizeGiB: 80 }), { config: AWS_CONFIG });
    const template = one(r, "aws:ec2/launchTemplate:LaunchTemplate", "batch-nodes");
    expect(template.inputs.metadataOptions).toEqual({ httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1, instanceMetadataTags: "disabled" });
    expect(template.inputs.blockDeviceMappings).toEqual([{ deviceName: "/dev/xvda", ebs: { volumeSize: 80, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" } }]);
    expect(one(r, "aws:eks/nodeGroup:NodeGroup", "batch").inputs.launchTemplate).toMatchObject({ id: template.id });
  });

  it("has its own role with the worker, CNI and ECR read-only policies and nothing else", async () => {
    const r = await render(() => pool(), { config: AWS_CONFIG });
    const role = one(r, "aws:iam/role:Role", "batch-node");
    expect(policy(role.inputs.assumeRolePolicy).Statement).toEqual([{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: ["sts:AssumeRole"] }]);
    expect(role.inputs.inlinePolicies).toBeUndefined();
    expect(role.inputs.managedPolicyArns).toBeUndefined();
    const attached = r.byType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter((a) => a.name.startsWith("batch-"));
    expect(attached.map((a) => a.inputs.policyArn)).toEqual(NODE_POLICIES.map((p) => `arn:aws:iam::aws:policy/${p}`));
    expect(new Set(attached.map((a) => a.inputs.role))).toEqual(new Set([role.inputs.name ?? role.id]));
    expect(one(r, "aws:eks/nodeGroup:NodeGroup", "batch").inputs.nodeRoleArn).toBe(`arn:aws:iam::123456789012:role/${role.id}`);
    r.assertChecks({ only: ["W2", "W3"] });
  });

  it("lets an autoscaler own the node count (desired size drift is ignored)", async () => {
    const seen: Record<string, string[] | undefined> = {};
    const record: pulumi.ResourceTransformation = (args) => {
      seen[args.type] = args.opts.ignoreChanges;
      return undefined;
    };
    await render(() => pool({}, { transformations: [record] }), { config: AWS_CONFIG });
    expect(seen["aws:eks/nodeGroup:NodeGroup"]).toEqual(["scalingConfig.desiredSize"]);
  });

  it("picks the arm64 AMI for Graviton instance types", async () => {
    const r = await render(() => pool({ instanceTypes: ["m7g.large", "c7g.xlarge"] }), { config: AWS_CONFIG });
    expect(one(r, "aws:eks/nodeGroup:NodeGroup", "batch").inputs.amiType).toBe("AL2023_ARM_64_STANDARD");
  });

  it("gives apps a placement that selects its nodes and tolerates its taints", async () => {
    let placement: unknown;
    await render(() => {
      placement = pool(spot).placement;
    }, { config: AWS_CONFIG });
    expect(placement).toEqual({
      nodeSelector: { [POOL_LABEL]: "batch" },
      tolerations: [{ key: "example.com/batch", operator: "Equal", value: "true", effect: "NoSchedule" }],
    });
  });
});

describe("NodePool on an existing cluster", () => {
  const existing = () => ({ clusterName: "onprem", kind: "existing" as const, provider: new k8s.Provider("onprem", { kubeconfig: "{}" }) });

  it("labels and taints the named nodes with server-side-apply patches and creates nothing in AWS", async () => {
    const r = await render(() =>
      new NodePool("gpu", { cluster: existing(), nodes: ["node4", "node5"], labels: { "example.com/gpu": "a100" }, taints: [{ key: "example.com/gpu", effect: "NoSchedule" }] }),
    );
    expect(r.cloud()).toEqual([]);
    const patches = r.byType("kubernetes:core/v1:NodePatch");
    expect(patches.map((p) => p.name)).toEqual(["gpu/node4", "gpu/node5"]);
    expect(patches[0].inputs).toEqual({
      apiVersion: "v1",
      kind: "Node",
      metadata: { name: "node4", labels: { "example.com/gpu": "a100", [POOL_LABEL]: "gpu" }, annotations: { "pulumi.com/patchForce": "true" } },
      spec: { taints: [{ key: "example.com/gpu", effect: "NoSchedule" }] },
    });
  });

  it("tolerates a value-less taint with Exists", async () => {
    let placement: unknown;
    await render(() => {
      placement = new NodePool("gpu", { cluster: existing(), nodes: ["node4"], taints: [{ key: "example.com/gpu", effect: "NoExecute" }] }).placement;
    });
    expect(placement).toEqual({ nodeSelector: { [POOL_LABEL]: "gpu" }, tolerations: [{ key: "example.com/gpu", operator: "Exists", effect: "NoExecute" }] });
  });
});
