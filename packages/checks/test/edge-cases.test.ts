import { runChecks, StackView } from "@slipway/checks";
import type { Manifest } from "@slipway/core";
import { container, find, podSpec, secureStack } from "./fixture";

const failing = (stack: StackView) => [...new Set(runChecks(stack).map((v) => v.check))].sort();

function ingress(tls: boolean, backend = "cart"): Manifest {
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: { name: "cart", namespace: "shop" },
    spec: {
      ...(tls ? { tls: [{ hosts: ["*.apps.example.test"], secretName: "apps-tls" }] } : {}),
      rules: [{ host: "cart.apps.example.test", http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: backend, port: { name: "http" } } } }] } }],
    },
  };
}

/** Cases beyond the one-field table: other kinds, other shapes, and what must stay quiet. */
const cases: Array<[what: string, mutate: (s: StackView) => void, expected: string[]]> = [
  ["an Ingress with TLS to an existing Service passes", (s) => s.manifests.push(ingress(true)), []],
  ["an Ingress host without TLS fails R13", (s) => s.manifests.push(ingress(false)), ["R13"]],
  ["an Ingress to a missing Service fails R13", (s) => s.manifests.push(ingress(true, "kart")), ["R13"]],
  ["a route to a Gateway in another stack is not judged on TLS", (s) => (s.manifests = s.manifests.filter((m) => m.kind !== "Gateway")), []],
  [
    "a token is allowed for EKS Pod Identity",
    (s) => {
      podSpec(s, "StatefulSet", "cart-redis").automountServiceAccountToken = true;
      s.cloud.push({ type: "aws:eks/podIdentityAssociation:PodIdentityAssociation", name: "redis", inputs: { namespace: "shop", serviceAccount: "cart-redis", clusterName: "main" } });
    },
    [],
  ],
  [
    "registry-wide scan on push replaces the per-repository flag",
    (s) => {
      s.cloud.find((r) => r.type === "aws:ecr/repository:Repository")!.inputs.imageScanningConfiguration = { scanOnPush: false };
      s.cloud.push({ type: "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration", name: "scan", inputs: { scanType: "ENHANCED", rules: [{ scanFrequency: "SCAN_ON_PUSH" }] } });
    },
    [],
  ],
  ["a node group on the default launch template fails W3", (s) => s.cloud.push({ type: "aws:eks/nodeGroup:NodeGroup", name: "default", inputs: { clusterName: "main" } }), ["W3"]],
  [
    "a restricted public endpoint passes W3",
    (s) => {
      const vpc = s.cloud.find((r) => r.type === "aws:eks/cluster:Cluster")!.inputs.vpcConfig as Record<string, unknown>;
      vpc.endpointPublicAccess = true;
      vpc.publicAccessCidrs = ["203.0.113.0/24"];
    },
    [],
  ],
  [
    "two roles trusting the same ServiceAccount fail W1",
    (s) => {
      const role = s.cloud.find((r) => r.name === "cart-irsa")!;
      s.cloud.push({ ...role, name: "cart-irsa-2", inputs: { ...role.inputs, name: "cart-irsa-2" } });
    },
    ["W1"],
  ],
  ["Allow * on * fails W2", (s) => s.cloud.push({ type: "aws:iam/rolePolicy:RolePolicy", name: "admin", inputs: { role: "cart-irsa", policy: { Statement: { Effect: "Allow", Action: "*", Resource: "*" } } } }), ["W2"]],
  ["a CephFilesystem without preservePoolsOnDelete fails D1", (s) => s.manifests.push({ apiVersion: "ceph.rook.io/v1", kind: "CephFilesystem", metadata: { name: "fs", namespace: "rook-ceph" }, spec: {} }), ["D1"]],
  ["a CephCluster that wipes disks on delete fails D1", (s) => s.manifests.push({ apiVersion: "ceph.rook.io/v1", kind: "CephCluster", metadata: { name: "ceph", namespace: "rook-ceph" }, spec: { cleanupPolicy: { confirmation: "yes-really-destroy-data" } } }), ["D1"]],
  ["a DNS endpoint CRD on v1alpha1 is not an unstable built-in API", (s) => s.manifests.push({ apiVersion: "externaldns.k8s.io/v1alpha1", kind: "DNSEndpoint", metadata: { name: "cart", namespace: "shop" }, spec: {} }), []],
  ["a Gateway API TLSRoute on v1alpha2 is allowed (no GA version exists)", (s) => s.manifests.push({ apiVersion: "gateway.networking.k8s.io/v1alpha2", kind: "TLSRoute", metadata: { name: "t", namespace: "shop" }, spec: {} }), []],
  ["an HTTPRoute on v1beta1 fails R14", (s) => (find(s, "HTTPRoute", "cart").apiVersion = "gateway.networking.k8s.io/v1beta1"), ["R14"]],
  ["a password file path is not a secret value", (s) => container(s, "Deployment", "cart").env.push({ name: "REDIS_PASSWORD_FILE", value: "/run/secrets/redis/password" }), []],
  [
    "a bare Pod is checked like a template",
    (s) => {
      const pod = structuredClone(find(s, "Deployment", "cart").spec.template);
      s.manifests.push({ apiVersion: "v1", kind: "Pod", metadata: { ...pod.metadata, name: "debug", namespace: "shop" }, spec: { ...pod.spec, serviceAccountName: "cart", hostIPC: true } });
    },
    // A bare Pod shares the cart ServiceAccount (S13) and a host namespace (S8).
    ["S13", "S8"].sort(),
  ],
  [
    "a ClusterRoleBinding for a tenant ServiceAccount fails A1",
    (s) =>
      s.manifests.push({
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "ClusterRoleBinding",
        metadata: { name: "shop-view" },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" },
        subjects: [{ kind: "ServiceAccount", name: "cart", namespace: "shop" }],
      }),
    ["A1"],
  ],
];

