/**
 * A hand-built "secure default" stack: one tenant with a web Deployment, a Redis StatefulSet, a
 * CronJob, their Services, budgets, autoscaler, network policies, RBAC and route, plus secure EKS,
 * launch template, ECR and IAM resources. Every check passes it; tests break one field at a time.
 */
import { Manifest, selectorLabels, standardLabels } from "@slipway/core";
import type { CloudResource, StackView } from "@slipway/checks";

export const TENANT = "shop";
const OIDC = "oidc.eks.eu-west-1.amazonaws.com/id/FAKE0123456789";

const cart = { name: "cart", component: "server", partOf: TENANT };
const redis = { name: "cart-redis", component: "database", partOf: TENANT };
const cleanup = { name: "cart-cleanup", component: "job", partOf: TENANT };

/** The restricted pod securityContext. */
export function podSecurity(): Record<string, unknown> {
  return { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001, seccompProfile: { type: "RuntimeDefault" } };
}

/** The restricted container securityContext. */
export function containerSecurity(): Record<string, unknown> {
  return { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } };
}

export function resources(): Record<string, unknown> {
  return {
    requests: { cpu: "100m", memory: "128Mi", "ephemeral-storage": "64Mi" },
    limits: { cpu: "500m", memory: "256Mi", "ephemeral-storage": "256Mi" },
  };
}

function meta(name: string, identity: { name: string; component?: string; partOf?: string }, extra: Record<string, unknown> = {}) {
  return { name, namespace: TENANT, labels: standardLabels(identity), ...extra };
}

function namespace(): Manifest {
  return {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: {
      name: TENANT,
      labels: {
        "slipway.dev/tenant": TENANT,
        "pod-security.kubernetes.io/enforce": "restricted",
        "pod-security.kubernetes.io/enforce-version": "v1.31",
        "pod-security.kubernetes.io/warn": "restricted",
        "pod-security.kubernetes.io/warn-version": "v1.31",
        "pod-security.kubernetes.io/audit": "restricted",
        "pod-security.kubernetes.io/audit-version": "v1.31",
      },
    },
  };
}

function serviceAccount(identity: { name: string; component?: string; partOf?: string }, annotations?: Record<string, string>): Manifest {
  return { apiVersion: "v1", kind: "ServiceAccount", metadata: meta(identity.name, identity, annotations ? { annotations } : {}), automountServiceAccountToken: false };
}

function cartDeployment(): Manifest {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: meta("cart", cart),
    spec: {
      // No spec.replicas: the HPA owns the count (minReplicas 2).
      revisionHistoryLimit: 5,
      selector: { matchLabels: selectorLabels(cart) },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: {
        metadata: { labels: standardLabels(cart) },
        spec: {
          serviceAccountName: "cart",
          automountServiceAccountToken: false,
          securityContext: podSecurity(),
          topologySpreadConstraints: [
            { maxSkew: 1, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: selectorLabels(cart) } },
          ],
          containers: [
            {
              name: "cart",
              image: "registry.internal.test/shop/cart:1.4.2",
              ports: [{ name: "http", containerPort: 8080, protocol: "TCP" }],
              env: [
                { name: "REDIS_HOST", value: "cart-redis-headless.shop.svc.cluster.local" },
                { name: "REDIS_PASSWORD", valueFrom: { secretKeyRef: { name: "cart-redis", key: "password" } } },
              ],
              readinessProbe: { httpGet: { path: "/ready", port: "http" }, periodSeconds: 5 },
              livenessProbe: { httpGet: { path: "/healthz", port: "http" }, periodSeconds: 10, failureThreshold: 6 },
              lifecycle: { preStop: { sleep: { seconds: 5 } } },
              resources: resources(),
              securityContext: containerSecurity(),
              volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
            },
          ],
          volumes: [{ name: "tmp", emptyDir: {} }],
        },
      },
    },
  };
}

