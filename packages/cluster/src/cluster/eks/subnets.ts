import { Cidr } from "@slipway/core";

function ipv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 255n)).join(".");
}

/**
 * Carves a VPC into per-zone subnets: private /(p+3) blocks in the first half (nodes and pods take
 * VPC addresses on EKS, so they get the room), public /(p+5) blocks at the start of the second half
 * (load balancers and NAT only). Room for four zones, and the rest stays free for later.
 */
export function planSubnets(vpc: Cidr, zoneCount: number): { privateCidrs: string[]; publicCidrs: string[] } {
  const privatePrefix = vpc.prefix + 3;
  const publicPrefix = vpc.prefix + 5;
  const privateSize = 1n << BigInt(32 - privatePrefix);
  const publicSize = 1n << BigInt(32 - publicPrefix);
  const half = 4n * privateSize;
  const zones = Array.from({ length: zoneCount }, (_, i) => BigInt(i));
  return {
    privateCidrs: zones.map((i) => `${ipv4(vpc.base + i * privateSize)}/${privatePrefix}`),
    publicCidrs: zones.map((i) => `${ipv4(vpc.base + half + i * publicSize)}/${publicPrefix}`),
  };
}
