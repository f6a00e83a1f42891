/**
 * Inputs that break a check's intent while dodging its obvious form (CHECKS "Hardening notes").
 * Each evasive row must fail exactly the check it targets; each control is the legitimate near miss
 * that must pass every check.
 */
import { runChecks, StackView } from "@slipway/checks";
import { EXPOSURE_REASON_ANNOTATION, Manifest } from "@slipway/core";
import { container, find, findCloud, podSpec, secureStack, TENANT } from "./fixture";

type Case = [what: string, mutate: (s: StackView) => void];

const cart = (s: StackView) => container(s, "Deployment", "cart");
const cartPod = (s: StackView) => podSpec(s, "Deployment", "cart");
const redisPod = (s: StackView) => podSpec(s, "StatefulSet", "cart-redis");
const rbacApi = "rbac.authorization.k8s.io/v1";
const add = (s: StackView, ...objects: Manifest[]) => s.manifests.push(...objects);

/** The cart Deployment re-dressed as another kind (a CRD), with its own ServiceAccount so only what the row breaks fails. */
function asKind(s: StackView, apiVersion: string, kind: string, name: string): ReturnType<typeof find> {
  const copy = structuredClone(find(s, "Deployment", "cart"));
  Object.assign(copy, { apiVersion, kind });
  copy.metadata.name = name;
  delete copy.spec.strategy;
  copy.spec.template.spec.serviceAccountName = name;
  add(s, copy, { apiVersion: "v1", kind: "ServiceAccount", metadata: { ...structuredClone(copy.metadata), name }, automountServiceAccountToken: false });
  return copy;
}

function storageClass(name: string, provisioner: string, isDefault = false): Manifest {
  const annotations = isDefault ? { "storageclass.kubernetes.io/is-default-class": "true" } : undefined;
  return { apiVersion: "storage.k8s.io/v1", kind: "StorageClass", metadata: { name, ...(annotations ? { annotations } : {}) }, provisioner, reclaimPolicy: "Retain" };
}

function hostPathPv(name: string, claimRef?: { namespace: string; name: string }): Manifest {
  return { apiVersion: "v1", kind: "PersistentVolume", metadata: { name }, spec: { capacity: { storage: "1Gi" }, accessModes: ["ReadWriteOnce"], hostPath: { path: "/var/lib" }, ...(claimRef ? { claimRef } : {}) } };
}

function claim(name: string, spec: Record<string, unknown>): Manifest {
  return { apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name, namespace: TENANT }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } }, ...spec } };
}

/** Mounts a claim into the cart pod as `data`. */
function mountClaim(s: StackView, claimName: string): void {
  cartPod(s).volumes.push({ name: "data", persistentVolumeClaim: { claimName } });
}

const role = (name: string, rules: unknown[]): Manifest => ({ apiVersion: rbacApi, kind: "Role", metadata: { name, namespace: TENANT }, rules });
const clusterRole = (name: string, rules: unknown[], labels: Record<string, string> = {}, extra: Record<string, unknown> = {}): Manifest => ({
  apiVersion: rbacApi,
  kind: "ClusterRole",
  metadata: { name, labels },
  rules,
  ...extra,
});

function binding(kind: "RoleBinding" | "ClusterRoleBinding", name: string, roleRef: { kind: string; name: string }, subjects: unknown[], namespace: string = TENANT): Manifest {
  return { apiVersion: rbacApi, kind, metadata: { name, ...(kind === "RoleBinding" ? { namespace } : {}) }, roleRef: { apiGroup: "rbac.authorization.k8s.io", ...roleRef }, subjects };
}

/** Adds a rule to the tenant's Role `cart-config-reader` (which cart's ServiceAccount holds). */
const grant = (s: StackView, rule: Record<string, unknown>) => find(s, "Role", "cart-config-reader").rules.push({ apiGroups: [""], ...rule });

