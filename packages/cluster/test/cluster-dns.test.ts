import { Cluster, ClusterDnsArgs } from "@slipway/cluster";
import { inputErrorMismatches, render, renderError } from "@slipway/testing";

const KUBECONFIG = `apiVersion: v1
kind: Config
clusters: [{ name: onprem, cluster: { server: "https://10.86.67.10:6443" } }]
users: [{ name: admin, user: {} }]
contexts: [{ name: onprem, context: { cluster: onprem, user: admin } }]
current-context: onprem
`;

const existing = (dns?: ClusterDnsArgs) => () => new Cluster("main", { kind: "existing", kubeconfig: KUBECONFIG, dns });

describe("the cluster's resolver is a fact of the Cluster", () => {
  it("is kube-dns in kube-system unless told otherwise", async () => {
    let cluster: Cluster | undefined;
    await render(() => (cluster = existing()()));
    expect(cluster!.dns).toEqual({ namespace: "kube-system", podLabels: { "k8s-app": "kube-dns" } });
  });

  it("includes NodeLocal DNSCache's address on KubeKey clusters", async () => {
    let cluster: Cluster | undefined;
    await render(() => (cluster = existing({ nodeLocal: "169.254.25.10" })()));
    expect(cluster!.dns).toEqual({ namespace: "kube-system", podLabels: { "k8s-app": "kube-dns" }, nodeLocal: "169.254.25.10" });
  });

  it.each([
    ["a NodeLocal address outside link-local space", { nodeLocal: "10.233.0.10" }, "dns.nodeLocal", '"10.233.0.10"'],
    ["a NodeLocal address that is no IP", { nodeLocal: "nodelocal" }, "dns.nodeLocal", '"nodelocal"'],
    ["a CoreDNS namespace that is no name", { namespace: "Kube_System" }, "dns.namespace", '"Kube_System"'],
    ["no CoreDNS pod labels", { podLabels: {} }, "dns.podLabels", "{}"],
  ])("refuses %s", async (_case, dns, field, shown) => {
    const error = await renderError(existing(dns as ClusterDnsArgs));
    expect(inputErrorMismatches(error, { component: "Cluster", name: "main", field, shown })).toEqual([]);
  });
});
