import { allChecks, runChecks, StackView } from "@slipway/checks";
import { container, find, findCloud, podSpec, remove, secureStack } from "./fixture";

/** Optionally, where the one violation must point. */
type Where = { object: string; field: string };
type Break = [id: string, what: string, mutate: (s: StackView) => void, where?: Where];

const cart = (s: StackView) => container(s, "Deployment", "cart");
const cartPod = (s: StackView) => podSpec(s, "Deployment", "cart");
const redis = (s: StackView) => container(s, "StatefulSet", "cart-redis");
const trustOf = (s: StackView, role: string) => findCloud(s, "aws:iam/role:Role", role);

/** Each row breaks exactly one field of the secure stack; exactly that check must fail. */
const breaks: Break[] = [
  ["S1", "pod runAsNonRoot false", (s) => (cartPod(s).securityContext.runAsNonRoot = false), { object: "apps/v1/Deployment shop/cart", field: "spec.template.spec.securityContext.runAsNonRoot" }],
  [
    "S1",
    "container overrides runAsNonRoot false",
    (s) => (redis(s).securityContext.runAsNonRoot = false),
    { object: "apps/v1/StatefulSet shop/cart-redis", field: "spec.template.spec.containers[0].securityContext.runAsNonRoot" },
  ],
  ["S2", "pod runAsUser 0", (s) => (cartPod(s).securityContext.runAsUser = 0)],
  ["S2", "container runAsGroup 0", (s) => (cart(s).securityContext.runAsGroup = 0)],
  ["S3", "allowPrivilegeEscalation true", (s) => (cart(s).securityContext.allowPrivilegeEscalation = true)],
  [
    "S3",
    "CronJob init container escalates",
    (s) => (podSpec(s, "CronJob", "cart-cleanup").initContainers[0].securityContext.allowPrivilegeEscalation = true),
    { object: "batch/v1/CronJob shop/cart-cleanup", field: "spec.jobTemplate.spec.template.spec.initContainers[0].securityContext.allowPrivilegeEscalation" },
  ],
  [
    "S3",
    "ephemeral debug container escalates",
    (s) =>
      (cartPod(s).ephemeralContainers = [
        { name: "debug", image: "registry.internal.test/tools/debug:1.0.0", securityContext: { allowPrivilegeEscalation: true, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } } },
      ]),
    { object: "apps/v1/Deployment shop/cart", field: "spec.template.spec.ephemeralContainers[0].securityContext.allowPrivilegeEscalation" },
  ],
  ["S4", "adds SYS_ADMIN", (s) => (cart(s).securityContext.capabilities.add = ["SYS_ADMIN"])],
  ["S4", "drops only NET_RAW", (s) => (redis(s).securityContext.capabilities.drop = ["NET_RAW"])],
  ["S5", "pod seccomp Unconfined", (s) => (cartPod(s).securityContext.seccompProfile.type = "Unconfined")],
  ["S6", "privileged container", (s) => (cart(s).securityContext.privileged = true)],
  ["S7", "writable root filesystem", (s) => (cart(s).securityContext.readOnlyRootFilesystem = false)],
  ["S7", "CronJob container writable root", (s) => (container(s, "CronJob", "cart-cleanup").securityContext.readOnlyRootFilesystem = false)],
  ["S8", "hostPID", (s) => (cartPod(s).hostPID = true)],
  ["S8", "hostNetwork", (s) => (podSpec(s, "StatefulSet", "cart-redis").hostNetwork = true)],
  ["S9", "hostPath volume", (s) => (cartPod(s).volumes[0] = { name: "tmp", hostPath: { path: "/tmp" } }), { object: "apps/v1/Deployment shop/cart", field: "spec.template.spec.volumes[0].hostPath" }],
  ["S10", "hostPort", (s) => (cart(s).ports[0].hostPort = 8080)],
  ["S11", "procMount Unmasked", (s) => (cart(s).securityContext.procMount = "Unmasked")],
  ["S11", "pod sysctls", (s) => (cartPod(s).securityContext.sysctls = [{ name: "net.core.somaxconn", value: "1024" }])],
  ["S11", "AppArmor unconfined", (s) => (cart(s).securityContext.appArmorProfile = { type: "Unconfined" })],
  [
    "S12",
    "enforce-version unpinned",
    (s) => delete find(s, "Namespace", "shop").metadata.labels["pod-security.kubernetes.io/enforce-version"],
    { object: "v1/Namespace shop", field: 'metadata.labels["pod-security.kubernetes.io/enforce-version"]' },
  ],
  ["S12", "enforce baseline", (s) => (find(s, "Namespace", "shop").metadata.labels["pod-security.kubernetes.io/enforce"] = "baseline")],
  ["S12", "audit missing", (s) => delete find(s, "Namespace", "shop").metadata.labels["pod-security.kubernetes.io/audit"]],
  ["S13", "default ServiceAccount", (s) => (cartPod(s).serviceAccountName = "default")],
  ["S13", "token mounted without API use", (s) => (podSpec(s, "StatefulSet", "cart-redis").automountServiceAccountToken = true)],
  ["S13", "ServiceAccount shared by two workloads", (s) => (podSpec(s, "CronJob", "cart-cleanup").serviceAccountName = "cart-redis")],
  ["S14", "latest tag", (s) => (cart(s).image = "registry.internal.test/shop/cart:latest")],
  ["S14", "no tag", (s) => (container(s, "CronJob", "cart-cleanup").image = "registry.internal.test/shop/cart")],
  ["R1", "no CPU request", (s) => delete cart(s).resources.requests.cpu],
  ["R1", "init container without memory request", (s) => delete podSpec(s, "CronJob", "cart-cleanup").initContainers[0].resources.requests.memory],
  ["R2", "no memory limit", (s) => delete cart(s).resources.limits.memory],
  ["R2", "no CPU limit without the explicit opt-out", (s) => delete redis(s).resources.limits.cpu],
  ["R3", "no ephemeral-storage request", (s) => delete cart(s).resources.requests["ephemeral-storage"]],
  ["R4", "no readiness probe", (s) => delete cart(s).readinessProbe],
  ["R4", "liveness identical to readiness", (s) => (cart(s).livenessProbe = { httpGet: { path: "/ready", port: "http" }, periodSeconds: 5 })],
  ["R4", "liveness probe on an undeclared port", (s) => (redis(s).livenessProbe.tcpSocket.port = "metrics")],
  ["R5", "replicas set although the HPA owns them", (s) => (find(s, "Deployment", "cart").spec.replicas = 2)],
  ["R5", "single-replica StatefulSet", (s) => (find(s, "StatefulSet", "cart-redis").spec.replicas = 1)],
  ["R6", "no PDB for the Deployment", (s) => remove(s, "PodDisruptionBudget", "cart"), { object: "apps/v1/Deployment shop/cart", field: "spec.template.metadata.labels" }],
  ["R7", "PDB without AlwaysAllow", (s) => (find(s, "PodDisruptionBudget", "cart").spec.unhealthyPodEvictionPolicy = "IfHealthyBudget")],
  ["R7", "PDB maxUnavailable 0", (s) => (find(s, "PodDisruptionBudget", "cart-redis").spec.maxUnavailable = 0)],
  [
    "R7",
    "PDB minAvailable equal to replicas",
    (s) => {
      const spec = find(s, "PodDisruptionBudget", "cart-redis").spec;
      delete spec.maxUnavailable;
      spec.minAvailable = 2;
    },
  ],
  ["R8", "no topology spread", (s) => delete cartPod(s).topologySpreadConstraints],
  ["R8", "anti-affinity on zone only", (s) => (podSpec(s, "StatefulSet", "cart-redis").affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey = "topology.kubernetes.io/zone")],
  ["R9", "HPA minReplicas 1", (s) => (find(s, "HorizontalPodAutoscaler", "cart").spec.minReplicas = 1)],
  ["R9", "HPA maxReplicas equal to min", (s) => (find(s, "HorizontalPodAutoscaler", "cart").spec.maxReplicas = 2)],
  [
    "R9",
    "an HPA targets a workload the stack does not render",
    (s) => {
      const stray = structuredClone(find(s, "HorizontalPodAutoscaler", "cart"));
      stray.metadata.name = "cart-worker";
      stray.spec.scaleTargetRef.name = "cart-worker";
      s.manifests.push(stray);
    },
  ],
  ["R10", "maxUnavailable 1", (s) => (find(s, "Deployment", "cart").spec.strategy.rollingUpdate.maxUnavailable = 1)],
  ["R10", "no preStop", (s) => delete redis(s).lifecycle],
  ["R10", "no revision history", (s) => (find(s, "Deployment", "cart").spec.revisionHistoryLimit = 0)],
  ["R11", "Service selects no pods", (s) => (find(s, "Service", "cart").spec.selector["app.kubernetes.io/name"] = "kart")],
  ["R11", "Service targets an undeclared port", (s) => (find(s, "Service", "cart").spec.ports[0].targetPort = "web")],
  ["R11", "selector does not match the template", (s) => (find(s, "StatefulSet", "cart-redis").spec.selector.matchLabels["app.kubernetes.io/instance"] = "other")],
  ["R12", "serviceName names a missing Service", (s) => (find(s, "StatefulSet", "cart-redis").spec.serviceName = "cart-redis-missing")],
  ["R12", "headless Service is not headless", (s) => delete find(s, "Service", "cart-redis-headless").spec.clusterIP],
  ["R13", "route backend missing", (s) => (find(s, "HTTPRoute", "cart").spec.rules[0].backendRefs[0].name = "kart")],
  ["R13", "route on a plain-HTTP listener", (s) => (find(s, "Gateway", "public").spec.listeners[0].protocol = "HTTP")],
  ["R14", "beta apiVersion", (s) => (find(s, "HorizontalPodAutoscaler", "cart").apiVersion = "autoscaling/v2beta2")],
  ["R14", "duplicate env key", (s) => cart(s).env.push({ name: "REDIS_HOST", value: "other" })],
  ["R14", "invalid label value", (s) => (find(s, "ConfigMap", "cart-config").metadata.labels["app.kubernetes.io/version"] = "1.4.2 beta")],
  ["R15", "workload without name label", (s) => delete find(s, "Deployment", "cart").metadata.labels["app.kubernetes.io/name"]],
  ["R15", "pod labels disagree with the workload", (s) => (find(s, "StatefulSet", "cart-redis").spec.template.metadata.labels["app.kubernetes.io/part-of"] = "other")],
  ["N1", "default deny covers ingress only", (s) => (find(s, "NetworkPolicy", "default-deny").spec.policyTypes = ["Ingress"])],
  ["N1", "DNS egress not allowed", (s) => (find(s, "NetworkPolicy", "allow-dns").spec.egress[0].ports = [{ protocol: "TCP", port: 53 }])],
  ["N2", "egress peer selects no pod", (s) => (find(s, "NetworkPolicy", "cart-to-cart-redis").spec.egress[0].to[0].podSelector.matchLabels["app.kubernetes.io/name"] = "nothing")],
  ["N2", "policy selects no pod", (s) => (find(s, "NetworkPolicy", "cart-from-gateway").spec.podSelector.matchLabels["app.kubernetes.io/name"] = "nothing")],
  ["N3", "NodePort Service", (s) => (find(s, "Service", "cart").spec.type = "NodePort")],
  ["A1", "wildcard verbs", (s) => (find(s, "Role", "cart-config-reader").rules[0].verbs = ["*"])],
  ["A1", "pods/exec", (s) => (find(s, "Role", "cart-config-reader").rules[0].resources = ["configmaps", "pods/exec"])],
  ["A1", "list secrets", (s) => (find(s, "Role", "cart-config-reader").rules[0].resources = ["secrets"])],
  ["A1", "tenant bound to cluster-admin", (s) => (find(s, "RoleBinding", "cart-config-reader").roleRef = { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" })],
  ["X1", "password as a literal env value", (s) => (cart(s).env[1] = { name: "REDIS_PASSWORD", value: "fake-not-a-password" })],
  ["X1", "token in a ConfigMap", (s) => (find(s, "ConfigMap", "cart-config").data.API_TOKEN = "fake-token-value")],
  ["X1", "credentials in a URL", (s) => (cart(s).env[0].value = "redis://app:fake-pass@cart-redis:6379")],
  ["W1", "wildcard sub", (s) => (trustOf(s, "cart-irsa").inputs.assumeRolePolicy = trustOf(s, "cart-irsa").inputs.assumeRolePolicy.replace("system:serviceaccount:shop:cart", "system:serviceaccount:shop:*"))],
  ["W1", "no aud condition", (s) => (trustOf(s, "cart-irsa").inputs.assumeRolePolicy = trustOf(s, "cart-irsa").inputs.assumeRolePolicy.replace(/,"[^"]+:aud":"sts.amazonaws.com"/, ""))],
  ["W2", "service wildcard action", (s) => (findCloud(s, "aws:iam/policy:Policy", "cart-assets").inputs.policy = JSON.stringify({ Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] }))],
  [
    "W2",
    "app policy on the node role",
    (s) => (findCloud(s, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "cart-assets").inputs.role = "main-node"),
    { object: "aws:iam/rolePolicyAttachment:RolePolicyAttachment cart-assets", field: "policyArn" },
  ],
  ["W3", "public endpoint", (s) => (findCloud(s, "aws:eks/cluster:Cluster", "main").inputs.vpcConfig.endpointPublicAccess = true)],
  ["W3", "no secrets encryption", (s) => delete findCloud(s, "aws:eks/cluster:Cluster", "main").inputs.encryptionConfig],
  ["W3", "no audit log", (s) => (findCloud(s, "aws:eks/cluster:Cluster", "main").inputs.enabledClusterLogTypes = ["api", "authenticator"])],
  [
    "W3",
    "hop limit 2",
    (s) => (findCloud(s, "aws:ec2/launchTemplate:LaunchTemplate", "main-nodes").inputs.metadataOptions.httpPutResponseHopLimit = 2),
    { object: "aws:ec2/launchTemplate:LaunchTemplate main-nodes", field: "metadataOptions.httpPutResponseHopLimit" },
  ],
  ["W3", "IMDSv1 allowed", (s) => (findCloud(s, "aws:ec2/launchTemplate:LaunchTemplate", "main-nodes").inputs.metadataOptions.httpTokens = "optional")],
  ["W4", "no scan on push", (s) => (findCloud(s, "aws:ecr/repository:Repository", "shop-cart").inputs.imageScanningConfiguration.scanOnPush = false)],
  ["W4", "mutable tags", (s) => (findCloud(s, "aws:ecr/repository:Repository", "shop-cart").inputs.imageTagMutability = "MUTABLE")],
  ["W4", "no lifecycle policy", (s) => (s.cloud = s.cloud.filter((r) => r.type !== "aws:ecr/lifecyclePolicy:LifecyclePolicy"))],
  ["W4", "zone destroyed with records", (s) => (findCloud(s, "aws:route53/zone:Zone", "apps").inputs.forceDestroy = true)],
  ["D1", "PVCs deleted with the StatefulSet", (s) => (find(s, "StatefulSet", "cart-redis").spec.persistentVolumeClaimRetentionPolicy.whenDeleted = "Delete")],
];

const failingIds = (stack: StackView) => [...new Set(runChecks(stack).map((v) => v.check))].sort();

describe("the secure default stack", () => {
  it("passes every check", () => {
    expect(runChecks(secureStack())).toEqual([]);
  });

  it("is exercised by a one-field break for every check", () => {
    const covered = new Set(breaks.map(([id]) => id));
    // The link checks (L) break a cluster of renders: their table is links.test.ts.
    expect(allChecks.filter((c) => !c.cluster && !covered.has(c.id)).map((c) => c.id)).toEqual([]);
  });
});

describe.each(breaks)("%s fails alone when %s", (id, _what, mutate, where) => {
  it("reports only that check, naming the object and field", () => {
    const stack = secureStack();
    mutate(stack);
    expect(failingIds(stack)).toEqual([id]);
    const violations = runChecks(stack);
    const check = allChecks.find((c) => c.id === id);
    for (const v of violations) {
      expect(v.tools).toEqual(check?.tools);
      expect(v.object).not.toBe("");
      expect(v.field).not.toBe("");
      expect(v.message.length).toBeGreaterThan(0);
      expect(v.hint.length).toBeGreaterThan(0);
    }
    if (where) expect(violations.map((v) => ({ object: v.object, field: v.field }))).toEqual([where]);
  });
});
