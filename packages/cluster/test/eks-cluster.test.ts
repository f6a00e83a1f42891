import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";
import { render } from "@slipway/testing";
import { Cluster, CONTROL_PLANE_LOG_TYPES, EksClusterArgs } from "@slipway/cluster";
import { ADMIN_ROLE, AWS_CONFIG, one, policy, TEAM_ROLE, ZONES } from "./support";

const eks = (args: Partial<EksClusterArgs> = {}) => () => new Cluster("main", { kind: "eks", network: { availabilityZones: ZONES }, access: { admins: [ADMIN_ROLE] }, ...args } as EksClusterArgs);

describe("EKS cluster: network", () => {
  it("builds a VPC with a private and a public subnet in each zone, NAT per zone", async () => {
    const r = await render(eks(), { config: AWS_CONFIG });
    expect(one(r, "aws:ec2/vpc:Vpc", "main-vpc").inputs).toMatchObject({ cidrBlock: "10.0.0.0/16", enableDnsHostnames: true, enableDnsSupport: true });
    const subnets = r.byType("aws:ec2/subnet:Subnet");
    const byName = Object.fromEntries(subnets.map((s) => [s.name, s.inputs]));
    expect(subnets).toHaveLength(6);
    expect(ZONES.map((_, i) => byName[`main-private-${i}`].cidrBlock)).toEqual(["10.0.0.0/19", "10.0.32.0/19", "10.0.64.0/19"]);
    expect(ZONES.map((_, i) => byName[`main-public-${i}`].cidrBlock)).toEqual(["10.0.128.0/21", "10.0.136.0/21", "10.0.144.0/21"]);
    expect(ZONES.map((_, i) => byName[`main-private-${i}`].availabilityZone)).toEqual(ZONES);
    expect(byName["main-private-0"].tags).toMatchObject({ "kubernetes.io/role/internal-elb": "1", "kubernetes.io/cluster/main-test": "shared" });
    expect(byName["main-public-0"]).toMatchObject({ mapPublicIpOnLaunch: false, tags: { "kubernetes.io/role/elb": "1" } });
    expect(r.byType("aws:ec2/natGateway:NatGateway")).toHaveLength(3);
    const nat0 = one(r, "aws:ec2/natGateway:NatGateway", "main-nat-0");
    expect(nat0.inputs.subnetId).toBe(one(r, "aws:ec2/subnet:Subnet", "main-public-0").id);
    const privateRoutes = one(r, "aws:ec2/routeTable:RouteTable", "main-private-0").inputs.routes as { cidrBlock: string; natGatewayId: string }[];
    expect(privateRoutes).toEqual([{ cidrBlock: "0.0.0.0/0", natGatewayId: nat0.id }]);
  });

  it("takes its zones from the region when none are given", async () => {
    const r = await render(() => new Cluster("main", { kind: "eks", network: { zoneCount: 2, natGateways: "single" }, access: { admins: [ADMIN_ROLE] } }), { config: AWS_CONFIG });
    const zones = r.byType("aws:ec2/subnet:Subnet").filter((s) => s.name.startsWith("main-private")).map((s) => s.inputs.availabilityZone);
    expect(zones).toEqual(["eu-west-1a", "eu-west-1b"]);
    expect(r.byType("aws:ec2/natGateway:NatGateway")).toHaveLength(1);
  });

  it("uses an existing VPC's private subnets and builds no network, only tags them for Karpenter's discovery", async () => {
    const network = { vpcId: "vpc-0a1b2c3d4e5f60718", cidr: "10.20.0.0/16", privateSubnetIds: ["subnet-0a1b2c3d4e5f60711", "subnet-0a1b2c3d4e5f60722"] };
    const r = await render(eks({ network }), { config: AWS_CONFIG });
    expect(r.cloud().filter((x) => x.type.startsWith("aws:ec2/") && x.type !== "aws:ec2/tag:Tag")).toEqual([]);
    const tags = r.byType("aws:ec2/tag:Tag").map((t) => [t.inputs.resourceId, t.inputs.key, t.inputs.value]);
    expect(tags).toHaveLength(3);
    expect(tags).toEqual(expect.arrayContaining([[expect.stringMatching(/^sg-0/), "karpenter.sh/discovery", "main-test"], ...network.privateSubnetIds.map((id) => [id, "karpenter.sh/discovery", "main-test"])]));
    expect(at0(one(r, "aws:eks/cluster:Cluster", "main").inputs.vpcConfig, "subnetIds")).toEqual(network.privateSubnetIds);
  });
});

