import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DISCOVERY_TAG } from "./discovery";
import { ExistingVpcPlan, NewVpcPlan } from "./plan";

/** The network an EKS cluster and its node pools run in. */
export interface EksNetwork {
  vpcId: pulumi.Input<string>;
  privateSubnetIds: pulumi.Input<string>[];
  publicSubnetIds: pulumi.Input<string>[];
}

/** The zone names: the ones given, or the region's first available ones. */
function zoneNames(plan: NewVpcPlan, opts: pulumi.CustomResourceOptions): pulumi.Input<string>[] {
  if (plan.zones) return plan.zones;
  const available = aws.getAvailabilityZonesOutput({ state: "available" }, { parent: opts.parent });
  return Array.from({ length: plan.zoneCount }, (_, i) => available.names.apply((names) => names[i]));
}

/**
 * A VPC with a public and a private subnet per zone: nodes live in the private subnets and reach out
 * through NAT; public subnets hold only NAT gateways and internet-facing load balancers.
 */
export function buildVpc(name: string, eksName: string, plan: NewVpcPlan, opts: pulumi.CustomResourceOptions): EksNetwork {
  const shared = { [`kubernetes.io/cluster/${eksName}`]: "shared" };
  const vpc = new aws.ec2.Vpc(`${name}-vpc`, { cidrBlock: plan.cidr, enableDnsHostnames: true, enableDnsSupport: true, tags: { Name: `${eksName}-vpc` } }, opts);
  const gateway = new aws.ec2.InternetGateway(`${name}-igw`, { vpcId: vpc.id, tags: { Name: `${eksName}-igw` } }, opts);
  const publicRoutes = new aws.ec2.RouteTable(`${name}-public`, { vpcId: vpc.id, routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: gateway.id }], tags: { Name: `${eksName}-public` } }, opts);
  const zones = zoneNames(plan, opts);
  const publicSubnets = zones.map((zone, i) => {
    const subnet = new aws.ec2.Subnet(
      `${name}-public-${i}`,
      { vpcId: vpc.id, availabilityZone: zone, cidrBlock: plan.publicCidrs[i], mapPublicIpOnLaunch: false, tags: { ...shared, Name: `${eksName}-public-${i}`, "kubernetes.io/role/elb": "1" } },
      opts,
    );
    new aws.ec2.RouteTableAssociation(`${name}-public-${i}`, { subnetId: subnet.id, routeTableId: publicRoutes.id }, opts);
    return subnet;
  });
  const natCount = plan.natGateways === "perZone" ? zones.length : 1;
  const nats = publicSubnets.slice(0, natCount).map((subnet, i) => {
    const ip = new aws.ec2.Eip(`${name}-nat-${i}`, { domain: "vpc", tags: { Name: `${eksName}-nat-${i}` } }, opts);
    return new aws.ec2.NatGateway(`${name}-nat-${i}`, { subnetId: subnet.id, allocationId: ip.id, tags: { Name: `${eksName}-nat-${i}` } }, { ...opts, dependsOn: [gateway] });
  });
  const privateSubnets = zones.map((zone, i) => {
    const subnet = new aws.ec2.Subnet(
      `${name}-private-${i}`,
      { vpcId: vpc.id, availabilityZone: zone, cidrBlock: plan.privateCidrs[i], tags: { ...shared, Name: `${eksName}-private-${i}`, "kubernetes.io/role/internal-elb": "1", [DISCOVERY_TAG]: eksName } },
      opts,
    );
    const nat = nats[Math.min(i, nats.length - 1)];
    const routes = new aws.ec2.RouteTable(`${name}-private-${i}`, { vpcId: vpc.id, routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: nat.id }], tags: { Name: `${eksName}-private-${i}` } }, opts);
    new aws.ec2.RouteTableAssociation(`${name}-private-${i}`, { subnetId: subnet.id, routeTableId: routes.id }, opts);
    return subnet;
  });
  return { vpcId: vpc.id, privateSubnetIds: privateSubnets.map((s) => s.id), publicSubnetIds: publicSubnets.map((s) => s.id) };
}

/** The network of an existing VPC, as given. */
export function existingNetwork(plan: ExistingVpcPlan): EksNetwork {
  return { vpcId: plan.vpcId, privateSubnetIds: plan.privateSubnetIds, publicSubnetIds: plan.publicSubnetIds };
}
