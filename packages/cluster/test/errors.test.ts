import * as k8s from "@pulumi/kubernetes";
import { render } from "@slipway/testing";
import { Cluster, EksClusterArgs, ExistingClusterArgs, NodePool, NodePoolArgs, Registry, WorkloadIdentity, WorkloadIdentityArgs } from "@slipway/cluster";
import { ADMIN_ROLE, AWS_CONFIG, expectInputError, failure, TEAM_ROLE, ZONES } from "./support";

const eks = (args: Record<string, unknown>) => () => new Cluster("main", { kind: "eks", network: { availabilityZones: ZONES }, access: { admins: [ADMIN_ROLE] }, ...args } as EksClusterArgs);
const existing = (args: Record<string, unknown>) => () => new Cluster("main", { kind: "existing", kubeconfig: "unused", ...args } as ExistingClusterArgs);
const onprem = () => ({ clusterName: "onprem", kind: "existing" as const, provider: new k8s.Provider("onprem", { kubeconfig: "{}" }) });
const pool = (args: Record<string, unknown>) => () => new NodePool("batch", { cluster: new Cluster("main", { kind: "eks", network: { availabilityZones: ZONES }, access: { admins: [ADMIN_ROLE] } }), ...args } as NodePoolArgs);
const identity = (args: Record<string, unknown>) => () => {
  const cluster = new Cluster("main", { kind: "eks", network: { availabilityZones: ZONES }, access: { admins: [ADMIN_ROLE] } });
  return new WorkloadIdentity("cart", { cluster, namespace: "shop", serviceAccount: "cart", policyArns: ["arn:aws:iam::123456789012:policy/cart"], ...args } as WorkloadIdentityArgs);
};
const ecr = (args: Record<string, unknown>) => () => new Registry("images", { kind: "ecr", repositories: ["shop/cart"], ...args } as never);
const harbor = (args: Record<string, unknown>) => () =>
  new Registry("images", {
    kind: "harbor",
    cluster: onprem(),
    host: "harbor.corp.example",
    gateway: { gatewayName: "platform", gatewayNamespace: "gateway-system" },
    storageClass: { storageClassName: "ceph-block", accessModes: ["ReadWriteOnce"] },
    projects: [{ name: "shop" }],
    ...args,
  } as never);

const C = 'Cluster "main"';
const P = 'NodePool "batch"';
const W = 'WorkloadIdentity "cart"';
const R = 'Registry "images"';