describe.each(cases)("%s", (_what, mutate, expected) => {
  it("fails exactly the expected checks", () => {
    const stack = secureStack();
    mutate(stack);
    expect(failing(stack)).toEqual(expected);
  });
});

describe("values not known yet (unresolved Outputs)", () => {
  it("are skipped rather than reported", () => {
    const stack = secureStack();
    const unknown = { __unknown: true };
    container(stack, "Deployment", "cart").image = unknown;
    podSpec(stack, "Deployment", "cart").serviceAccountName = unknown;
    unresolvePolicyDocument(stack);
    expect(failing(stack)).toEqual([]);
  });
});

function unresolvePolicyDocument(stack: StackView): void {
  stack.cloud.find((r) => r.name === "cart-assets" && r.type === "aws:iam/policy:Policy")!.inputs.policy = { __unknown: true };
}

describe("R10 and a stated singleton", () => {
  const deployment = (replicas: number, reason?: string): Manifest => ({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "velero", namespace: "velero", ...(reason === undefined ? {} : { annotations: { "slipway.dev/single-replica-reason": reason } }) },
    spec: { replicas, strategy: { type: "Recreate" }, selector: { matchLabels: { app: "velero" } }, template: { metadata: { labels: { app: "velero" } }, spec: { containers: [{ name: "velero", image: "velero/velero:v1.18.1" }] } } },
  });
  const r10 = (m: Manifest) => runChecks({ manifests: [m], cloud: [], outputs: {} }, { only: ["R10"] }).map((v) => v.field);

  it("accepts Recreate for one replica with a stated reason: a surge pod would be a second instance", () => {
    expect(r10(deployment(1, "no leader election"))).toEqual([]);
  });

  it.each([
    ["without a reason", deployment(1)],
    ["with an empty reason", deployment(1, " ")],
    ["with two replicas", deployment(2, "no leader election")],
  ])("reports Recreate %s", (_case, m) => {
    expect(r10(m)).toEqual(["spec.strategy.type"]);
  });
});