function at0(value: unknown, key: string): unknown {
  return (value as Record<string, unknown>)[key];
}

describe("EKS cluster: control plane", () => {
  it("is private, encrypts Secrets with a rotating KMS key, logs everything, authenticates through access entries", async () => {
    const r = await render(eks(), { config: AWS_CONFIG });
    const cluster = one(r, "aws:eks/cluster:Cluster", "main").inputs;
    const key = one(r, "aws:kms/key:Key", "main-secrets");
    expect(key.inputs).toMatchObject({ enableKeyRotation: true, deletionWindowInDays: 30 });
    expect(cluster).toMatchObject({
      name: "main-test",
      version: "1.33",
      vpcConfig: { endpointPrivateAccess: true, endpointPublicAccess: false },
      accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false },
      encryptionConfig: { resources: ["secrets"], provider: { keyArn: `arn:aws:kms:eu-west-1:123456789012:key/${key.id}` } },
      enabledClusterLogTypes: CONTROL_PLANE_LOG_TYPES,
      kubernetesNetworkConfig: { ipFamily: "ipv4", serviceIpv4Cidr: "172.20.0.0/16" },
      bootstrapSelfManagedAddons: false,
    });
    expect((cluster.vpcConfig as Record<string, unknown>).publicAccessCidrs).toBeUndefined();
    expect(CONTROL_PLANE_LOG_TYPES).toEqual(expect.arrayContaining(["api", "audit", "authenticator"]));
    expect(one(r, "aws:cloudwatch/logGroup:LogGroup", "main-logs").inputs).toMatchObject({ name: "/aws/eks/main-test/cluster", retentionInDays: 90, kmsKeyId: `arn:aws:kms:eu-west-1:123456789012:key/${key.id}` });
  });

  it("scopes its one customer-managed key: admin actions for the account, use for the cluster role, the cluster's log group and ECR", async () => {
    const r = await render(eks(), { config: AWS_CONFIG });
    expect(r.byType("aws:kms/key:Key")).toHaveLength(1);
    const statements = policy(one(r, "aws:kms/key:Key", "main-secrets").inputs.policy).Statement as Record<string, unknown>[];
    const bySid = Object.fromEntries(statements.map((s) => [s.Sid, s]));
    expect(Object.keys(bySid)).toEqual(["AccountAdministersKey", "EksEncryptsSecrets", "LogsEncryptLogGroups", "EcrEncryptsImages"]);
    // No kms:* and no data access for the account as a whole.
    expect(statements.flatMap((s) => s.Action as string[]).every((a) => /^kms:[A-Za-z]+$/.test(a))).toBe(true);
    expect(bySid.AccountAdministersKey.Action).not.toContain("kms:Decrypt");
    expect(bySid.LogsEncryptLogGroups).toMatchObject({
      Principal: { Service: "logs.eu-west-1.amazonaws.com" },
      Condition: { ArnEquals: { "kms:EncryptionContext:aws:logs:arn": ["arn:aws:logs:eu-west-1:123456789012:log-group:/aws/eks/main-test/cluster"] } },
    });
    expect(bySid.EcrEncryptsImages).toMatchObject({ Condition: { StringEquals: { "kms:ViaService": "ecr.eu-west-1.amazonaws.com", "kms:CallerAccount": "123456789012" } } });
    const role = one(r, "aws:iam/role:Role", "main-cluster");
    expect((bySid.EksEncryptsSecrets.Principal as { AWS: string }).AWS).toMatch(new RegExp(`role/${role.inputs.name ?? role.id}$`));
  });

  it("opens the public endpoint only to the CIDRs given", async () => {
    const r = await render(eks({ publicAccessCidrs: ["203.0.113.0/24"] }), { config: AWS_CONFIG });
    expect(one(r, "aws:eks/cluster:Cluster", "main").inputs.vpcConfig).toMatchObject({ endpointPrivateAccess: true, endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] });
  });

  it("has its own role, trusted by EKS only, with the cluster policy only", async () => {
    const r = await render(eks({ kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" }), { config: AWS_CONFIG });
    const role = one(r, "aws:iam/role:Role", "main-cluster");
    expect(policy(role.inputs.assumeRolePolicy).Statement).toEqual([{ Effect: "Allow", Principal: { Service: "eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"] }]);
    const attachments = r.byType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter((a) => a.inputs.role === role.inputs.name || a.name === "main-cluster-policy");
    expect(attachments.map((a) => a.inputs.policyArn)).toEqual(["arn:aws:iam::aws:policy/AmazonEKSClusterPolicy"]);
    expect(r.byType("aws:kms/key:Key")).toHaveLength(0);
    expect(at0(one(r, "aws:eks/cluster:Cluster", "main").inputs.encryptionConfig, "provider")).toEqual({ keyArn: "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" });
  });

  it("gives admins cluster-admin explicitly and maps teams to their tenant's groups with no cloud-side policy", async () => {
    const access = { admins: [ADMIN_ROLE], teams: [{ roleArn: TEAM_ROLE, groups: ["shop-developers"] }] };
    const r = await render(eks({ access }), { config: AWS_CONFIG });
    expect(r.byType("aws:eks/accessEntry:AccessEntry").map((e) => e.inputs)).toEqual([
      { clusterName: "main-test", principalArn: ADMIN_ROLE, type: "STANDARD" },
      { clusterName: "main-test", principalArn: TEAM_ROLE, type: "STANDARD", kubernetesGroups: ["shop-developers"] },
    ]);
    // The team's rights are the Tenant's RoleBindings of group shop-developers, nothing else.
    const associations = r.byType("aws:eks/accessPolicyAssociation:AccessPolicyAssociation").map((a) => a.inputs);
    expect(associations).toEqual([
      { clusterName: "main-test", principalArn: ADMIN_ROLE, policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy", accessScope: { type: "cluster" } },
    ]);
    expect(one(r, "aws:eks/cluster:Cluster", "main").inputs.accessConfig).toEqual({ authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false });
    // The provider waits for the admins' entries.
    const provider = one(r, "pulumi:providers:kubernetes", "main-k8s");
    const entryUrns = r.byType("aws:eks/accessEntry:AccessEntry").map((e) => e.urn);
    expect(provider.dependencies).toEqual(expect.arrayContaining(entryUrns));
  });
});

describe("EKS cluster: identity provider and add-ons", () => {
  it("registers the cluster's OIDC issuer for STS only", async () => {
    const r = await render(eks(), { config: AWS_CONFIG });
    const oidc = one(r, "aws:iam/openIdConnectProvider:OpenIdConnectProvider", "main-oidc").inputs;
    expect(oidc.url).toMatch(/^https:\/\/oidc\.eks\.eu-west-1\.amazonaws\.com\/id\/[0-9A-F]{32}$/);
    expect(oidc.clientIdLists).toEqual(["sts.amazonaws.com"]);
  });

  it("installs the five managed add-ons, the EBS CSI driver with its own Pod Identity role", async () => {
    const r = await render(eks({ addonVersions: { "vpc-cni": "v1.19.2-eksbuild.1" } }), { config: AWS_CONFIG });
    const addons = r.byType("aws:eks/addon:Addon");
    expect(addons.map((a) => a.inputs.addonName).sort()).toEqual(["aws-ebs-csi-driver", "coredns", "eks-pod-identity-agent", "kube-proxy", "vpc-cni"]);
    expect(addons.every((a) => a.inputs.clusterName === "main-test")).toBe(true);
    expect(one(r, "aws:eks/addon:Addon", "main-vpc-cni").inputs.addonVersion).toBe("v1.19.2-eksbuild.1");
    expect(one(r, "aws:eks/addon:Addon", "main-coredns").inputs.addonVersion).toBeUndefined();
    const ebsRole = one(r, "aws:iam/role:Role", "main-ebs-csi");
    expect(policy(ebsRole.inputs.assumeRolePolicy).Statement).toEqual([{ Effect: "Allow", Principal: { Service: "pods.eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"] }]);
    const ebs = one(r, "aws:eks/addon:Addon", "main-aws-ebs-csi-driver");
    expect(ebs.inputs.podIdentityAssociations).toEqual([{ roleArn: `arn:aws:iam::123456789012:role/${ebsRole.inputs.name ?? ebsRole.id}`, serviceAccount: "ebs-csi-controller-sa" }]);
    expect(ebs.dependencies).toContain(one(r, "aws:eks/addon:Addon", "main-eks-pod-identity-agent").urn);
    expect(one(r, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "main-ebs-csi").inputs.policyArn).toBe("arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy");
  });

  it("makes an encrypted gp3 StorageClass the default", async () => {
    const r = await render(eks(), { config: AWS_CONFIG });
    const sc = r.find("StorageClass", "gp3");
    expect(sc.metadata.annotations).toEqual({ "storageclass.kubernetes.io/is-default-class": "true" });
    expect(sc).toMatchObject({ provisioner: "ebs.csi.aws.com", parameters: { type: "gp3", encrypted: "true" }, volumeBindingMode: "WaitForFirstConsumer", allowVolumeExpansion: true });
    expect(r.validate()).toEqual([]);
  });

  it("passes the CHECKS (W3 included) by default", async () => {
    const r = await render(eks({ access: { admins: [ADMIN_ROLE] } }), { config: AWS_CONFIG });
    r.assertChecks();
  });
});

describe("EKS cluster: kubeconfig and provider", () => {
  it("outputs a secret kubeconfig whose token comes from aws eks get-token, and a server-side-apply provider", async () => {
    let secret: Promise<boolean> = Promise.resolve(false);
    const r = await render(
      () => {
        const cluster = eks()();
        secret = pulumi.isSecret(cluster.kubeconfig as pulumi.Output<string>);
        return { kubeconfig: cluster.kubeconfig, podCidr: cluster.podCidr, serviceCidr: cluster.serviceCidr, region: cluster.region };
      },
      { config: AWS_CONFIG },
    );
    expect(await secret).toBe(true);
    const config = parse(r.outputs.kubeconfig as string);
    expect(config["current-context"]).toBe("main-test");
    expect(config.clusters[0].cluster.server).toMatch(/^https:\/\/[0-9A-F]+\.gr7\.eu-west-1\.eks\.amazonaws\.com$/);
    expect(config.users[0].user.exec).toMatchObject({ command: "aws", args: ["eks", "get-token", "--cluster-name", "main-test", "--region", "eu-west-1", "--output", "json"] });
    expect(config.users[0].user.token).toBeUndefined();
    expect(r.outputs).toMatchObject({ podCidr: "10.0.0.0/16", serviceCidr: "172.20.0.0/16", region: "eu-west-1" });
    const provider = one(r, "pulumi:providers:kubernetes", "main-k8s");
    expect(provider.inputs.enableServerSideApply).toBe("true");
    expect(provider.secretPaths).toContain("kubeconfig");
  });
});
