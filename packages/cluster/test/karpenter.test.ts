import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Manifest } from "@slipway/core";
import { inputErrorMismatches, render, Rendered, renderError } from "@slipway/testing";
import {
  Cluster,
  controllerPolicy,
  DISCOVERY_TAG,
  INTERRUPTION_EVENTS,
  IRSA_ROLE_ANNOTATION,
  Karpenter,
  KarpenterArgs,
  NODE_POLICIES,
  NodePool,
  NodePoolArgs,
  POOL_LABEL,
  pricingRegion,
  REGIONAL_READ_ACTIONS,
  Registry,
} from "@slipway/cluster";
import { ADMIN_ROLE, AWS_CONFIG, at, CRD_DIR, one, policy, PolicyDocument, ZONES } from "./support";

const EKS_NAME = "main-test";
const eksCluster = () => new Cluster("main", { kind: "eks", network: { availabilityZones: ZONES }, access: { admins: [ADMIN_ROLE] } });

/** An EKS cluster with a fixed system group, Karpenter, and an autoscaled pool "apps". */
function platform(pool: Partial<NodePoolArgs> = {}, karpenter: Partial<KarpenterArgs> = {}, transformations: pulumi.ResourceTransformation[] = []) {
  return () => {
    const cluster = eksCluster();
    new NodePool("system", { cluster, scaling: { min: 2, max: 2 } }, { transformations });
    const autoscaler = new Karpenter("autoscaler", { cluster, ...karpenter });
    return new NodePool("apps", { cluster, autoscaler, ...pool }, { transformations });
  };
}

const spotArm: Partial<NodePoolArgs> = {
  capacity: "spot",
  instanceFamilies: ["m7g", "c7g"],
  labels: { "example.com/tier": "web" },
  taints: [{ key: "example.com/spot", effect: "NoSchedule" }],
  scaling: { max: 20 },
  limits: { cpu: "64", memory: "256Gi" },
  disruption: { budget: "10%", consolidateAfter: "10m" },
};

const statement = (doc: PolicyDocument, sid: string) => {
  const found = doc.Statement.find((s) => s.Sid === sid);
  if (!found) throw new Error(`no statement ${sid}: ${doc.Statement.map((s) => s.Sid).join(", ")}`);
  return found;
};
const asList = (value: string | string[] | undefined) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

