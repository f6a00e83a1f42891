/** IPv4 ranges as [first, last] address numbers. */
type Range = [number, number];

const ALL_V4: Range = [0, 2 ** 32 - 1];
/** Address blocks that are not the public internet (RFC 6890): private, loopback, link-local, CGNAT, multicast, reserved. */
const NOT_PUBLIC = ["0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.168.0.0/16", "224.0.0.0/3"];

/** An IPv4 CIDR as a range; undefined for anything else (IPv6 is judged by {@link coversInternet} directly). */
export function parseV4(cidr: string): Range | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/.exec(cidr.trim());
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const prefix = match[5] === undefined ? 32 : Number(match[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - prefix);
  const first = Math.floor(address / size) * size;
  return [first, first + size - 1];
}

function merge(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else out.push([...r]);
  }
  return out;
}

/** `target` minus `holes`. */
function subtract(target: Range[], holes: Range[]): Range[] {
  let rest = target;
  for (const [hs, he] of holes) {
    rest = rest.flatMap(([s, e]): Range[] => {
      if (he < s || hs > e) return [[s, e]];
      const parts: Range[] = [];
      if (hs > s) parts.push([s, hs - 1]);
      if (he < e) parts.push([he + 1, e]);
      return parts;
    });
  }
  return rest;
}

const PUBLIC_V4 = subtract([ALL_V4], NOT_PUBLIC.map((c) => parseV4(c)!));

/**
 * True when a set of CIDRs, taken together, reaches every public IPv4 address (or is `::/0`): the
 * whole internet, however it is written (`0.0.0.0/0`, `0.0.0.0/1` + `128.0.0.0/1`, or a list that
 * leaves out only private space). Computed by coverage, not by pattern.
 */
export function coversInternet(cidrs: readonly string[]): boolean {
  if (cidrs.some((c) => /^[0-9a-f:]*::?[0-9a-f:]*\/0$/i.test(c.trim()))) return true;
  const covered = merge(cidrs.map(parseV4).filter((r): r is Range => r !== undefined));
  return subtract(PUBLIC_V4, covered).length === 0;
}
