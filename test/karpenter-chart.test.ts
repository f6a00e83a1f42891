import { Cluster, IRSA_ROLE_ANNOTATION, Karpenter, NodePool } from "@slipway/cluster";
import { CHART_ANNOTATION, render, renderCharts, Rendered } from "@slipway/testing";
import { CHARTS_DIR, helmForTests } from "./helm.support";

const helm = helmForTests();
const withHelm = helm ? describe : describe.skip;

/** Pod Security admission's checks: Karpenter's controller needs no exemption from any of them. */
const POD_SECURITY = ["S1", "S2", "S3", "S4", "S5", "S6", "S8", "S9", "S10", "S11"];
/**
 * What chart values cannot fix, reported: the chart's PDB template has no unhealthyPodEvictionPolicy
 * (R7) and its Deployment no preStop hook (R10); and maxUnavailable stays 1 (R10) on purpose: with
 * required anti-affinity per node and two system nodes, a surge pod could never schedule.
 */
const REPORTED: Array<[check: string, object: string, field: string]> = [
  ["R7", "policy/v1/PodDisruptionBudget karpenter/karpenter", "spec.unhealthyPodEvictionPolicy"],
  ["R10", "apps/v1/Deployment karpenter/karpenter", "spec.strategy.rollingUpdate.maxUnavailable"],
  ["R10", "apps/v1/Deployment karpenter/karpenter", "spec.template.spec.containers[0].lifecycle.preStop"],
];

withHelm("Karpenter's chart rendered by helm template", () => {
  let rendered: Rendered;
  beforeAll(async () => {
    const program = await render(() => {
      const cluster = new Cluster("main", { kind: "eks", network: { availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"] }, access: { admins: ["arn:aws:iam::123456789012:role/platform-admins"] } });
      new NodePool("system", { cluster, scaling: { min: 2, max: 2 } });
      new NodePool("apps", { cluster, autoscaler: new Karpenter("autoscaler", { cluster }) });
    }, { config: { "aws:region": "eu-west-1" } });
    ({ rendered } = renderCharts(program, { chartsDir: CHARTS_DIR, helm }));
  });
  const controller = () => rendered.find("Deployment", "karpenter", "karpenter");

  it("runs two controllers spread over nodes and zones, with a PDB, sized, as the ServiceAccount its IAM role trusts", () => {
    const deployment = controller();
    expect((deployment.metadata.annotations as Record<string, string>)[CHART_ANNOTATION]).toBe("karpenter@1.14.1");
    const spec = deployment.spec as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(spec.replicas).toBe(2);
    const pod = spec.template.spec;
    expect(pod.serviceAccountName).toBe("karpenter");
    expect(pod.topologySpreadConstraints[0]).toMatchObject({ topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "DoNotSchedule" });
    expect(pod.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey).toBe("kubernetes.io/hostname");
    // Never on the nodes it launches: a controller must outlive the nodes it removes.
    expect(pod.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions).toEqual([{ key: "karpenter.sh/nodepool", operator: "DoesNotExist" }]);
    const container = pod.containers[0];
    expect(container.resources).toEqual({ requests: { cpu: "250m", memory: "512Mi", "ephemeral-storage": "64Mi" }, limits: { cpu: "1", memory: "512Mi", "ephemeral-storage": "1Gi" } });
    const env = Object.fromEntries((container.env as { name: string; value?: string }[]).map((e) => [e.name, e.value]));
    expect(env).toMatchObject({ CLUSTER_NAME: "main-test", INTERRUPTION_QUEUE: "main-test" });
    expect((rendered.find("ServiceAccount", "karpenter", "karpenter").metadata.annotations as Record<string, string>)[IRSA_ROLE_ANNOTATION]).toMatch(/^arn:aws:iam::123456789012:role\/autoscaler-controller/);
    expect(rendered.find("PodDisruptionBudget", "karpenter", "karpenter").spec).toMatchObject({ maxUnavailable: 1 });
  });

  it("brings the NodePool and EC2NodeClass CRDs the pool's objects validate against", () => {
    expect(rendered.find("CustomResourceDefinition", "nodepools.karpenter.sh")).toBeDefined();
    expect(rendered.find("CustomResourceDefinition", "ec2nodeclasses.karpenter.k8s.aws")).toBeDefined();
  });

  it("passes Pod Security in its restricted namespace without any exemption", () => {
    expect(rendered.check({ only: POD_SECURITY, exemptions: [] })).toEqual([]);
  });

  it("passes every other check but the reported chart limits", () => {
    const findings = rendered.check().map((v) => [v.check, v.object, v.field]);
    expect(findings).toEqual(expect.arrayContaining(REPORTED));
    expect(findings).toHaveLength(REPORTED.length);
  });
});
