import * as path from "path";
import * as k8s from "@pulumi/kubernetes";
import { ClusterHandle } from "@slipway/core";
import { Calico, CalicoArgs } from "@slipway/network";
import { render, Rendered } from "@slipway/testing";

const CRD_DIR = path.resolve(__dirname, "../../../../shared/crds");

/** A cluster handle as the Cluster component gives it, built inside the render. */
function cluster(overrides: Partial<ClusterHandle> = {}): ClusterHandle {
  return {
    clusterName: "main",
    kind: "existing",
    provider: new k8s.Provider("test", { kubeconfig: "{}" }),
    podCidr: "10.233.64.0/18",
    serviceCidr: "10.233.0.0/18",
    nodeCidrs: ["10.86.67.0/24"],
    ...overrides,
  };
}

function renderCalico(args: Omit<CalicoArgs, "cluster"> = {}, handle: Partial<ClusterHandle> = {}): Promise<Rendered> {
  return render(() => new Calico("net", { cluster: cluster(handle), ...args }));
}

const CUSTOM_TYPES = ["Installation", "APIServer", "GlobalNetworkPolicy", "GlobalNetworkSet"];

describe("Calico on an existing cluster", () => {
  const rendered = () =>
    renderCalico({
      ipPools: [
        { cidr: "10.233.64.0/19", blockSize: 26, encapsulation: "VXLANCrossSubnet" },
        { cidr: "10.233.96.0/20", name: "batch", blockSize: 24, encapsulation: "IPIP", natOutgoing: false, nodeSelector: "pool == 'batch'" },
      ],
      networkSets: { "corporate-vpn": { nets: ["192.0.2.0/24", "198.51.100.7/32"], labels: { zone: "corp" } } },
    });

  it("installs the pinned tigera-operator chart with its own CRs turned off, in a privileged namespace", async () => {
    const r = await rendered();
    const [chart] = r.charts();
    expect(r.charts()).toHaveLength(1);
    expect(chart).toMatchObject({ chart: "tigera-operator", version: "v3.30.2", repo: "https://docs.tigera.io/calico/charts", namespace: "tigera-operator" });
    expect(chart.values).toMatchObject({ installation: { enabled: false }, apiServer: { enabled: false }, goldmane: { enabled: false }, whisker: { enabled: false } });
    const ns = r.find("Namespace", "tigera-operator");
    expect(ns.metadata.labels).toMatchObject({
      "pod-security.kubernetes.io/enforce": "privileged",
      "pod-security.kubernetes.io/warn": "privileged",
      "pod-security.kubernetes.io/audit": "privileged",
      "app.kubernetes.io/managed-by": "slipway",
    });
  });

  it("renders the Installation with Calico CNI, the planned pools and Felix metrics", async () => {
    const spec = (await rendered()).find("Installation", "default").spec as Record<string, unknown>;
    expect(spec).toEqual({
      variant: "Calico",
      cni: { type: "Calico", ipam: { type: "Calico" } },
      calicoNetwork: {
        bgp: "Enabled",
        nodeAddressAutodetectionV4: { cidrs: ["10.86.67.0/24"] },
        ipPools: [
          { name: "net-ipv4-0", cidr: "10.233.64.0/19", blockSize: 26, encapsulation: "VXLANCrossSubnet", natOutgoing: "Enabled", nodeSelector: "all()" },
          { name: "batch", cidr: "10.233.96.0/20", blockSize: 24, encapsulation: "IPIP", natOutgoing: "Disabled", nodeSelector: "pool == 'batch'" },
        ],
      },
      nodeMetricsPort: 9091,
      typhaMetricsPort: 9093,
    });
  });

  it("defaults to one VXLAN pool over the cluster's pod CIDR without BGP", async () => {
    const network = (await renderCalico()).find("Installation", "default").spec as { calicoNetwork: Record<string, unknown> };
    expect(network.calicoNetwork.bgp).toBe("Disabled");
    expect(network.calicoNetwork.ipPools).toEqual([
      { name: "net-ipv4-0", cidr: "10.233.64.0/18", blockSize: 26, encapsulation: "VXLANCrossSubnet", natOutgoing: "Enabled", nodeSelector: "all()" },
    ]);
  });

  it("takes podCidr from the arguments when the cluster has none", async () => {
    const network = (await renderCalico({ podCidr: "10.244.0.0/16" }, { podCidr: undefined })).find("Installation", "default").spec as { calicoNetwork: { ipPools: { cidr: string }[] } };
    expect(network.calicoNetwork.ipPools.map((p) => p.cidr)).toEqual(["10.244.0.0/16"]);
  });

  it("installs the Calico API server", async () => {
    const api = (await rendered()).find("APIServer", "default");
    expect(api.apiVersion).toBe("operator.tigera.io/v1");
    expect(api.spec).toEqual({});
  });

  it("denies all tenant traffic by default, after tenants' own policies, with DNS allowed", async () => {
    const policies = (await rendered()).filter("GlobalNetworkPolicy");
    expect(policies).toHaveLength(1);
    const [gnp] = policies;
    expect(gnp.apiVersion).toBe("crd.projectcalico.org/v1");
    expect(gnp.metadata.name).toBe("default.net-tenant-default-deny");
    const dns = { namespaceSelector: 'projectcalico.org/name == "kube-system"', selector: 'k8s-app == "kube-dns"', ports: [53] };
    expect(gnp.spec).toEqual({
      tier: "default",
      order: 2000,
      namespaceSelector: "has(slipway.dev/tenant)",
      selector: "all()",
      types: ["Ingress", "Egress"],
      ingress: [],
      egress: [
        { action: "Allow", protocol: "UDP", destination: dns },
        { action: "Allow", protocol: "TCP", destination: dns },
      ],
    });
    // Kubernetes NetworkPolicies are order 1000 in Calico's default tier: explicit allows come first.
    expect((gnp.spec as { order: number }).order).toBeGreaterThan(1000);
  });

  it("renders a GlobalNetworkSet per external range, selectable by label", async () => {
    let calico!: Calico;
    const r = await render(() => {
      calico = new Calico("net", { cluster: cluster(), networkSets: { "corporate-vpn": { nets: ["192.0.2.0/24", "198.51.100.7/32"], labels: { zone: "corp" } } } });
    });
    const set = r.find("GlobalNetworkSet", "net-corporate-vpn");
    expect(set.apiVersion).toBe("crd.projectcalico.org/v1");
    expect(set.spec).toEqual({ nets: ["192.0.2.0/24", "198.51.100.7/32"] });
    expect(set.metadata.labels).toMatchObject({ zone: "corp", "slipway.dev/network-set": "corporate-vpn" });
    expect(calico.networkSets).toEqual({ "corporate-vpn": { "slipway.dev/network-set": "corporate-vpn" } });
  });

  it("makes every custom resource wait for the operator chart and nothing else", async () => {
    const r = await rendered();
    const chartUrn = r.byType("kubernetes:helm.sh/v4:Chart")[0].urn;
    const custom = r.resources.filter((res) => CUSTOM_TYPES.some((kind) => res.type.endsWith(`:${kind}`)));
    expect(custom.map((res) => res.type.split(":").pop()).sort()).toEqual(["APIServer", "GlobalNetworkPolicy", "GlobalNetworkSet", "Installation"]);
    for (const res of custom) expect(res.dependencies).toEqual([chartUrn]);
    const nsUrn = r.resources.find((res) => res.type === "kubernetes:core/v1:Namespace")!.urn;
    expect(r.byType("kubernetes:helm.sh/v4:Chart")[0].dependencies).toEqual([nsUrn]);
  });

  it("parents every child to the component", async () => {
    const r = await rendered();
    const component = r.byType("slipway:network:Calico")[0];
    const children = r.resources.filter((res) => res.type !== "slipway:network:Calico" && res.type !== "pulumi:providers:kubernetes");
    expect(children.length).toBe(6);
    for (const child of children) expect(child.parent).toBe(component.urn);
  });

  it("gives typed outputs", async () => {
    let calico!: Calico;
    await render(() => {
      calico = new Calico("net", { cluster: cluster() });
    });
    expect(calico.mode).toBe("calico");
    expect(calico.operatorNamespace).toBe("tigera-operator");
    expect(calico.ipPools.map((p) => p.cidr)).toEqual(["10.233.64.0/18"]);
    expect(calico.tenantDefaultDenyPolicy).toBe("default.net-tenant-default-deny");
    expect(calico.metrics).toEqual({ namespace: "calico-system", felixSelector: { "k8s-app": "calico-node" }, felixPort: 9091, typhaSelector: { "k8s-app": "calico-typha" }, typhaPort: 9093 });
    // What a MonitoringStack scrapes: exactly the pods and ports of the metrics handle.
    expect(calico.platformMetrics?.targets.map((t) => [t.name, t.namespace, t.podSelector, t.port])).toEqual([
      ["felix", "calico-system", { "k8s-app": "calico-node" }, 9091],
      ["typha", "calico-system", { "k8s-app": "calico-typha" }, 9093],
    ]);
    expect(calico.platformMetrics?.component).toBe("net");
  });

  it("hands no scrape targets to monitoring when metrics are off", async () => {
    let calico!: Calico;
    await render(() => {
      calico = new Calico("net", { cluster: cluster(), metrics: false });
    });
    expect(calico.metrics).toBeUndefined();
    expect(calico.platformMetrics).toBeUndefined();
  });

  it("validates every object against the upstream schemas and CRDs", async () => {
    expect((await rendered()).validate({ crdDirs: [CRD_DIR] })).toEqual([]);
  });

  it("passes the CHECKS.md checks", async () => {
    expect((await rendered()).check()).toEqual([]);
  });
});

