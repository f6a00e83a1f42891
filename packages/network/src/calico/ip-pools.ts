import { checkCidr, checkDnsLabel, checkNumber, checkOneOf, Cidr, cidrsOverlap, fail, InputSite } from "@slipway/core";
import { Encapsulation, IpPoolArgs, PlannedIpPool } from "./args";

const ENCAPSULATIONS: readonly Encapsulation[] = ["VXLAN", "VXLANCrossSubnet", "IPIP", "IPIPCrossSubnet", "None"];
/** Calico's bounds on per-node block sizes, and its defaults. */
const BLOCK_SIZE = { 4: { min: 20, max: 32, default: 26 }, 6: { min: 116, max: 128, default: 122 } } as const;
/** The Installation CRD accepts at most 25 pools. */
const MAX_POOLS = 25;

/** The networks pools must stay clear of, as the cluster handle describes them. */
export interface NetworkContext {
  podCidr?: Cidr;
  serviceCidr?: Cidr;
  nodeCidrs: { path: string; cidr: Cidr }[];
}

function within(inner: Cidr, outer: Cidr): boolean {
  return inner.family === outer.family && inner.prefix >= outer.prefix && cidrsOverlap(inner, outer);
}

function planPool(site: InputSite, component: string, pool: IpPoolArgs, index: number, network: NetworkContext): PlannedIpPool & { parsed: Cidr } {
  const path = `ipPools[${index}]`;
  if (typeof pool !== "object" || pool === null) return fail(site, path, pool, "must be an object with a cidr");
  const cidr = checkCidr(site, `${path}.cidr`, pool.cidr);
  const family = cidr.family;
  const bounds = BLOCK_SIZE[family];
  const blockSize = checkNumber(site, `${path}.blockSize`, pool.blockSize ?? bounds.default, { min: bounds.min, max: bounds.max });
  if (blockSize < cidr.prefix) {
    fail(site, `${path}.blockSize`, blockSize, `is larger than the pool itself (/${cidr.prefix})`, `use a block size of at least ${cidr.prefix}, or a larger pool`);
  }
  const encapsulation = checkOneOf(site, `${path}.encapsulation`, pool.encapsulation ?? "VXLANCrossSubnet", ENCAPSULATIONS);
  if (family === 6 && encapsulation.startsWith("IPIP")) fail(site, `${path}.encapsulation`, encapsulation, "is not supported for IPv6 pools", "use VXLAN or None");
  const natOutgoing = pool.natOutgoing ?? true;
  if (typeof natOutgoing !== "boolean") fail(site, `${path}.natOutgoing`, natOutgoing, "must be true or false");
  const nodeSelector = pool.nodeSelector ?? "all()";
  if (typeof nodeSelector !== "string" || nodeSelector.trim() === "") fail(site, `${path}.nodeSelector`, nodeSelector, "must be a Calico selector", 'e.g. "all()" or "zone == \'a\'"');
  const name = checkDnsLabel(site, `${path}.name`, pool.name ?? `${component}-ipv${family}-${index}`);

  if (network.podCidr && !within(cidr, network.podCidr)) {
    fail(site, `${path}.cidr`, pool.cidr, `is not inside the cluster's pod CIDR ${network.podCidr.text}`, "plan pools inside the pod CIDR the cluster was built with");
  }
  if (network.serviceCidr && cidrsOverlap(cidr, network.serviceCidr)) {
    fail(site, `${path}.cidr`, pool.cidr, `overlaps the cluster's service CIDR ${network.serviceCidr.text}`, "choose a pod range apart from the Service network");
  }
  for (const node of network.nodeCidrs) {
    if (cidrsOverlap(cidr, node.cidr)) fail(site, `${path}.cidr`, pool.cidr, `overlaps the node network ${node.cidr.text}`, "choose a pod range apart from the nodes' addresses");
  }
  return { name, cidr: cidr.text, family, blockSize, encapsulation, natOutgoing, nodeSelector, parsed: cidr };
}

/** Validates and completes the pools: in range, clear of Services, nodes and each other, uniquely named. */
export function planIpPools(site: InputSite, component: string, pools: IpPoolArgs[], network: NetworkContext): PlannedIpPool[] {
  if (!Array.isArray(pools) || pools.length === 0) return fail(site, "ipPools", pools, "must list at least one pool", 'e.g. [{ cidr: "10.233.64.0/18" }]');
  if (pools.length > MAX_POOLS) fail(site, "ipPools", pools.length, `lists more than ${MAX_POOLS} pools, the operator's limit`);
  const planned = pools.map((pool, index) => planPool(site, component, pool, index, network));
  planned.forEach((pool, index) => {
    for (const earlier of planned.slice(0, index)) {
      if (cidrsOverlap(pool.parsed, earlier.parsed)) fail(site, `ipPools[${index}].cidr`, pool.cidr, `overlaps pool "${earlier.name}" (${earlier.cidr})`, "give each pool its own range");
      if (pool.name === earlier.name) fail(site, `ipPools[${index}].name`, pool.name, "names another pool too", "give each pool a unique name");
    }
  });
  return planned.map(({ parsed: _parsed, ...pool }) => pool);
}

/** Parses the cluster's networks, failing on the field of the handle that is wrong. */
export function networkContext(site: InputSite, podCidr: string | undefined, clusterPodCidr: string | undefined, serviceCidr: string | undefined, nodeCidrs: string[] | undefined): NetworkContext {
  const clusterPods = clusterPodCidr === undefined ? undefined : checkCidr(site, "cluster.podCidr", clusterPodCidr);
  const pods = podCidr === undefined ? clusterPods : checkCidr(site, "podCidr", podCidr);
  if (pods && clusterPods && !within(pods, clusterPods)) {
    fail(site, "podCidr", podCidr, `is not inside the cluster's pod CIDR ${clusterPods.text}`, "omit podCidr to use the cluster's, or pick a range inside it");
  }
  const services = serviceCidr === undefined ? undefined : checkCidr(site, "cluster.serviceCidr", serviceCidr);
  if (nodeCidrs !== undefined && !Array.isArray(nodeCidrs)) fail(site, "cluster.nodeCidrs", nodeCidrs, "must be a list of CIDRs");
  const nodes = (nodeCidrs ?? []).map((text, i) => ({ path: `cluster.nodeCidrs[${i}]`, cidr: checkCidr(site, `cluster.nodeCidrs[${i}]`, text) }));
  if (pods && services && cidrsOverlap(pods, services)) {
    fail(site, podCidr === undefined ? "cluster.podCidr" : "podCidr", pods.text, `overlaps the cluster's service CIDR ${services.text}`, "choose a pod range apart from the Service network");
  }
  return { podCidr: pods, serviceCidr: services, nodeCidrs: nodes };
}