function redisStatefulSet(): Manifest {
  return {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: meta("cart-redis", redis),
    spec: {
      replicas: 2,
      serviceName: "cart-redis-headless",
      revisionHistoryLimit: 5,
      selector: { matchLabels: selectorLabels(redis) },
      updateStrategy: { type: "RollingUpdate" },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: "Retain", whenScaled: "Retain" },
      template: {
        metadata: { labels: standardLabels(redis) },
        spec: {
          serviceAccountName: "cart-redis",
          automountServiceAccountToken: false,
          securityContext: podSecurity(),
          affinity: {
            podAntiAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [
                { weight: 100, podAffinityTerm: { topologyKey: "kubernetes.io/hostname", labelSelector: { matchLabels: selectorLabels(redis) } } },
              ],
            },
          },
          containers: [
            {
              name: "redis",
              image: "redis:7.4.1",
              ports: [{ name: "redis", containerPort: 6379 }],
              env: [{ name: "REDIS_PASSWORD", valueFrom: { secretKeyRef: { name: "cart-redis", key: "password" } } }],
              readinessProbe: { exec: { command: ["redis-cli", "ping"] }, periodSeconds: 5 },
              livenessProbe: { tcpSocket: { port: "redis" }, periodSeconds: 10 },
              lifecycle: { preStop: { sleep: { seconds: 5 } } },
              resources: resources(),
              securityContext: containerSecurity(),
              volumeMounts: [
                { name: "data", mountPath: "/data" },
                { name: "tmp", mountPath: "/tmp" },
              ],
            },
          ],
          volumes: [{ name: "tmp", emptyDir: {} }],
        },
      },
      volumeClaimTemplates: [{ metadata: { name: "data" }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "5Gi" } } } }],
    },
  };
}

function cleanupCronJob(): Manifest {
  return {
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: meta("cart-cleanup", cleanup),
    spec: {
      schedule: "0 3 * * *",
      concurrencyPolicy: "Forbid",
      jobTemplate: {
        spec: {
          backoffLimit: 2,
          template: {
            metadata: { labels: standardLabels(cleanup) },
            spec: {
              restartPolicy: "OnFailure",
              serviceAccountName: "cart-cleanup",
              automountServiceAccountToken: false,
              securityContext: podSecurity(),
              initContainers: [
                { name: "wait", image: "registry.internal.test/tools/wait-for:2.1.0", args: ["cart-redis-headless:6379"], resources: resources(), securityContext: containerSecurity() },
              ],
              containers: [
                { name: "cleanup", image: "registry.internal.test/shop/cart:1.4.2", args: ["cleanup"], resources: resources(), securityContext: containerSecurity() },
              ],
            },
          },
        },
      },
    },
  };
}

function service(name: string, identity: typeof cart, spec: Record<string, unknown>): Manifest {
  return { apiVersion: "v1", kind: "Service", metadata: meta(name, identity), spec };
}

function pdb(identity: typeof cart): Manifest {
  return {
    apiVersion: "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: meta(identity.name, identity),
    spec: { maxUnavailable: 1, unhealthyPodEvictionPolicy: "AlwaysAllow", selector: { matchLabels: selectorLabels(identity) } },
  };
}

function networkPolicy(name: string, spec: Record<string, unknown>): Manifest {
  return { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: meta(name, { name: TENANT, partOf: TENANT }), spec };
}

