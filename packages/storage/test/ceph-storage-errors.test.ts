
import { CephStorage, CephStorageArgs } from "@slipway/storage";
import { inputErrorMismatches, renderError } from "@slipway/testing";
import { NODES, testCluster } from "./support";

const ok = { nodes: NODES, deviceFilter: "^sd[b-z]" };

/** Bad inputs: [case, component name, args over `ok`, field, value shown in the message]. */
const cases: [string, string, Record<string, unknown>, string, string][] = [
  ["uppercase component name", "Ceph", {}, "name", '"Ceph"'],
  ["no nodes", "ceph", { nodes: [] }, "nodes", "[]"],
  ["node name that is not a node name", "ceph", { nodes: ["n1", "N_2", "n3"] }, "nodes[1].name", '"N_2"'],
  ["node listed twice", "ceph", { nodes: ["n1", "n2", "n1"] }, "nodes[2].name", '"n1"'],
  ["even mon count", "ceph", { mons: 2 }, "mons", "2"],
  ["four mons", "ceph", { nodes: ["n1", "n2", "n3", "n4"], mons: 4 }, "mons", "4"],
  ["more mons than nodes", "ceph", { mons: 5 }, "mons", "5"],
  ["mon count above 9", "ceph", { nodes: Array.from({ length: 12 }, (_, i) => `n${i}`), mons: 11 }, "mons", "11"],
  ["zero mons", "ceph", { mons: 0 }, "mons", "0"],
  ["more mgrs than nodes", "ceph", { nodes: ["n1"], mons: 1, mgrs: 2 }, "mgrs", "2"],
  ["more block replicas than nodes", "ceph", { blockPool: { replicas: 4 } }, "blockPool.replicas", "4"],
  ["a single block replica", "ceph", { blockPool: { replicas: 1 } }, "blockPool.replicas", "1"],
  ["more filesystem replicas than nodes", "ceph", { nodes: ["n1", "n2"], mons: 1, blockPool: { replicas: 2 } }, "filesystem.replicas", "3"],
  ["more object store replicas than nodes", "ceph", { objectStore: { replicas: 5 } }, "objectStore.replicas", "5"],
  ["device filter that does not compile", "ceph", { deviceFilter: "^sd[b-" }, "deviceFilter", '"^sd[b-"'],
  ["unanchored device filter", "ceph", { deviceFilter: "sd[b-z]" }, "deviceFilter", '"sd[b-z]"'],
  ["device filter over paths", "ceph", { deviceFilter: "^/dev/sd[b-z]" }, "deviceFilter", '"^/dev/sd[b-z]"'],
  ["device filter matching every disk", "ceph", { deviceFilter: "^.*" }, "deviceFilter", '"^.*"'],
  ["device filter matching every disk by letters", "ceph", { deviceFilter: "^[a-z]" }, "deviceFilter", '"^[a-z]"'],
  ["node without devices or filter", "ceph", { deviceFilter: undefined, nodes: [{ name: "n1", devices: ["sdb"] }, "n2", "n3"] }, "nodes[1].devices", "undefined"],
  ["node with devices and a filter", "ceph", { nodes: [{ name: "n1", devices: ["sdb"], deviceFilter: "^sd" }, "n2", "n3"] }, "nodes[0].deviceFilter", '"^sd"'],
  ["device that is not a device", "ceph", { nodes: [{ name: "n1", devices: ["sdb; rm -rf /"] }, "n2", "n3"] }, "nodes[0].devices[0]", '"sdb; rm -rf /"'],
  ["device listed twice", "ceph", { nodes: [{ name: "n1", devices: ["sdb", "sdb"] }, "n2", "n3"] }, "nodes[0].devices[1]", '"sdb"'],
  ["empty device list", "ceph", { nodes: [{ name: "n1", devices: [] }, "n2", "n3"] }, "nodes[0].devices", "[]"],
  ["memory without a suffix", "ceph", { resources: { osd: { memory: "4096" } } }, "resources.osd.memory", '"4096"'],
  ["memory limit below the request", "ceph", { resources: { mon: { memory: "2Gi", memoryLimit: "1Gi" } } }, "resources.mon.memoryLimit", '"1Gi"'],
  ["cpu that is not a quantity", "ceph", { resources: { mgr: { cpu: "two" } } }, "resources.mgr.cpu", '"two"'],
  ["relative data dir", "ceph", { dataDirHostPath: "var/lib/rook" }, "dataDirHostPath", '"var/lib/rook"'],
  ["data dir escaping upwards", "ceph", { dataDirHostPath: "/var/lib/../../etc" }, "dataDirHostPath", '"/var/lib/../../etc"'],
  ["Ceph image on latest", "ceph", { cephImage: "quay.io/ceph/ceph:latest" }, "cephImage", '"quay.io/ceph/ceph:latest"'],
  ["unknown reclaim policy", "ceph", { reclaimPolicy: "Recycle" }, "reclaimPolicy", '"Recycle"'],
  ["block class name that is not a name", "ceph", { blockPool: { className: "Fast SSD" } }, "blockPool.className", '"Fast SSD"'],
  ["filesystem class named like the block class", "ceph", { blockPool: { className: "shared" }, filesystem: { className: "shared" } }, "filesystem.className", '"shared"'],
  ["object store port out of range", "ceph", { objectStore: { port: 70000 } }, "objectStore.port", "70000"],
  ["chart version that is not a version", "ceph", { chart: { version: "stable" } }, "chart.version", '"stable"'],
  ["chart version latest", "ceph", { chart: { version: "latest" } }, "chart.version", '"latest"'],
  ["chart repository over FTP", "ceph", { chart: { repository: "ftp://x" } }, "chart.repository", '"ftp://x"'],
  ["image registry with a scheme", "ceph", { chart: { imageRegistry: "https://harbor.internal" } }, "chart.imageRegistry", '"https://harbor.internal"'],
];

describe("CephStorage rejects bad input before anything deploys", () => {
  it.each(cases)("%s", async (_case, name, override, field, shown) => {
    const error = await renderError(() => new CephStorage(name, { cluster: testCluster(), ...ok, ...override } as CephStorageArgs));
    expect(inputErrorMismatches(error, { component: "CephStorage", name, field, shown })).toEqual([]);
  });

  it("tries at least 15 bad inputs", () => expect(cases.length).toBeGreaterThanOrEqual(15));
});