/** [case, program, component, field, value shown in the message]. */
const cases: [string, () => unknown, string, string, string][] = [
  // Cluster: networks and zones
  ["VPC CIDR with host bits", eks({ network: { cidr: "10.0.0.1/16", availabilityZones: ZONES } }), C, "network.cidr", '"10.0.0.1/16"'],
  ["VPC CIDR too small", eks({ network: { cidr: "10.0.0.0/24", availabilityZones: ZONES } }), C, "network.cidr", '"10.0.0.0/24"'],
  ["VPC CIDR that is not one", eks({ network: { cidr: "10.0.0.0", availabilityZones: ZONES } }), C, "network.cidr", '"10.0.0.0"'],
  ["one zone only", eks({ network: { availabilityZones: ["eu-west-1a"] } }), C, "network.availabilityZones", '["eu-west-1a"]'],
  ["zone of another region", eks({ network: { availabilityZones: ["eu-west-1a", "us-east-1b"] } }), C, "network.availabilityZones[1]", '"us-east-1b"'],
  ["zone listed twice", eks({ network: { availabilityZones: ["eu-west-1a", "eu-west-1a"] } }), C, "network.availabilityZones[1]", '"eu-west-1a"'],
  ["zone count of one", eks({ network: { zoneCount: 1 } }), C, "network.zoneCount", "1"],
  ["Service CIDR inside the VPC", eks({ serviceCidr: "10.0.128.0/20" }), C, "serviceCidr", '"10.0.128.0/20"'],
  ["endpoint open to the internet", eks({ publicAccessCidrs: ["0.0.0.0/0"] }), C, "publicAccessCidrs[0]", '"0.0.0.0/0"'],
  ["unsupported Kubernetes version", eks({ version: "1.24" }), C, "version", '"1.24"'],
  ["version that is not one", eks({ version: "latest" }), C, "version", '"latest"'],
  ["admin that is not an ARN", eks({ access: { admins: ["platform-admins"] } }), C, "access.admins[0]", '"platform-admins"'],
  ["team role of a user", eks({ access: { admins: [ADMIN_ROLE], teams: [{ roleArn: "arn:aws:iam::123456789012:user/bob", groups: ["shop-developers"] }] } }), C, "access.teams[0].roleArn", "user/bob"],
  ["team without groups", eks({ access: { admins: [ADMIN_ROLE], teams: [{ roleArn: TEAM_ROLE, groups: [] }] } }), C, "access.teams[0].groups", "[]"],
  ["team mapped to a system group", eks({ access: { admins: [ADMIN_ROLE], teams: [{ roleArn: TEAM_ROLE, groups: ["system:masters"] }] } }), C, "access.teams[0].groups[0]", '"system:masters"'],
  ["team asking for a cloud-side edit policy", eks({ access: { admins: [ADMIN_ROLE], teams: [{ roleArn: TEAM_ROLE, groups: ["shop-developers"], access: "edit" }] } }), C, "access.teams[0].access", '"edit"'],
  ["no admin and no creator admin", eks({ access: { teams: [{ roleArn: TEAM_ROLE, groups: ["shop-developers"] }] } }), C, "access.admins", "undefined"],
  ["same principal twice", eks({ access: { admins: [ADMIN_ROLE], teams: [{ roleArn: ADMIN_ROLE, groups: ["shop-developers"] }] } }), C, "access.teams[0].roleArn", "platform-admins"],
  ["log retention CloudWatch refuses", eks({ logRetentionDays: 10 }), C, "logRetentionDays", "10"],
  ["add-on version without build", eks({ addonVersions: { coredns: "1.11.4" } }), C, "addonVersions.coredns", '"1.11.4"'],
  ["unknown add-on", eks({ addonVersions: { "aws-load-balancer": "v1.0.0-eksbuild.1" } }), C, "addonVersions.aws-load-balancer", '"aws-load-balancer"'],
  ["existing VPC with one subnet", eks({ network: { vpcId: "vpc-0a1b2c3d4e5f60718", cidr: "10.20.0.0/16", privateSubnetIds: ["subnet-0a1b2c3d4e5f60711"] } }), C, "network.privateSubnetIds", "subnet-0a1b2c3d4e5f60711"],
  ["existing VPC with a bad subnet id", eks({ network: { vpcId: "vpc-0a1b2c3d4e5f60718", cidr: "10.20.0.0/16", privateSubnetIds: ["subnet-0a1b2c3d4e5f60711", "sn-2"] } }), C, "network.privateSubnetIds[1]", '"sn-2"'],
  ["image mirror with a scheme", eks({ imageMirror: "https://harbor.corp.example" }), C, "imageMirror", '"https://harbor.corp.example"'],
  ["unknown cluster kind", () => new Cluster("main", { kind: "gke" } as never), C, "kind", '"gke"'],
  // Existing clusters
  ["kubeconfig that does not parse", existing({ kubeconfig: "clusters: [unclosed" }), C, "kubeconfig", "[kubeconfig text]"],
  ["no kubeconfig and no context", existing({ kubeconfig: undefined }), C, "kubeconfig", "undefined"],
  ["pod CIDR overlapping the Service CIDR", existing({ podCidr: "10.233.0.0/17" }), C, "serviceCidr", '"10.233.0.0/18"'],
  ["node CIDR overlapping pods", existing({ nodeCidrs: ["10.233.70.0/24"] }), C, "nodeCidrs[0]", '"10.233.70.0/24"'],
  ["pod CIDR that is not one", existing({ podCidr: "10.233.64.0/33" }), C, "podCidr", '"10.233.64.0/33"'],
  // Node pools
  ["instance type that is not one", pool({ instanceTypes: ["m5.huge"] }), P, "instanceTypes[0]", '"m5.huge"'],
  ["instance types of two architectures", pool({ instanceTypes: ["m6i.large", "m7g.large"] }), P, "instanceTypes[1]", '"m7g.large"'],
  ["no instance types", pool({ instanceTypes: [] }), P, "instanceTypes", "[]"],
  ["max below min", pool({ scaling: { min: 3, max: 2 } }), P, "scaling.max", "2"],
  ["desired above max", pool({ scaling: { min: 1, max: 3, desired: 5 } }), P, "scaling.desired", "5"],
  ["negative min", pool({ scaling: { min: -1, max: 3 } }), P, "scaling.min", "-1"],
  ["fractional max", pool({ scaling: { min: 1, max: 2.5 } }), P, "scaling.max", "2.5"],
  ["taint with an unknown effect", pool({ taints: [{ key: "example.com/gpu", effect: "NoRun" }] }), P, "taints[0].effect", '"NoRun"'],
  ["taint with a bad key", pool({ taints: [{ key: "bad key!", effect: "NoSchedule" }] }), P, "taints[0].key", '"bad key!"'],
  ["taint in a reserved domain", pool({ taints: [{ key: "node.kubernetes.io/special", effect: "NoSchedule" }] }), P, "taints[0].key", "node.kubernetes.io/special"],
  ["same taint twice", pool({ taints: [{ key: "gpu", effect: "NoSchedule" }, { key: "gpu", value: "x", effect: "NoSchedule" }] }), P, "taints[1]", '"gpu:NoSchedule"'],
  ["label value too long", pool({ labels: { team: "x".repeat(64) } }), P, "labels.team", "xxxxxxxx"],
  ["pool label set by hand", pool({ labels: { "slipway.dev/node-pool": "other" } }), P, "labels.slipway.dev/node-pool", "slipway.dev/node-pool"],
  ["spot spelled wrong", pool({ capacity: "spot-instances" }), P, "capacity", '"spot-instances"'],
  ["disk too small", pool({ diskSizeGiB: 8 }), P, "diskSizeGiB", "8"],
  ["nodes on EKS", pool({ nodes: ["node1"] }), P, "nodes", '["node1"]'],
  ["existing-cluster pool without nodes", () => new NodePool("batch", { cluster: onprem() }), P, "nodes", "undefined"],
  ["existing-cluster pool with scaling", () => new NodePool("batch", { cluster: onprem(), nodes: ["n1"], scaling: { min: 1, max: 2 } }), P, "scaling", '{"min":1,"max":2}'],
  ["existing-cluster node name invalid", () => new NodePool("batch", { cluster: onprem(), nodes: ["Node_1"] }), P, "nodes[0]", '"Node_1"'],
  // Workload identity
  ["action wildcard", identity({ policies: [{ actions: ["s3:*"], resources: ["arn:aws:s3:::cart"] }] }), W, "policies[0].actions[0]", '"s3:*"'],
  ["resource wildcard", identity({ policies: [{ actions: ["s3:GetObject"], resources: ["*"] }] }), W, "policies[0].resources[0]", '"*"'],
  ["administrator policy", identity({ policyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] }), W, "policyArns[0]", "AdministratorAccess"],
  ["policy ARN that is a role", identity({ policyArns: [ADMIN_ROLE] }), W, "policyArns[0]", "role/platform-admins"],
  ["the default ServiceAccount", identity({ serviceAccount: "default" }), W, "serviceAccount", '"default"'],
  ["no permissions", identity({ policyArns: [] }), W, "policies", "undefined"],
  ["identity on an existing cluster", () => new WorkloadIdentity("cart", { cluster: onprem(), namespace: "shop", serviceAccount: "cart", policyArns: [] }), W, "cluster", '"onprem"'],
  // Registries
  ["repository name with capitals", ecr({ repositories: ["Shop/Cart"] }), R, "repositories[0]", '"Shop/Cart"'],
  ["repository listed twice", ecr({ repositories: ["shop/cart", "shop/cart"] }), R, "repositories[1]", '"shop/cart"'],
  ["no repositories", ecr({ repositories: [] }), R, "repositories", "[]"],
  ["keep last zero", ecr({ keepLast: 0 }), R, "keepLast", "0"],
  ["untagged expiry fractional", ecr({ untaggedExpireDays: 1.5 }), R, "untaggedExpireDays", "1.5"],
  ["push principal that is not an ARN", ecr({ pushPrincipalArns: ["ci-runner"] }), R, "pushPrincipalArns[0]", '"ci-runner"'],
  ["puller that is not an EKS pool", ecr({ pullers: [{}] }), R, "pullers[0]", "no nodeRoleArn"],
  ["Harbor host that is an IP", harbor({ host: "10.86.67.20" }), R, "host", '"10.86.67.20"'],
  ["Harbor project name invalid", harbor({ projects: [{ name: "Shop Team" }] }), R, "projects[0]", '"Shop Team"'],
  ["Harbor robot in an unknown project", harbor({ robots: [{ name: "ci", project: "payments" }] }), R, "robots[0].project", '"payments"'],
  ["Harbor storage without a suffix", harbor({ storageSize: "100" }), R, "storageSize", '"100"'],
  ["Harbor without a gateway", harbor({ gateway: undefined }), R, "gateway", "undefined"],
  ["Harbor chart version latest", harbor({ chart: { version: "latest" } }), R, "chart.version", '"latest"'],
  ["Harbor chart repository over FTP", harbor({ chart: { repository: "ftp://x" } }), R, "chart.repository", '"ftp://x"'],
  ["image tag latest", () => new Registry("images", { kind: "ecr", repositories: ["shop/cart"] }).image("shop/cart", "latest"), R, "image.tag", '"latest"'],
  ["image of an undeclared repository", () => new Registry("images", { kind: "ecr", repositories: ["shop/cart"] }).image("shop/orders", "1.0.0"), R, "image.repository", '"shop/orders"'],
];

describe("bad input fails with a SlipwayInputError naming component, field and value", () => {
  it.each(cases)("%s", async (_case, program, site, field, shown) => {
    const error = await failure(render(program, { config: AWS_CONFIG }));
    expectInputError(error, site, field, shown);
  });

  it("tries at least 20 bad inputs", () => expect(cases.length).toBeGreaterThanOrEqual(20));
});
