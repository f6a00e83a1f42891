import * as k8s from "@pulumi/kubernetes";
import { ClusterHandle, SlipwayInputError } from "@slipway/core";
import { Calico, CalicoArgs } from "@slipway/network";
import { inputErrorMismatches, render, renderError } from "@slipway/testing";

type Handle = Partial<Omit<ClusterHandle, "provider">>;
const EXISTING: Handle = { clusterName: "main", kind: "existing", podCidr: "10.233.64.0/18", serviceCidr: "10.233.0.0/18", nodeCidrs: ["10.86.67.0/24"] };
const EKS: Handle = { clusterName: "main", kind: "eks", serviceCidr: "172.20.0.0/16" };

/** Bad inputs: [case, component name, cluster handle, args, field, value shown in the message]. */
const cases: [string, string, Handle, Record<string, unknown>, string, string][] = [
  ["uppercase component name", "Net", EXISTING, {}, "name", '"Net"'],
  ["unknown cluster kind", "net", { ...EXISTING, kind: "gke" as "eks" }, {}, "cluster.kind", '"gke"'],
  ["pool CIDR that is not a CIDR", "net", EXISTING, { ipPools: [{ cidr: "10.233.64.0" }] }, "ipPools[0].cidr", '"10.233.64.0"'],
  ["pool CIDR with host bits", "net", EXISTING, { ipPools: [{ cidr: "10.233.64.1/18" }] }, "ipPools[0].cidr", '"10.233.64.1/18"'],
  ["pool CIDR with a bad octet", "net", EXISTING, { ipPools: [{ cidr: "10.233.264.0/24" }] }, "ipPools[0].cidr", '"10.233.264.0/24"'],
  ["pool outside the cluster's pod CIDR", "net", EXISTING, { ipPools: [{ cidr: "10.234.0.0/18" }] }, "ipPools[0].cidr", '"10.234.0.0/18"'],
  ["pool overlapping the service CIDR", "net", { ...EXISTING, podCidr: undefined }, { ipPools: [{ cidr: "10.233.0.0/20" }] }, "ipPools[0].cidr", '"10.233.0.0/20"'],
  ["pool overlapping the node network", "net", { ...EXISTING, podCidr: undefined }, { ipPools: [{ cidr: "10.86.0.0/16" }] }, "ipPools[0].cidr", '"10.86.0.0/16"'],
  ["pools overlapping each other", "net", EXISTING, { ipPools: [{ cidr: "10.233.64.0/19" }, { cidr: "10.233.80.0/20" }] }, "ipPools[1].cidr", '"10.233.80.0/20"'],
  ["two pools with one name", "net", EXISTING, { ipPools: [{ cidr: "10.233.64.0/19", name: "a" }, { cidr: "10.233.96.0/19", name: "a" }] }, "ipPools[1].name", '"a"'],
  ["block size below 20", "net", EXISTING, { ipPools: [{ cidr: "10.233.64.0/18", blockSize: 19 }] }, "ipPools[0].blockSize", "19"],
  ["block size above 32", "net", EXISTING, { ipPools: [{ cidr: "10.233.64.0/18", blockSize: 33 }] }, "ipPools[0].blockSize", "33"],
  ["block size larger than the pool", "net", EXISTING, { ipPools: [{ cidr: "10.233.64.0/24", blockSize: 22 }] }, "ipPools[0].blockSize", "22"],
  ["fractional block size", "net", EXISTING, { ipPools: [{ cidr: "10.233.64.0/18", blockSize: 26.5 }] }, "ipPools[0].blockSize", "26.5"],
  ["IPv6 block size out of range", "net", { ...EXISTING, podCidr: undefined }, { ipPools: [{ cidr: "fd00:10::/56", blockSize: 64 }] }, "ipPools[0].blockSize", "64"],
  ["IPIP on an IPv6 pool", "net", { ...EXISTING, podCidr: undefined }, { ipPools: [{ cidr: "fd00:10::/56", encapsulation: "IPIP" }] }, "ipPools[0].encapsulation", '"IPIP"'],
  ["unknown encapsulation", "net", EXISTING, { ipPools: [{ cidr: "10.233.64.0/18", encapsulation: "GRE" }] }, "ipPools[0].encapsulation", '"GRE"'],
  ["natOutgoing as a string", "net", EXISTING, { ipPools: [{ cidr: "10.233.64.0/18", natOutgoing: "yes" }] }, "ipPools[0].natOutgoing", '"yes"'],
  ["empty pool list", "net", EXISTING, { ipPools: [] }, "ipPools", "[]"],
  ["IPIP with BGP turned off", "net", EXISTING, { bgp: false, ipPools: [{ cidr: "10.233.64.0/18", encapsulation: "IPIP" }] }, "bgp", "false"],
  ["no pod CIDR anywhere", "net", { ...EXISTING, podCidr: undefined }, {}, "podCidr", "undefined"],
  ["podCidr outside the cluster's", "net", EXISTING, { podCidr: "10.244.0.0/16" }, "podCidr", '"10.244.0.0/16"'],
  ["pod CIDR overlapping the service CIDR", "net", { ...EXISTING, podCidr: undefined }, { podCidr: "10.233.0.0/16" }, "podCidr", '"10.233.0.0/16"'],
  ["cluster service CIDR that is not a CIDR", "net", { ...EXISTING, serviceCidr: "10.233.0.0/33" }, {}, "cluster.serviceCidr", '"10.233.0.0/33"'],
  ["cluster node CIDR that is not a CIDR", "net", { ...EXISTING, nodeCidrs: ["10.86.67.0/24", "nodes"] }, {}, "cluster.nodeCidrs[1]", '"nodes"'],
  ["MTU too small", "net", EXISTING, { mtu: 500 }, "mtu", "500"],
  ["IP pools on EKS", "net", EKS, { ipPools: [{ cidr: "10.0.0.0/16" }] }, "ipPools", "10.0.0.0/16"],
  ["BGP on EKS", "net", EKS, { bgp: true }, "bgp", "true"],
  ["network set with a bad CIDR", "net", EXISTING, { networkSets: { vpn: { nets: ["192.0.2.0/33"] } } }, "networkSets.vpn.nets[0]", '"192.0.2.0/33"'],
  ["network set without nets", "net", EXISTING, { networkSets: { vpn: { nets: [] } } }, "networkSets.vpn.nets", "[]"],
  ["network set with a bad name", "net", EXISTING, { networkSets: { Corp_VPN: { nets: ["192.0.2.0/24"] } } }, "networkSets.Corp_VPN", '"Corp_VPN"'],
  ["network set listing a range twice", "net", EXISTING, { networkSets: { vpn: { nets: ["192.0.2.0/24", "192.0.2.0/24"] } } }, "networkSets.vpn.nets", '"192.0.2.0/24"'],
  ["chart version that is not a version", "net", EXISTING, { chart: { version: "latest" } }, "chart.version", '"latest"'],
  ["chart repository that is not a URL", "net", EXISTING, { chart: { repository: "charts" } }, "chart.repository", '"charts"'],
  ["chart repository over FTP", "net", EXISTING, { chart: { repository: "ftp://x" } }, "chart.repository", '"ftp://x"'],
  ["image mirror that is a URL", "net", { ...EXISTING, imageMirror: "https://harbor.internal" }, {}, "cluster.imageMirror", '"https://harbor.internal"'],
  ["bad operator namespace", "net", EXISTING, { namespace: "Tigera" }, "namespace", '"Tigera"'],
];

describe("Calico rejects bad input before anything deploys", () => {
  it.each(cases)("%s", async (_case, name, handle, args, field, shown) => {
    const error = await renderError(() => {
      const cluster = { ...handle, provider: new k8s.Provider("test", { kubeconfig: "{}" }) } as ClusterHandle;
      return new Calico(name, { cluster, ...args } as CalicoArgs);
    });
    expect(inputErrorMismatches(error, { component: "Calico", name, field, shown })).toEqual([]);
  });

  it("tries at least 15 bad inputs", () => expect(cases.length).toBeGreaterThanOrEqual(15));

  it("says why a block size does not fit its pool", async () => {
    const error = await render(() => new Calico("net", { cluster: { ...EXISTING, provider: new k8s.Provider("test", { kubeconfig: "{}" }) } as ClusterHandle, ipPools: [{ cidr: "10.233.64.0/24", blockSize: 22 }] })).catch((e: unknown) => e);
    expect((error as SlipwayInputError).problem).toContain("larger than the pool");
  });
});
