import * as pulumi from "@pulumi/pulumi";
import { checkCidr, checkGroupName, checkNumber, checkOneOf, Cidr, fail, InputSite } from "@slipway/core";
import { checkPrincipalArn, checkRegion, checkRoleArn, checkSubnetIds, checkVpcId } from "../../aws-inputs";
import { EKS_DEFAULT_SERVICE_CIDR, EKS_DEFAULT_VERSION, EKS_DEFAULT_VPC_CIDR, EKS_MIN_MINOR } from "../../versions";
import { EKS_ADDONS, EksAddonName, EksClusterArgs, ExistingVpcArgs, NewVpcArgs } from "../args";
import { checkCidrList, checkDisjoint } from "../cidrs";
import { planSubnets } from "./subnets";

/** A VPC to build: zones (names, or a count resolved from the region) and the subnets' networks. */
export interface NewVpcPlan {
  kind: "new";
  cidr: string;
  /** Zone names when given; otherwise `zoneCount` zones are taken from the region. */
  zones?: string[];
  zoneCount: number;
  natGateways: "perZone" | "single";
  privateCidrs: string[];
  publicCidrs: string[];
}

export interface ExistingVpcPlan {
  kind: "existing";
  vpcId: pulumi.Input<string>;
  cidr: string;
  privateSubnetIds: pulumi.Input<string>[];
  publicSubnetIds: pulumi.Input<string>[];
}

export interface TeamAccessPlan {
  roleArn: pulumi.Input<string>;
  /** Kubernetes groups of the access entry; the Tenant's RoleBindings give them their rights. */
  groups: string[];
}

/** Every plain decision of an EKS cluster, validated before anything is registered. */
export interface EksPlan {
  eksName: string;
  version: string;
  region: string;
  vpc: NewVpcPlan | ExistingVpcPlan;
  serviceCidr: string;
  admins: pulumi.Input<string>[];
  teams: TeamAccessPlan[];
  creatorAdmin: boolean;
  publicAccessCidrs: string[];
  kmsKeyArn?: pulumi.Input<string>;
  logRetentionDays: number;
  addonVersions: Partial<Record<EksAddonName, string>>;
}

