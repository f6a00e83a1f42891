import { checkCidr, Cidr, cidrsOverlap, fail, InputSite } from "@slipway/core";

/** Fails when any two of the named networks share addresses (pods, Services and nodes must be disjoint). */
export function checkDisjoint(site: InputSite, networks: Array<[path: string, cidr: Cidr]>): void {
  networks.forEach(([path, cidr], i) => {
    for (const [otherPath, other] of networks.slice(0, i)) {
      if (cidrsOverlap(cidr, other)) fail(site, path, cidr.text, `overlaps ${otherPath} (${other.text})`, "choose networks that share no addresses");
    }
  });
}

/** Checks a list of CIDRs, each as `path[i]`. */
export function checkCidrList(site: InputSite, path: string, value: unknown, prefix: { min?: number; max?: number } = {}): Cidr[] {
  if (!Array.isArray(value)) return fail(site, path, value, "must be a list of CIDR blocks");
  return value.map((item, i) => checkCidr(site, `${path}[${i}]`, item, prefix));
}