/** An extra policy in the tenant namespace, over the cart pods. */
function policy(s: StackView, name: string, spec: Record<string, unknown>): void {
  add(s, { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name, namespace: TENANT }, spec: { podSelector: { matchLabels: { "app.kubernetes.io/name": "cart" } }, ...spec } });
}
const egressTo = (...cidrs: string[]) => ({ policyTypes: ["Egress"], egress: [{ to: cidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: [{ protocol: "TCP", port: 443 }] }] });

const env = (s: StackView, name: string, value: string) => cart(s).env.push({ name, value });
const configFile = (s: StackView, key: string, content: string) => (find(s, "ConfigMap", "cart-config").data[key] = content);
const iamPolicy = (s: StackView, statement: Record<string, unknown>) =>
  (findCloud(s, "aws:iam/policy:Policy", "cart-assets").inputs.policy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", ...statement }] }));
const attach = (s: StackView, policy: string) =>
  s.cloud.push({ type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: `cart-${policy}`, inputs: { role: "cart-irsa", policyArn: `arn:aws:iam::aws:policy/${policy}` } });
const publicCidrs = (s: StackView, cidrs: string[]) => {
  const vpc = findCloud(s, "aws:eks/cluster:Cluster", "main").inputs.vpcConfig;
  vpc.endpointPublicAccess = true;
  vpc.publicAccessCidrs = cidrs;
};
const eksAccess = (s: StackView, policy: string, accessScope: Record<string, unknown>) =>
  s.cloud.push({
    type: "aws:eks/accessPolicyAssociation:AccessPolicyAssociation",
    name: `team-${policy}`,
    inputs: { clusterName: "main", principalArn: "arn:aws:iam::111122223333:role/shop-team", policyArn: `arn:aws:eks::aws:cluster-access-policy/${policy}`, accessScope },
  });
const service = (s: StackView) => find(s, "Service", "cart");
/** Every public IPv4 block, written around private space as a firewall list would: the internet without 0.0.0.0/0. */
const AROUND_PRIVATE = ["1.0.0.0/8", "2.0.0.0/7", "4.0.0.0/6", "8.0.0.0/7", "11.0.0.0/8", "12.0.0.0/6", "16.0.0.0/4", "32.0.0.0/3", "64.0.0.0/3", "96.0.0.0/6", "100.0.0.0/10", "100.128.0.0/9", "101.0.0.0/8", "102.0.0.0/7", "104.0.0.0/5", "112.0.0.0/5", "120.0.0.0/6", "124.0.0.0/7", "126.0.0.0/8", "128.0.0.0/3", "160.0.0.0/5", "168.0.0.0/8", "169.0.0.0/9", "169.128.0.0/10", "169.192.0.0/11", "169.224.0.0/12", "169.240.0.0/13", "169.248.0.0/14", "169.252.0.0/15", "169.255.0.0/16", "170.0.0.0/7", "172.0.0.0/12", "172.32.0.0/11", "172.64.0.0/10", "172.128.0.0/9", "173.0.0.0/8", "174.0.0.0/7", "176.0.0.0/4", "192.0.0.0/9", "192.128.0.0/11", "192.160.0.0/13", "192.169.0.0/16", "192.170.0.0/15", "192.172.0.0/14", "192.176.0.0/12", "192.192.0.0/10", "193.0.0.0/8", "194.0.0.0/7", "196.0.0.0/6", "200.0.0.0/5", "208.0.0.0/4"];

/** Evasive inputs, by the check that must stop them. */
const evasive: Array<[id: string, ...Case]> = [
  // Pods of any kind
  ["S6", "a privileged container inside an Argo Rollout", (s) => (asKind(s, "argoproj.io/v1alpha1", "Rollout", "cart-rollout").spec.template.spec.containers = [{ ...structuredClone(cart(s)), securityContext: { ...cart(s).securityContext, privileged: true } }])],
  ["S8", "hostNetwork inside an OpenKruise CloneSet", (s) => (asKind(s, "apps.kruise.io/v1alpha1", "CloneSet", "cart-clones").spec.template.spec.hostNetwork = true)],
  [
    "S6",
    "a privileged pod template nested deeper in a custom kind",
    (s) => {
      const kind = asKind(s, "apps.example.test/v1", "Workload", "cart-workload");
      const template = kind.spec.template;
      template.spec.containers[0].securityContext.privileged = true;
      kind.spec = { selector: kind.spec.selector, workload: { replicas: 2, template } };
    },
  ],
  ["X1", "a literal password inside a Rollout's env", (s) => asKind(s, "argoproj.io/v1alpha1", "Rollout", "cart-rollout").spec.template.spec.containers[0].env.push({ name: "DB_PASSWORD", value: "hunter2-rollout" })],
  // S2
  ["S2", "fsGroup 0", (s) => (cartPod(s).securityContext.fsGroup = 0)],
  ["S2", "supplementalGroups with 0", (s) => (cartPod(s).securityContext.supplementalGroups = [10001, 0])],
  // S9: hostPath reached indirectly
  ["S9", "a claim bound by volumeName to a hostPath PersistentVolume", (s) => (add(s, hostPathPv("node-disk"), claim("data", { volumeName: "node-disk", storageClassName: "" })), mountClaim(s, "data"))],
  ["S9", "a hostPath PersistentVolume pre-bound to the claim by claimRef", (s) => (add(s, hostPathPv("node-disk", { namespace: TENANT, name: "data" }), claim("data", { storageClassName: "" })), mountClaim(s, "data"))],
  [
    "S9",
    "an ephemeral claim on a local-path class",
    (s) => {
      add(s, storageClass("local", "rancher.io/local-path"));
      cartPod(s).volumes.push({ name: "scratch", ephemeral: { volumeClaimTemplate: { spec: { accessModes: ["ReadWriteOnce"], storageClassName: "local", resources: { requests: { storage: "1Gi" } } } } } });
    },
  ],
  ["S9", "a StatefulSet claim template on a no-provisioner class", (s) => (add(s, storageClass("static", "kubernetes.io/no-provisioner")), (find(s, "StatefulSet", "cart-redis").spec.volumeClaimTemplates[0].spec.storageClassName = "static"))],
  ["S9", "a claim with no class when the default class is a hostpath one", (s) => (add(s, storageClass("microk8s-hostpath", "microk8s.io/hostpath", true), claim("data", {})), mountClaim(s, "data"))],
  ["S9", "an inline CSI volume of the hostpath driver", (s) => cartPod(s).volumes.push({ name: "node", csi: { driver: "hostpath.csi.k8s.io", volumeAttributes: { path: "/" } } })],
  // S13
  [
    "S13",
    "a projected ServiceAccount token while automount is off",
    (s) => redisPod(s).volumes.push({ name: "token", projected: { sources: [{ serviceAccountToken: { path: "token", expirationSeconds: 3600 } }] } }),
  ],
  [
    "S13",
    "automount justified by a binding to an empty Role",
    (s) => {
      redisPod(s).automountServiceAccountToken = true;
      add(s, role("nothing", []), binding("RoleBinding", "cart-redis-nothing", { kind: "Role", name: "nothing" }, [{ kind: "ServiceAccount", name: "cart-redis", namespace: TENANT }]));
    },
  ],
  [
    "S13",
    "a legacy token Secret mounted while automount is off",
    (s) => {
      add(s, { apiVersion: "v1", kind: "Secret", metadata: { name: "cart-redis-token", namespace: TENANT, annotations: { "kubernetes.io/service-account.name": "cart-redis" } }, type: "kubernetes.io/service-account-token" });
      redisPod(s).volumes.push({ name: "token", secret: { secretName: "cart-redis-token" } });
    },
  ],
  // A1
  ["A1", "a ClusterRole aggregated into edit with * rules", (s) => add(s, clusterRole("extras", [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }], { "rbac.authorization.k8s.io/aggregate-to-edit": "true" }))],
  ["A1", "a ClusterRole aggregated into admin that lists secrets", (s) => add(s, clusterRole("secret-lister", [{ apiGroups: [""], resources: ["secrets"], verbs: ["list"] }], { "rbac.authorization.k8s.io/aggregate-to-admin": "true" }))],
  ["A1", "a tenant RoleBinding to system:aggregate-to-edit", (s) => (find(s, "RoleBinding", "cart-config-reader").roleRef = { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "system:aggregate-to-edit" })],
  [
    "A1",
    "a tenant binding to an aggregating ClusterRole that picks up exec",
    (s) => {
      add(s, clusterRole("picked", [{ apiGroups: [""], resources: ["pods/exec"], verbs: ["create"] }], { "example.com/aggregate-to-shop": "true" }));
      add(s, clusterRole("shop-tools", [], {}, { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { "example.com/aggregate-to-shop": "true" } }] } }));
      find(s, "RoleBinding", "cart-config-reader").roleRef = { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "shop-tools" };
    },
  ],
  ["A1", "cluster-admin for the group of every tenant ServiceAccount", (s) => add(s, binding("ClusterRoleBinding", "shop-admin", { kind: "ClusterRole", name: "cluster-admin" }, [{ kind: "Group", name: "system:serviceaccounts:shop" }]))],
  ["A1", "cluster-admin for a tenant ServiceAccount named as a user", (s) => add(s, binding("ClusterRoleBinding", "cart-admin", { kind: "ClusterRole", name: "cluster-admin" }, [{ kind: "User", name: "system:serviceaccount:shop:cart" }]))],
  ["A1", "a tenant ServiceAccount bound to admin in kube-system", (s) => add(s, binding("RoleBinding", "cart-kube-system", { kind: "ClusterRole", name: "admin" }, [{ kind: "ServiceAccount", name: "cart", namespace: TENANT }], "kube-system"))],
  ["A1", "pods/ephemeralcontainers", (s) => grant(s, { resources: ["pods/ephemeralcontainers"], verbs: ["patch"] })],
  ["A1", "pods/portforward", (s) => grant(s, { resources: ["pods/portforward"], verbs: ["create"] })],
  ["A1", "serviceaccounts/token", (s) => grant(s, { resources: ["serviceaccounts/token"], verbs: ["create"] })],
  ["A1", "escalate on roles", (s) => grant(s, { apiGroups: ["rbac.authorization.k8s.io"], resources: ["roles"], verbs: ["escalate"] })],
  ["A1", "bind on roles", (s) => grant(s, { apiGroups: ["rbac.authorization.k8s.io"], resources: ["clusterroles"], verbs: ["bind"] })],
  ["A1", "impersonate users", (s) => grant(s, { resources: ["users", "serviceaccounts"], verbs: ["impersonate"] })],
  ["A1", "get on every Secret (no resourceNames)", (s) => grant(s, { resources: ["secrets"], verbs: ["get"] })],
  ["A1", "an EKS team with the Edit access policy", (s) => eksAccess(s, "AmazonEKSEditPolicy", { type: "namespace", namespaces: [TENANT] })],
  ["A1", "an EKS team with the Admin access policy", (s) => eksAccess(s, "AmazonEKSAdminPolicy", { type: "namespace", namespaces: [TENANT] })],
  ["A1", "an EKS team with cluster admin scoped to its namespace", (s) => eksAccess(s, "AmazonEKSClusterAdminPolicy", { type: "namespace", namespaces: [TENANT] })],
  // N1
  ["N1", "allow-all ingress from every namespace", (s) => policy(s, "from-anywhere", { policyTypes: ["Ingress"], ingress: [{ from: [{ namespaceSelector: {} }], ports: [{ protocol: "TCP", port: 8080 }] }] })],
  ["N1", "allow-all ingress by naming no peer", (s) => policy(s, "any-source", { policyTypes: ["Ingress"], ingress: [{ ports: [{ protocol: "TCP", port: 8080 }] }] })],
  ["N1", "every pod in every namespace as an egress peer", (s) => policy(s, "to-any-pod", { policyTypes: ["Egress"], egress: [{ to: [{ namespaceSelector: {}, podSelector: {} }] }] })],
  [
    "N1",
    "a namespace selector that matches every namespace in disguise",
    (s) => policy(s, "from-any-namespace", { policyTypes: ["Ingress"], ingress: [{ from: [{ namespaceSelector: { matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "NotIn", values: ["nothing"] }] } }] }] }),
  ],
  ["N1", "ingress from the whole internet by IP block", (s) => policy(s, "from-internet", { policyTypes: ["Ingress"], ingress: [{ from: [{ ipBlock: { cidr: "0.0.0.0/0", except: ["10.0.0.0/8"] } }] }] })],
  ["N1", "egress to 0.0.0.0/0 beside the default deny", (s) => policy(s, "internet", egressTo("0.0.0.0/0"))],
  ["N1", "egress to ::/0", (s) => policy(s, "internet-v6", egressTo("::/0"))],
  ["N1", "egress to two halves of the internet", (s) => policy(s, "halves", egressTo("0.0.0.0/1", "128.0.0.0/1"))],
  ["N1", "egress to every public block around private space", (s) => policy(s, "public", egressTo(...AROUND_PRIVATE))],
  ["N1", "the tenant namespace loses its tenant label", (s) => delete find(s, "Namespace", TENANT).metadata.labels["slipway.dev/tenant"]],
  // N3
  ["N3", "a LoadBalancer Service", (s) => (service(s).spec.type = "LoadBalancer")],
  ["N3", "externalIPs on a ClusterIP Service", (s) => (service(s).spec.externalIPs = ["203.0.113.10"])],
  ["N3", "a LoadBalancer with an empty exposure reason", (s) => ((service(s).spec.type = "LoadBalancer"), (service(s).metadata.annotations = { [EXPOSURE_REASON_ANNOTATION]: " " }))],
  // X1
  ["X1", "DB_PASS", (s) => env(s, "DB_PASS", "hunter2")],
  ["X1", "MYSQL_PWD", (s) => env(s, "MYSQL_PWD", "hunter2")],
  ["X1", "a _REF suffix holding the password itself", (s) => env(s, "DB_PASSWORD_REF", "hunter2")],
  ["X1", "a _FILE suffix holding the password itself", (s) => env(s, "DB_PASSWORD_FILE", "hunter2")],
  ["X1", "a camelCase dbPassword", (s) => env(s, "dbPassword", "hunter2")],
  ["X1", "a vendor STRIPE_KEY", (s) => env(s, "STRIPE_KEY", "sk_live_fake")],
  ["X1", "a password hidden behind a _HOST suffix", (s) => env(s, "DB_PASSWORD_HOST", "hunter2")],
  ["X1", "a JWT under an innocent name", (s) => env(s, "SESSION", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjYXJ0In0.c2lnbmF0dXJlLWZha2U")],
  ["X1", "--password= in args", (s) => (cart(s).args = ["serve", "--password=hunter2"])],
  ["X1", "--token and its value as separate args", (s) => (cart(s).args = ["serve", "--token", "fake-token-value"])],
  ["X1", "a password inside a shell command", (s) => (cart(s).command = ["sh", "-c", "mysql --host db --password=hunter2 -e 'select 1'"])],
  ["X1", "a password line in a properties file", (s) => configFile(s, "application.properties", "server.port=8080\ndb.password=hunter2\n")],
  ["X1", "a password in a YAML file", (s) => configFile(s, "config.yaml", "db:\n  host: db\n  password: hunter2\n")],
  ["X1", "an apiKey in a JSON file", (s) => configFile(s, "settings.json", '{\n  "endpoint": "https://api.example.test",\n  "apiKey": "fake-key-123"\n}')],
  ["X1", "credentials in a connection string in a file", (s) => configFile(s, "db.conf", "url = postgres://app:hunter2@db:5432/shop\n")],
  ["X1", "a PEM private key in a file", (s) => configFile(s, "tls.key", "-----BEGIN RSA PRIVATE KEY-----\nMIIfake\n-----END RSA PRIVATE KEY-----\n")],
  ["X1", "a password file written as binaryData", (s) => (find(s, "ConfigMap", "cart-config").binaryData = { "app.env": Buffer.from("DB_PASSWORD=hunter2\n").toString("base64") })],
  ["X1", "a token in a pod annotation", (s) => (find(s, "Deployment", "cart").spec.template.metadata.annotations = { "vault.example.test/token": "s.fakeToken123" })],
  ["X1", "user:password behind a _USERNAME suffix", (s) => env(s, "REGISTRY_CREDENTIAL_USERNAME", "admin:hunter2")],
  ["X1", "a password-like word behind a secret-name flag", (s) => (cart(s).args = ["serve", "--tls-secret-name=hunter2"])],
  ["X1", "a password behind a selector flag", (s) => (cart(s).args = ["serve", "--secret-field-selector", "hunter2"])],
  ["X1", "a password in an inject-from-secret annotation", (s) => (service(s).metadata.annotations = { "example.test/inject-ca-from-secret": "hunter2" })],
  ["X1", "an API key in a Service annotation", (s) => (service(s).metadata.annotations = { "monitoring.example.test/api-key": "fake-key-123" })],
  // R4, R10: a metrics port beside a serving port leaves the container serving
  ["R4", "a metrics port beside the serving port, with no readiness probe", (s) => (cart(s).ports.push({ name: "metrics", containerPort: 9090 }), delete cart(s).readinessProbe)],
  ["R10", "a metrics port beside the serving port, with no preStop pause", (s) => (cart(s).ports.push({ name: "http-metrics", containerPort: 9090 }), delete cart(s).lifecycle)],
  // W2
  ["W2", "s3:** (two stars dodge service:*)", (s) => iamPolicy(s, { Action: "s3:**", Resource: "arn:aws:s3:::cart-assets/*" })],
  ["W2", "iam:Pass*", (s) => iamPolicy(s, { Action: ["iam:Pass*"], Resource: "arn:aws:iam::111122223333:role/cart-*" })],
  ["W2", "iam:*Role*", (s) => iamPolicy(s, { Action: ["iam:*Role*"], Resource: "arn:aws:iam::111122223333:role/cart-*" })],
  ["W2", "AdministratorAccess on an app role", (s) => attach(s, "AdministratorAccess")],
  ["W2", "PowerUserAccess on an app role", (s) => attach(s, "PowerUserAccess")],
  ["W2", "IAMFullAccess in managedPolicyArns", (s) => (findCloud(s, "aws:iam/role:Role", "cart-irsa").inputs.managedPolicyArns = ["arn:aws:iam::aws:policy/IAMFullAccess"])],
  ["W2", "NotResource naming one bucket", (s) => iamPolicy(s, { Action: ["s3:GetObject"], NotResource: "arn:aws:s3:::nothing/*" })],
  ["W2", "AdministratorAccess through an exclusive attachment list", (s) => s.cloud.push({ type: "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive", name: "cart-exclusive", inputs: { roleName: "cart-irsa", policyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] } })],
  ["W2", "s3:GetObject on every bucket's every object (arn:aws:s3:::*)", (s) => iamPolicy(s, { Action: ["s3:GetObject"], Resource: "arn:aws:s3:::*" })],
  ["W2", "s3:GetObject on Resource *", (s) => iamPolicy(s, { Action: ["s3:GetObject"], Resource: "*" })],
  // W3
  ["W3", "public endpoint CIDRs 0.0.0.0/1 + 128.0.0.0/1", (s) => publicCidrs(s, ["0.0.0.0/1", "128.0.0.0/1"])],
  ["W3", "public endpoint CIDRs covering all public space", (s) => publicCidrs(s, AROUND_PRIVATE)],
];