const EKS_NAME = /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/;
const VERSION = /^1\.(\d+)$/;
const ADDON_VERSION = /^v\d+\.\d+\.\d+-eksbuild\.\d+$/;
/** CloudWatch Logs accepts only these retention periods. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

function isExistingVpc(network: NewVpcArgs | ExistingVpcArgs): network is ExistingVpcArgs {
  return "vpcId" in network;
}

function planZones(site: InputSite, region: string, network: NewVpcArgs): { zones?: string[]; zoneCount: number } {
  if (network.availabilityZones === undefined) return { zoneCount: checkNumber(site, "network.zoneCount", network.zoneCount ?? 3, { min: 2, max: 4 }) };
  const zones = network.availabilityZones;
  if (!Array.isArray(zones) || zones.length < 2 || zones.length > 4) {
    return fail(site, "network.availabilityZones", zones, "must list two to four zones", "spread the cluster over at least two zones so it survives a zone outage");
  }
  zones.forEach((zone, i) => {
    if (typeof zone !== "string" || !new RegExp(`^${region}[a-z]$`).test(zone)) fail(site, `network.availabilityZones[${i}]`, zone, `is not a zone of region ${region}`, `e.g. "${region}a"`);
    if (zones.indexOf(zone) !== i) fail(site, `network.availabilityZones[${i}]`, zone, "is listed twice", "list distinct zones");
  });
  return { zones, zoneCount: zones.length };
}

function planVpc(site: InputSite, region: string, network: NewVpcArgs | ExistingVpcArgs): { plan: NewVpcPlan | ExistingVpcPlan; cidr: Cidr } {
  if (isExistingVpc(network)) {
    const cidr = checkCidr(site, "network.cidr", network.cidr, { min: 8, max: 24 });
    return {
      cidr,
      plan: {
        kind: "existing",
        vpcId: checkVpcId(site, "network.vpcId", network.vpcId),
        cidr: cidr.text,
        privateSubnetIds: checkSubnetIds(site, "network.privateSubnetIds", network.privateSubnetIds, 2),
        publicSubnetIds: network.publicSubnetIds === undefined ? [] : checkSubnetIds(site, "network.publicSubnetIds", network.publicSubnetIds, 1),
      },
    };
  }
  const cidr = checkCidr(site, "network.cidr", network.cidr ?? EKS_DEFAULT_VPC_CIDR, { min: 16, max: 20 });
  if (cidr.family !== 4) fail(site, "network.cidr", cidr.text, "is not an IPv4 block", 'e.g. "10.0.0.0/16"');
  const { zones, zoneCount } = planZones(site, region, network);
  const natGateways = checkOneOf(site, "network.natGateways", network.natGateways ?? "perZone", ["perZone", "single"] as const);
  return { cidr, plan: { kind: "new", cidr: cidr.text, zones, zoneCount, natGateways, ...planSubnets(cidr, zoneCount) } };
}

function planVersion(site: InputSite, version: unknown): string {
  const match = typeof version === "string" ? VERSION.exec(version) : null;
  if (!match) return fail(site, "version", version, "is not a Kubernetes minor version", `e.g. "${EKS_DEFAULT_VERSION}"`);
  if (Number(match[1]) < EKS_MIN_MINOR) fail(site, "version", version, `is older than 1.${EKS_MIN_MINOR}, out of EKS standard support`, `use ${EKS_DEFAULT_VERSION}`);
  return version as string;
}

function planTeams(site: InputSite, teams: unknown): TeamAccessPlan[] {
  if (teams === undefined) return [];
  if (!Array.isArray(teams)) return fail(site, "access.teams", teams, "must be a list");
  return teams.map((team, i) => {
    const at = `access.teams[${i}]`;
    const roleArn = checkRoleArn(site, `${at}.roleArn`, team?.roleArn);
    for (const removed of ["namespaces", "access"]) {
      if (team[removed] !== undefined) fail(site, `${at}.${removed}`, team[removed], "is no longer supported: teams get no cloud-side access policy", "map the role to its tenant's groups with `groups`; the Tenant's RoleBindings say what they may do");
    }
    if (!Array.isArray(team.groups) || team.groups.length === 0) fail(site, `${at}.groups`, team.groups, "must list at least one Kubernetes group", 'name the groups the team\'s Tenant binds, e.g. ["shop-developers"]');
    const groups = (team.groups as unknown[]).map((group, j) => checkGroupName(site, `${at}.groups[${j}]`, group));
    return { roleArn, groups };
  });
}

function checkUniquePrincipals(site: InputSite, admins: pulumi.Input<string>[], teams: TeamAccessPlan[]): void {
  const seen = new Set<string>();
  const all: Array<[string, pulumi.Input<string>]> = [...admins.map((a, i): [string, pulumi.Input<string>] => [`access.admins[${i}]`, a]), ...teams.map((t, i): [string, pulumi.Input<string>] => [`access.teams[${i}].roleArn`, t.roleArn])];
  for (const [path, arn] of all) {
    if (typeof arn !== "string") continue;
    if (seen.has(arn)) fail(site, path, arn, "has a second access entry", "give each principal one access entry");
    seen.add(arn);
  }
}

function planAddonVersions(site: InputSite, versions: unknown): Partial<Record<EksAddonName, string>> {
  if (versions === undefined) return {};
  if (typeof versions !== "object" || versions === null) return fail(site, "addonVersions", versions, "must map add-on names to versions");
  for (const [addon, version] of Object.entries(versions)) {
    checkOneOf(site, `addonVersions.${addon}`, addon, EKS_ADDONS);
    if (typeof version !== "string" || !ADDON_VERSION.test(version)) fail(site, `addonVersions.${addon}`, version, "is not an EKS add-on version", 'e.g. "v1.19.2-eksbuild.1"');
  }
  return versions as Partial<Record<EksAddonName, string>>;
}

/** Validates an EKS cluster's arguments into a plan; nothing is registered yet. */
export function planEksCluster(site: InputSite, args: EksClusterArgs, defaults: { region?: string; stack: string }): EksPlan {
  const eksName = args.eksName ?? `${site.name}-${defaults.stack}`;
  if (!EKS_NAME.test(eksName)) fail(site, "eksName", eksName, "is not a valid EKS cluster name", "use up to 100 letters, digits, '-' and '_', starting with a letter or digit");
  const version = planVersion(site, args.version ?? EKS_DEFAULT_VERSION);
  const region = checkRegion(site, "region", args.region ?? defaults.region);
  const vpc = planVpc(site, region, args.network ?? {});
  const service = checkCidr(site, "serviceCidr", args.serviceCidr ?? EKS_DEFAULT_SERVICE_CIDR, { min: 12, max: 24 });
  if (service.family !== 4) fail(site, "serviceCidr", service.text, "is not an IPv4 block", `e.g. "${EKS_DEFAULT_SERVICE_CIDR}"`);
  checkDisjoint(site, [
    ["network.cidr", vpc.cidr],
    ["serviceCidr", service],
  ]);
  const access = args.access ?? {};
  const admins = (access.admins ?? []).map((arn, i) => checkPrincipalArn(site, `access.admins[${i}]`, arn));
  const teams = planTeams(site, access.teams);
  checkUniquePrincipals(site, admins, teams);
  const creatorAdmin = access.creatorAdmin ?? false;
  if (typeof creatorAdmin !== "boolean") fail(site, "access.creatorAdmin", creatorAdmin, "must be true or false");
  if (!creatorAdmin && admins.length === 0) fail(site, "access.admins", access.admins, "names no admin, and the cluster creator gets none", "list the platform admin role (the one that deploys the platform) in access.admins");
  const publicAccessCidrs = checkCidrList(site, "publicAccessCidrs", args.publicAccessCidrs ?? [], { min: 1 });
  publicAccessCidrs.forEach((cidr, i) => {
    if (cidr.family !== 4) fail(site, `publicAccessCidrs[${i}]`, cidr.text, "is not an IPv4 block");
  });
  const logRetentionDays = args.logRetentionDays ?? 90;
  if (!LOG_RETENTION_DAYS.includes(logRetentionDays)) fail(site, "logRetentionDays", logRetentionDays, "is not a CloudWatch retention period", `use one of ${LOG_RETENTION_DAYS.join(", ")}`);
  return {
    eksName,
    version,
    region,
    vpc: vpc.plan,
    serviceCidr: service.text,
    admins,
    teams,
    creatorAdmin,
    publicAccessCidrs: publicAccessCidrs.map((c) => c.text),
    kmsKeyArn: args.kmsKeyArn,
    logRetentionDays,
    addonVersions: planAddonVersions(site, args.addonVersions),
  };
}
