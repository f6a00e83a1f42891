import { DependencyGraph, Rendered } from "@slipway/testing";
import { CRD_DIR, renderStack, STACKS } from "./stacks.support";

/** The operator chart that installs each custom resource group's CRDs. */
const OPERATOR_OF: Record<string, string> = {
  "operator.tigera.io": "tigera-operator",
  "crd.projectcalico.org": "tigera-operator",
  "ceph.rook.io": "rook-ceph",
  "cert-manager.io": "cert-manager",
  "gateway.networking.k8s.io": "gateway-helm",
  "monitoring.coreos.com": "kube-prometheus-stack",
  "externaldns.k8s.io": "external-dns",
};

function chartOf(r: Rendered, urn: string): string | undefined {
  const res = r.resources.find((x) => x.urn === urn);
  return res?.type === "kubernetes:helm.sh/v4:Chart" ? String(res.inputs.chart).split("/").pop() : undefined;
}

describe.each(STACKS)("the %s stack", (stack) => {
  let r: Rendered;
  let graph: DependencyGraph;
  beforeAll(async () => {
    r = await renderStack(stack);
    graph = r.graph();
  }, 120000);

  it("renders the whole platform", () => {
    const charts = r.charts().map((c) => String(c.chart).split("/").pop()).sort();
    const common = ["cert-manager", "fluent-bit", "gateway-helm", "kube-prometheus-stack", "tigera-operator"];
    expect(charts).toEqual(expect.arrayContaining(common));
    expect(r.filter("Namespace").map((n) => n.metadata.name)).toEqual(expect.arrayContaining(["shop", "billing"]));
    if (stack === "local") {
      expect(charts).toEqual(expect.arrayContaining(["rook-ceph", "harbor"]));
      expect(r.cloud().filter((c) => c.type.startsWith("aws:"))).toEqual([]);
      expect(r.filter("Installation")[0].spec).toMatchObject({ cni: { type: "Calico" } });
    } else {
      const aws = r.cloud().map((c) => c.type);
      expect(aws).toEqual(expect.arrayContaining(["aws:eks/cluster:Cluster", "aws:eks/nodeGroup:NodeGroup", "aws:ecr/repository:Repository", "aws:route53/zone:Zone"]));
      expect(r.filter("Installation")[0].spec).toMatchObject({ cni: { type: "AmazonVPC" } });
      expect(r.filter("IPPool")).toEqual([]);
      const subnets = r.cloud().filter((c) => c.type === "aws:ec2/subnet:Subnet");
      expect(new Set(subnets.map((s) => s.inputs.availabilityZone)).size).toBe(stack === "prod" ? 3 : 2);
    }
  });

  it("validates every object against the schemas and passes every check", () => {
    expect(r.validate({ crdDirs: [CRD_DIR] })).toEqual([]);
    expect(r.check()).toEqual([]);
  });

  it("is one acyclic graph in which every custom resource waits for its operator's chart", () => {
    expect(graph.cycles()).toEqual([]);
    const customResources = r.resources.filter((x) => x.type.startsWith("kubernetes:") && x.custom && OPERATOR_OF[x.type.split(":")[1].split("/")[0]]);
    expect(customResources.length).toBeGreaterThan(10);
    for (const cr of customResources) {
      const operator = OPERATOR_OF[cr.type.split(":")[1].split("/")[0]];
      const charts = [...graph.waitsFor(cr.urn)].map((u) => chartOf(r, u)).filter(Boolean);
      expect({ cr: `${cr.type} ${cr.name}`, waitsFor: charts }).toEqual({ cr: `${cr.type} ${cr.name}`, waitsFor: expect.arrayContaining([operator]) });
    }
  });

  it("exports what team stacks need", () => {
    expect(Object.keys(r.outputs).sort()).toEqual(expect.arrayContaining(["domain", "gateway", "registry", "storageClasses", "tenants"]));
    expect(r.outputs.tenants).toEqual({ shop: "shop", billing: "billing", security: "security", payments: "payments" });
    expect(r.outputs.grants).toEqual({ shop: [], billing: [], security: [], payments: ["shop"] });
    expect(r.outputs.gateway).toEqual({ name: "platform", namespace: "gateway-system", httpsListener: "https" });
    // `slipway fleet status` reads the cluster's version (EKS stacks; an existing cluster's is not known to the program).
    expect(r.outputs.kubernetesVersion).toBe(stack === "local" ? undefined : "1.33");
  });
});

describe("prod against dev", () => {
  it("runs highly available monitoring with longer retention", async () => {
    const values = async (stack: string) => (await renderStack(stack)).charts().find((c) => String(c.chart).includes("kube-prometheus-stack"))!.values as { prometheus: { prometheusSpec: { replicas: number; retention: string } } };
    const [dev, prod] = await Promise.all([values("dev"), values("prod")]);
    expect(prod.prometheus.prometheusSpec.replicas).toBeGreaterThan(dev.prometheus.prometheusSpec.replicas);
    expect(prod.prometheus.prometheusSpec.retention).toBe("30d");
    expect(dev.prometheus.prometheusSpec.retention).toBe("7d");
  }, 120000);
});