function networkPolicies(): Manifest[] {
  return [
    networkPolicy("default-deny", { podSelector: {}, policyTypes: ["Ingress", "Egress"] }),
    networkPolicy("allow-dns", {
      podSelector: {},
      policyTypes: ["Egress"],
      egress: [
        {
          to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
          ports: [
            { protocol: "UDP", port: 53 },
            { protocol: "TCP", port: 53 },
          ],
        },
      ],
    }),
    networkPolicy("cart-to-cart-redis", {
      podSelector: { matchLabels: selectorLabels(cart) },
      policyTypes: ["Egress"],
      egress: [{ to: [{ podSelector: { matchLabels: selectorLabels(redis) } }], ports: [{ protocol: "TCP", port: 6379 }] }],
    }),
    networkPolicy("cart-redis-from-cart", {
      podSelector: { matchLabels: selectorLabels(redis) },
      policyTypes: ["Ingress"],
      ingress: [{ from: [{ podSelector: { matchLabels: selectorLabels(cart) } }], ports: [{ protocol: "TCP", port: 6379 }] }],
    }),
    networkPolicy("cart-from-gateway", {
      podSelector: { matchLabels: selectorLabels(cart) },
      policyTypes: ["Ingress"],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "gateway-system" } } }], ports: [{ protocol: "TCP", port: 8080 }] }],
    }),
  ];
}

function rbac(): Manifest[] {
  return [
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "Role",
      metadata: meta("cart-config-reader", cart),
      rules: [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get", "list", "watch"] }],
    },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: meta("cart-config-reader", cart),
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "cart-config-reader" },
      subjects: [{ kind: "ServiceAccount", name: "cart", namespace: TENANT }],
    },
  ];
}

function routing(): Manifest[] {
  return [
    {
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "Gateway",
      metadata: { name: "public", namespace: "gateway-system" },
      spec: {
        gatewayClassName: "envoy",
        listeners: [
          {
            name: "https",
            protocol: "HTTPS",
            port: 443,
            hostname: "*.apps.example.test",
            tls: { mode: "Terminate", certificateRefs: [{ name: "apps-wildcard-tls" }] },
            allowedRoutes: { namespaces: { from: "All" } },
          },
        ],
      },
    },
    {
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "HTTPRoute",
      metadata: meta("cart", cart),
      spec: {
        parentRefs: [{ name: "public", namespace: "gateway-system", sectionName: "https" }],
        hostnames: ["cart.apps.example.test"],
        rules: [{ matches: [{ path: { type: "PathPrefix", value: "/" } }], backendRefs: [{ name: "cart", port: 80 }] }],
      },
    },
  ];
}

function manifests(): Manifest[] {
  return [
    namespace(),
    serviceAccount(cart, { "eks.amazonaws.com/role-arn": "arn:aws:iam::111122223333:role/cart-irsa" }),
    serviceAccount(redis),
    serviceAccount(cleanup),
    // The Secret both pods read the Redis password from (CHECKS L6: referenced Secrets exist).
    { apiVersion: "v1", kind: "Secret", metadata: meta("cart-redis", redis), type: "Opaque" },
    cartDeployment(),
    service("cart", cart, { type: "ClusterIP", selector: selectorLabels(cart), ports: [{ name: "http", port: 80, targetPort: "http" }] }),
    pdb(cart),
    {
      apiVersion: "autoscaling/v2",
      kind: "HorizontalPodAutoscaler",
      metadata: meta("cart", cart),
      spec: {
        scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "cart" },
        minReplicas: 2,
        maxReplicas: 10,
        metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } }],
      },
    },
    redisStatefulSet(),
    service("cart-redis-headless", redis, { clusterIP: "None", selector: selectorLabels(redis), ports: [{ name: "redis", port: 6379, targetPort: "redis" }] }),
    pdb(redis),
    cleanupCronJob(),
    { apiVersion: "v1", kind: "ConfigMap", metadata: meta("cart-config", cart), data: { LOG_LEVEL: "info", REDIS_PORT: "6379" } },
    ...networkPolicies(),
    ...rbac(),
    ...routing(),
  ];
}

function trust(statement: Record<string, unknown>): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: [statement] });
}