/** The legitimate near misses: each must pass every check. */
const controls: Case[] = [
  ["a well-formed Argo Rollout", (s) => asKind(s, "argoproj.io/v1alpha1", "Rollout", "cart-rollout")],
  ["fsGroup and supplementalGroups that are not 0", (s) => (cartPod(s).securityContext.supplementalGroups = [10001])],
  ["an inline CSI volume of a secrets-store driver", (s) => cartPod(s).volumes.push({ name: "vault", csi: { driver: "secrets-store.csi.k8s.io", readOnly: true } })],
  ["a claim on a Ceph class", (s) => (add(s, storageClass("ceph-block", "rook-ceph.rbd.csi.ceph.com"), claim("data", { storageClassName: "ceph-block" })), mountClaim(s, "data"))],
  ["an ephemeral claim on a Ceph class", (s) => (add(s, storageClass("ceph-block", "rook-ceph.rbd.csi.ceph.com")), cartPod(s).volumes.push({ name: "scratch", ephemeral: { volumeClaimTemplate: { spec: { accessModes: ["ReadWriteOnce"], storageClassName: "ceph-block", resources: { requests: { storage: "1Gi" } } } } } }))],
  ["a projected token for a ServiceAccount with workload identity", (s) => cartPod(s).volumes.push({ name: "aws-token", projected: { sources: [{ serviceAccountToken: { path: "token", audience: "sts.amazonaws.com" } }] } })],
  [
    "automount for a ServiceAccount bound to a Role with rules",
    (s) => {
      redisPod(s).automountServiceAccountToken = true;
      add(s, role("leader-election", [{ apiGroups: ["coordination.k8s.io"], resources: ["leases"], verbs: ["get", "update"] }]), binding("RoleBinding", "cart-redis-leader", { kind: "Role", name: "leader-election" }, [{ kind: "ServiceAccount", name: "cart-redis", namespace: TENANT }]));
    },
  ],
  ["get on named Secrets", (s) => grant(s, { resources: ["secrets"], verbs: ["get"], resourceNames: ["cart-redis"] })],
  ["a platform ClusterRole without aggregation labels", (s) => add(s, clusterRole("operator", [{ apiGroups: [""], resources: ["secrets"], verbs: ["list", "watch"] }]))],
  ["EKS cluster admin for platform admins at cluster scope", (s) => eksAccess(s, "AmazonEKSClusterAdminPolicy", { type: "cluster" })],
  ["an EKS team with the View access policy", (s) => eksAccess(s, "AmazonEKSViewPolicy", { type: "namespace", namespaces: [TENANT] })],
  ["egress to one partner network", (s) => policy(s, "partner", egressTo("203.0.113.0/24"))],
  ["egress to half the internet is not all of it", (s) => policy(s, "half", egressTo("0.0.0.0/1", "128.0.0.0/2"))],
  ["ingress from the gateway's namespace by selector expression", (s) => policy(s, "from-gateway", { policyTypes: ["Ingress"], ingress: [{ from: [{ namespaceSelector: { matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "In", values: ["gateway-system"] }] } }] }] })],
  ["a DNS allow without a peer", (s) => policy(s, "dns-anywhere", { policyTypes: ["Egress"], egress: [{ ports: [{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }] }] })],
  ["ingress from one namespace's pods", (s) => policy(s, "from-monitoring", { policyTypes: ["Ingress"], ingress: [{ from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } } }], ports: [{ protocol: "TCP", port: 8080 }] }] })],
  [
    "a LoadBalancer with a recorded exposure reason",
    (s) => ((service(s).spec.type = "LoadBalancer"), (service(s).metadata.annotations = { [EXPOSURE_REASON_ANNOTATION]: "the TCP game server cannot go through the HTTP gateway" })),
  ],
  ["a _FILE suffix pointing at a mounted Secret", (s) => env(s, "DB_PASSWORD_FILE", "/run/secrets/db/password")],
  ["a password host that is a host", (s) => env(s, "DB_PASSWORD_HOST", "vault.internal.test:8200")],
  ["a token audience", (s) => env(s, "TOKEN_AUDIENCE", "sts.amazonaws.com")],
  ["a public key and a cache key", (s) => (env(s, "JWT_PUBLIC_KEY_URL", "https://auth.example.test/jwks.json"), env(s, "CACHE_KEY", "cart"))],
  ["a token TTL", (s) => env(s, "TOKEN_TTL", "3600")],
  [
    "a metrics-only exporter sidecar without probes or a preStop pause (scraped, not served)",
    (s) => {
      const { readinessProbe: _r, livenessProbe: _l, lifecycle: _p, ...rest } = cart(s);
      cartPod(s).containers.push({ ...rest, name: "exporter", ports: [{ name: "metrics", containerPort: 9100 }] });
    },
  ],
  ["a registry login name (Harbor's REGISTRY_CREDENTIAL_USERNAME)", (s) => env(s, "REGISTRY_CREDENTIAL_USERNAME", "harbor_registry_user")],
  ["the name of the Secret a CA lives in (cert-manager's webhook)", (s) => (cart(s).args = ["serve", "--dynamic-serving-ca-secret-name=cart-webhook-ca", "--secret-field-selector=type!=kubernetes.io/dockercfg,type!=helm.sh/release.v1"])],
  ["cert-manager's inject-ca-from-secret annotation", (s) => (service(s).metadata.annotations = { "cert-manager.io/inject-ca-from-secret": "cert-manager/cart-webhook-ca" })],
  ["a token endpoint URL", (s) => env(s, "OAUTH_TOKEN_URL", "https://auth.example.test/oauth/token")],
  ["the shell's PWD", (s) => env(s, "PWD", "/app")],
  ["a BYPASS_CACHE flag", (s) => env(s, "BYPASS_CACHE", "true")],
  ["--password from an env var", (s) => (cart(s).args = ["serve", "--password=$(REDIS_PASSWORD)", "--password-file", "/run/secrets/db/password"])],
  ["a config file that reads the password from the environment", (s) => configFile(s, "config.yaml", "db:\n  host: db\n  password: ${DB_PASSWORD}\n")],
  ["a checksum annotation over a Secret", (s) => (find(s, "Deployment", "cart").spec.template.metadata.annotations = { "checksum/secret": "0b1c3f9e8d7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c" })],
  ["a wildcard in the resource, not the action", (s) => iamPolicy(s, { Action: ["s3:GetObject", "s3:PutObject"], Resource: "arn:aws:s3:::cart-assets/*" })],
  ["listing actions on Resource *", (s) => iamPolicy(s, { Action: ["ec2:DescribeInstances", "s3:ListAllMyBuckets", "ecr:GetAuthorizationToken"], Resource: "*" })],
  ["a scopable action on * narrowed by a Condition", (s) => iamPolicy(s, { Action: ["ec2:TerminateInstances"], Resource: "*", Condition: { StringEquals: { "aws:ResourceTag/app": "cart" } } })],
  ["a node-role policy that is not an admin one", (s) => attach(s, "AmazonS3ReadOnlyAccess")],
  ["public endpoint CIDRs that leave out part of the internet", (s) => publicCidrs(s, ["0.0.0.0/1", "128.0.0.0/2"])],
  ["a platform namespace without the tenant label", (s) => Object.assign(find(s, "Namespace", TENANT).metadata.labels, { "slipway.dev/tenant": undefined, "app.kubernetes.io/part-of": "slipway" })],
];

const failing = (stack: StackView) => [...new Set(runChecks(stack).map((v) => v.check))].sort();

describe("evasive inputs", () => {
  it("number at least 40, across every hardened check", () => {
    expect(evasive.length).toBeGreaterThanOrEqual(40);
    expect([...new Set(evasive.map(([id]) => id))].sort()).toEqual(["A1", "N1", "N3", "R10", "R4", "S13", "S2", "S6", "S8", "S9", "W2", "W3", "X1"]);
  });

  it.each(evasive)("%s catches %s, and no other check fires", (id, _what, mutate) => {
    const stack = secureStack();
    mutate(stack);
    expect(failing(stack)).toEqual([id]);
  });

  it.each(controls)("control: %s passes every check", (_what, mutate) => {
    const stack = secureStack();
    mutate(stack);
    expect(runChecks(stack)).toEqual([]);
  });
});
