import { MockResourceArgs } from "@pulumi/pulumi/runtime";
import { digest } from "./hash";

type State = Record<string, unknown>;

/** The account every mocked AWS resource lives in. */
export const MOCK_ACCOUNT_ID = "123456789012";

/** EC2-style ids (`vpc-0abc...`) for the types that have them; the rest use their name. */
const EC2_ID_PREFIXES: Record<string, string> = {
  Vpc: "vpc",
  Subnet: "subnet",
  SecurityGroup: "sg",
  InternetGateway: "igw",
  NatGateway: "nat",
  RouteTable: "rtb",
  Eip: "eipalloc",
  Instance: "i",
  LaunchTemplate: "lt",
  VpcEndpoint: "vpce",
  NetworkInterface: "eni",
};

/** IAM and a few others are global: their ARNs have no region. */
const GLOBAL_SERVICES = new Set(["iam", "route53", "cloudfront"]);

function kebab(text: string): string {
  return text.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();
}

/** `aws:iam/role:Role` -> { service: "iam", kind: "Role" }. */
function parseType(type: string): { service: string; kind: string } {
  const [, module = "index", kind = "Resource"] = type.split(":");
  return { service: module.split("/")[0], kind };
}

/** The physical name: the one given, or an autoname like Pulumi's (logical name + stable suffix). */
function physicalName(args: MockResourceArgs, inputs: State): string {
  for (const key of ["name", "bucket", "functionName", "clusterName", "roleName"]) {
    if (typeof inputs[key] === "string" && inputs[key]) return inputs[key] as string;
  }
  return `${args.name}-${digest(`${args.type}:${args.name}`, 7)}`;
}

function arnFor(service: string, kind: string, region: string, name: string, inputs: State): string {
  if (service === "s3") return `arn:aws:s3:::${name}`;
  if (service === "iam" && kind === "OpenIdConnectProvider") {
    const url = typeof inputs.url === "string" ? inputs.url.replace(/^https:\/\//, "") : name;
    return `arn:aws:iam::${MOCK_ACCOUNT_ID}:oidc-provider/${url}`;
  }
  if (service === "sqs") return `arn:aws:sqs:${region}:${MOCK_ACCOUNT_ID}:${name}`;
  const where = GLOBAL_SERVICES.has(service) ? "" : region;
  return `arn:aws:${service}:${where}:${MOCK_ACCOUNT_ID}:${kebab(kind)}/${name}`;
}

/** Extra outputs some AWS resources are expected to have (what programs read next). */
function extras(service: string, kind: string, region: string, name: string, seed: string, inputs: State): State {
  if (service === "eks" && kind === "Cluster") {
    const hash = digest(seed, 32).toUpperCase();
    return {
      vpcConfig: { ...(inputs.vpcConfig as State | undefined), clusterSecurityGroupId: `sg-0${digest(`${seed}:cluster-sg`, 16)}` },
      endpoint: `https://${hash}.gr7.${region}.eks.amazonaws.com`,
      certificateAuthority: { data: Buffer.from(`slipway-mock-ca:${name}`).toString("base64") },
      identities: [{ oidcs: [{ issuer: `https://oidc.eks.${region}.amazonaws.com/id/${hash}` }] }],
      status: "ACTIVE",
    };
  }
  if (service === "sqs" && kind === "Queue") return { url: `https://sqs.${region}.amazonaws.com/${MOCK_ACCOUNT_ID}/${name}` };
  if (service === "iam" && kind === "Role") return { uniqueId: `AROA${digest(seed, 17).toUpperCase()}` };
  if (service === "ecr" && kind === "Repository") return { repositoryUrl: `${MOCK_ACCOUNT_ID}.dkr.ecr.${region}.amazonaws.com/${name}` };
  if (service === "route53" && kind === "Zone") return { zoneId: `Z${digest(seed, 13).toUpperCase()}`, nameServers: ["ns-1.awsdns-01.org", "ns-2.awsdns-02.net"] };
  return {};
}

/** A realistic id and state for an `aws:*` resource: inputs echoed plus id, arn, name and the usual extras. */
export function awsResource(args: MockResourceArgs, region: string): { id: string; state: State } {
  const inputs = (args.inputs ?? {}) as State;
  const { service, kind } = parseType(args.type);
  const name = physicalName(args, inputs);
  const seed = `${args.type}:${args.name}`;
  const prefix = service === "ec2" ? EC2_ID_PREFIXES[kind] : undefined;
  const id = prefix ? `${prefix}-0${digest(seed, 16)}` : name;
  const arn = arnFor(service, kind, region, prefix ? id : name, inputs);
  return { id, state: { ...inputs, name, arn, id, ...extras(service, kind, region, name, seed, inputs) } };
}