describe("Karpenter on EKS", () => {
  let r: Rendered;
  beforeAll(async () => {
    r = await render(platform(spotArm), { config: AWS_CONFIG });
  });
  const controllerDoc = () => policy(one(r, "aws:iam/policy:Policy", "autoscaler-controller").inputs.policy);
  const queue = () => one(r, "aws:sqs/queue:Queue", "autoscaler-interruption");
  const nodeRole = () => one(r, "aws:iam/role:Role", "autoscaler-node");
  const profile = () => one(r, "aws:iam/instanceProfile:InstanceProfile", "autoscaler-node");

  describe("the controller's IAM policy", () => {
    it("scopes every EC2 write to resources tagged for this cluster and a Karpenter node pool", () => {
      const doc = controllerDoc();
      const writes = doc.Statement.filter((s) => asList(s.Action).some((a) => /^ec2:(Create|Run|Terminate|Delete)/.test(a)));
      expect(writes.map((s) => s.Sid)).toEqual([
        "AllowScopedEC2InstanceAccessActions",
        "AllowScopedEC2LaunchTemplateAccessActions",
        "AllowScopedEC2InstanceActionsWithTags",
        "AllowScopedResourceCreationTagging",
        "AllowScopedResourceTagging",
        "AllowScopedDeletion",
      ]);
      for (const s of writes.slice(1)) {
        const equals = { ...s.Condition?.StringEquals };
        const ownership = equals[`aws:ResourceTag/kubernetes.io/cluster/${EKS_NAME}`] ?? equals[`aws:RequestTag/kubernetes.io/cluster/${EKS_NAME}`];
        expect([s.Sid, ownership]).toEqual([s.Sid, "owned"]);
        expect(Object.keys(s.Condition?.StringLike ?? {}).some((k) => k.endsWith("/karpenter.sh/nodepool"))).toBe(true);
        for (const resource of asList(s.Resource)) expect(resource).toMatch(/^arn:aws:ec2:eu-west-1:\*:[a-z-]+\/\*$/);
      }
      // Launching may use any image, snapshot, subnet or group of the region, never an instance or volume unscoped.
      expect(asList(writes[0].Resource).every((arn) => /:(image|snapshot|security-group|subnet|capacity-reservation)\/\*$/.test(arn))).toBe(true);
      expect(statement(doc, "AllowScopedEC2InstanceActionsWithTags").Condition?.StringEquals).toMatchObject({ "aws:RequestTag/eks:eks-cluster-name": EKS_NAME });
      expect(statement(doc, "AllowScopedResourceCreationTagging").Condition?.StringEquals?.["ec2:CreateAction"]).toEqual(["RunInstances", "CreateFleet", "CreateLaunchTemplate"]);
      expect(statement(doc, "AllowScopedResourceTagging").Condition?.["ForAllValues:StringEquals"]).toEqual({ "aws:TagKeys": ["eks:eks-cluster-name", "karpenter.sh/nodeclaim", "Name"] });
    });

    it("names the queue, node role, instance profile and cluster by ARN, and reads only in the cluster's region", () => {
      const doc = controllerDoc();
      expect(statement(doc, "AllowInterruptionQueueActions")).toMatchObject({ Action: ["sqs:DeleteMessage", "sqs:GetQueueUrl", "sqs:ReceiveMessage"], Resource: [`arn:aws:sqs:eu-west-1:123456789012:${EKS_NAME}`] });
      expect(statement(doc, "AllowPassingInstanceRole")).toEqual({
        Sid: "AllowPassingInstanceRole",
        Effect: "Allow",
        Action: ["iam:PassRole"],
        Resource: [`arn:aws:iam::123456789012:role/${nodeRole().id}`],
        Condition: { StringEquals: { "iam:PassedToService": "ec2.amazonaws.com" } },
      });
      expect(statement(doc, "AllowInstanceProfileReadActions").Resource).toEqual([`arn:aws:iam::123456789012:instance-profile/${profile().id}`]);
      expect(statement(doc, "AllowAPIServerEndpointDiscovery")).toMatchObject({ Action: ["eks:DescribeCluster"], Resource: [`arn:aws:eks:eu-west-1:123456789012:cluster/${EKS_NAME}`] });
      expect(statement(doc, "AllowRegionalReadActions")).toMatchObject({ Action: REGIONAL_READ_ACTIONS, Resource: ["*"], Condition: { StringEquals: { "aws:RequestedRegion": "eu-west-1" } } });
      expect(statement(doc, "AllowSSMReadActions").Resource).toEqual(["arn:aws:ssm:eu-west-1::parameter/aws/service/eks/optimized-ami/*"]);
      // eu-* regions price through Frankfurt's Price List endpoint (Karpenter's pricing client).
      expect(statement(doc, "AllowPricingReadActions").Condition).toEqual({ StringEquals: { "aws:RequestedRegion": "eu-central-1" } });
    });

    it("allows only named actions, nothing on * without a condition but listing, and no instance-profile management", () => {
      const doc = controllerDoc();
      const actions = doc.Statement.flatMap((s) => asList(s.Action));
      expect(actions.filter((a) => a.includes("*"))).toEqual([]);
      const everywhere = doc.Statement.filter((s) => asList(s.Resource).includes("*"));
      expect(everywhere.map((s) => s.Sid)).toEqual(["AllowRegionalReadActions", "AllowPricingReadActions", "AllowUnscopedInstanceProfileListAction"]);
      for (const s of everywhere.filter((s) => !asList(s.Action).every((a) => a.includes(":List")))) expect([s.Sid, s.Condition]).toEqual([s.Sid, expect.any(Object)]);
      expect(actions.filter((a) => /^iam:(Create|Delete|Tag|AddRole|RemoveRole)/.test(a))).toEqual([]);
      expect(doc.Statement.every((s) => s.Effect === "Allow")).toBe(true);
    });

    it("is attached to one workload identity trusted by exactly the controller's ServiceAccount", () => {
      const role = one(r, "aws:iam/role:Role", "autoscaler-controller");
      const trust = policy(role.inputs.assumeRolePolicy).Statement[0];
      expect(Object.values(trust.Condition!.StringEquals)).toEqual(["system:serviceaccount:karpenter:karpenter", "sts.amazonaws.com"]);
      const attachment = one(r, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "autoscaler-controller-0");
      expect(attachment.inputs.policyArn).toBe(`arn:aws:iam::123456789012:policy/${one(r, "aws:iam/policy:Policy", "autoscaler-controller").id}`);
      expect(attachment.inputs.role).toBe(role.inputs.name ?? role.id);
    });

    it("prices through the endpoint Karpenter calls for each region family", () => {
      expect(["us-west-2", "ap-northeast-1", "eu-north-1", "cn-north-1", "sa-east-1"].map(pricingRegion)).toEqual(["us-east-1", "ap-south-1", "eu-central-1", "cn-northwest-1", "us-east-1"]);
      const doc = JSON.parse(controllerPolicy({ partition: "aws", region: "ap-southeast-2", eksName: "x", clusterArn: "c", queueArn: "q", nodeRoleArn: "n", instanceProfileArn: "p" })) as PolicyDocument;
      expect(statement(doc, "AllowPricingReadActions").Condition?.StringEquals).toEqual({ "aws:RequestedRegion": "ap-south-1" });
    });
  });

  describe("nodes", () => {
    it("have their own role with only the node policies, an instance profile and an EC2_LINUX access entry", () => {
      const role = nodeRole();
      expect(policy(role.inputs.assumeRolePolicy).Statement).toEqual([{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: ["sts:AssumeRole"] }]);
      const attached = r.byType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter((a) => a.inputs.role === (role.inputs.name ?? role.id));
      expect(attached.map((a) => a.inputs.policyArn)).toEqual(NODE_POLICIES.map((p) => `arn:aws:iam::aws:policy/${p}`));
      expect(profile().inputs.role).toBe(role.inputs.name ?? role.id);
      const entry = one(r, "aws:eks/accessEntry:AccessEntry", "autoscaler-node");
      expect(entry.inputs).toMatchObject({ clusterName: EKS_NAME, type: "EC2_LINUX", principalArn: `arn:aws:iam::123456789012:role/${role.id}` });
      expect(entry.inputs.kubernetesGroups).toBeUndefined();
      expect(r.byType("aws:eks/accessPolicyAssociation:AccessPolicyAssociation").filter((a) => a.inputs.principalArn === entry.inputs.principalArn)).toEqual([]);
    });

    it("are found by the discovery tag on the private subnets and the cluster security group", () => {
      const subnets = r.byType("aws:ec2/subnet:Subnet");
      expect(subnets.filter((s) => s.name.startsWith("main-private")).map((s) => at(s.inputs, "tags", DISCOVERY_TAG))).toEqual([EKS_NAME, EKS_NAME, EKS_NAME]);
      expect(subnets.filter((s) => s.name.startsWith("main-public")).map((s) => at(s.inputs, "tags", DISCOVERY_TAG))).toEqual([undefined, undefined, undefined]);
      const tag = one(r, "aws:ec2/tag:Tag", "main-discovery-sg");
      expect(tag.inputs).toMatchObject({ key: DISCOVERY_TAG, value: EKS_NAME, resourceId: expect.stringMatching(/^sg-0/) });
      const nodeClass = r.find("EC2NodeClass", "apps");
      expect(at(nodeClass, "spec.securityGroupSelectorTerms")).toEqual([{ tags: { [DISCOVERY_TAG]: EKS_NAME } }]);
      expect(at(nodeClass, "spec.subnetSelectorTerms")).toEqual([{ tags: { [DISCOVERY_TAG]: EKS_NAME } }]);
    });
  });

  describe("the interruption queue", () => {
    it("is encrypted and keeps messages no longer than a warning matters", () => {
      expect(queue().inputs).toMatchObject({ name: EKS_NAME, sqsManagedSseEnabled: true, messageRetentionSeconds: 300 });
    });

    it("is fed by one EventBridge rule per interruption event", () => {
      const rules = r.byType("aws:cloudwatch/eventRule:EventRule");
      expect(rules.map((rule) => JSON.parse(rule.inputs.eventPattern as string))).toEqual(Object.values(INTERRUPTION_EVENTS));
      expect(rules.map((rule) => rule.name)).toEqual(["autoscaler-scheduled-change", "autoscaler-spot-interruption", "autoscaler-rebalance", "autoscaler-instance-state-change"]);
      const targets = r.byType("aws:cloudwatch/eventTarget:EventTarget");
      expect(targets.map((t) => [t.inputs.rule, t.inputs.arn])).toEqual(rules.map((rule) => [rule.inputs.name ?? rule.id, `arn:aws:sqs:eu-west-1:123456789012:${EKS_NAME}`]));
    });

    it("admits only EventBridge (from these rules) and SQS, and refuses plain HTTP", () => {
      const queuePolicy = policy(one(r, "aws:sqs/queuePolicy:QueuePolicy", "autoscaler-interruption").inputs.policy);
      const allows = queuePolicy.Statement.filter((s) => s.Effect === "Allow");
      expect(allows.map((s) => s.Principal)).toEqual([{ Service: "events.amazonaws.com" }, { Service: "sqs.amazonaws.com" }]);
      expect(allows.map((s) => s.Action)).toEqual(["sqs:SendMessage", "sqs:SendMessage"]);
      const ruleArns = r.byType("aws:cloudwatch/eventRule:EventRule").map((rule) => `arn:aws:cloudwatch:eu-west-1:123456789012:event-rule/${rule.id}`);
      expect(allows[0].Condition).toEqual({ ArnEquals: { "aws:SourceArn": ruleArns } });
      expect(queuePolicy.Statement.find((s) => s.Effect === "Deny")?.Condition).toEqual({ Bool: { "aws:SecureTransport": "false" } });
    });
  });

  describe("the controller", () => {
    it("installs the pinned chart in a restricted namespace with the cluster, the queue, HA and its identity", () => {
      const chart = r.charts().find((c) => c.chart?.endsWith("karpenter"))!;
      expect(chart).toMatchObject({ chart: "oci://public.ecr.aws/karpenter/karpenter", version: "1.14.1", namespace: "karpenter" });
      const values = chart.values as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      expect(values.settings).toEqual({ clusterName: EKS_NAME, interruptionQueue: EKS_NAME });
      expect(values.replicas).toBe(2);
      expect(values.podDisruptionBudget).toEqual({ name: "karpenter", maxUnavailable: 1 });
      expect(values.serviceAccount).toEqual({ create: true, name: "karpenter", annotations: { [IRSA_ROLE_ANNOTATION]: `arn:aws:iam::123456789012:role/${one(r, "aws:iam/role:Role", "autoscaler-controller").id}` } });
      expect(values.controller.resources).toEqual({ requests: { cpu: "250m", memory: "512Mi", "ephemeral-storage": "64Mi" }, limits: { cpu: "1", memory: "512Mi", "ephemeral-storage": "1Gi" } });
      expect(r.find("Namespace", "karpenter").metadata.labels).toMatchObject({ "pod-security.kubernetes.io/enforce": "restricted" });
    });

    it("uses a Pod Identity association instead of IRSA when asked", async () => {
      const pi = await render(platform({}, { identity: "pod-identity" }), { config: AWS_CONFIG });
      expect(one(pi, "aws:eks/podIdentityAssociation:PodIdentityAssociation", "autoscaler-controller").inputs).toMatchObject({ namespace: "karpenter", serviceAccount: "karpenter" });
      expect((pi.charts().find((c) => c.chart?.endsWith("karpenter"))!.values as { serviceAccount: unknown }).serviceAccount).toEqual({ create: true, name: "karpenter", annotations: {} });
    });

    it("pulls the controller image from the cluster's mirror", async () => {
      const mirrored = await render(() => {
        const cluster = new Cluster("main", { kind: "eks", network: { availabilityZones: ZONES }, access: { admins: [ADMIN_ROLE] }, imageMirror: "harbor.corp.example/mirror" });
        return new Karpenter("autoscaler", { cluster });
      }, { config: AWS_CONFIG });
      const values = mirrored.charts().find((c) => c.chart?.endsWith("karpenter"))!.values as { controller: { image?: { repository: string } } };
      expect(values.controller.image?.repository).toBe("harbor.corp.example/mirror/karpenter/controller");
    });
  });

  describe("a pool Karpenter scales", () => {
    it("becomes a NodePool with the pool's instance choice, capacity, labels, taints, node cap, limits and budget", () => {
      expect(r.find("NodePool", "apps").spec).toEqual({
        template: {
          metadata: { labels: { "example.com/tier": "web", [POOL_LABEL]: "apps" } },
          spec: {
            nodeClassRef: { group: "karpenter.k8s.aws", kind: "EC2NodeClass", name: "apps" },
            requirements: [
              { key: "kubernetes.io/arch", operator: "In", values: ["arm64"] },
              { key: "kubernetes.io/os", operator: "In", values: ["linux"] },
              { key: "karpenter.sh/capacity-type", operator: "In", values: ["spot"] },
              { key: "karpenter.k8s.aws/instance-family", operator: "In", values: ["m7g", "c7g"] },
            ],
            taints: [{ key: "example.com/spot", effect: "NoSchedule" }],
          },
        },
        limits: { nodes: 20, cpu: "64", memory: "256Gi" },
        disruption: { consolidationPolicy: "WhenEmptyOrUnderutilized", consolidateAfter: "10m", budgets: [{ nodes: "10%" }] },
      });
    });

    it("gets an EC2NodeClass like a managed group's launch template: IMDSv2 hop limit 1, encrypted gp3, the platform's instance profile", () => {
      const spec = r.find("EC2NodeClass", "apps").spec as Record<string, unknown>;
      expect(spec.metadataOptions).toEqual({ httpEndpoint: "enabled", httpProtocolIPv6: "disabled", httpPutResponseHopLimit: 1, httpTokens: "required" });
      expect(spec.blockDeviceMappings).toEqual([{ deviceName: "/dev/xvda", rootVolume: true, ebs: { volumeSize: "50Gi", volumeType: "gp3", encrypted: true, deleteOnTermination: true } }]);
      expect(spec.instanceProfile).toBe(profile().id);
      expect(spec.role).toBeUndefined();
      expect(spec.amiSelectorTerms).toEqual([{ alias: "al2023@latest" }]);
    });

    it("has no managed node group; its node role is Karpenter's (registries grant it pulls) and apps place on it the same way", async () => {
      let apps: NodePool | undefined;
      const rendered = await render(() => {
        apps = platform(spotArm)();
      }, { config: AWS_CONFIG });
      expect(rendered.byType("aws:eks/nodeGroup:NodeGroup").map((g) => g.name)).toEqual(["system"]);
      expect(await new Promise((resolve) => apps!.nodeRoleArn!.apply(resolve))).toBe(`arn:aws:iam::123456789012:role/${one(rendered, "aws:iam/role:Role", "autoscaler-node").id}`);
      expect(apps!.placement).toEqual({ nodeSelector: { [POOL_LABEL]: "apps" }, tolerations: [{ key: "example.com/spot", operator: "Exists", effect: "NoSchedule" }] });
    });

    it("defaults to on-demand x86 families, 10 nodes and one node disrupted at a time after 5 minutes", async () => {
      const plain = await render(platform(), { config: AWS_CONFIG });
      const spec = plain.find("NodePool", "apps").spec as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      expect(spec.template.spec.requirements).toEqual([
        { key: "kubernetes.io/arch", operator: "In", values: ["amd64"] },
        { key: "kubernetes.io/os", operator: "In", values: ["linux"] },
        { key: "karpenter.sh/capacity-type", operator: "In", values: ["on-demand"] },
        { key: "karpenter.k8s.aws/instance-family", operator: "In", values: ["m6i", "m6a", "m7i", "m7a"] },
      ]);
      expect(spec.limits).toEqual({ nodes: 10 });
      expect(spec.disruption).toEqual({ consolidationPolicy: "WhenEmptyOrUnderutilized", consolidateAfter: "5m", budgets: [{ nodes: "1" }] });
    });

    it("takes instance types, a volume key and its own subnets", async () => {
      const kms = "arn:aws:kms:eu-west-1:123456789012:key/0a1b2c3d-0000-4000-8000-000000000001";
      const subnets = ["subnet-0a1b2c3d4e5f60711", "subnet-0a1b2c3d4e5f60712"];
      const custom = await render(platform({ instanceTypes: ["m6i.xlarge", "m6a.xlarge"], diskSizeGiB: 100, volumeKmsKeyArn: kms, subnetIds: subnets }), { config: AWS_CONFIG });
      const pool = custom.find("NodePool", "apps").spec as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      expect(pool.template.spec.requirements).toContainEqual({ key: "node.kubernetes.io/instance-type", operator: "In", values: ["m6i.xlarge", "m6a.xlarge"] });
      expect(pool.template.spec.requirements.map((q: { key: string }) => q.key)).not.toContain("karpenter.k8s.aws/instance-family");
      const nodeClass = custom.find("EC2NodeClass", "apps").spec as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      expect(nodeClass.blockDeviceMappings[0].ebs).toEqual({ volumeSize: "100Gi", volumeType: "gp3", encrypted: true, deleteOnTermination: true, kmsKeyID: kms });
      expect(nodeClass.subnetSelectorTerms).toEqual(subnets.map((id) => ({ id })));
    });

    it("waits for the chart that installs the Karpenter CRDs", async () => {
      const seen: Record<string, unknown[]> = {};
      const record: pulumi.ResourceTransformation = (args) => {
        if (args.type.startsWith("kubernetes:karpenter")) seen[args.type] = (args.opts.dependsOn as unknown[]) ?? [];
        return undefined;
      };
      await render(() => {
        const cluster = eksCluster();
        const autoscaler = new Karpenter("autoscaler", { cluster });
        new NodePool("apps", { cluster, autoscaler }, { transformations: [record] });
        seen.chart = [autoscaler.chart];
      }, { config: AWS_CONFIG });
      expect(Object.keys(seen).sort()).toEqual(["chart", "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass", "kubernetes:karpenter.sh/v1:NodePool"]);
      expect(seen["kubernetes:karpenter.sh/v1:NodePool"]).toEqual(seen.chart);
      expect(seen["kubernetes:karpenter.k8s.aws/v1:EC2NodeClass"]).toEqual(seen.chart);
    });
  });

  it("keeps the system group at its fixed count and leaves desiredSize drift alone", async () => {
    const ignored: Record<string, string[] | undefined> = {};
    const record: pulumi.ResourceTransformation = (args) => {
      if (args.type === "aws:eks/nodeGroup:NodeGroup") ignored[args.name] = args.opts.ignoreChanges;
      return undefined;
    };
    const rendered = await render(platform({}, {}, [record]), { config: AWS_CONFIG });
    expect(one(rendered, "aws:eks/nodeGroup:NodeGroup", "system").inputs.scalingConfig).toEqual({ minSize: 2, maxSize: 2, desiredSize: 2 });
    expect(ignored).toEqual({ system: ["scalingConfig.desiredSize"] });
  });

  it("validates every custom resource against the upstream Karpenter CRDs, and the CRDs catch a bad one", () => {
    expect(r.validate({ crdDirs: [CRD_DIR] })).toEqual([]);
    const broken = r.manifests().map((m): Manifest => (m.kind === "NodePool" ? { ...m, spec: { ...(m.spec as object), disruption: { consolidationPolicy: "Sometimes", consolidateAfter: "5m" } } } : m));
    const problems = new Rendered([], {}, [], broken).validate({ crdDirs: [CRD_DIR] });
    expect(problems.map((p) => p.object)).toEqual([expect.stringContaining("NodePool")]);
  });

  it("passes every check, the IAM (W1, W2) and node (W3) checks included", () => {
    expect(r.check()).toEqual([]);
    expect(r.check({ only: ["W1", "W2", "W3"] })).toEqual([]);
  });
});