function cloud(): CloudResource[] {
  return [
    {
      type: "aws:eks/cluster:Cluster",
      name: "main",
      inputs: {
        name: "main",
        version: "1.31",
        roleArn: "arn:aws:iam::111122223333:role/main-cluster",
        vpcConfig: { subnetIds: ["subnet-0a1", "subnet-0b2"], endpointPrivateAccess: true, endpointPublicAccess: false },
        encryptionConfig: { resources: ["secrets"], provider: { keyArn: "arn:aws:kms:eu-west-1:111122223333:key/fake-key" } },
        enabledClusterLogTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
      },
    },
    {
      type: "aws:iam/role:Role",
      name: "main-node",
      inputs: { name: "main-node", assumeRolePolicy: trust({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }) },
    },
    {
      type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
      name: "main-node-worker",
      inputs: { role: "main-node", policyArn: "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy" },
    },
    {
      type: "aws:ec2/launchTemplate:LaunchTemplate",
      name: "main-nodes",
      inputs: { metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 } },
    },
    {
      type: "aws:iam/role:Role",
      name: "cart-irsa",
      inputs: {
        name: "cart-irsa",
        assumeRolePolicy: trust({
          Effect: "Allow",
          Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/${OIDC}` },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: { StringEquals: { [`${OIDC}:sub`]: "system:serviceaccount:shop:cart", [`${OIDC}:aud`]: "sts.amazonaws.com" } },
        }),
      },
    },
    {
      type: "aws:iam/policy:Policy",
      name: "cart-assets",
      inputs: { policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: "arn:aws:s3:::cart-assets/*" }] }) },
    },
    {
      type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
      name: "cart-assets",
      inputs: { role: "cart-irsa", policyArn: "arn:aws:iam::111122223333:policy/cart-assets" },
    },
    {
      type: "aws:ecr/repository:Repository",
      name: "shop-cart",
      inputs: {
        name: "shop/cart",
        imageTagMutability: "IMMUTABLE",
        imageScanningConfiguration: { scanOnPush: true },
        encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: "arn:aws:kms:eu-west-1:111122223333:key/fake-key" }],
      },
    },
    {
      type: "aws:ecr/lifecyclePolicy:LifecyclePolicy",
      name: "shop-cart",
      inputs: { repository: "shop/cart", policy: JSON.stringify({ rules: [{ rulePriority: 1, selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 14 }, action: { type: "expire" } }] }) },
    },
    { type: "aws:route53/zone:Zone", name: "apps", inputs: { name: "apps.example.test", forceDestroy: false } },
  ];
}

/** Schema-less access for tests that reach deep into fixture objects to break one field. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- fixtures are plain data mutated by path
type Loose = any;

/** A fresh copy of the secure default stack (tests mutate it freely). */
export function secureStack(): StackView {
  return { manifests: manifests(), cloud: cloud() };
}

/** The manifest of a kind and name in the stack; throws when absent so a typo fails loudly. */
export function find(stack: StackView, kind: string, name: string): Loose {
  const found = stack.manifests.find((m) => m.kind === kind && m.metadata.name === name);
  if (!found) throw new Error(`fixture has no ${kind} ${name}`);
  return found;
}

/** The cloud resource of a type and name in the stack. */
export function findCloud(stack: StackView, type: string, name: string): CloudResource & { inputs: Record<string, Loose> } {
  const found = stack.cloud.find((r) => r.type === type && r.name === name);
  if (!found) throw new Error(`fixture has no ${type} ${name}`);
  return found as CloudResource & { inputs: Record<string, Loose> };
}

/** Removes the manifest of a kind and name from the stack. */
export function remove(stack: StackView, kind: string, name: string): void {
  const target = find(stack, kind, name);
  stack.manifests = stack.manifests.filter((m) => m !== target);
}

/** The pod spec of a workload in the stack (CronJobs included). */
export function podSpec(stack: StackView, kind: string, name: string): Record<string, Loose> {
  const m = find(stack, kind, name);
  return kind === "CronJob" ? m.spec.jobTemplate.spec.template.spec : m.spec.template.spec;
}

/** The first container of a workload's pod. */
export function container(stack: StackView, kind: string, name: string): Record<string, Loose> {
  return podSpec(stack, kind, name).containers[0];
}
