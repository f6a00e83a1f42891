import { checkDnsSubdomain, fail, InputSite } from "@slipway/core";
import { StorageNodeArgs } from "./args";

/** A node as CephCluster `spec.storage.nodes` lists it. */
export interface PlannedNode {
  name: string;
  devices?: { name: string }[];
  deviceFilter?: string;
}

// A kernel device name ("sdb", "nvme0n1") or a stable path under /dev/disk ("/dev/disk/by-id/wwn-0x5000...").
const DEVICE = /^(?:[a-z][a-z0-9]*|\/dev\/disk\/by-[a-z]+\/[A-Za-z0-9._:+-]+|\/dev\/[a-z][a-z0-9]*)$/;

/**
 * Fails unless `value` is a regular expression over device names that Rook can use safely:
 * it compiles, starts with "^", names devices rather than paths, and does not match everything.
 */
export function checkDeviceFilter(site: InputSite, path: string, value: unknown): string {
  if (typeof value !== "string" || value.length === 0) return fail(site, path, value, "must be a regular expression", 'e.g. "^sd[b-d]"');
  let regex: RegExp;
  try {
    regex = new RegExp(value);
  } catch {
    return fail(site, path, value, "is not a valid regular expression", 'e.g. "^sd[b-d]" or "^nvme[0-9]n1$"');
  }
  if (!value.startsWith("^")) fail(site, path, value, 'is not anchored with "^", so it could match the middle of any device name', `use "^${value}"`);
  if (value.startsWith("^/")) fail(site, path, value, "matches paths, but Rook matches it against device names", 'drop "/dev/", e.g. "^sd[b-d]"');
  if (regex.test("") || ["sda", "nvme0n1", "vda", "dm-0", "loop0"].every((name) => regex.test(name))) {
    fail(site, path, value, "matches every device, the system disk included", 'narrow it, e.g. "^sd[b-z]"');
  }
  return value;
}

function planNode(site: InputSite, entry: string | StorageNodeArgs, index: number, defaultFilter: string | undefined): PlannedNode {
  const path = `nodes[${index}]`;
  const node: StorageNodeArgs = typeof entry === "string" ? { name: entry } : entry;
  if (typeof node !== "object" || node === null) return fail(site, path, entry, "must be a node name or { name, devices }");
  const name = checkDnsSubdomain(site, `${path}.name`, node.name);
  if (node.devices !== undefined && node.deviceFilter !== undefined) fail(site, `${path}.deviceFilter`, node.deviceFilter, "is set together with devices", "list devices or give a filter, not both");
  if (node.devices !== undefined) {
    if (!Array.isArray(node.devices) || node.devices.length === 0) fail(site, `${path}.devices`, node.devices, "must list at least one device", 'e.g. ["sdb"]');
    node.devices.forEach((device, i) => {
      if (typeof device !== "string" || !DEVICE.test(device)) fail(site, `${path}.devices[${i}]`, device, "is not a device name or /dev/disk path", 'e.g. "sdb" or "/dev/disk/by-id/wwn-0x5000c500a1b2c3d4"');
      if (node.devices!.indexOf(device) !== i) fail(site, `${path}.devices[${i}]`, device, "is listed twice");
    });
    return { name, devices: node.devices.map((device) => ({ name: device })) };
  }
  if (node.deviceFilter !== undefined) return { name, deviceFilter: checkDeviceFilter(site, `${path}.deviceFilter`, node.deviceFilter) };
  if (defaultFilter === undefined) return fail(site, `${path}.devices`, undefined, "selects no disks", "list devices on the node or set deviceFilter");
  return { name, deviceFilter: defaultFilter };
}

/** Validates the storage nodes: unique names, and on every node an explicit disk list or a safe filter. */
export function planStorageNodes(site: InputSite, nodes: (string | StorageNodeArgs)[], deviceFilter: string | undefined): PlannedNode[] {
  if (!Array.isArray(nodes) || nodes.length === 0) return fail(site, "nodes", nodes, "must list at least one node", 'e.g. ["n1", "n2", "n3"]');
  const filter = deviceFilter === undefined ? undefined : checkDeviceFilter(site, "deviceFilter", deviceFilter);
  const planned = nodes.map((node, index) => planNode(site, node, index, filter));
  planned.forEach((node, index) => {
    if (planned.findIndex((other) => other.name === node.name) !== index) fail(site, `nodes[${index}].name`, node.name, "is listed twice", "list each node once");
  });
  return planned;
}