describe("Karpenter bad input", () => {
  const onprem = () => ({ clusterName: "onprem", kind: "existing" as const, provider: new k8s.Provider("onprem", { kubeconfig: "{}" }) });
  const karpenter = (args: Record<string, unknown>) => () => new Karpenter("autoscaler", { cluster: eksCluster(), ...args } as KarpenterArgs);
  const pool = (args: Record<string, unknown>) => () => {
    const cluster = eksCluster();
    return new NodePool("apps", { cluster, autoscaler: new Karpenter("autoscaler", { cluster }), ...args } as NodePoolArgs);
  };
  const managed = (args: Record<string, unknown>) => () => new NodePool("apps", { cluster: eksCluster(), ...args } as NodePoolArgs);
  const existing = (args: Record<string, unknown>) => () => new NodePool("apps", { cluster: onprem(), nodes: ["node1"], ...args } as NodePoolArgs);
  const autoscalerOf = () => ({ kind: "karpenter" }) as unknown as Karpenter;

  /** [case, program, component, name, field, value shown]. */
  const cases: [string, () => unknown, string, string, string, string][] = [
    ["Karpenter on an existing cluster", () => new Karpenter("autoscaler", { cluster: onprem() }), "Karpenter", "autoscaler", "cluster", '"onprem"'],
    ["no controller replicas", karpenter({ replicas: 0 }), "Karpenter", "autoscaler", "replicas", "0"],
    ["unknown identity mode", karpenter({ identity: "kiam" }), "Karpenter", "autoscaler", "identity", '"kiam"'],
    ["namespace that is not a DNS label", karpenter({ namespace: "Karpenter" }), "Karpenter", "autoscaler", "namespace", '"Karpenter"'],
    ["chart version that is not one", karpenter({ chart: { version: "latest" } }), "Karpenter", "autoscaler", "chart.version", '"latest"'],
    ["memory limit below the request", karpenter({ resources: { requests: { memory: "1Gi" }, limits: { memory: "256Mi" } } }), "Karpenter", "autoscaler", "resources.limits.memory", '"256Mi"'],
    ["autoscaling on an existing cluster", existing({ autoscaler: autoscalerOf() }), "NodePool", "apps", "autoscaler", '"karpenter"'],
    ["autoscaler named in a string", managed({ autoscaler: "karpenter" }), "NodePool", "apps", "autoscaler", '"karpenter"'],
    ["a floor Karpenter cannot keep", pool({ scaling: { min: 2, max: 10 } }), "NodePool", "apps", "scaling.min", "2"],
    ["a starting size under Karpenter", pool({ scaling: { desired: 3 } }), "NodePool", "apps", "scaling.desired", "3"],
    ["no room for nodes", pool({ scaling: { max: 0 } }), "NodePool", "apps", "scaling.max", "0"],
    ["families of two architectures", pool({ instanceFamilies: ["m7i", "m7g"] }), "NodePool", "apps", "instanceFamilies[1]", '"m7g"'],
    ["instance type given as a family", pool({ instanceFamilies: ["m6i.large"] }), "NodePool", "apps", "instanceFamilies[0]", '"m6i.large"'],
    ["type and family of two architectures", pool({ instanceTypes: ["m6i.large"], instanceFamilies: ["c7g"] }), "NodePool", "apps", "instanceFamilies[0]", '"c7g"'],
    ["budget that is neither count nor percentage", pool({ disruption: { budget: "half" } }), "NodePool", "apps", "disruption.budget", '"half"'],
    ["consolidation delay in days", pool({ disruption: { consolidateAfter: "1d" } }), "NodePool", "apps", "disruption.consolidateAfter", '"1d"'],
    ["unknown consolidation policy", pool({ disruption: { consolidation: "Always" } }), "NodePool", "apps", "disruption.consolidation", '"Always"'],
    ["CPU limit that is not a quantity", pool({ limits: { cpu: "lots" } }), "NodePool", "apps", "limits.cpu", '"lots"'],
    ["label in Karpenter's domain", pool({ labels: { "karpenter.sh/capacity-type": "spot" } }), "NodePool", "apps", "labels.karpenter.sh/capacity-type", '"karpenter.sh/capacity-type"'],
    ["families on a managed node group", managed({ instanceFamilies: ["m6i"] }), "NodePool", "apps", "instanceFamilies", '["m6i"]'],
    ["disruption on a managed node group", managed({ disruption: { budget: "1" } }), "NodePool", "apps", "disruption", '"budget"'],
    ["limits on an existing cluster", existing({ limits: { cpu: "8" } }), "NodePool", "apps", "limits", '"cpu"'],
  ];

  it.each(cases)("%s", async (_case, program, component, name, field, shown) => {
    const error = await renderError(program, { config: AWS_CONFIG });
    expect(inputErrorMismatches(error, { component, name, field, shown })).toEqual([]);
  });

  it("says node counts are manual on an existing cluster", async () => {
    const error = await renderError(existing({ autoscaler: autoscalerOf() }), { config: AWS_CONFIG });
    expect((error as Error).message).toMatch(/node counts are manual/);
  });
});

describe("Karpenter pools and the registry", () => {
  it("grants ECR pulls to Karpenter's node role once, beside the managed group's", async () => {
    const r = await render(() => {
      const cluster = eksCluster();
      const system = new NodePool("system", { cluster, scaling: { min: 2, max: 2 } });
      const autoscaler = new Karpenter("autoscaler", { cluster });
      const pools = [system, new NodePool("apps", { cluster, autoscaler }), new NodePool("batch", { cluster, autoscaler, capacity: "spot" })];
      new Registry("images", { kind: "ecr", repositories: ["shop/cart"], pullers: pools });
    }, { config: AWS_CONFIG });
    const principals = policy(r.byType("aws:ecr/repositoryPolicy:RepositoryPolicy")[0].inputs.policy).Statement[0].Principal!.AWS;
    const role = (name: string) => `arn:aws:iam::123456789012:role/${one(r, "aws:iam/role:Role", name).id}`;
    expect(principals).toEqual([role("system-node"), role("autoscaler-node")]);
  });
});
