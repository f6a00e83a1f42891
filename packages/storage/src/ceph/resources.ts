import { checkQuantity, fail, InputSite } from "@slipway/core";
import { CephDaemon, DaemonResources } from "./args";

/** Requests and memory limits sized from Rook's guidance; no CPU limits (throttled Ceph daemons stall I/O). */
export const DEFAULT_RESOURCES: Record<CephDaemon, Required<DaemonResources>> = {
  mon: { cpu: "500m", memory: "1Gi", memoryLimit: "2Gi" },
  mgr: { cpu: "500m", memory: "512Mi", memoryLimit: "1Gi" },
  osd: { cpu: "1", memory: "4Gi", memoryLimit: "4Gi" },
  mds: { cpu: "500m", memory: "1Gi", memoryLimit: "4Gi" },
  rgw: { cpu: "500m", memory: "1Gi", memoryLimit: "2Gi" },
};

/** The ResourceRequirements of one daemon kind, validated. */
export function planResources(site: InputSite, daemon: CephDaemon, given: DaemonResources | undefined): Record<string, Record<string, string>> {
  const path = `resources.${daemon}`;
  if (given !== undefined && (typeof given !== "object" || given === null)) return fail(site, path, given, "must be { cpu, memory, memoryLimit }");
  const defaults = DEFAULT_RESOURCES[daemon];
  const cpu = given?.cpu ?? defaults.cpu;
  const memory = given?.memory ?? defaults.memory;
  checkQuantity(site, `${path}.cpu`, cpu, "cpu");
  const request = checkQuantity(site, `${path}.memory`, memory, "memory");
  // A request above the default limit lifts the limit with it, so only an explicit limit can be too low.
  const memoryLimit = given?.memoryLimit ?? (request > checkQuantity(site, path, defaults.memoryLimit, "memory") ? memory : defaults.memoryLimit);
  const limit = checkQuantity(site, `${path}.memoryLimit`, memoryLimit, "memory");
  if (limit < request) fail(site, `${path}.memoryLimit`, memoryLimit, `is below the memory request ${memory}`, "raise memoryLimit or lower memory");
  return { requests: { cpu, memory }, limits: { memory: memoryLimit } };
}