describe("Calico policy-only on EKS", () => {
  const eks = { kind: "eks" as const, podCidr: undefined, serviceCidr: "172.20.0.0/16", nodeCidrs: ["10.0.0.0/16"] };

  it("renders an Installation for the AWS VPC CNI and no IP pool", async () => {
    const r = await renderCalico({}, eks);
    expect(r.find("Installation", "default").spec).toEqual({ variant: "Calico", kubernetesProvider: "EKS", cni: { type: "AmazonVPC" }, nodeMetricsPort: 9091, typhaMetricsPort: 9093 });
    expect(r.filter("IPPool")).toHaveLength(0);
    expect(JSON.stringify(r.manifests())).not.toContain("ipPools");
    expect(r.filter("GlobalNetworkPolicy")).toHaveLength(1);
    expect(r.validate({ crdDirs: [CRD_DIR] })).toEqual([]);
  });

  it("reports the mode and no pools", async () => {
    let calico!: Calico;
    await render(() => {
      calico = new Calico("net", { cluster: cluster(eks) });
    });
    expect(calico.mode).toBe("policy-only");
    expect(calico.ipPools).toEqual([]);
  });
});

describe("Calico for air-gapped sites and options", () => {
  it("points the chart and Calico's images at mirrors", async () => {
    const r = await renderCalico({ chart: { repository: "oci://harbor.internal/charts", version: "v3.30.1" } }, { imageMirror: "harbor.internal/mirror" });
    const [chart] = r.charts();
    expect(chart.chart).toBe("oci://harbor.internal/charts/tigera-operator");
    expect(chart.version).toBe("v3.30.1");
    expect(chart.values).toMatchObject({ tigeraOperator: { registry: "harbor.internal/mirror" }, calicoctl: { image: "harbor.internal/mirror/calico/ctl" } });
    expect((r.find("Installation", "default").spec as { registry: string }).registry).toBe("harbor.internal/mirror/");
  });

  it("prefers the chart's image registry over the cluster's mirror", async () => {
    const r = await renderCalico({ chart: { imageRegistry: "registry.site-b.internal" } }, { imageMirror: "harbor.internal/mirror" });
    expect((r.find("Installation", "default").spec as { registry: string }).registry).toBe("registry.site-b.internal/");
  });

  it("leaves out what is turned off", async () => {
    const r = await renderCalico({ apiServer: false, tenantDefaultDeny: false, metrics: false, mtu: 1450 });
    expect(r.filter("APIServer")).toHaveLength(0);
    expect(r.filter("GlobalNetworkPolicy")).toHaveLength(0);
    const spec = r.find("Installation", "default").spec as Record<string, { mtu?: number }>;
    expect(spec.nodeMetricsPort).toBeUndefined();
    expect(spec.calicoNetwork.mtu).toBe(1450);
  });

  it("plans IPv6 pools with IPv6 block sizes", async () => {
    const r = await renderCalico({ ipPools: [{ cidr: "fd00:10:233::/56", encapsulation: "VXLAN" }] }, { podCidr: undefined });
    expect((r.find("Installation", "default").spec as { calicoNetwork: { ipPools: unknown[] } }).calicoNetwork.ipPools).toEqual([
      { name: "net-ipv6-0", cidr: "fd00:10:233::/56", blockSize: 122, encapsulation: "VXLAN", natOutgoing: "Enabled", nodeSelector: "all()" },
    ]);
  });
});
